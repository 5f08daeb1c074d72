from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from casework.accounts.language import choose_language
from casework.security.health import healthz
from casework.security.views import two_factor_verify

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/verify/", two_factor_verify, name="two_factor_verify"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", choose_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("casework.urls")),
    path("", include("strengths.plan.urls")),
]

# A database that is away answers 503 "please try again", not 500 (recovery_practice/errors.py).
handler500 = "recovery_practice.errors.server_error"
