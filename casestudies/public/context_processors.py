from django.conf import settings

from .languages import is_welsh


def site(request):
    return {
        "site_name": settings.SITE_NAME_CY if is_welsh() else settings.SITE_NAME,
        "default_canonical_url": settings.SITE_URL + request.path,
    }
