"""Invitation links: making them, using them once, resetting, switching accounts off."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casework.accounts.actions import LINK_DOES_NOT_WORK, hash_token, invite_person
from casework.common.errors import ActionRefused
from casework.demo.factories import PersonFactory
from casework.models import AccessEvent, AccountInvitation, User

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "green kettle morning walk"
FORM_URL = reverse("activate_account_form")


@pytest.fixture
def newcomer(organisation, worker):
    """gina: on alice's caseload, no login yet."""
    from casework.demo.factories import CaseAssignmentFactory

    gina = PersonFactory(organisation=organisation, preferred_name="Gina", full_name="Gina New")
    CaseAssignmentFactory(person=gina, worker=worker)
    return gina


def _activate_url(token):
    return reverse("activate_account", args=[token])


def _open(client, token):
    """Follow the link as a browser does: to the form, whose URL has no token."""
    return client.get(_activate_url(token), follow=True)


def _invite(worker_client, person, **data):
    response = worker_client.post(reverse("invite_person", args=[person.pk]), data)
    assert response.status_code == 200
    link = response.context["link"]
    return link.split("/accounts/activate/")[1].rstrip("/")


def _set_up(client, token, username="gina", password=GOOD_PASSWORD, confirm=None):
    """Open the link (the token goes into the session), then send the form."""
    _open(client, token)
    return client.post(
        FORM_URL,
        {
            "username": username,
            "new_password1": password,
            "new_password2": password if confirm is None else confirm,
        },
    )


def test_worker_invites_and_the_link_is_shown_once(worker_client, newcomer, worker):
    token = _invite(worker_client, newcomer)
    invitation = AccountInvitation.objects.get(person=newcomer)
    # Only a hash is stored; the token itself is nowhere in the database.
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.created_by == worker
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)
    assert AccessEvent.objects.filter(person=newcomer, actor=worker, action="changed").exists()
    # The account page afterwards does not show the link again.
    body = worker_client.get(reverse("record_account", args=[newcomer.pk])).content.decode()
    assert token not in body
    assert "works until" in body


def test_invite_is_post_only(worker_client, newcomer):
    assert worker_client.get(reverse("invite_person", args=[newcomer.pk])).status_code == 405


def test_it_checks_ownership_of_invite(client_for, other_worker, supervisor, newcomer):
    for user in (other_worker, supervisor):
        response = client_for(user).post(reverse("invite_person", args=[newcomer.pk]))
        assert response.status_code == 404
    assert not AccountInvitation.objects.exists()


def test_inviter_needs_an_active_assignment(former_worker, person):
    with pytest.raises(ActionRefused):
        invite_person(former_worker, person)


def test_valid_link_sets_up_the_account_and_signs_in(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    page = _open(client, token)
    assert page.status_code == 200
    assert page.context["form"].initial["username"] == "gina"  # a suggestion
    response = _set_up(client, token)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    newcomer.refresh_from_db()
    assert newcomer.user.username == "gina"
    assert newcomer.user.check_password(GOOD_PASSWORD)
    home = client.get(reverse("home"))
    assert "Hello, Gina" in home.content.decode()
    assert AccountInvitation.objects.get(person=newcomer).used_at is not None


def test_suggestion_avoids_a_taken_username(client, worker_client, newcomer):
    User.objects.create_user(username="gina")
    token = _invite(worker_client, newcomer)
    assert _open(client, token).context["form"].initial["username"] == "gina2"


def test_username_taken_is_said_next_to_the_field(client, worker_client, newcomer, person):
    token = _invite(worker_client, newcomer)
    response = _set_up(client, token, username="ERIN")  # erin exists; case does not matter
    assert response.status_code == 200
    assert "Someone already has that username" in response.context["form"].errors["username"][0]
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_bad_username_is_explained(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    response = _set_up(client, token, username="gina new!")
    assert "no spaces" in response.context["form"].errors["username"][0]


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short1", "too short"),
        ("password123", "too common"),
        ("3141592653589", "entirely numeric"),
        ("gina new!!", "too similar"),
    ],
)
def test_weak_passwords_get_plain_messages_by_the_field(
    client, worker_client, newcomer, password, expected
):
    token = _invite(worker_client, newcomer)
    response = _set_up(client, token, password=password)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["new_password1"])
    assert expected in errors
    body = response.content.decode()
    assert "error-summary-heading" in body  # and summarised at the top
    assert AccountInvitation.objects.get(person=newcomer).used_at is None


