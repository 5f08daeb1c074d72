from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casework"

    def ready(self):
        # Importing the module connects the security log's signal receivers.
        from casework import security

        security.connect_signals()
        # English pages look each string up once, not through six empty catalogues.
        from casework.common.translation import drop_empty_fallbacks_everywhere

        drop_empty_fallbacks_everywhere()
        # The scheduled work (casework/reminders/tasks.py) is written after every migrate.
        post_migrate.connect(_ensure_schedules, sender=self)


def _ensure_schedules(sender, **kwargs):
    from casework.reminders.tasks import ensure_schedules

    ensure_schedules()
