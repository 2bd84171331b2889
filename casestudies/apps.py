from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self) -> None:
        # The admin lives in the moderation package rather than in the app's admin.py.
        from .moderation import admin  # noqa: F401
