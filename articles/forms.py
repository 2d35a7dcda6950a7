"""Admin forms for stories.

The rich-text editor is chosen here, in one place: moving off CKEditor 4 later
means changing ``BODY_WIDGET`` and nothing else (docs/decisions/0002-ckeditor-4.md).
"""

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms

from articles.models import Article

BODY_WIDGET = CKEditorUploadingWidget


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        exclude = []  # every editable field; the admin's fieldsets choose the layout
        widgets = {"body": BODY_WIDGET(), "standfirst": forms.Textarea(attrs={"rows": 3})}
