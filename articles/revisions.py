"""Saved versions of a story: what they hold, what restoring one keeps, how two compare.

django-reversion keeps every admin save that changes something (a save that
changes nothing adds no version: ``newsroom.admin_history.VersionsOnlyChanges``,
docs/decisions/0034). A version holds the story with its bylines,
source credits and corrections (``register_models``); restoring one brings back
its copy, bylines and sources, and leaves the workflow and the corrections as
they are now (``RestoreState``). Recovering a deleted story brings back all of
it, corrections included, from the version saved as it was deleted
(``save_before_deletion``); its status history was never deleted
(``StatusChange``). For the admin's
history page, two versions become what an editor wants to see: which fields
changed and, word by word, how, and who was added to or taken off the byline
and the sources.
"""

import difflib
import re
from datetime import datetime
from html import unescape
from typing import NamedTuple

import reversion
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from reversion.models import Version

from articles.models import (
    ROLE_WORDS,
    Article,
    Byline,
    Correction,
    SourceCredit,
    display_name,
)
from articles.sanitiser import comparable_body
from articles.services import has_been_public
from authors.models import Author
from sections.models import Section
from sources.models import Source

# What a version of a story holds: restoring it brings back (and deletes when
# added since) its bylines and source credits; its corrections are kept so that
# recovering a deleted story brings them back, and a restore puts today's back.
FOLLOWED = ["bylines", "source_credits", "corrections"]

# Of the story's own row, what restoring a version keeps as it is now: the
# workflow (status and publication time change only through
# ``services.transition``, with a record), the "Updated" time that goes with the
# corrections readers were shown, and when it was last saved (the form compares
# it with the time it was opened, so a restore never overwrites a colleague's
# save unseen); who created it, whose account may be gone since (the
# version's id of it would then break the restore); and whether it leads the home
# page, which is the front page's arrangement, not the story's copy (last week's
# lead, restored to mend its copy, led again).
KEPT_ON_RESTORE = [
    "status",
    "published_at",
    "substantive_update_at",
    "updated_at",
    "created_by",
    "is_pinned",
]

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
_PICTURE = re.compile(r"<img\b[^>]*>", re.I)
_PICTURE_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_PICTURE_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def _picture_token(match):
    """A body picture as a line of its own: "[picture: Flooded street in Dhaka]".

    Named by its alt text, else by its file name: stripped like any other tag,
    a picture added or removed left a "Body" row with nothing marked.
    """
    tag = match.group(0)
    alt = _PICTURE_ALT.search(tag)
    name = " ".join(next(filter(None, alt.groups()), "").split()) if alt else ""
    if not name:
        src = _PICTURE_SRC.search(tag)
        name = (next(filter(None, src.groups()), "") if src else "").rsplit("/", 1)[-1]
    # The alt text is still escaped as in the HTML: ``readable_text`` unescapes it with the rest.
    return f"\n[picture: {name}]\n" if name else "\n[picture]\n"


def readable_text(value, field_name):
    """The field as an editor reads it on the story form.

    Body HTML becomes paragraphs of plain text, with each picture as a
    "[picture: alt text]" line; a status is its label ("In review"), a time is
    in the site's time zone as the admin writes times, a yes/no field says so.
    """
    if value is None:
        return ""
    field = Article._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field_name == "body":
        text = _PICTURE.sub(_picture_token, str(value))
        text = unescape(strip_tags(_BLOCK_END.sub("\n", text)))
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
    """Rows of ``(label, diff_html)`` for what differs between two versions of a story.

    Its own fields first, then its byline and sources, in the order the story
    form shows them: a restore brings all of them back.
    """
    return _compare_fields(old_version, new_version) + compare_credits(old_version, new_version)


def _compare_fields(old_version, new_version):
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
    ids = {fields.get("section_id") for fields in field_dicts} - {None}
    return dict(Section.objects.filter(pk__in=ids).values_list("pk", "name"))


