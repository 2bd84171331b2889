from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self) -> None:
        # The admin lives in the moderation package rather than in the app's admin.py.
        from .models.index import new_page_version, page_version
        from .moderation import admin, search_admin  # noqa: F401
        from .ops import pagecache

        pagecache.register(read=page_version, bump=new_page_version)

        # Keyword searches are counted in memory (a page served from the cache too) and written after a response.
        from django.core.signals import request_finished

        from .catalogue import searchlog

        pagecache.on_hit(searchlog.record)
        request_finished.connect(searchlog.flush_if_due, dispatch_uid="casestudies.searchlog")
