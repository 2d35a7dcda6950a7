"""Story cards and the small pieces of every story page: the byline and a story's time.

They are tags rather than ``{% include %}`` files because a front page renders
some forty cards: an include pushes a context and walks a template per card,
a tag is a function call. ``includes/story_card.html``, ``includes/byline.html``
and ``includes/story_time.html`` call these tags, so there is one definition
of each piece of markup.
"""

import re
from html import unescape

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from articles import body_pictures, picture_sizes
from articles.templatetags.newsroom_images import html_attributes, picture, picture_markup

register = template.Library()


@register.simple_tag
def byline(bylines):
    """The byline, "By A, B and C", each name linking to the author's page; '' if none.

    Each name is set apart from the words around it (``dir="auto"``): an Arabic
    name keeps "and" and the comma after it in their places, and a direction
    override stored in a name (see ``close_direction_marks``) ends with it.
    """
    links = [
        format_html(
            '<a href="{}" rel="author" dir="auto">{}</a>',
            entry.author.get_absolute_url(),
            entry.author.name,
        )
        for entry in bylines
    ]
    if not links:
        return ""
    # Each link was escaped by format_html; joining them loses only the marker.
    names = (
        links[0]
        if len(links) == 1
        else format_html("{} and {}", mark_safe(", ".join(links[:-1])), links[-1])
    )
    return format_html('<span class="byline">By {}</span>', names)


_TABLE_TAG = re.compile(r"<(/?)table\b", re.I)
_LAZY_IMG = re.compile(r"<img\b(?![^>]*\bloading=)", re.I)


@register.filter
def reader_body(body):
    """A story's sanitised body as readers get it: tables reachable by keyboard, images lazy.

    Pictures uploaded from the editor with their renditions (their names say
    their size, see articles/body_pictures.py) become a ``<picture>`` listing
    the renditions, with the ``sizes`` of the body column (less for a tall
    one, see articles/picture_sizes.py) and a width and height that reserve
    their space; every other picture is kept as written.

    A table wider than a phone scrolls sideways inside itself (site.css); with
    ``tabindex="0"`` keyboard users can focus it and scroll it with the arrow
    keys, and it is still a table, named by its caption, to screen readers.
    Only the outermost table of a nest scrolls. Pictures in the body load as
    the reader nears them. Done on the way out, so stories saved before need
    no new save.
    """
    html, pieces, depth, start = str(body), [], 0, 0
    for tag in _TABLE_TAG.finditer(html):
        if tag.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth == 1:
            pieces += [html[start : tag.end()], ' tabindex="0"']
            start = tag.end()
    pieces.append(html[start:])
    html = body_pictures.IMG_TAG.sub(_responsive_picture, "".join(pieces))
    return mark_safe(_LAZY_IMG.sub('<img loading="lazy" decoding="async"', html))  # noqa: S308 (sanitised body)


def _responsive_picture(img_tag):
    """A body picture uploaded with renditions, as a ``<picture>``; any other as it was.

    Everything written comes from the storage name the ``src`` matched and
    from numbers, except the alt text, which is unescaped and escaped again.
    """
    upload = body_pictures.sized_upload(img_tag)
    if upload is None:
        return img_tag[0]
    attributes = upload.attributes
    width, height = body_pictures.display_size(
        attributes.get("width"), attributes.get("height"), upload.width, upload.height
    )
    return picture_markup(
        default_storage,
        upload.name,
        default_storage.url(upload.name),
        upload.width,
        picture_sizes.body_sizes(width, height),
        unescape(attributes["alt"]) if "alt" in attributes else None,
        html_attributes([("width", width), ("height", height), ("loading", "lazy")]),
    )


# A credit that says what it credits: "Photo: Ana Ruiz", "Illustration:
# Newsroom demo", "Graphic by Lee Chan", "© AFP", "Courtesy of the family".
LABELLED_CREDIT = re.compile(
    r"^(?:©|\(c\)|courtesy\b|\w+(?: \w+){0,2}:|\w+ by )", re.IGNORECASE
)


@register.filter
def says_what_it_credits(credit):
    """Does a picture's ``credit`` name its own kind ("Photo: …", "© …")?

    Under a picture the credit is printed on its own line after the caption; a
    bare name ("Reuters/Ana Ruiz") is printed as "Credit: Reuters/Ana Ruiz", or
    a screen reader, which reads the caption as one run of text, says it as
    the caption's last words: "… in six weeks. Reuters/Ana Ruiz".
    """
    return bool(LABELLED_CREDIT.match(credit or ""))


