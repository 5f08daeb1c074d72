from django.urls import path

from casework.views import account, home, people

urlpatterns = [
    path("", home.home, name="home"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
    path("account/security/", account.security_page, name="security"),
    path("account/security/two-step/", account.two_factor_setup, name="two_factor_setup"),
    path(
        "account/security/two-step/turn-off/",
        account.two_factor_disable,
        name="two_factor_disable",
    ),
    path("account/security/password/", account.password_change, name="password_change"),
    path(
        "account/security/sign-out-everywhere/",
        account.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
]
