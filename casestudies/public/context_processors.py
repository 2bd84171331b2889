from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME, "default_canonical_url": settings.SITE_URL + request.path}