@register.filter
def lang_attribute(story):
    """`` lang="fr"`` for a story written in another language than the site's; '' if not.

    `` lang="ar" dir="rtl"`` for one written right to left.

    For a story among words in the site's language: a card in a list, a
    headline in the corrections log. The story's words carry their language,
    for screen readers to pronounce and browsers to hyphenate. On the story's
    own page ``<html lang>`` is the story's, and its words need only
    ``dir_attribute``.
    """
    language = story.language
    if not language or language == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"{}', language, dir_attribute(story))


@register.filter
def dir_attribute(story):
    """`` dir="rtl"`` for a story written right to left; '' if not.

    Arabic, Hebrew, Persian, Urdu...: the words run right to left, and ``dir``
    also isolates them from the site's left-to-right text around. It goes on
    the story's words, never on ``<html>``: the page's frame (masthead,
    navigation, footer) is laid out left to right whatever the story's language.
    """
    language = story.language
    if language and is_right_to_left(language):
        return mark_safe(' dir="rtl"')
    return ""


@register.filter
def site_lang_attribute(page_language):
    """`` lang="en"`` (the site's language) for the frame of a page in ``page_language``.

    A story in another language than the site's gives its page that language
    (``<html lang>``), since its words are what the page is about; the frame
    around them (masthead, navigation, "By", "min read", footer) is still in
    the site's language, and says so, so screen readers do not read "Skip to
    content" with a French voice. '' for a page in the site's language.
    """
    if not page_language or page_language == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


# Languages written right to left (primary subtags), and the scripts that are,
# for a tag that names its script ("az-Arab", "pa-Arab").
RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)
RIGHT_TO_LEFT_SCRIPTS = frozenset({"adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"})


def is_right_to_left(language):
    """Is ``language`` (a BCP 47 tag) written right to left?

    A script subtag decides when there is one ("ku-Latn" is not, "az-Arab" is);
    otherwise the language's usual script does.
    """
    primary, *rest = language.lower().split("-")
    scripts = [part for part in rest if len(part) == 4 and part.isalpha()]
    if scripts:
        return scripts[0] in RIGHT_TO_LEFT_SCRIPTS
    return primary in RIGHT_TO_LEFT_LANGUAGES


@register.filter
def datetime_attribute(when):
    """``when`` in the site's time zone, to the second, for a ``<time datetime>``.

    The ``date`` filter's "c" writes microseconds, which HTML does not allow
    in a ``datetime`` attribute (at most three digits of a fraction).
    """
    if not when:
        return ""
    return template_localtime(when).isoformat(timespec="seconds")


@register.simple_tag
def story_time(when, label=""):
    """``when`` as a ``<time>`` readers can read and machines can parse; '' without a time.

    In the site's time zone, as the ``date`` filter shows it, and naming that
    zone ("28 Nov 2026, 00:23 UTC"): readers of world news live in every zone,
    and a bare "00:23" would read as their own.
    """
    if not when:
        return ""
    local = template_localtime(when)
    # What the date filter writes for "c" (cut to the second: HTML allows at
    # most three digits of a fraction, and "c" writes six) and for
    # "j M Y, H:i T" (the month's short name in the active language, the
    # zone's abbreviation for that moment, so "CET" in winter and "CEST" in
    # summer), without parsing a format string and looking it up in the
    # locale's format modules for every card.
    return format_html(
        '<time datetime="{}">{}{}</time>',
        datetime_attribute(local),
        format_html("{} ", label) if label else "",
        f"{local.day} {MONTHS_3[local.month].title()} {local.year:04d}, "
        f"{local.hour:02d}:{local.minute:02d} {zone_label(local)}",
    )


def zone_label(local):
    """The zone's abbreviation ("UTC", "CET"), or "UTC−3" where the zone has none.

    The time zone database names many zones by their offset alone ("-03" for
    São Paulo, "+04" for Dubai), which reads as a stray number after a time.
    """
    name = local.tzname()
    if not name or name[0] not in "+-":
        return name
    minutes = round(local.utcoffset().total_seconds() / 60)
    hours, minutes = divmod(abs(minutes), 60)
    sign = "+" if local.utcoffset().total_seconds() >= 0 else "−"
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


