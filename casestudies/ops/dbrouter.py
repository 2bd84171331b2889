"""Optional read replica (``DATABASE_REPLICA_URL``): public reads go to the replica; writes, editors and anyone
with a session (who may have just changed something) use the primary."""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_use_primary: ContextVar[bool] = ContextVar("use_primary", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if has_replica() and not _use_primary.get():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"


def needs_primary(request) -> bool:
    return (
        request.method not in ("GET", "HEAD", "OPTIONS")
        or request.path.startswith(f"/{settings.ADMIN_URL}")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


class PrimaryForWritersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _use_primary.set(needs_primary(request))
        try:
            return self.get_response(request)
        finally:
            _use_primary.reset(token)