def test_passwords_must_match(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    response = _set_up(client, token, confirm="something else entirely")
    assert "The two passwords are different" in response.context["form"].errors["new_password2"][0]


def _assert_link_does_not_work(response):
    assert response.status_code == 200
    body = response.content.decode()
    assert LINK_DOES_NOT_WORK in body
    assert "form" not in response.context or response.context.get("form") is None
    return body


def test_a_used_link_does_not_work_twice(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    _set_up(client, token)
    other = type(client)()
    _assert_link_does_not_work(_open(other, token))
    _assert_link_does_not_work(_set_up(other, token, username="someone"))
    assert not User.objects.filter(username="someone").exists()


def test_an_expired_link_does_not_work(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    AccountInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    _assert_link_does_not_work(_open(client, token))
    _assert_link_does_not_work(_set_up(client, token))


def test_a_new_link_revokes_the_earlier_one(client, worker_client, newcomer):
    first = _invite(worker_client, newcomer)
    second = _invite(worker_client, newcomer)
    _assert_link_does_not_work(_open(client, first))
    assert _open(client, second).context["form"] is not None
    assert AccountInvitation.objects.filter(revoked_at__isnull=False).count() == 1


def _without_csrf(html):
    # The CSRF token is masked afresh on each page: in the htmx header and in forms
    # (the footer's language switcher).
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_tampered_link_gets_the_same_message(client, worker_client, newcomer, person):
    token = _invite(worker_client, newcomer)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    unknown = _assert_link_does_not_work(_open(client, tampered))
    # An expired link for someone who has an account reads exactly the same.
    AccountInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = _assert_link_does_not_work(_open(client, token))
    assert _without_csrf(unknown) == _without_csrf(expired)
    _assert_link_does_not_work(_open(client, "x" * 500))


def test_link_stops_working_when_the_inviter_is_no_longer_assigned(
    client, worker_client, newcomer, worker
):
    token = _invite(worker_client, newcomer)
    newcomer.assignments.update(ended_on=timezone.localdate())
    _assert_link_does_not_work(_open(client, token))
    _assert_link_does_not_work(_set_up(client, token))
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_link_for_an_existing_account_resets_the_password(client, worker_client, person):
    token = _invite(worker_client, person)
    page = _open(client, token)
    assert "username" not in page.context["form"].fields
    assert "Your username is <strong>erin</strong>" in page.content.decode()
    response = _set_up(client, token, username="ignored")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user.username == "erin"
    assert person.user.check_password(GOOD_PASSWORD)
    assert not User.objects.filter(username="ignored").exists()
    assert AccessEvent.objects.filter(person=person, what="your password").exists()


def test_worker_switches_the_account_off_and_a_new_link_switches_it_on(
    client, worker_client, person, person_client
):
    pending = _invite(worker_client, person)
    response = worker_client.post(reverse("deactivate_account", args=[person.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("record_account", args=[person.pk])
    person.refresh_from_db()
    assert person.user.is_active is False
    # The record stays, the person is signed out, open links are revoked.
    assert person_client.get(reverse("me_home")).status_code == 302
    _assert_link_does_not_work(_open(client, pending))
    assert not client.login(username="erin", password="recovery-demo")
    token = _invite(worker_client, person)
    _set_up(client, token)
    person.refresh_from_db()
    assert person.user.is_active is True
    assert client.get(reverse("me_home")).status_code == 200


def test_it_checks_ownership_of_deactivate(client_for, other_worker, supervisor, person):
    for user in (other_worker, supervisor, person.user):
        response = client_for(user).post(reverse("deactivate_account", args=[person.pk]))
        assert response.status_code == 404
    person.user.refresh_from_db()
    assert person.user.is_active


def test_link_can_be_emailed_when_the_person_chose_email(worker_client, newcomer):
    newcomer.email = "gina@example.org"
    newcomer.save()
    token = _invite(worker_client, newcomer, send_email="on")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["gina@example.org"]
    assert token in mail.outbox[0].body
    assert AccountInvitation.objects.get(person=newcomer).emailed_to == "gina@example.org"


def test_no_email_option_without_an_email(worker_client, newcomer):
    body = worker_client.get(reverse("record_account", args=[newcomer.pk])).content.decode()
    assert "Also email the link" not in body
    _invite(worker_client, newcomer, send_email="on")
    assert mail.outbox == []


def test_supervisor_sees_account_status_but_no_buttons(supervisor_client, person):
    body = supervisor_client.get(reverse("record_account", args=[person.pk])).content.decode()
    assert "can sign in and read their record" in body
    assert reverse("invite_person", args=[person.pk]) not in body
    assert reverse("deactivate_account", args=[person.pk]) not in body


# Issue 15, finding 3: links that could let someone else in as the person.


def test_the_token_leaves_the_url_before_the_form_is_shown(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    response = client.get(_activate_url(token))
    # Django's password-reset pattern: the token moves into the session, and the
    # page the person sees (and its Referer, and the logs) never carries it.
    assert response.status_code == 302
    assert response["Location"] == FORM_URL
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get(FORM_URL)
    assert page.status_code == 200
    assert page.context["form"] is not None
    assert token not in page.content.decode()
    # Same-origin (the site default): no-referrer would make the browser send
    # "Origin: null" with the form, which the CSRF check refuses.
    assert page["Referrer-Policy"] == "same-origin"
    assert _set_up(client, token).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.user.username == "gina"


def test_the_form_without_a_link_opened_does_not_work(client, worker_client, newcomer):
    _invite(worker_client, newcomer)
    _assert_link_does_not_work(client.get(FORM_URL))
    response = client.post(
        FORM_URL,
        {"username": "gina", "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )
    _assert_link_does_not_work(response)
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_the_link_itself_only_answers_get(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    response = client.post(
        _activate_url(token),
        {"username": "gina", "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )
    assert response.status_code == 405
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_the_session_forgets_the_link_once_used(client, worker_client, newcomer):
    token = _invite(worker_client, newcomer)
    _set_up(client, token)
    _assert_link_does_not_work(client.get(FORM_URL))


def test_new_link_for_an_existing_login_goes_to_their_email_not_to_staff(
    client, worker_client, person
):
    person.email = "erin@example.org"
    person.save()
    response = worker_client.post(reverse("invite_person", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    # Whoever holds the link can sign in as Erin: staff never see it.
    assert "/accounts/activate/" not in body
    assert response.context["link"] is None
    assert "a link has been sent to the email address they gave us" in body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.org"]
    token = re.search(r"/accounts/activate/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert AccountInvitation.objects.get(person=person).emailed_to == "erin@example.org"
    assert _set_up(client, token).status_code == 302
    person.user.refresh_from_db()
    assert person.user.check_password(GOOD_PASSWORD)


def test_account_page_says_a_new_link_goes_to_the_email(worker_client, person):
    person.email = "erin@example.org"
    person.save()
    body = worker_client.get(reverse("record_account", args=[person.pk])).content.decode()
    assert "Also email the link" not in body  # not a choice: it always goes there
    assert "sent to erin@example.org" in body


def test_new_link_for_an_existing_login_without_email_is_shown_and_says_why(worker_client, person):
    response = worker_client.post(reverse("invite_person", args=[person.pk]))
    body = response.content.decode()
    assert "/accounts/activate/" in response.context["link"]
    assert "has no email address recorded" in body
    assert "can sign in as Erin" in body
    assert mail.outbox == []


def test_first_link_with_an_email_is_shown_and_emailed_only_if_asked(worker_client, newcomer):
    newcomer.email = "gina@example.org"
    newcomer.save()
    response = worker_client.post(reverse("invite_person", args=[newcomer.pk]))
    assert "/accounts/activate/" in response.context["link"]
    assert mail.outbox == []


def test_using_a_new_link_signs_the_person_out_everywhere_else(
    client, worker_client, person, person_client
):
    assert person_client.get(reverse("me_home")).status_code == 200
    salt_before = person.user.session_salt
    token = _invite(worker_client, person)
    assert _set_up(client, token).status_code == 302
    # The sign-in that may belong to someone else is over; the new one carries on.
    response = person_client.get(reverse("me_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("me_home")).status_code == 200
    # Ended on purpose, not only because the password hash changed.
    person.user.refresh_from_db()
    assert person.user.session_salt != salt_before


def test_new_link_and_switching_off_show_in_the_persons_log_and_whats_new(
    client, client_for, worker_client, person, worker
):
    client_for(person.user).get(reverse("me_home"))  # an earlier visit
    _invite(worker_client, person)
    worker_client.post(reverse("deactivate_account", args=[person.pk]))
    token = _invite(worker_client, person)
    _set_up(client, token)
    made = f"{worker.display_name()}, lead worker, changed your account link (password reset)"
    switched_off = f"{worker.display_name()}, lead worker, changed your account (switched off)"
    home = client.get(reverse("me_home")).content.decode()
    assert "New since your last visit" in home
    assert made in home
    assert switched_off in home
    log = client.get(reverse("me_access_log")).content.decode()
    assert made in log
    assert switched_off in log