@register.filter
def card_image_loading(first_image_loading, forloop):
    """How a list's card loads its picture: as the list asks for its first card, else "lazy".

    A list's first picture is on screen as the page opens (``{% if %}``
    cannot hand a tag ``forloop.first and ...``): includes/story_list.html.
    """
    return first_image_loading if forloop["first"] else "lazy"


# How wide a card's picture is drawn, for the browser to pick a rendition
# (static/css/site.css): the home page's lead and its top cards, and the
# 12rem column beside each story of a section's or an author's list. On a
# phone each is as wide as the page less the .wrap padding, 1rem a side
# (1.5rem from 40em on). On a desktop the lead takes two thirds of the page
# less the padding and the gap beside it (1.5rem), up to a 76rem page.
IMAGE_SIZES = {
    "lead": (
        "(min-width: 76em) 48rem, (min-width: 60em) calc((100vw - 4.5rem) * 2 / 3), "
        "(min-width: 40em) calc(100vw - 3rem), calc(100vw - 2rem)"
    ),
    "card": "(min-width: 60em) 23rem, (min-width: 40em) 50vw, calc(100vw - 2rem)",
    "thumbnail": "(min-width: 40em) 12rem, calc(100vw - 2rem)",
}


@register.simple_tag
def story_card(
    story,
    size="",
    heading="h3",
    show_image=False,
    hide_kicker=False,
    hide_byline=False,
    page_section=None,
    page_author=None,
    image_loading="lazy",
):
    """One story in a list: kicker, headline, standfirst, byline and time.

    ``size`` is "lead" or "compact" (which leaves the standfirst out),
    ``heading`` "h2" or "h3"; ``show_image`` adds the featured image, as wide
    as the card or, with "thumbnail", in the narrow column of a long list.
    The image loads as the reader nears it, unless ``image_loading`` says
    "eager" (on screen as the page opens) or "priority" (also likely the
    page's largest paint: fetched first); a lead's is always "priority".
    ``hide_kicker`` leaves the section out and ``hide_byline`` the byline
    (for lists loaded without bylines). On a section's page (``page_section``)
    its own stories show no section label, which would only repeat the page's
    title; a subsection's stories keep theirs. On an author's page
    (``page_author``) a story bylined to that author alone shows no byline,
    which would only repeat the page's name; a shared byline stays whole. The
    layout, line breaks included, is that of the template the cards used to be.
    """
    url = story.get_absolute_url()
    image = ""
    if show_image and story.featured_image:
        lead = size == "lead"
        width = "lead" if lead else "thumbnail" if show_image == "thumbnail" else "card"
        if lead:
            image_loading = "priority"
        image = format_html(
            '\n  <a class="story-card__image" href="{}" tabindex="-1" aria-hidden="true">'
            "\n    {}\n  </a>\n  ",
            url,
            picture(
                story.featured_image,
                alt="",
                sizes=IMAGE_SIZES[width],
                loading="eager" if image_loading in {"eager", "priority"} else "lazy",
                fetchpriority="high" if image_loading == "priority" else None,
            ),
        )
    kicker = ""
    on_its_page = bool(page_section) and story.section_id == page_section.pk
    if story.section and not hide_kicker and not on_its_page:
        kicker = format_html(
            '<p class="kicker"><a href="{}">{}</a></p>',
            story.section.get_absolute_url(),
            story.section.name,
        )
    lang = lang_attribute(story)
    standfirst = ""
    if story.standfirst and size != "compact":
        standfirst = format_html(
            '<p class="story-card__standfirst"{}>{}</p>', lang, story.standfirst
        )
    level = "h2" if heading == "h2" else "h3"
    bylines = () if hide_byline else story.bylines.all()
    if page_author and [entry.author_id for entry in bylines] == [page_author.pk]:
        bylines = ()
    return format_html(
        '<div class="story-card{}">\n  {}\n  <div class="story-card__text">\n    {}\n'
        '    <{} class="story-card__headline"{}><a href="{}">{}</a></{}>\n    {}\n'
        '    <p class="story-card__meta">{}{}\n</p>\n  </div>\n</div>',
        format_html(" story-card--{}", size) if size else "",
        image,
        kicker,
        level,
        lang,
        url,
        story.headline,
        level,
        standfirst,
        format_html("{}\n ", byline(bylines)) if bylines else "",
        story_time(story.published_at),
    )