def register_models():
    """Put stories under version control, with their bylines, sources and corrections.

    Called before ``ArticleAdmin`` is registered, so the admin does not register
    the story itself (it would follow every inline, with no word of why).
    Corrections are notices to readers: a restore must never take one back, nor
    bring back one deleted since, and ``RestoreState`` puts today's back over
    what the version held. They are followed all the same, so that a deleted
    story recovered from its last version comes back with its corrections.
    """
    for model in (Byline, SourceCredit, Correction):
        reversion.register(model)
    reversion.register(Article, follow=FOLLOWED)


def version_label(version):
    """A version as an editor names it: "28 Nov 2026, 09:07:32 (Demo Editor)".

    To the second, as the history list shows it: one person often saves twice
    in a minute, and a label to the minute named both versions.
    """
    revision = version.revision
    when = date_format(timezone.localtime(revision.date_created), "j M Y, H:i:s")
    return f"{when} ({user_name(revision.user)})" if revision.user else when


# The newsdesk's name for a person, as the status history gives it.
user_name = display_name


class GoneCredit(NamedTuple):
    """A byline or source credit in a version whose writer or source has been deleted since."""

    model: type
    pk: int
    kind: str  # "source" or "writer", as the admin's messages name them
    name: str


# The credits a version holds: their model, the field naming who is credited,
# that one's model, and the word the admin's messages use for them.
CREDITED = [(SourceCredit, "source_id", Source, "source"), (Byline, "author_id", Author, "writer")]


