"""A person's own login: invitation links, activation, password reset, switching off.

Every account is set up from a one-time link that a worker creates on the
person's page. Only a hash of the link's token is stored. The same flow resets a
forgotten password (the username is kept) and switches a deactivated account
back on. A link that cannot be used, for whatever reason, gets one message that
says nothing about whether an account exists.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from casework.access import record_change
from casework.common.errors import ActionRefused
from casework.models import AccountInvitation, CaseAssignment, Person, User

INVITATION_LIFETIME = datetime.timedelta(days=7)
LINK_DOES_NOT_WORK = "This link does not work any more. Ask your worker for a new one."


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _has_active_assignment(worker: User, person: Person) -> bool:
    return CaseAssignment.objects.active().filter(worker=worker, person=person).exists()


def _revoke_open_invitations(person: Person, now) -> int:
    return person.invitations.filter(used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )


def invite_person(worker: User, person: Person) -> tuple[AccountInvitation, str]:
    """Create a one-time link for ``person``; earlier unused links stop working.

    Returns the invitation and the raw token, which exists only in this return
    value: show it to the worker once. The inviter must be assigned to the person.
    """
    if not worker.is_active or not _has_active_assignment(worker, person):
        raise ActionRefused("Only a worker assigned to this person can invite them.")
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        _revoke_open_invitations(person, now)
        invitation = AccountInvitation.objects.create(
            person=person,
            created_by=worker,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + INVITATION_LIFETIME,
        )
        what = "your account link (password reset)" if person.user_id else "your account link"
        record_change(worker, person, what)
    return invitation, token


def link_goes_only_to_the_person(person: Person) -> bool:
    """Whether a new link must go to the person's own email and never be shown to staff.

    A link for a login that already exists lets whoever holds it sign in as the
    person and read what they chose not to share, so when the person gave us an
    email it goes there. A first invitation, or a person with no email, still
    gets the link shown to the worker to pass on.
    """
    return bool(person.user_id and person.email)


def email_invitation(invitation: AccountInvitation, link: str) -> bool:
    """Send the link to the email address the person chose; ``False`` if none is recorded."""
    person = invitation.person
    if not person.email:
        return False
    send_mail(
        subject="Your link to set up your account",
        message=(
            f"Hello {person.preferred_name},\n\n"
            f"{invitation.created_by.display_name()} has made you a link to set up your "
            "account, or to choose a new password. It works once, for 7 days:\n\n"
            f"{link}\n\nIf you did not expect this, you can ignore this email.\n"
        ),
        from_email=None,
        recipient_list=[person.email],
    )
    AccountInvitation.objects.filter(pk=invitation.pk).update(emailed_to=person.email)
    return True


def find_usable_invitation(token: str) -> AccountInvitation | None:
    """The open invitation for ``token``, or ``None`` (expired, used, revoked or made up).

    The inviter must still be actively assigned to the person: no account is set
    up without a worker to support it.
    """
    if not token or len(token) > 100:
        return None
    invitation = (
        AccountInvitation.objects.select_related("person", "person__user", "created_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_open():
        return None
    if not invitation.created_by.is_active:
        return None
    if not _has_active_assignment(invitation.created_by, invitation.person):
        return None
    return invitation


def suggest_username(person: Person) -> str:
    base = slugify(person.preferred_name).replace("-", "") or "me"
    base = base[:30]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def username_is_free(username: str) -> bool:
    return not User.objects.filter(username__iexact=username).exists()


validate_username = UnicodeUsernameValidator()


def activate_account(token: str, *, username: str, password: str) -> User | None:
    """Use the link: create the person's login, or set a new password on it.

    Returns the login, or ``None`` if the link cannot be used (checked again
    under a row lock, so one link never sets up two accounts).
    """
    with transaction.atomic():
        invitation = find_usable_invitation(token)
        if invitation is None:
            return None
        invitation = AccountInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open():
            return None
        person = Person.objects.select_for_update().get(pk=invitation.person_id)
        now = timezone.now()
        if person.user_id:
            user = person.user
            user.set_password(password)
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
            # Whoever else is signed in as the person is signed out everywhere,
            # on purpose rather than as a side effect of the password hash; the
            # view signs this browser in with the new salt.
            user.rotate_session_salt()
            what = "your password"
        else:
            user = User.objects.create_user(
                username=username, password=password, first_name=person.preferred_name
            )
            person.user = user
            person.save(update_fields=["user"])
            what = "your account (set up)"
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        record_change(user, person, what)
    return user


def deactivate_account(worker: User, person: Person) -> bool:
    """Switch the person's login off; their record stays. A new link switches it on."""
    if person.user_id is None:
        return False
    with transaction.atomic():
        _revoke_open_invitations(person, timezone.now())
        User.objects.filter(pk=person.user_id).update(is_active=False)
        record_change(worker, person, "your account (switched off)")
    return True
