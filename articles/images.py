"""Image uploads: what we accept and how it is stored.

Placeholder rules; the full validation (format allowlist, size and pixel caps,
decompression bombs, re-encoding, metadata stripping) is built on these names.
"""

import os
import uuid

from django.core.exceptions import ValidationError


def random_upload_name(filename, prefix=""):
    """Store every upload under a random name: never trust the uploader's name."""
    extension = os.path.splitext(filename)[1].lower()[:5]
    return f"{prefix}{uuid.uuid4().hex}{extension}"


def featured_image_path(instance, filename):
    return random_upload_name(filename, prefix="articles/")


def validate_image_upload(file):
    if file.size == 0:
        raise ValidationError("The image file is empty.")
