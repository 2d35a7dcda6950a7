"""Admin forms for stories.

The rich-text editor is chosen here, in one place: moving off CKEditor 4 later
means changing ``BODY_WIDGET`` and nothing else (docs/decisions/0002-ckeditor-4.md).
"""

import copy
import datetime
import re

from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from articles import services
from articles.fields import CleanTextFormField, refuse_html_tags
from articles.images import NewsImageFormField
from articles.models import Article, validate_language_code
from articles.sanitiser import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    PASTED_HEADING_LEVELS,
    QUOTATION_TAG,
    BodyRefused,
    check_body,
    comparable_body,
    unshowable_addresses,
)
from articles.templatetags.newsroom_stories import (
    RIGHT_TO_LEFT_LANGUAGES,
    RIGHT_TO_LEFT_SCRIPTS,
    is_right_to_left,
)


def sanitiser_allowlist_rules():
    """The sanitiser's allowlist in CKEditor's allowed-content syntax: ``td[colspan,rowspan]; ...``.

    CKEditor's content filter keeps only what its toolbar can make. Before the
    Table button there was nothing that made a table, and there is still no rule
    or figure button, so it flattened a pasted table into one run of text
    ("PartyVotesGreens12.4%") and, on opening a story, dropped its figures'
    captions and its images' sizes. What the sanitiser keeps, the editor keeps;
    what it drops is dropped on save whatever the editor sends. A pasted ``<q>``
    too, which the sanitiser turns into its words in quotation marks: dropped by
    the editor, the words arrived without them.
    """
    return "; ".join(
        f"{tag}[{','.join(sorted(ALLOWED_ATTRIBUTES[tag]))}]" if tag in ALLOWED_ATTRIBUTES else tag
        for tag in sorted(ALLOWED_TAGS | {QUOTATION_TAG})
    )


def typed_language(value):
    """The language tag typed in a story's Language box, as saving would write it
    (" AR " is ``ar``), or None if it is none.

    For a form that comes back unsaved: the body is shown in that language.
    CKEditor writes it into its editing area's HTML as it stands, and a page
    into a ``lang`` attribute: only a tag.
    """
    primary, dash, subtags = (value or "").strip().partition("-")
    typed = primary.lower() + dash + subtags
    return typed if validate_language_code.regex.match(typed) else None


