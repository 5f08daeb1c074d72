from django.apps import AppConfig


class StrengthsConfig(AppConfig):
    name = "strengths"
    verbose_name = "Strengths and plans"
