"""Builds the records the concurrent-writer test writes to, in a scratch database.

Run in its own process against the scratch database (``DATABASE_URL``), so the
test's own database stays untouched. Prints, as JSON, what each writer needs:
its session cookie, its note, its plan difference and an activation link.
"""

import json
import sys


def build(writers: int) -> dict:
    from django.test import Client

    from casework.accounts.actions import invite_person
    from casework.demo.factories import (
        CaseAssignmentFactory,
        OrganisationFactory,
        PersonFactory,
        SessionNoteFactory,
        StaffMembershipFactory,
        TeamFactory,
        UserFactory,
    )
    from strengths.plan.actions import get_or_create_plan, see_differently

    organisation = OrganisationFactory(name="Writers' service")
    team = TeamFactory(organisation=organisation, name="Writers' team")
    out = []
    for i in range(writers):
        worker = UserFactory(username=f"writer{i}")
        StaffMembershipFactory(user=worker, team=team)
        person = PersonFactory(organisation=organisation, user=UserFactory(username=f"person{i}"))
        newcomer = PersonFactory(organisation=organisation)
        for someone in (person, newcomer):
            CaseAssignmentFactory(person=someone, worker=worker)
        note = SessionNoteFactory(person=person, author=worker)
        section = get_or_create_plan(person).sections.order_by("position").first()
        difference = see_differently(person.user, person, section, wording=f"Seen by {i}.")
        _, token = invite_person(worker, newcomer)
        client = Client()
        client.force_login(worker)
        out.append(
            {
                "session": client.cookies["sessionid"].value,
                "person": person.pk,
                "note": note.pk,
                "difference": difference.pk,
                "newcomer": newcomer.pk,
                "token": token,
            }
        )
    return {"writers": out}


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(build(int(sys.argv[1]))))
