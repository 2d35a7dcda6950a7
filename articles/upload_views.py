"""The story editor's image upload endpoint (CKEditor 4's image dialog).

It replaces django-ckeditor's own upload view, which is exempt from CSRF
checks and stores the uploaded bytes as they come. This one is for staff only,
CSRF-protected (the editor sends the token, see
articles/static/articles/ckeditor-upload-csrf.js), and runs every file through
the same checks and re-encoding as the admin's image fields
(:func:`articles.images.clean_image_upload`).

It answers in the JSON shape CKEditor 4 reads from an XHR upload. Refusals
are sent with status 200 because CKEditor shows ``error.message`` only for a
2xx answer; for any other status it shows a generic "HTTP error" instead.
An ended sign-in is one of them: the admin's redirect to its login page
would reach CKEditor as a page it cannot read ("Incorrect server response").
"""

import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from articles import body_pictures
from articles.images import clean_image_upload

# The widest a picture in a story body is stored. Readers get the renditions
# made from it (320 to 1280 px, see articles/body_pictures.py); the stored
# picture is what a browser that ignores srcset shows, and what "open image"
# opens: twice the body column's width, sharp on any screen, and a
# 12-megapixel phone photo never reaches a reader whole.
BODY_IMAGE_MAX_WIDTH = 1600


# The story stays on the page while the sign-in is renewed elsewhere; the
# picture is the one thing to send again.
SIGN_IN_ENDED = (
    "Your sign-in has ended: sign in again in another tab, then upload the picture again."
)
NOT_STAFF = (
    "This account may not upload pictures: sign in with your newsroom account in another "
    "tab, then upload the picture again."
)


NO_RIGHTS = (
    "This account may not write stories or About pages, so it may not upload pictures: "
    "ask whoever manages the newsroom's accounts to add it to the Writers or Editors group."
)
# Whoever may write a body with pictures in it: a story's or an About page's.
# Any staff account could upload before, with no rights at all, to public media.
UPLOAD_PERMISSIONS = (
    "articles.add_article",
    "articles.change_article",
    "pages.add_aboutpage",
    "pages.change_aboutpage",
)


def _refused(message):
    return JsonResponse({"uploaded": 0, "error": {"message": message}})


@never_cache
@csrf_protect
@require_POST
def ckeditor_upload(request):
    """Store one image for a story body; answer with its URL for the editor."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return _refused(NOT_STAFF if user.is_authenticated else SIGN_IN_ENDED)
    if not any(user.has_perm(permission) for permission in UPLOAD_PERMISSIONS):
        return _refused(NO_RIGHTS)
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return _refused("Choose an image file to upload.")
    try:
        image = clean_image_upload(uploaded, max_width=BODY_IMAGE_MAX_WIDTH)
    except ValidationError as error:
        return _refused(" ".join(error.messages))
    folder = posixpath.join(settings.CKEDITOR_UPLOAD_PATH, f"{timezone.localdate():%Y/%m}")
    name = body_pictures.store(image, folder)
    return JsonResponse(
        {"uploaded": 1, "fileName": posixpath.basename(name), "url": default_storage.url(name)}
    )
