"""Demo two-step sign-in for the demo supervisors and administrator.

Their role needs two-step sign-in, so ``seed_demo`` gives them an authenticator
with a published key (the RFC 6238 test key): add it to any authenticator app,
or let the browser tests compute codes from it. Demo data only: ``seed_demo``
refuses to run without DEBUG.
"""

from casework.models import AuthenticatorDevice, User

# RFC 6238's test secret "12345678901234567890"; base32 for authenticator apps.
DEMO_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"
DEMO_TOTP_KEY_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
DEMO_TWO_STEP_USERS = ("morgan", "lee", "admin")


def give_demo_staff_two_step() -> None:
    for user in User.objects.filter(username__in=DEMO_TWO_STEP_USERS):
        device = AuthenticatorDevice.objects.filter(user=user, name="Demo authenticator").first()
        device = device or AuthenticatorDevice(user=user, name="Demo authenticator")
        device.set_key(bytes.fromhex(DEMO_TOTP_KEY_HEX))
        device.confirmed = True
        device.save()
