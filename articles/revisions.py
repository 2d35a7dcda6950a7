"""A readable comparison of two saved versions of a story, for the admin's history page.

django-reversion keeps every save; this turns two of them into what an editor
wants to see: which fields changed and, word by word, how.
"""

import difflib
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.sanitiser import comparable_body

# Fields an editor reads, in the order the story form shows them.
COMPARED_FIELDS = [
    "headline", "slug", "standfirst", "dateline", "section", "body",
    "featured_image", "featured_image_alt", "featured_image_caption", "featured_image_credit",
    "status", "published_at", "is_pinned", "is_original_reporting", "language",
]
_TOKEN = re.compile(r"\s+|[^\s]+")
_BLOCK_END = re.compile(
    r"</(?:p|h2|h3|h4|li|blockquote|figcaption|caption|tr|th|td)>|<br\s*/?>", re.I
)


def readable_text(value, field_name):
    """The field as a reader would see it: body HTML becomes paragraphs of plain text."""
    if value is None:
        return ""
    if field_name == "body":
        text = unescape(strip_tags(_BLOCK_END.sub("\n", str(value))))
        # CKEditor indents lists and tables with tabs and new lines: one line per
        # paragraph, single-spaced, so only words show up as changed.
        lines = (" ".join(line.split()) for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    return str(value)


def diff_words(old, new):
    """HTML with removed words in ``<del>`` and added words in ``<ins>``; input is escaped."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(old_tokens[a1:a2]), "".join(new_tokens[b1:b2])
        if op == "equal":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(f"<del>{escape(removed)}</del>")
        if added:
            parts.append(f"<ins>{escape(added)}</ins>")
    # Every piece above was escaped before it was wrapped.
    return mark_safe("".join(parts).replace("\n", "<br>"))


def compare_versions(old_version, new_version):
    """Rows of ``(label, diff_html)`` for each field that differs between two versions."""
    rows = []
    old_fields, new_fields = old_version.field_dict, new_version.field_dict
    section_names = _section_names(old_fields, new_fields)
    for name in COMPARED_FIELDS:
        attname = Article._meta.get_field(name).attname
        old_value, new_value = old_fields.get(attname), new_fields.get(attname)
        if name == "section":
            old_value, new_value = section_names.get(old_value), section_names.get(new_value)
        if old_value == new_value:
            continue
        if name == "body" and comparable_body(old_value) == comparable_body(new_value):
            continue  # saved as CKEditor spells it, but the same to a reader
        label = Article._meta.get_field(name).verbose_name.capitalize()
        rows.append(
            (label, diff_words(readable_text(old_value, name), readable_text(new_value, name)))
        )
    return rows


def _section_names(*field_dicts):
    from sections.models import Section

    ids = {fields.get("section_id") for fields in field_dicts} - {None}
    return dict(Section.objects.filter(pk__in=ids).values_list("pk", "name"))

