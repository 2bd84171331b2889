"""A case study's files (lead image sizes, documents), served only when the case study is public.

Files never have a public URL of their own: every request comes here, so a file of an unpublished, scheduled,
archived or draft case study is a 404 for the public, like its page, while editors can preview it.
"""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.utils.text import slugify

from casestudies.catalogue import selectors
from casestudies.models import Attachment

# Whatever a file holds, the browser runs nothing from it and shows it in no frame.
FILE_POLICY = "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'"
PUBLIC_MAX_AGE = 300


def download(request: HttpRequest, key: str, filename: str) -> FileResponse:
    preview = selectors.can_preview(request.user)
    attachment = selectors.attachment_for_download(key=key, preview=preview)
    name = attachment.stored_name_for(filename) if attachment is not None else None
    if name is None:
        raise Http404("No such file")
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("No such file") from None
    document = attachment.kind != Attachment.Kind.IMAGE  # documents and the evaluation report: downloaded
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=document,
        filename=f"{slugify(attachment.title)[:80] or 'document'}.{name.rsplit('.', 1)[-1]}"
        if document
        else None,
    )
    response["Content-Security-Policy"] = FILE_POLICY
    if attachment.case_study.is_live:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