class NewsroomEditorWidget(CKEditorUploadingWidget):
    """CKEditor 4 whose image uploads carry Django's CSRF token, and that keeps what the
    sanitiser keeps (pasted tables, figures with captions, headings at the nearest level).

    Images pasted or dropped into the body use the same upload URL (CKEditor's
    ``uploadimage`` plugin falls back to ``filebrowserUploadUrl``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extra = self.config.get("extraAllowedContent")
        self.config["extraAllowedContent"] = "; ".join(
            rules for rules in (extra, sanitiser_allowlist_rules()) if rules
        )
        # CKEditor's filter would make a pasted <h1>, <h5> or <h6> a paragraph
        # before the sanitiser could move it to a level a story has: editor-headings.js
        # renames it first, by the sanitiser's table.
        self.config["pastedHeadingLevels"] = dict(PASTED_HEADING_LEVELS)

    def __deepcopy__(self, memo):
        # Each form's copy gets its own config, so one story's language
        # (``set_language``) does not become every later form's.
        copied = super().__deepcopy__(memo)
        copied.config = copy.deepcopy(self.config, memo)
        return copied

    def set_language(self, language):
        """Edit the body as text in ``language`` (a BCP 47 tag) reads: right to left for Arabic.

        CKEditor otherwise lays the body out in the direction of its own
        toolbar's language, so Arabic copy was typed left to right, with its
        full stops on the wrong side. ``contentsLanguage`` is the editing
        area's ``lang``, for the browser's spelling and hyphenation.
        """
        self.config["contentsLangDirection"] = "rtl" if is_right_to_left(language) else "ltr"
        self.config["contentsLanguage"] = language

    @property
    def media(self):
        return super().media + forms.Media(
            js=[
                "articles/ckeditor-upload-csrf.js",
                "articles/editor-each.js",
                "articles/editor-headings.js",
                # Paragraphs pasted as blank lines (<pre>, <br><br>) stay paragraphs.
                "articles/editor-paste-paragraphs.js",
                # Links of the kinds a story keeps: no phone numbers or anchors.
                "articles/editor-dialogs.js",
                # Named after the field's label, not the textarea's id.
                "articles/editor-title.js",
            ]
        )


BODY_WIDGET = NewsroomEditorWidget


def validate_rich_text(value):
    """Refuse, on its field, a body or page text that the sanitiser would refuse to clean.

    Too long, nested too deep, or with a tag left open to be repeated through
    the rest (``articles.sanitiser.check_body``): the form comes back with the
    text as it was sent and the reason under it, and nothing is saved.
    """
    try:
        check_body(value)
    except BodyRefused as refused:
        raise ValidationError(refused.message, code=refused.code) from refused
    pictures, links = unshowable_addresses(value)
    problems = []
    if pictures:
        problems.append(
            ValidationError(
                "1 picture here cannot be shown to readers: %(addresses)s. A picture pasted "
                "from Word or an e-mail points at a file on your computer, or carries its bytes "
                "in the text; saving would drop it. Upload it with the Image button instead, "
                "or take it out."
                if len(pictures) == 1
                else "%(count)s pictures here cannot be shown to readers: %(addresses)s. A "
                "picture pasted from Word or an e-mail points at a file on your computer, or "
                "carries its bytes in the text; saving would drop them. Upload each with the "
                "Image button instead, or take them out.",
                code="unshowable_picture",
                params={"count": len(pictures), "addresses": _listed(pictures)},
            )
        )
    if links:
        problems.append(
            ValidationError(
                "1 link here is not a web address: %(addresses)s. Readers could not follow "
                "it, and saving would drop it. Link to an address starting http:// or "
                "https:// (or mailto:), or take the link out."
                if len(links) == 1
                else "%(count)s links here are not web addresses: %(addresses)s. Readers could "
                "not follow them, and saving would drop them. Link to an address starting "
                "http:// or https:// (or mailto:), or take the links out.",
                code="unshowable_link",
                params={"count": len(links), "addresses": _listed(links)},
            )
        )
    if problems:
        raise ValidationError(problems)


def _listed(addresses, most=3, width=60):
    """The first few ``addresses``, each cut to ``width`` characters, quoted."""
    shown = [
        f"“{address if len(address) <= width else address[: width - 1] + '…'}”"
        for address in addresses[:most]
    ]
    more = len(addresses) - most
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


class StoryBodyField(CleanTextFormField):
    """The body, changed only if a reader would see a difference.

    CKEditor re-serialises the body it loads (new lines and tabs between tags,
    ``<strong>`` for ``<b>``, attributes sorted, ``<br />``), so comparing strings
    called every headline fix "Changed Headline and Body." in the history.
    Control characters go before validation, as in the plain-text fields: a NUL
    pasted into the body is dropped, not refused.
    """

    default_validators = [validate_rich_text]

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return comparable_body(initial) != comparable_body(self.to_python(data))


def clock_change_message(naive):
    """Why ``naive``, a time typed in the desk's zone, names no one moment: what to do.

    Django says only that the time "may be ambiguous or may not exist". An
    editor scheduling across the night the clocks change needs to know which,
    and how far to move it.
    """
    zone = timezone.get_current_timezone()
    before, after = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    shift = abs(after.utcoffset() - before.utcoffset())
    minutes = int(shift.total_seconds() // 60)
    amount, span = ("an hour", "hour") if minutes == 60 else (f"{minutes} minutes",) * 2
    at = f"{naive:%H:%M} on {date_format(naive, 'j F Y')}"
    exists = before.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) == naive
    if exists:
        return (
            f"{at} comes twice in {zone}: the clocks go back {amount} that night, so it "
            f"could be either. Choose a time outside the repeated {span}."
        )
    return (
        f"There is no {at} in {zone}: the clocks go forward {amount} that night. "
        "Choose a time before or after the change."
    )


# How the desk types a date and a time (newsroom/formats/en/formats.py), with an
# example whose day cannot be read as a month.
DATE_TYPED_AS = "day/month/year, such as 31/12/2026 (or 2026-12-31)"
TIME_TYPED_AS = "hours:minutes on the 24-hour clock, such as 14:30"


def publication_time_help():
    """The Published at box's help: how to type the time, and which zone it is read in.

    Read while the form is made, not when the module loads: the zone is the
    site's ``TIME_ZONE`` (an editor in another zone types the desk's time).
    """
    return (
        f"When the story goes public. Date as {DATE_TYPED_AS}; time as {TIME_TYPED_AS}, "
        f"in {timezone.get_current_timezone_name()} time. Publishing it with a time still "
        "to come schedules it; empty, publishing puts it out at once."
    )


# A date typed in one of the desk's forms (newsroom/formats/en/formats.py), read
# whether or not it exists: day/month/year (with "/" or ".", the year in two
# figures or four), year-month-day, or day, month's name and year ("31 Feb 2027").
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\s*$")
_YEAR_FIRST = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_MONTH_NAMED = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\s*$")
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%b").lower(),
        datetime.date(2000, number, 1).strftime("%B").lower(),
    )
}


def no_such_day(typed):
    """What to say of ``typed`` if it is a date in the desk's form that no calendar has
    ("31/02/2027": "There is no 31 February 2027…"), else None."""
    typed = typed or ""
    day_first, year_first = _DAY_FIRST.match(typed), _YEAR_FIRST.match(typed)
    named = _MONTH_NAMED.match(typed)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        if year < 100:
            # As Python's "%y" reads it: 69-99 are the 1900s, 00-68 the 2000s.
            year += 1900 if year >= 69 else 2000
    elif year_first:
        year, month, day = (int(part) for part in year_first.groups())
    elif named and named[2].lower() in _MONTHS:
        day, month, year = int(named[1]), _MONTHS[named[2].lower()], int(named[3])
    else:
        return None
    if not 1 <= month <= 12:
        return (
            f"There is no month {month}: dates are day/month/year, such as 31/12/2026 "
            "(or 2026-12-31)."
        )
    try:
        datetime.date(year, month, day)
    except ValueError:
        named = f"{day} {datetime.date(2000, month, 1):%B} {year}"
        return f"There is no {named}: check the day and the month."
    return None


class DeskDateField(forms.DateField):
    """A date box that says when a date typed in the right form does not exist."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            said = no_such_day(value) if isinstance(value, str) else None
            if said:
                raise ValidationError(said, code="invalid_date") from None
            raise


class DeskDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time boxes, saying how to type a date or time they could not
    read, that a date typed so does not exist, and which clock change a refused time
    falls in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's date box, as MultiValueField set it up, with this one's reading.
        typed = self.fields[0]
        date_field = DeskDateField(
            input_formats=typed.input_formats,
            error_messages=typed.error_messages,
            localize=typed.localize,
            required=typed.required,
            disabled=typed.disabled,
        )
        self.fields = (date_field, *self.fields[1:])

    default_error_messages = {
        # Django's "Enter a valid date." named no format: "31/12/2026" was refused
        # without a word of why (it read dates month first then).
        "invalid_date": f"Enter the date as {DATE_TYPED_AS}.",
        "invalid_time": f"Enter the time as {TIME_TYPED_AS}.",
    }

    # The time saved on the story, set by its form: the boxes show it as they
    # opened, and sent back unchanged it is that moment, whatever the clocks did.
    stored = None

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            naive = datetime.datetime.combine(*data_list)
            if self.stored is not None and naive == self._as_shown(self.stored):
                # Saved in the hour the clocks repeat (published then, or imported):
                # the boxes cannot say which 02:40, but sent back untouched they
                # mean the story's own. Refused, no correction could be added to
                # the story, nor a takedown made, from its page.
                return self.stored
            raise ValidationError(clock_change_message(naive), code=error.code) from error

    def _as_shown(self, moment):
        """``moment`` as the boxes show it: the desk's wall-clock time, to the second."""
        return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


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
        field_classes = {
            "featured_image": NewsImageFormField,
            "body": StoryBodyField,
            "published_at": DeskDateTimeField,
        }

    class Media:
        # Turns the body editor round as the story's Language is typed.
        js = ["articles/editor-direction.js"]

    # Copy pasted in whole: a browser's maxlength would cut it off mid-word without
    # a word, where the form's own check says how long it is and keeps all of it.
    # A dateline or credit pasted with the sentence after it ("GENEVA, Nov 29
    # (Reuters) - The talks…") was cut at 100 or 150 characters and saved so.
    PASTED_FIELDS = (
        "headline", "dateline", "featured_image_alt", "featured_image_caption",
        "featured_image_credit",
    )
    # Shown to readers as typed, so markup pasted into them would show as text.
    PLAIN_TEXT_FIELDS = (
        "headline", "standfirst", "dateline",
        "featured_image_alt", "featured_image_caption", "featured_image_credit",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            # A time alone schedules nothing: the story goes out at it once published.
            self.fields["published_at"].help_text = publication_time_help()
            if isinstance(self.fields["published_at"], DeskDateTimeField):
                self.fields["published_at"].stored = self.instance.published_at
        for name in self.PASTED_FIELDS:
            if name in self.fields:
                self.fields[name].widget.attrs.pop("maxlength", None)
        for name in self.PLAIN_TEXT_FIELDS:
            # The story's words, in whatever script: each box is laid out as its
            # text reads, so an Arabic headline runs right to left with its full
            # stop on the left, and an English one as before.
            if name in self.fields:
                self.fields[name].widget.attrs["dir"] = "auto"
        self._edit_body_in_story_language()

    def _edit_body_in_story_language(self):
        """Lay the body editor out in the story's direction, and tell the page how to switch it.

        The language is the one typed, if the form comes back with it, else the
        story's. The Language box carries the right-to-left languages and
        scripts, so ``editor-direction.js`` can turn the editor round as a new
        language is typed, by the same rule as ``is_right_to_left``.
        """
        body = self.fields.get("body")
        if body is None or not isinstance(body.widget, NewsroomEditorWidget):
            return
        language = self.instance.language or settings.LANGUAGE_CODE
        if "language" in self.fields:
            language = typed_language(self["language"].value()) or language
            self.fields["language"].widget.attrs.update({
                "data-right-to-left-languages": " ".join(sorted(RIGHT_TO_LEFT_LANGUAGES)),
                "data-right-to-left-scripts": " ".join(sorted(RIGHT_TO_LEFT_SCRIPTS)),
            })
        body.widget.set_language(language)

    def clean(self):
        """Refuse HTML pasted into a plain-text field, naming the tags to take out.

        A headline copied from a web page can bring ``<b>`` or a ``<script>``
        with it. Escaped, they are harmless, but readers would see them as
        text, and the slug made from the headline would spell them out
        ("btalksb-…"). The form comes back with everything as typed.
        """
        cleaned = super().clean()
        for name in self.PLAIN_TEXT_FIELDS:
            if name not in self.fields:
                continue
            # The same rule, and words, as the names and labels whose model
            # fields refuse it themselves (articles.fields.LabelField).
            try:
                refuse_html_tags(cleaned.get(name))
            except ValidationError as refused:
                self.add_error(name, refused)
        return cleaned

    def clean_published_at(self):
        """Keep the stored time to the microsecond when the editor did not change it,
        and refuse a typed time outside the sensible span (``services.publication_time_error``).

        The time input shows whole seconds, so saving it back would move a story
        published at 06:24:14.732 to 06:24:14, and every later version would list
        "Published at" as changed.
        """
        published_at = self.cleaned_data.get("published_at")
        if self.instance.pk and "published_at" not in self.changed_data:
            return self.instance.published_at
        # Only a time typed now: one saved before these limits is the desk's to
        # correct, and the checklist asks for that before the story goes out.
        error = services.publication_time_error(published_at)
        if error:
            raise forms.ValidationError(error, code="publication_time")
        return published_at

    def clean_body(self):
        """Keep the stored body byte for byte when the editor only re-spelt it.

        Otherwise the saved version would differ from the last one in white space
        alone, and comparing the two in the history would show a "Body" row with
        nothing marked in it.
        """
        body = self.cleaned_data["body"]
        if self.instance.pk and "body" not in self.changed_data:
            return self["body"].initial
        return body
