"""Django admin for organisation administrators: staff, teams, assignments, scheduled work.

Least privilege: no model here shows record content (no "about me", no notes),
and the admin is open only to users flagged as organisation administrators.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_q.admin import FailAdmin, QueueAdmin, ScheduleAdmin, TaskAdmin
from django_q.models import Failure, OrmQ, Schedule, Success

from casework.models import (
    ADMIN_HOLDS_NO_ROLE_IN_RECORDS,
    AuthenticatorDevice,
    CaseAssignment,
    CrisisLine,
    Organisation,
    StaffMembership,
    Team,
    User,
)
from casework.people.assignments import log_assignment_removed, log_assignment_saved


def _is_org_admin(request) -> bool:
    # A verified second factor is needed too (ASVS V4.3.1): TwoFactorMiddleware
    # already sends an administrator without one to set it up, and this check
    # stands even if that middleware is ever left out.
    user = request.user
    return (
        user.is_active
        and user.is_authenticated
        and (user.is_org_admin or user.is_superuser)
        and user.is_verified()
    )


def _login(request, extra_context=None):
    # One login page for the whole site: the admin's own is not offered. A
    # signed-in user who is not an administrator gets the same 404 as anywhere
    # else (sending them to sign in again would loop).
    if request.user.is_authenticated:
        raise Http404("No such page.")
    return redirect_to_login(request.GET.get("next", reverse("admin:index")), reverse("login"))


admin.site.has_permission = _is_org_admin
admin.site.login = _login
admin.site.site_header = "Staff, teams and assignments"
admin.site.site_title = "Administration"
admin.site.index_title = "Manage staff, teams and who works with whom"


class OrgAdminOnly:
    """Every permission in these admins is 'is this an organisation administrator?'."""

    def has_module_permission(self, request):
        return _is_org_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_org_admin(request)

    def has_add_permission(self, request, *args):
        return _is_org_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_org_admin(request)

    def has_delete_permission(self, request, obj=None):
        return False  # end assignments and deactivate accounts instead; history stays


class MembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 1

    def has_view_permission(self, request, obj=None):
        return _is_org_admin(request)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return _is_org_admin(request)


@admin.register(User)
class StaffAdmin(OrgAdminOnly, UserAdmin):
    list_display = ("username", "first_name", "last_name", "is_active", "is_org_admin")
    list_filter = ("is_active", "is_org_admin", "memberships__team")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Name and contact", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "is_org_admin")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        ("Name and contact", {"fields": ("first_name", "last_name", "email")}),
    )
    inlines = [MembershipInline]

    def get_queryset(self, request):
        # Staff accounts only: people's own logins are managed from their record.
        return super().get_queryset(request).filter(person__isnull=True, is_superuser=False)


class CrisisLineInline(admin.TabularInline):
    """Out-of-hours numbers shown on the person's "I need help now" page."""

    model = CrisisLine
    extra = 0
    fields = ("name", "number", "how", "text_word", "when", "position")
    verbose_name = "out-of-hours number"
    verbose_name_plural = "out-of-hours numbers (with none, people see the national lines)"

    def has_view_permission(self, request, obj=None):
        return _is_org_admin(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class OrganisationLineInline(CrisisLineInline):
    def get_queryset(self, request):
        return super().get_queryset(request).filter(team__isnull=True)


class TeamLineInline(CrisisLineInline):
    fk_name = "team"
    verbose_name_plural = "this team's own out-of-hours numbers (they replace the organisation's)"
    fields = ("organisation", *CrisisLineInline.fields)


@admin.register(Organisation)
class OrganisationAdmin(OrgAdminOnly, admin.ModelAdmin):
    list_display = ("name",)
    inlines = [OrganisationLineInline]


@admin.register(Team)
class TeamAdmin(OrgAdminOnly, admin.ModelAdmin):
    list_display = ("name", "organisation", "not_seen_weeks", "works_from", "works_until")
    list_filter = ("organisation",)
    fieldsets = (
        (None, {"fields": ("organisation", "name", "not_seen_weeks")}),
        (
            "Working hours (people are told when a check-in will be seen)",
            {"fields": ("working_days", "works_from", "works_until")},
        ),
    )
    inlines = [MembershipInline, TeamLineInline]


@admin.register(CrisisLine)
class CrisisLineAdmin(OrgAdminOnly, admin.ModelAdmin):
    list_display = ("name", "number", "how", "organisation", "team")
    list_filter = ("organisation", "team")
    fields = ("organisation", "team", "name", "number", "how", "text_word", "when", "position")

    def has_delete_permission(self, request, obj=None):
        return _is_org_admin(request)  # a number, not a record: an old one may go


@admin.register(CaseAssignment)
class CaseAssignmentAdmin(OrgAdminOnly, admin.ModelAdmin):
    list_display = ("person", "worker", "role", "started_on", "ended_on")
    list_filter = ("role", "worker__memberships__team")
    list_select_related = ("person", "worker")
    search_fields = ("person__preferred_name", "person__full_name", "worker__username")
    date_hierarchy = "started_on"
    fields = ("person", "worker", "role", "started_on", "ended_on")
    raw_id_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "worker":
            # Team members only; an administrator is in no team (User.clean), and
            # CaseAssignment.clean refuses one left in a team from before that rule.
            kwargs["queryset"] = User.objects.filter(memberships__isnull=False).distinct()
            kwargs["error_messages"] = {
                "invalid_choice": "Choose someone who is in a team. "
                + ADMIN_HOLDS_NO_ROLE_IN_RECORDS
            }
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Every change to who works with someone is logged on their record, so it
        # shows in their "who has looked at or changed my record" and "who can see".
        before = None
        if change:
            before = CaseAssignment.objects.select_related("person", "worker").get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        log_assignment_saved(request.user, before, obj)

    def delete_model(self, request, obj):
        # Not offered today (has_delete_permission), but never silent if it is.
        log_assignment_removed(request.user, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("person", "worker"):
            log_assignment_removed(request.user, assignment)
        super().delete_queryset(request, queryset)


# django-otp's own admin pages would show the clear TOTP keys (none are kept there now)
# and the stored recovery-code hashes: neither is for anyone to read.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(AuthenticatorDevice)
class TwoStepDeviceAdmin(OrgAdminOnly, admin.ModelAdmin):
    """Lets an administrator reset someone's two-step sign-in (a lost phone); keys stay hidden."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed")
    readonly_fields = ("user", "name", "confirmed")

    def has_add_permission(self, request, *args):
        return False  # set up by the account holder, with their own phone

    def has_delete_permission(self, request, obj=None):
        return _is_org_admin(request)


class ScheduledWorkForOrgAdmin:
    """django-q2's pages (failed tasks, schedules, the queue) for the organisation administrator.

    A task holds ids and error messages, no record content. Failed and finished
    tasks may be cleared; schedules are written by ``migrate`` and only changed here.
    """

    def has_module_permission(self, request):
        return _is_org_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_org_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_org_admin(request)

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return _is_org_admin(request)


for _model, _model_admin in [
    (Failure, FailAdmin),
    (Success, TaskAdmin),
    (Schedule, ScheduleAdmin),
    (OrmQ, QueueAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(
        _model, type(_model_admin.__name__, (ScheduledWorkForOrgAdmin, _model_admin), {})
    )
