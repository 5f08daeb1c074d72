from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casework"

    def ready(self):
        # Importing the module connects the security log's signal receivers.
        from casework import security

        security.connect_signals()
