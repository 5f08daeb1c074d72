"""Your own account's security: two-factor sign-in, password, signing out everywhere."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from casework import security
from casework.common.forms import posted
from casework.security.models import (
    RECOVERY_CODE_COUNT,
    AuthenticatorDevice,
    RecoveryCodes,
    make_recovery_codes,
    recovery_codes_for,
)


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label="The 6-digit code from your authenticator app",
        min_length=6,
        max_length=6,
        strip=True,
        error_messages={
            "required": "Type the 6-digit code your app shows.",
            "min_length": "Type all 6 digits of the code.",
            "max_length": "Type only the 6 digits of the code.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label="A recovery code",
        max_length=40,
        error_messages={
            "required": "Type one of your recovery codes.",
            "max_length": "That is longer than a recovery code. Type one code, like abcde-fghij.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


def _confirmed_device(user):
    return AuthenticatorDevice.objects.filter(user=user, confirmed=True).first()


def _end_other_sign_ins(request):
    """Every other session of this user stops working; this one carries on."""
    request.user.rotate_session_salt()
    update_session_auth_hash(request, request.user)


def security_page(request):
    user = request.user
    return render(
        request,
        "account/security.html",
        {
            "device": _confirmed_device(user),
            "recovery_codes": recovery_codes_for(user),
            "required": security.two_factor_required(user),
            "disable_form": ConfirmPasswordForm(user),
        },
    )


def _qr_svg(uri: str) -> str:
    # Inline SVG markup (no data: URI, no script, no style attribute), hidden from
    # screen readers: the key is also shown as text for typing in.
    svg = segno.make(uri, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff")
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def two_factor_setup(request):
    user = request.user
    if _confirmed_device(user):
        return redirect("security")
    device = AuthenticatorDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = AuthenticatorDevice(user=user, name="Authenticator app", confirmed=False)
        device.set_key()
        device.save()
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            _end_other_sign_ins(request)
            security.remember_two_factor_state(request)
            security.log_event(request, "two-factor turned on")
            messages.success(
                request,
                "Two-step sign-in is on. You will be asked for a code each time you sign in. "
                "Any other sign-ins to your account have been ended.",
            )
            return _show_new_codes(request, make_recovery_codes(user))
        form.add_error("otp_token", _CODE_DID_NOT_WORK)
    return render(
        request,
        "account/two_factor_setup.html",
        {
            "form": form,
            "secret": base64.b32encode(device.bin_key).decode(),
            "otpauth_uri": device.config_url,
            "qr_svg": _qr_svg(device.config_url),
            "required": security.two_factor_required(user),
        },
    )


_CODE_DID_NOT_WORK = (
    "That code did not work. Check that the time on your phone is right and type the newest code."
)


@require_POST
def two_factor_disable(request):
    form = ConfirmPasswordForm(request.user, request.POST)
    if not form.is_valid():
        messages.error(request, "Two-step sign-in is still on: " + form.errors["password"][0])
        return redirect("security")
    AuthenticatorDevice.objects.filter(user=request.user).delete()
    RecoveryCodes.objects.filter(user=request.user).delete()
    request.session.pop("otp_device_id", None)
    request.user.otp_device = None
    state = security.remember_two_factor_state(request)
    security.log_event(request, "two-factor turned off")
    if state == "set_up":
        messages.info(request, "Your role needs two-step sign-in: set it up again to carry on.")
        return redirect("two_factor_setup")
    messages.success(request, "Two-step sign-in is off.")
    return redirect("security")


def two_factor_verify(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    device = _confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(next_url or "home")
    if request.method == "POST" and "recovery_code" in request.POST:
        return _verify_with_recovery_code(request, next_url)
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            security.remember_two_factor_state(request)
            security.log_event(request, "two-factor code accepted")
            return redirect(next_url or "home")
        security.log_event(request, "two-factor code refused")
        form.add_error(
            "otp_token",
            _CODE_DID_NOT_WORK if allowed else "Too many wrong codes. Wait a minute and try again.",
        )
    return _verify_page(request, form, RecoveryCodeForm(), next_url)


def _verify_page(request, form, recovery_form, next_url):
    return render(
        request,
        "account/two_factor_verify.html",
        {"form": form, "recovery_form": recovery_form, "next": next_url},
    )


def _verify_with_recovery_code(request, next_url):
    """A recovery code instead of the phone's code: it works once, then is gone."""
    form = RecoveryCodeForm(request.POST)
    codes = recovery_codes_for(request.user)
    if form.is_valid():
        allowed = codes is not None and codes.verify_is_allowed()[0]
        if allowed and codes.verify_token(form.cleaned_data["recovery_code"]):
            otp_login(request, codes)
            security.remember_two_factor_state(request)
            security.log_event(request, "recovery code accepted")
            left = codes.codes_left()
            messages.warning(
                request,
                f"You signed in with a recovery code. It will not work again; you have {left} left. "
                "If you have lost your phone, turn two-step sign-in off and on again on "
                "your security page to move it to a new phone.",
            )
            return redirect(next_url or "home")
        security.log_event(request, "recovery code refused")
        form.add_error(
            "recovery_code",
            "That recovery code did not work. Each code works once; check you typed it as printed."
            if allowed or codes is None
            else "Too many wrong codes. Wait a minute and try again.",
        )
    return _verify_page(request, CodeForm(), form, next_url)


def _show_new_codes(request, codes):
    """The new recovery codes, shown once: they are kept only as hashes."""
    # Every signed-in page is sent with Cache-Control: no-store (the security middleware).
    return render(request, "account/recovery_codes_new.html", {"codes": codes})


@require_http_methods(["GET", "HEAD", "POST"])
def recovery_codes(request):
    """How many recovery codes are left; new ones (after the password) replace them all."""
    if _confirmed_device(request.user) is None:
        return redirect("security")
    form = ConfirmPasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        codes = make_recovery_codes(request.user)
        security.log_event(request, "recovery codes made")
        return _show_new_codes(request, codes)
    return render(
        request,
        "account/recovery_codes.html",
        {
            "form": form,
            "codes": recovery_codes_for(request.user),
            "count": RECOVERY_CODE_COUNT,
        },
    )


@require_POST
def sign_out_everywhere(request):
    _end_other_sign_ins(request)
    security.log_event(request, "signed out everywhere else")
    messages.success(request, "Every other sign-in to your account has been ended.")
    return redirect("security")


def password_change(request):
    form = PasswordChangeForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        # A new password ends every other sign-in; this one carries on.
        update_session_auth_hash(request, form.user)
        security.log_event(request, "password changed")
        messages.success(request, "Your password has been changed.")
        return redirect("security")
    return render(request, "account/password_change.html", {"form": form})
