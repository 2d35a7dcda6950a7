"""Admin forms for stories.

The rich-text editor is chosen here, in one place: moving off CKEditor 4 later
means changing ``BODY_WIDGET`` and nothing else (docs/decisions/0002-ckeditor-4.md).
"""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms

from articles.images import NewsImageFormField
from articles.models import Article


class NewsroomEditorWidget(CKEditorUploadingWidget):
    """CKEditor 4 whose image uploads carry Django's CSRF token.

    Images pasted or dropped into the body use the same upload URL (CKEditor's
    ``uploadimage`` plugin falls back to ``filebrowserUploadUrl``).
    """

    @property
    def media(self):
        return super().media + forms.Media(js=["articles/ckeditor-upload-csrf.js"])


BODY_WIDGET = NewsroomEditorWidget


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "headline", "slug", "standfirst", "dateline", "section", "body",
            "featured_image", "featured_image_alt", "featured_image_caption",
            "featured_image_credit", "status", "published_at", "is_pinned",
            "is_original_reporting", "language",
        ]
        widgets = {"body": BODY_WIDGET(), "standfirst": forms.Textarea(attrs={"rows": 3})}
        # Uploads are checked and re-encoded while the form cleans (articles/images.py).
        field_classes = {"featured_image": NewsImageFormField}