def credits_gone(version):
    """The bylines and source credits of ``version``'s revision whose writer or source is gone.

    A source or a writer can be deleted once no story credits them, and an old
    version may still do so. Reversion writes such a credit back pointing at
    nothing (the database checks foreign keys only at commit) and the form then
    fails on it: a restore leaves it out (``RestoreState.put_back``) and says so.
    Their names come from the versions, as they were shown when saved: the row
    they named is gone.
    """
    gone = []
    held = Version.objects.filter(revision_id=version.revision_id)
    for model, attname, credited_model, kind in CREDITED:
        credits = list(held.get_for_model(model))
        ids = {credit.field_dict[attname] for credit in credits}
        existing = set(credited_model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        gone += [
            GoneCredit(model, int(credit.object_id), kind, _credited_name(credit, model, version))
            for credit in credits
            if credit.field_dict[attname] not in existing
        ]
    return gone


# The compare page's rows for credits: label, the credits' model, and the role
# the row lists (a byline has none). Sources are split as the story page splits
# them ("Source: X", "Also cited: X"), so a credit whose role changed leaves one
# row for the other.
CREDIT_ROWS = [
    ("Byline", Byline, None),
    ("Source", SourceCredit, SourceCredit.Role.ORIGIN),
    ("Cited in the text", SourceCredit, SourceCredit.Role.CITED),
]


def compare_credits(old_version, new_version):
    """Rows of ``(label, diff_html)`` for the byline and sources, where the versions differ.

    A version's bylines and source credits are those saved in its revision.
    Stories have been versioned with them from the first (the admin followed
    its inlines before ``register_models`` named them), so a version that
    holds none had none: it is compared as a story with no byline, not as one
    whose byline is unknown.
    """
    versions = (old_version, new_version)
    held = _credits_held(versions)
    names = _credited_names(versions, held)
    rows = []
    for label, model, role in CREDIT_ROWS:
        old_ids, new_ids = (
            _credited_ids(held[version.revision_id, model], model, role) for version in versions
        )
        if old_ids != new_ids:
            rows.append((label, diff_names(old_ids, new_ids, names[model])))
    return rows


def _credits_held(story_versions):
    """``{(revision id, model): [credit versions]}`` of the story's credits: one query for all."""
    story_id = int(story_versions[0].object_id)
    revision_ids = {version.revision_id for version in story_versions}
    held = {(revision_id, model): [] for revision_id in revision_ids for model, *_ in CREDITED}
    content_types = ContentType.objects.get_for_models(*(model for model, *_ in CREDITED))
    model_of = {content_type.pk: model for model, content_type in content_types.items()}
    in_revisions = Version.objects.filter(revision_id__in=revision_ids)
    for credit in in_revisions.get_for_model(Byline) | in_revisions.get_for_model(SourceCredit):
        # A revision may hold other stories, saved inside the same block: only
        # this story's credits are its byline and sources.
        if credit.field_dict["article_id"] == story_id:
            held[credit.revision_id, model_of[credit.content_type_id]].append(credit)
    return held


def _credited_ids(credits, model, role):
    """The ids of the writers or sources ``credits`` name, in the order the story shows them."""
    attname = next(attname for credit_model, attname, *_ in CREDITED if credit_model is model)
    listed = [credit.field_dict for credit in credits]
    if role is not None:
        listed = [fields for fields in listed if fields["role"] == role]
    listed.sort(key=lambda fields: (fields["position"], fields["id"]))
    return [fields[attname] for fields in listed]


def _credited_names(story_versions, held):
    """``{model: {id: name}}``: what each writer or source credited is called.

    Named as they are now. One deleted since is named as the newest version
    crediting them named them (``_credited_name``), and said to be deleted: a
    restore leaves them out (``credits_gone``).
    """
    names = {}
    for model, attname, credited_model, _ in CREDITED:
        credits = [
            (version, credit)
            for version in reversed(story_versions)
            for credit in held[version.revision_id, model]
        ]
        ids = {credit.field_dict[attname] for _, credit in credits}
        names[model] = dict(credited_model.objects.filter(pk__in=ids).values_list("pk", "name"))
        for version, credit in credits:
            names[model].setdefault(
                credit.field_dict[attname],
                f"{_credited_name(credit, model, version)} (since deleted)",
            )
    return names


def diff_names(old_ids, new_ids, names):
    """HTML listing who is credited, in order, with those removed in ``<del>``, added in ``<ins>``.

    Compared name by name rather than word by word. The same names in another
    order are said to be that, not shown as one taken off and put back on.
    """
    if sorted(old_ids) == sorted(new_ids):
        listed = ", ".join(escape(names[pk]) for pk in new_ids)
        was = ", ".join(escape(names[pk]) for pk in old_ids)
        return mark_safe(f"{listed} <small>(order changed; was {was})</small>")
    parts = []
    matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts += [escape(names[pk]) for pk in old_ids[a1:a2]]
            continue
        parts += [f"<del>{escape(names[pk])}</del>" for pk in old_ids[a1:a2]]
        parts += [f"<ins>{escape(names[pk])}</ins>" for pk in new_ids[b1:b2]]
    # Every name was escaped before it was wrapped.
    return mark_safe(", ".join(parts))


def _credited_name(credit, model, story_version):
    """The name a credit gave: "Wire" from its version's "Wire (source) on <story>".

    Versions saved before the credit read that way say "Wire (Based on (Source:
    …)) on <story>", with the role's form label.
    """
    name = credit.object_repr
    story = f" on {story_version.object_repr}"
    if name.endswith(story):
        name = name[: -len(story)]
    if model is SourceCredit:
        role = SourceCredit.Role(credit.field_dict["role"])
        for word in (ROLE_WORDS[role], role.label):
            if name.endswith(f" ({word})"):
                name = name[: -len(f" ({word})")]
                break
    return name


def credits_gone_notice(gone, *, recovering):
    """Sentences for the restore or recover page: which credits it leaves out, and why."""
    subject, doing = ("This version", "restoring it")
    if recovering:
        subject, doing = ("The story", "recovering it")
    sentences = []
    sources = [credit.name for credit in gone if credit.kind == "source"]
    if len(sources) == 1:
        sentences.append(
            f"{subject} credits a source that has since been deleted ({sources[0]}): "
            f"{doing} leaves that credit out."
        )
    elif sources:
        sentences.append(
            f"{subject} credits sources that have since been deleted ({', '.join(sources)}): "
            f"{doing} leaves those credits out."
        )
    writers = [credit.name for credit in gone if credit.kind == "writer"]
    if len(writers) == 1:
        sentences.append(
            f"{subject} has a writer on its byline who has since been deleted ({writers[0]}): "
            f"{doing} leaves them off the byline."
        )
    elif writers:
        sentences.append(
            f"{subject} has writers on its byline who have since been deleted "
            f"({', '.join(writers)}): {doing} leaves them off the byline."
        )
    return sentences


class GoneSection(NamedTuple):
    """The section a version files the story in, deleted since; ``name`` is "" if unrecorded."""

    pk: int
    name: str


def section_gone(version):
    """The section ``version`` files its story in, when that section has been deleted since.

    A section can be deleted once no story is filed in it now, and an old
    version may still be. Written back, the story would point at nothing; a
    restore files it in no section instead (``RestoreState.put_back``) and says
    so. Sections have no versions: their name is the one the admin recorded
    when it deleted the section, if it did.
    """
    section_id = version.field_dict.get("section_id")
    if section_id is None or Section.objects.filter(pk=section_id).exists():
        return None
    name = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Section),
            object_id=str(section_id),
            action_flag=DELETION,
        )
        .order_by("-action_time")
        .values_list("object_repr", flat=True)
        .first()
    )
    return GoneSection(section_id, name or "")


def section_gone_notice(gone, *, recovering):
    """The sentence for the restore or recover page: the story comes back in no section."""
    subject, doing = ("This version", "restoring it")
    if recovering:
        subject, doing = ("The story", "recovering it")
    named = f" ({gone.name})" if gone.name else ""
    return (
        f"{subject} is filed in a section that has since been deleted{named}: {doing} "
        "leaves the story in no section, unless you choose one below."
    )


def save_before_deletion(article, user):
    """Save a version of ``article`` as it is now, just before ``user`` deletes it.

    Recovering a deleted story brings back its last version. Changes made
    outside the admin (a correction added by ``services.add_correction``, demo
    content) make no version, so the last one can predate a correction: the
    story would come back without it, and nobody would notice.

    Call it outside any revision block: inside one, this version would join
    that revision, and recovering one story would bring back every story
    deleted with it.
    """
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"Deleted by {user_name(user)}.")
        reversion.add_to_revision(article)


class RestoreState:
    """The story as it is before a restore, and what the restore must leave as it is.

    django-reversion restores in one transaction: it writes the version's rows
    as they were, then runs the admin's change form on them, and commits when
    the form answers with a redirect. This is taken before it writes anything.
    ``put_back`` then runs, inside that transaction, before the form; ``saved``
    is set when the form saved the story, the one outcome worth committing.

    With no story (``RestoreState(version=...)``) it describes recovering a
    deleted story, which keeps nothing: there is nothing left to keep.

    ``may_change`` is whether the user may change the story as it is now, judged
    before the old rows are written: from then on the admin's own checks would
    judge the old version (a writer missing from its byline would lose the
    story they are restoring). ``comment`` is what the version history says of
    the restore once saved, naming what it left out: ``left_out``, the
    version's bylines and source credits of writers and sources deleted since
    (``credits_gone``), and ``section_gone``, its section if deleted since
    (``section_gone``); ``put_back`` takes them out again.
    """

    def __init__(self, article=None, *, version, may_change=False, comment=""):
        self.saved = False
        self.article_pk, self.kept, self.public_path, self.corrections = None, {}, None, []
        self.corrected_since = []
        self.may_change, self.comment = may_change, comment
        self.left_out = credits_gone(version)
        self.section_gone = section_gone(version)
        names = [f"{credit.name} ({credit.kind})" for credit in self.left_out]
        if self.section_gone is not None:
            names.append(
                f"{self.section_gone.name} (section)" if self.section_gone.name else "its section"
            )
        self.left_out_note = ""
        if names:
            self.left_out_note = f"Left out as deleted since: {', '.join(names)}."
            self.comment = f"{comment} {self.left_out_note}"
        if article is None:
            return
        self.article_pk = article.pk
        self.kept = {name: getattr(article, name) for name in KEPT_ON_RESTORE}
        # The address readers know the story by, read before the version's
        # slug, section or date are written back: off the site now but once
        # public, its address was shared and is kept too, as a plain save keeps it.
        self.public_path = article.get_absolute_url() if has_been_public(article) else None
        self.corrections = list(article.corrections.all())
        # Corrections made since this version was saved: its copy may hold what
        # they put right, under notes saying it was put right.
        self.corrected_since = [
            correction
            for correction in self.corrections
            if correction.created_at > version.revision.date_created
        ]

    @property
    def recovering(self):
        return self.article_pk is None

    @property
    def corrected_since_notice(self):
        """What the restore page and its message say of corrections made since the version."""
        if not self.corrected_since:
            return ""
        # "correction of 30 Nov 2026, 10:45", as the story form names it, in a sentence.
        named = "; ".join(
            f"{str(made)[:1].lower()}{str(made)[1:]} (“{made.note}”)"
            for made in self.corrected_since
        )
        return (
            f"This version is older than the {named}. Its copy may say again what "
            "that put right, under the note that says it was put right: check the copy "
            "against the note before readers see it."
        )

    def judges(self, article):
        """Whether ``article`` is the story being restored, whose rights were judged before."""
        return not self.recovering and article is not None and article.pk == self.article_pk

    @property
    def notice(self):
        """What the restore or recover page says it leaves out, as sentences."""
        sentences = credits_gone_notice(self.left_out, recovering=self.recovering)
        if self.section_gone is not None:
            sentences.append(section_gone_notice(self.section_gone, recovering=self.recovering))
        if self.corrected_since_notice:
            sentences.append(self.corrected_since_notice)
        return sentences

    def put_back(self, object_id):
        """Undo what writing story ``object_id``'s old rows changed that a restore must keep."""
        # Written back naming a writer or source deleted since: the form would
        # fail on them, and the commit too. Deleting them records a change to
        # the story (``models.credit_changed``), which a recovered story's form,
        # opened on the time it was deleted with, would take for a colleague's
        # save: that time is put back (a restore puts back ``kept``).
        saved_at = None
        if self.left_out and self.recovering:
            saved_at = (
                Article.objects.filter(pk=object_id).values_list("updated_at", flat=True).first()
            )
        for model in {credit.model for credit in self.left_out}:
            model.objects.filter(
                pk__in=[credit.pk for credit in self.left_out if credit.model is model]
            ).delete()
        if saved_at is not None:
            Article.objects.filter(pk=object_id).update(updated_at=saved_at)
        if self.section_gone is not None:
            # Likewise a section deleted since: the form could not show it, and
            # the story's address (which names its section) could not be made.
            Article.objects.filter(pk=object_id).update(section=None)
        if self.recovering:
            # Nothing is left to keep, but whoever created the story may have
            # left since: the row must not point at an account that is gone.
            User = get_user_model()
            Article.objects.filter(pk=object_id, created_by__isnull=False).exclude(
                created_by__in=User.objects.all()
            ).update(created_by=None)
            return
        Article.objects.filter(pk=self.article_pk).update(**self.kept)
        # Writing the version's rows deleted the corrections added since, brought
        # back those deleted since and set edited ones back to their old words.
        Correction.objects.filter(article_id=self.article_pk).exclude(
            pk__in=[correction.pk for correction in self.corrections]
        ).delete()
        for correction in self.corrections:
            # An UPDATE, or an INSERT with its old id and date when it was deleted.
            correction.save()
