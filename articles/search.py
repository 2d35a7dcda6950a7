"""Reader search over public stories.

On PostgreSQL the query runs against ``Article.search_vector``, which
database triggers keep current (headline weighted A, dateline and standfirst
B, body C, the names on its bylines and source credits D, its sources' other
names among them; see migrations 0003, 0023, 0024 and 0031) and a GIN index
makes fast. Elsewhere (SQLite in development) a plain case-insensitive match
stands in, reading quoted phrases and minus signs as PostgreSQL does and
looking in the same fields and names, so the page works everywhere and is
good where it matters.

A writer's or a source's name with a topic ("Amina Diallo Sudan", "Reuters
ceasefire") finds their stories about it. ``matching_names`` also lists the
writers and sources a query names, above the first page of stories.

A hyphenated word also finds its joined spelling: "cease-fire" finds
"ceasefire" (``joined_spellings``), and the index holds hyphenated words joined
for the reverse (decision 0006). An acronym finds its other spelling: "UN" finds "U.N."
and "U.N." finds "UN". Letters and a number find each other joined,
hyphenated and apart: "COP 29", "COP29" and "COP-29" (``code_spellings``).
A name the wires spell differently finds its other spellings: "Kiev" finds
"Kyiv", "Zelensky" "Zelenskiy" and "Zelenskyy" (``VARIANT_SPELLINGS``).
"Mueller" finds "Müller" (the index holds German umlauts spelt out too) and
"Müller" finds "Mueller" (``spelt_out``).

Whatever readers type reaches the database only as a bound parameter, and
the snippet under each result is built here from escaped text: the only
markup in it is our own ``<mark>``.
"""

import itertools
import re
import unicodedata
from html import unescape
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Left, Replace, Right
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from articles.models import Article, Byline, SourceCredit
from articles.views import paginate, redirect_to_served
from authors.models import Author
from sources.models import OtherName, Source

QUERY_MAX_LENGTH = 200
RESULTS_PER_PAGE = 10
# Only the newest this many matches are ranked and paged through (50 pages); a
# search that finds more says "more than" this instead of counting them all.
# Each candidate costs the database about 20 µs at 100,000 stories (its search
# vector is read to match and again to rank), so 500 keep the common-word
# worst case near 10 ms, against 20 ms for 1,000.
MAX_RESULTS = 500
# Among matches of like relevance, readers of news want the recent one: a
# story's rank is divided by 1 + its age in years, so a week-old story keeps
# 98% of it, a year-old one half. Yesterday's story with the word in its
# headline comes above 2019's with it in the headline and twice more in the
# body (ts_rank 0.638 against 0.652); a passing mention today (about 0.1)
# stays below last year's headline (0.652 halved).
RANK_HALVED_AFTER_DAYS = 365
# The plain fallback matches each word separately; more words than this add cost, not precision.
FALLBACK_MAX_TERMS = 8
FALLBACK_SNIPPET_CHARS = 240
# PostgreSQL's "english" with accents ignored (migration 0010): "Sao Paulo" finds "São Paulo".
SEARCH_CONFIG = "newsroom_english"
# Writers and sources named above the stories: at most this many of each,
# chosen among this many closest names, so the cost is bounded (see _named).
NAMES_PER_KIND = 5
NAME_CANDIDATES = 50
# A word of the query must begin a word of the name: "ann" finds "Ann Baker" and
# "Mary-Ann Ode" but not "Joanne Mills", so a short word does not list everyone
# whose name happens to contain it. "(" is for names like "Agence X (AX)".
_NAME_WORD_BREAKS = (" ", "-", "(")

# PostgreSQL marks matches with these private-use characters, which are
# removed from the body before it is highlighted, so they can only be ours.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.S)
# NUL cannot be sent to PostgreSQL at all; other control characters are noise.
# Direction overrides, embeddings and isolates (U+202A-202E, U+2066-2069) would
# turn the page's own words around it when the query is shown ("Try fewer…"
# read backwards, in the tab's title too): no search needs them.
_UNWANTED = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069{MARK_START}{MARK_END}]"
)
_JOINED_IN_WORDS = re.compile("[\u00ad\u2060\ufeff]")
# "NATO | Erdogan": "or", as in many search boxes (PostgreSQL's web-search syntax
# reads "or" and would take the bar for punctuation, wanting both words).
_BAR_BETWEEN_WORDS = re.compile(r"(?<=[^\s|])\s*\|+\s*(?=[^\s|])")
_TAG = r"<[^>]*>"
# Inline markup sits inside a sentence: "told <em>Die Presse</em>, a daily"
# must read "told Die Presse, a daily", not "Die Presse , a daily". These tags
# (the sanitiser's inline ones) go without a trace; every other tag parts words
# (a paragraph, a heading, a line break) and becomes a space. Written for both
# Python's and PostgreSQL's regular expressions (no \b: it means backspace in
# PostgreSQL's).
_INLINE_TAG = r"</?(?:a|b|em|i|strong)(?:\s[^>]*)?>"
# A passage shorter than the body says so with "…" at the end it was cut from;
# these many characters of the body's HTML at each end are read to tell.
BODY_END_CHARS = 1000
_EDGE_CHARS = 40
# The fewest words of a passage around a match (PostgreSQL's MinWords).
SNIPPET_MIN_WORDS = 15
# A passage's first words up to the first sentence's end before any match:
# a word starting in lower case, then a full stop, question or exclamation mark
# (with closing quotation marks or brackets either side), then a space.
_OPENING_PUNCTUATION = "“‘\"'(["
_SENTENCE_TAIL = re.compile(
    rf"^[^{MARK_START}]*?(?<!\w)[a-z]\w*[”’\"')\]]*[.!?][”’\"')\]]*\s+"
)
_LEADING_NON_WORD = re.compile(r"^\W+")
_TRAILING_NON_WORD = re.compile(r"\W+$")
# A heading, list item or table cell ends without a full stop; once tags are gone
# its words would run into the next sentence ("Queues and detours The agency
# said…"). Each gets a mark of ours before its closing tag (a plain string
# replacement, which costs PostgreSQL a fraction of a regular expression), and
# once the passage is chosen the mark becomes a full stop, or goes where other
# punctuation ends the block already ("Trucks wait?"). Only our marks: a stop
# the writer typed after a bracket or a quote ("… (AFP). Ministers left")
# stays. A space goes before the mark: under the C locale PostgreSQL's parser
# takes any character past ASCII for a letter, and "detours" with the mark
# stuck to it would no longer be the word "detours".
STOP_MARK = "\ue002"
_STOPPED_BLOCKS = ("h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption", "figcaption")
_PUNCTUATED_STOP = re.compile(rf"([.!?:;…”’\")])\s*{STOP_MARK}")
_STOP = re.compile(rf"\s*{STOP_MARK}")


def _stop_blocks(body):
    """``body`` with a space and our stop mark before each closing tag of ``_STOPPED_BLOCKS``."""
    for tag in _STOPPED_BLOCKS:
        body = body.replace(f"</{tag}>", f" {STOP_MARK}</{tag}>")
    return body


def _full_stops(text):
    """``text`` with each stop mark a full stop, or gone after other punctuation."""
    return _STOP.sub(".", _PUNCTUATED_STOP.sub(r"\1", text))


# A hyphen inside a word ("cease-fire", "e-mail", "covid-19"), not one before it ("-plan").
_INNER_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W_])")
# Hyphenated words or phrases tried joined, at most: as many as the fallback reads.
MAX_SPELLINGS = FALLBACK_MAX_TERMS

# The fallback's terms: -"a phrase" (an unclosed quote runs to the end) or -word.
_PLAIN_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORDLIKE = re.compile(r"\w")
_QUOTED_PHRASE = re.compile(r'"[^"]+"')


# Quotation marks that phone keyboards and other languages type for '"'
# (smart punctuation turns "pact energy" into “pact energy”): each is read as
# '"', so a phrase is a phrase however it was quoted.
_QUOTE_MARKS = str.maketrans(dict.fromkeys("“”„‟«»″＂", '"'))


# Single quotes around words ('energy pact', ‘energy pact’) quote a phrase too;
# an apostrophe inside or at the end of a word ("don't", "leaders' summit") does not.
# Linear in the query's length: no quote inside, so each opening quote is read
# up to the next quote only (a pattern asking for a letter in the middle was
# quadratic: 0.5 s for one quote and 8,000 letters).
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘‚]([^'‘’\"]+)['’](?!\w)")


def _double_quoted(match):
    words = match.group(1)
    return f'"{words}"' if _WORDLIKE.search(words) else match.group(0)


def clean_query(raw):
    """The reader's query as we run it: no control characters, single spaces, capped.

    Curly, low and angle quotation marks are read as '"', and so are single
    quotes around words. A query over the cap loses its last words whole:
    "… energy ener" would look for a word nobody wrote and find nothing.
    """
    text = _SINGLE_QUOTED.sub(_double_quoted, (raw or "").translate(_QUOTE_MARKS))
    # Inside a word copied from a web page, a soft hyphen or a word joiner parts
    # nothing: "NA\u00adTO" is "NATO".
    text = _JOINED_IN_WORDS.sub("", text)
    text = " ".join(_UNWANTED.sub(" ", text).split())
    if len(text) <= QUERY_MAX_LENGTH:
        return text
    cut = text[: QUERY_MAX_LENGTH + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:QUERY_MAX_LENGTH]).strip()


def search(query, *, newest_first=False):
    """Public stories matching ``query``, best match first, newest first among equals.

    With ``newest_first``, newest first whatever the match: what a reader
    following a story wants ("ceasefire", today's first). Returns
    ``SearchResults``, which the paginator pages through. Each story on a
    page carries what ``snippet()`` needs to show why it matched. An empty
    query matches nothing.
    """
    query = clean_query(query)
    public = Article.objects.published()
    if not query:
        results = SearchResults(public.none(), Q(), rank=Value(0))
    elif connections[public.db].vendor == "postgresql":
        results = _full_text_search(public, query)
    else:
        results = _plain_search(public, query)
    results.newest_first = newest_first
    return results


class SearchResults:
    """The stories a search found, best first: a sequence the paginator can page through.

    Ranking every match is what made search slow with many stories: a common
    word matches tens of thousands of them, and ``ts_rank`` has to read each
    one's search vector (several kilobytes, stored out of line). So only the
    newest ``MAX_RESULTS`` matches are ranked, and a search that finds more
    says "more than" that many instead of counting the rest. News readers
    want recent stories, and more words narrow an old one down.

    One query reads ``(pk, published_at, rank)`` for those candidates; slicing
    reads the stories of one page, with ``page_annotations`` (the expensive
    highlighted passage) computed for those rows only.
    """

    def __init__(self, public, match, *, rank, page_annotations=None, page_defer=()):
        self.public = public
        self.match = match
        self.rank = rank
        self.page_annotations = page_annotations or {}
        self.page_defer = page_defer
        self._ranked = None
        self.capped = False
        self.newest_first = False

    @property
    def ranked_pks(self):
        """Primary keys of the found stories, best first (at most ``MAX_RESULTS``)."""
        if self._ranked is None:
            # The newest matches first, in a subquery of their own: PostgreSQL
            # walks a published_at index newest first (common words) or reads the
            # GIN index (rare ones), whichever is cheaper, and only then are the
            # few candidates ranked. Ranking in the same query would rank every
            # match of a rare-looking word before the LIMIT applies.
            newest = self.public.filter(self.match).order_by("-published_at", "-pk").values("pk")
            candidates = (
                Article.objects.using(self.public.db)
                .filter(pk__in=newest[: MAX_RESULTS + 1])
                .order_by()
            )
            if self.newest_first:
                # Not ranked at all: the costly part of a search is not needed.
                rows = [(0, *row) for row in candidates.values_list("published_at", "pk")]
            else:
                rows = list(
                    candidates.annotate(rank=self.rank).values_list("rank", "published_at", "pk")
                )
            rows.sort(key=lambda row: row[1:], reverse=True)
            self.capped = len(rows) > MAX_RESULTS
            rows = rows[:MAX_RESULTS]
            # Sorts are stable: among equal ranks the newer story stays first.
            now = timezone.now()
            rows.sort(key=lambda row: freshened(row[0], row[1], now), reverse=True)
            self._ranked = [pk for _, _, pk in rows]
        return self._ranked

    def count(self):
        return len(self.ranked_pks)

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        pks = self.ranked_pks[index]
        if not pks:
            return []
        stories = (
            # Still public: a story unpublished since the first query is left out.
            self.public.for_listing()
            .filter(pk__in=pks)
            .annotate(**self.page_annotations)
            .defer("search_vector", "import_note", *self.page_defer)
            .order_by()
        )
        by_pk = {story.pk: story for story in stories}
        return [by_pk[pk] for pk in pks if pk in by_pk]


# A word or quoted phrase a reader excludes, in the web-search syntax: "-plan".
_EXCLUDED = re.compile(r'(?:^|(?<=\s))-(?:"[^"]*"?|\S+)')


def joined_spellings(query):
    """Each hyphenated word or phrase of ``query`` with its hyphens taken out, and
    each acronym with its full stops or without them.

    ``[("cease-fire", "ceasefire")]`` for "cease-fire talks"; a quoted phrase
    comes back quoted (``'"new cease-fire"'``), so PostgreSQL reads it as the
    query does. A word excluded with "-" comes back without its minus: both
    spellings are then excluded. "UN" comes back with "U.N." and "U.N." with
    "UN" (``other_acronym_spelling``): desks write both, and PostgreSQL reads
    "U.N." as one token, "u.n", that "un" does not match.
    """
    wanted, unwanted = plain_terms(query)
    spellings = []
    # "COP 29" typed apart is two words of the query, each its own term below.
    # Rewritten first: once "COP" is "COP or C.O.P.", "COP and 29" is no longer
    # there to be found.
    for letters, number in codes_apart(query):
        for other in (f"{letters}{number}", f"{letters}-{number}"):
            spellings.append((f"{letters} {number}", other))
    for term in dict.fromkeys(wanted + unwanted):
        for other in _other_spellings(term):
            spellings.append((_quoted(term), _quoted(other)))
    return spellings[:MAX_SPELLINGS]


def _quoted(term):
    """``term`` as PostgreSQL's web-search syntax reads it: in quotes if it has words apart."""
    return f'"{term}"' if " " in term else term


# Acronyms that desks also write with full stops, read as acronyms however
# they are typed: a reader typing "un" or "us" means the U.N. or the U.S., as
# one typing "UN" does (in lower case "un" found "UN" but never "U.N."). A list,
# not every short word: "am" would find "a.m.", "ad" "A.D.", "ma" "M.A.". The
# French "un" needs nothing here: it is found as typed, as before.
DOTTED_ACRONYMS = ("un", "us", "uk", "eu", "uae", "dc")
# "U.N.", "U.S", "n.a.t.o.": letters each followed by a full stop (the last
# one's may be left off); "UN", "NATO": two to five capitals, as typed, or one
# of ``DOTTED_ACRONYMS`` in any case.
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){1,4}[A-Za-z]\b\.?")
_CAPITALS_ACRONYM = re.compile(rf"\b(?:[A-Z]{{2,5}}|(?i:{'|'.join(DOTTED_ACRONYMS)}))\b")


def other_acronym_spelling(term):
    """``term`` with its acronyms spelt the other way ("U.N." ↔ "UN"), or ``term``."""
    undotted = _DOTTED_ACRONYM.sub(lambda found: found.group().replace(".", "").upper(), term)
    if undotted != term:
        return undotted
    return _CAPITALS_ACRONYM.sub(lambda found: ".".join(found.group().upper()) + ".", term)


# Names the wires spell differently, each found by any of its spellings: a
# desk taking Reuters' "Zelenskiy" and AP's "Zelenskyy" files both, and a
# reader types a third. Only spellings of one name, never a related word
# ("Burma" for "Myanmar" is a choice a reader makes, not a spelling).
# Lower case, one word each; matched as whole words of the query.
VARIANT_SPELLINGS = (
    ("kyiv", "kiev"),
    ("kharkiv", "kharkov"),
    ("odesa", "odessa"),
    ("luhansk", "lugansk"),
    ("chisinau", "kishinev"),
    ("zelensky", "zelenskiy", "zelenskyy"),
    ("gaddafi", "qaddafi", "kadhafi", "qadhafi"),
    ("qaeda", "qaida"),
    ("hezbollah", "hizbollah", "hizballah"),
    ("mohammed", "muhammad", "mohammad", "mohamed"),
    ("tehran", "teheran"),
    ("isis", "isil"),
)
_VARIANTS = {word: group for group in VARIANT_SPELLINGS for word in group}
_VARIANT_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_VARIANTS, key=len, reverse=True)) + r")\b", re.I
)


def variant_spellings(term):
    """``term`` with the names the wires spell differently spelt each other way.

    "Kiev" gives ["kyiv"], "Zelensky visit" ["zelenskiy visit", "zelenskyy visit"],
    the phrase "Odessa to Kiev" each mix of both names' spellings ("odesa to
    kyiv" among them), at most ``MAX_SPELLINGS``; a term naming none gives [].
    """
    found = list(_VARIANT_WORD.finditer(term))
    if not found:
        return []
    choices = [_VARIANTS[match.group().lower()] for match in found]
    spellings = []
    for chosen in itertools.islice(itertools.product(*choices), MAX_SPELLINGS + 1):
        pieces, end = [], 0
        for match, word in zip(found, chosen, strict=True):
            pieces += [term[end : match.start()], word]
            end = match.end()
        spelling = "".join([*pieces, term[end:]])
        if spelling.lower() != term.lower():
            spellings.append(spelling)
    return spellings[:MAX_SPELLINGS]


# PostgreSQL's English stop words (Snowball's list, its "english.stop"), which
# it drops from queries and never indexes. A test checks them against the server.
_ENGLISH_STOP_LIST = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now
"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP_LIST.split())

# A name made of letters and a number ("COP29", "G20", "F-16", "MH17"), which copy
# writes joined, hyphenated or apart ("COP 29"), and PostgreSQL reads three ways:
# one word "cop29", the word "cop" and the number "-29", or "cop" and "29".
_CODE = re.compile(r"(?<![\w-])([^\W\d_]+)([- ]?)(\d+)(?![\w-])")
# Typed apart, outside quotes: two words of the query.
_CODE_APART = re.compile(r"(?<![\w-])([^\W\d_]+) (\d+)(?![\w-])")


def _is_code(letters):
    # "in 2024", "S 400": PostgreSQL drops the stop word, and "in2024" or the
    # bare number would then stand in for something the reader did not type.
    return letters.lower() not in ENGLISH_STOP_WORDS


def code_spellings(term):
    """``term`` with its letters-and-number names spelt the other ways.

    "COP29" gives ["COP-29", "COP 29"], "F-16" ["F16", "F 16"], the phrase "COP
    29 talks" ["COP29 talks", "COP-29 talks"]; a term with no such name gives [].
    """
    if not any(_is_code(found[1]) for found in _CODE.finditer(term)):
        return []

    def spelt(separator):
        return _CODE.sub(
            lambda found: found[1] + separator + found[3] if _is_code(found[1]) else found[0],
            term,
        )

    return [other for other in dict.fromkeys(map(spelt, ("", "-", " "))) if other != term]


def codes_apart(query):
    """(letters, number) of each name typed apart outside quotes ("COP 29"), as wanted."""
    unquoted = " ".join(query.split('"')[::2])
    return [
        (found[1], found[2])
        for found in _CODE_APART.finditer(unquoted)
        if _is_code(found[1])
    ]


# "ü" is written "ue" where the letter is missing, in German and in copy from it.
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def spelt_out(term):
    """``term`` with "ä", "ö" and "ü" written "ae", "oe" and "ue": "Müller" is "Mueller".

    The index holds each story's words with those letters spelt out too
    (migration 0030), so "Mueller" finds "Müller"; this is the other way,
    "Müller" finding copy that wrote "Mueller".
    """
    return term.translate(_SPELT_OUT)


# A number of four figures or more, written without commas ("12000") or with
# them ("12,000"), standing alone: not part of a name ("F16000"), a decimal
# ("3.12000") or a longer number.
_BARE_NUMBER = re.compile(r"(?<![\w.,])[1-9]\d{3,}(?!\w|[.,]\d)")
_GROUPED_NUMBER = re.compile(r"(?<![\w.,])[1-9]\d{0,2}(?:,\d{3})+(?!\w|[.,]\d)")
# Four figures from these years on are a year ("2026"), never written "2,026".
_YEARS = range(1800, 2100)


def number_spellings(term):
    """``term`` with its numbers of thousands written the other way: "12000" ↔ "12,000".

    Stories write "12,000", and PostgreSQL reads it as "12" then "000", which
    a reader's "12000" does not match (nor "12,000" a story's "12000").
    A year keeps its one spelling.
    """
    with_commas = _BARE_NUMBER.sub(
        lambda found: found[0] if int(found[0]) in _YEARS else f"{int(found[0]):,}", term
    )
    without = _GROUPED_NUMBER.sub(lambda found: found[0].replace(",", ""), term)
    return [other for other in dict.fromkeys((with_commas, without)) if other != term]


def _other_spellings(term):
    """The spellings of ``term`` besides its own: joined, its acronyms the other
    way, its letters-and-number names the other ways, its numbers with commas
    or without, its umlauts spelt out, or a name as the other wires spell it."""
    joined = _INNER_HYPHEN.sub("", term)
    acronyms = other_acronym_spelling(term)
    others = (
        joined,
        acronyms,
        *code_spellings(term),
        *number_spellings(term),
        spelt_out(term),
        *variant_spellings(term),
    )
    return [other for other in dict.fromkeys(others) if other != term]


class SpellingsQuery(SearchQuery):
    """A web-search query in which each hyphenated word or phrase also matches its joined spelling.

    PostgreSQL indexes "cease-fire" as the whole word and its parts, and a
    reader's "cease-fire" as those three in a row, which a story that wrote
    "ceasefire" does not have. ``ts_rewrite`` replaces that part of the parsed
    query with "either spelling", wherever it is (under a NOT too). A hyphenated
    word inside a quoted phrase is rewritten with its phrase: the parsed query
    keeps no smaller part for it.
    """

    def __init__(self, value, *, spellings, **kwargs):
        super().__init__(value, search_type="websearch", **kwargs)
        self.spellings = spellings

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function, template)
        config_sql, config_params = compiler.compile(self.config)
        parsed = f"websearch_to_tsquery({config_sql}, %s)"
        for hyphenated, joined in self.spellings:
            sql = f"ts_rewrite({sql}, {parsed}, {parsed} || {parsed})"
            params = [
                *params,
                *config_params, hyphenated,
                *config_params, hyphenated,
                *config_params, joined,
            ]
        return sql, params


def freshened(rank, published_at, now):
    """``rank`` weighed by the story's age: halved at ``RANK_HALVED_AFTER_DAYS``."""
    age_days = max((now - published_at).total_seconds(), 0) / 86400
    return rank / (1 + age_days / RANK_HALVED_AFTER_DAYS)


# A name written with "&" between letters: "AT&T", "S&P", "M&S".
_AMPERSAND_NAME = re.compile(r"(?<![^\W_])[^\W\d_]+(?:&[^\W\d_]+)+(?![^\W_])")


def joined_ampersands(query):
    """``query`` with each name written with "&" joined: "AT&T shares" is "ATT shares".

    PostgreSQL reads "AT&T" as "at" and "t", words too common to index, so it
    matched nothing; the index holds such names joined too (migration 0029),
    where this finds them. Not inside a quoted phrase: the joined name is
    indexed after the story, not at its place, so the phrase would match
    nothing; as typed, it is the phrase's other words. On other databases the
    fallback matches the characters as typed and needs none of this.
    """
    return _outside_quotes(query, lambda words: _AMPERSAND_NAME.sub(_without_ampersands, words))


def _outside_quotes(query, change):
    """``query`` with ``change`` made to its words outside quoted phrases only.

    Quoted phrases (closed or not, as the web-search syntax reads them) are
    the odd pieces of a split on the quotation mark.
    """
    pieces = query.split('"')
    return '"'.join(
        piece if quoted else change(piece)
        for quoted, piece in zip(itertools.cycle((False, True)), pieces)
    )


def _without_ampersands(found):
    return found.group().replace("&", "")


# A quoted phrase (closed or not) or a word, as the web-search syntax reads them;
# a name typed apart ("COP 29") is kept whole, so its rank counts its other spellings.
_QUERY_TERM = re.compile(rf'"[^"]*"?|{_CODE_APART.pattern}|[^\s"]+')


def any_of(query):
    """``query``'s words and quoted phrases joined with "or": a story ranks by each it has.

    "ceasefire talks" is "ceasefire or talks"; a phrase stays whole (
    '"post-war reconstruction" Gaza' is '"post-war reconstruction" or Gaza').
    """
    terms = [found[0] for found in _QUERY_TERM.finditer(query) if found[0].lower() != "or"]
    return " or ".join(terms)


def _bars_as_or(query):
    """``query`` with "|" between words read as "or", outside quoted phrases."""
    return _outside_quotes(query, lambda words: _BAR_BETWEEN_WORDS.sub(" or ", words))


def _full_text_search(public, query):
    query = joined_ampersands(_bars_as_or(query))
    ts_query = SpellingsQuery(query, spellings=joined_spellings(query), config=SEARCH_CONFIG)
    # Ranked by the words wanted only, each on its own (found, a story has them
    # all): PostgreSQL's ts_rank gives every match of one word and a NOT
    # ("ceasefire -plan") the same rank, 1e-20, so the newest story with the word
    # once in its body came above those with it in the headline; and for words
    # it must all find it weighs how close they stand, down to 1e-30 a hundred
    # words apart, so "ceasefire talks" ranked a story headlined "ceasefire"
    # with "talks" far down its body at 324th of 500.
    wanted = any_of(_EXCLUDED.sub(" ", query))
    rank_query = (
        SpellingsQuery(wanted, spellings=joined_spellings(wanted), config=SEARCH_CONFIG)
        if wanted
        else ts_query
    )
    # The body is sanitised HTML: highlight its text, not its tags.
    stopped = F("body")
    for tag in _STOPPED_BLOCKS:
        stopped = Replace(stopped, Value(f"</{tag}>"), Value(f" {STOP_MARK}</{tag}>"))
    unwrapped = Func(
        stopped,
        Value(_INLINE_TAG),
        Value(""),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    body_text = Func(
        unwrapped,
        Value(f"{_TAG}|[{MARK_START}{MARK_END}]"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    return SearchResults(
        public,
        Q(search_vector=ts_query),
        rank=SearchRank(F("search_vector"), rank_query),
        page_annotations={
            "marked_snippet": SearchHeadline(
                body_text,
                ts_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=SNIPPET_MIN_WORDS,
                # One passage, as written: two fragments were joined with " … "
                # where a single word stood between them, often inside a
                # quotation ("“We cannot wait … spring,”" for "wait for spring").
                # Short words at its ends are kept ("A ceasefire between …",
                # not "… ceasefire between"): PostgreSQL drops words of up to
                # three letters there by default.
                max_fragments=1,
                short_word=0,
            ),
            # To tell whether the passage starts or ends where the body does.
            "body_head": Left("body", BODY_END_CHARS),
            "body_tail": Right("body", BODY_END_CHARS),
        },
        # ts_headline reads the body in the database; Python never needs it.
        page_defer=("body",),
    )


def _plain_search(public, query):
    wanted, unwanted = plain_terms(query)
    by_word = connections[public.db].vendor == "sqlite"
    matches = Q()
    in_headline = Q()
    # "COP 29": both words anywhere, as PostgreSQL reads them, or the name joined
    # ("COP29"), whose other spellings include "COP-29".
    alone = wanted
    for letters, number in codes_apart(query):
        if letters in alone and number in alone:
            alone = [term for term in alone if term not in (letters, number)]
            joined = f"{letters}{number}"
            matches &= (
                _anywhere(letters, by_word) & _anywhere(number, by_word)
            ) | _anywhere(joined, by_word)
            for spelling in _spellings(joined):
                in_headline |= _matches("headline", spelling, by_word)
    for term in alone:
        matches &= _anywhere(term, by_word)
        for spelling in _spellings(term):
            in_headline |= _matches("headline", spelling, by_word)
    for term in unwanted:
        matches &= ~_anywhere(term, by_word)
    if not wanted and not unwanted:
        # Punctuation only: PostgreSQL finds no word in it either.
        return SearchResults(public.none(), Q(), rank=Value(0))
    if not wanted:
        # Exclusions only ("-football"): every story without them, newest first.
        return SearchResults(public, matches, rank=Value(0))
    headline_first = Case(When(in_headline, then=Value(1)), default=0, output_field=IntegerField())
    return SearchResults(public, matches, rank=headline_first)


def _spellings(term):
    """``term``, and its other spellings, as ``joined_spellings`` gives them."""
    return [term, *_other_spellings(term)]


def _anywhere(term, by_word):
    """The story has ``term`` (or its joined spelling) in its text or in a credited name.

    The names, as PostgreSQL's index holds them: a byline's writer, a credited
    source by its name or one of its other names (``EXISTS``, so a story with
    two matching names is found once).
    """
    found = Q()
    for spelling in _spellings(term):
        found |= (
            _matches("headline", spelling, by_word)
            | _matches("dateline", spelling, by_word)
            | _matches("standfirst", spelling, by_word)
            | _matches("body", spelling, by_word)
            # The body is HTML, where "M&S" is stored "M&amp;S".
            | (_matches("body", escape(spelling), by_word) if "&" in spelling else Q())
            | Q(
                Exists(
                    Byline.objects.filter(
                        _matches("author__name", spelling, by_word), article=OuterRef("pk")
                    )
                )
            )
            | Q(
                Exists(
                    SourceCredit.objects.filter(
                        _matches("source__name", spelling, by_word), article=OuterRef("pk")
                    )
                )
            )
            # "BBC" for the source "British Broadcasting Corporation" (migration 0031).
            | Q(
                Exists(
                    OtherName.objects.filter(
                        _matches("name", spelling, by_word),
                        source__credits__article=OuterRef("pk"),
                    )
                )
            )
        )
    return found


def _matches(field, term, by_word):
    """``field`` has ``term`` at the start of a word, accents aside (``by_word``), or anywhere.

    SQLite has no full-text search of ours, but Django gives it a ``REGEXP`` that
    runs Python's ``re``: there "ines" finds "Inés" and not "business", as on
    PostgreSQL. Other databases' regular expressions differ, so they keep a
    plain case-insensitive ``LIKE``.
    """
    if by_word:
        return Q(**{f"{field}__iregex": word_pattern(term)})
    return Q(**{f"{field}__icontains": term})


def _accent_classes():
    """Each unaccented Latin letter and the accented letters that reduce to it ("e": "éèêë…")."""
    classes = {}
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = unicodedata.normalize("NFD", letter)[0].lower()
        # "İ" lowers to two characters, which a character class would take apart.
        lower = letter.lower()
        if base.isascii() and base.isalpha() and len(lower) == 1 and lower != base:
            classes.setdefault(base, set()).add(lower)
    return {base: "".join(sorted(letters)) for base, letters in classes.items()}


_ACCENTED = _accent_classes()


def word_pattern(term):
    """A regular expression for ``term`` at the start of a word, accents aside; its
    users match it ignoring case.

    "Ines" and "Inés" both find "Inés" and "INES"; "eu" does not find "neutral";
    the words of a phrase may be parted by any run of spaces; and a hyphen may
    stand between two letters, as PostgreSQL's index also holds "cease-fire"
    joined (migration 0025): "ceasefire" finds "cease-fire". "ae", "oe" and "ue"
    also find "ä", "ö" and "ü" (migration 0030): "Mueller" finds "Müller"; "ss"
    and "ß" find each other, as ``unaccent`` makes them one. An acronym ("UN",
    "NATO", "un") is a whole word.
    """
    pieces = []
    position = 0
    while position < len(term):
        character = term[position]
        pair = term[position : position + 2].lower()
        if pair in _SPELT_OUT_LETTERS:
            # "ue" also finds "ü", as the index holds "Müller" spelt out (migration
            # 0030), and "ss" "ß", as unaccent() reads it.
            piece = f"(?:{_letter_pattern(pair[0])}-?{pair[1]}|{_SPELT_OUT_LETTERS[pair]})"
            position += 2
        elif character == "ß":
            piece = "(?:ß|s-?s)"
            position += 1
        else:
            piece = _letter_pattern(character)
            position += 1
        if character.isspace():
            if pieces and pieces[-1] != r"\s+":
                pieces.append(r"\s+")
        else:
            pieces.append(piece)
        following = term[position : position + 1]
        if term[position - 1].isalpha() and following.isalpha():
            pieces.append("-?")
    # An acronym is the whole word, as PostgreSQL reads it: "UN" or "un" is not
    # the start of "unions" or "until".
    ending = r"(?!\w)" if _CAPITALS_ACRONYM.fullmatch(term) else ""
    return r"(?<!\w)" + "".join(pieces) + ending


_SPELT_OUT_LETTERS = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}


def _letter_pattern(character):
    """``character`` in a pattern: with its accented forms if it is a Latin letter."""
    base = unicodedata.normalize("NFD", character)[0].lower()
    if base in _ACCENTED:
        return f"[{base}{_ACCENTED[base]}]"
    return re.escape(character.lower())


def plain_terms(query):
    """The fallback's reading of ``query``, as PostgreSQL's web search syntax reads it.

    Returns (wanted, unwanted): a quoted phrase (``"aid convoys"``) is one
    term, matched as written; a word or phrase after ``-`` must not appear.
    Quote marks are never searched for themselves, and an unclosed quote runs
    to the end of the query. Terms without a letter or digit are dropped.
    """
    wanted, unwanted = [], []
    for minus_phrase, phrase, minus_word, word in _PLAIN_TERM.findall(query):
        term, minus = (word, minus_word) if word else (" ".join(phrase.split()), minus_phrase)
        if not _WORDLIKE.search(term):
            continue
        (unwanted if minus else wanted).append(term)
    return wanted[:FALLBACK_MAX_TERMS], unwanted[:FALLBACK_MAX_TERMS]


def snippet(article, query):
    """A short passage of ``article``'s body with the query's words in ``<mark>``.

    Empty when the body has none of them (the story matched by its headline,
    dateline, standfirst or a name on it): the page then shows the standfirst,
    the desk's own summary, where the body's first words had been shown, which
    can be a picture's caption or a table's cells ("Photograph: Agency. Party.
    Votes. Share.").

    Safe to render: every character of story text is escaped, and the only
    tags are the ``<mark>`` pairs added here.
    """
    marked = getattr(article, "marked_snippet", None)
    if marked is not None:
        if MARK_START not in marked:
            return ""
        # PostgreSQL worked on the stored HTML, so its text still has entities.
        marked = _full_stops(marked)
        before, after = _cut_marks(marked, article.body_head, article.body_tail)
        if before == "… ":
            marked = _from_a_whole_sentence(marked)
        return _highlight(f"{before}{marked}{after}", decode=unescape)
    query = clean_query(query)
    wanted = plain_terms(query)[0] + [letters + number for letters, number in codes_apart(query)]
    terms = [spelling for term in wanted for spelling in _spellings(term)]
    marked = _plain_marked_snippet(article.body, terms)
    return _highlight(marked) if MARK_START in marked else ""


def _from_a_whole_sentence(marked):
    """A passage from the middle of a body, from its first whole sentence when it
    opens on the end of one ("… stored. Mediators said …").

    PostgreSQL starts a passage some words before the match, often the last
    word or two of the sentence before, which read as noise. They go when the
    sentence with the first match starts after them, where a word in lower
    case, a full stop and a capital show a sentence ends ("the U.S. and" and
    "Mr. Smith" do not), and the rest is a passage still.
    """
    tail = _SENTENCE_TAIL.match(marked)
    if tail is None:
        return marked
    rest = marked[tail.end() :]
    opening = rest.lstrip(_OPENING_PUNCTUATION + MARK_START)[:1]
    if not (opening.isupper() or opening.isdigit()) or len(rest.split()) < SNIPPET_MIN_WORDS:
        return marked
    return rest


def _body_words(html):
    """Body HTML as the words a snippet is cut from, as the database takes them.

    Inline tags go, other tags part words, a block without a full stop gets
    one; entities are decoded and spaces single.
    """
    text = re.sub(_TAG, " ", re.sub(_INLINE_TAG, "", _stop_blocks(html or "")))
    return _full_stops(" ".join(_UNWANTED.sub(" ", unescape(text)).split()))


def _cut_marks(marked, body_head, body_tail):
    """The "… " and " …" a PostgreSQL passage needs: where it does not start or end the body.

    ``ts_headline`` returns words from the middle of a body as they are; the
    reader should see that the sentence goes on. Compared without the
    punctuation around the ends, which the passage leaves out (it starts and
    ends on a word): where it does start or end the body, the body's own
    punctuation there is given back ("… on the resolution." lost its full stop).
    """
    words = " ".join(unescape(marked.replace(MARK_START, "").replace(MARK_END, "")).split())
    start = _LEADING_NON_WORD.sub("", words)[:_EDGE_CHARS]
    end = _TRAILING_NON_WORD.sub("", words)[-_EDGE_CHARS:]
    head, tail = _body_words(body_head), _body_words(body_tail)
    starts_body = _LEADING_NON_WORD.sub("", head).startswith(start)
    ends_body = _TRAILING_NON_WORD.sub("", tail).endswith(end)
    before = after = ""
    if not starts_body:
        before = "… "
    elif (opening := _LEADING_NON_WORD.match(head)) and not words.startswith(opening[0]):
        before = opening[0].strip()
    if not ends_body:
        after = " …"
    elif (closing := _TRAILING_NON_WORD.search(tail)) and not words.endswith(closing[0]):
        after = closing[0].strip()
    return before, after


def _highlight(marked, decode=str):
    pieces = []
    position = 0
    for match in _MARKED.finditer(marked):
        pieces.append(escape(decode(marked[position : match.start()])))
        pieces.append(f"<mark>{escape(decode(match.group(1)))}</mark>")
        position = match.end()
    pieces.append(escape(decode(marked[position:])))
    # Every piece of text was escaped above; the only markup is our own <mark>.
    return mark_safe("".join(pieces).strip())


def _plain_marked_snippet(body, terms):
    """The fallback's snippet: plain text around the first match, matches marked."""
    # Tags become spaces, as on PostgreSQL: "<p>in full.</p><p>The …" is two sentences.
    text = _body_words(body)
    terms = [term for term in terms[:FALLBACK_MAX_TERMS] if term]
    if not terms:
        return text[:FALLBACK_SNIPPET_CHARS]
    # The whole word a term starts is marked, as PostgreSQL marks the words it matched.
    pattern = re.compile(
        "|".join(rf"{word_pattern(term)}\w*" for term in terms), re.IGNORECASE
    )
    first = pattern.search(text)
    start = max(0, first.start() - FALLBACK_SNIPPET_CHARS // 3) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    passage = text[start : start + FALLBACK_SNIPPET_CHARS]
    if start + len(passage) < len(text) and " " in passage:
        # End on a whole word: "flour, b …" reads as a typo.
        passage = passage[: passage.rindex(" ")]
    # Marks go in before escaping: snippet() escapes the text around them.
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", passage)
    return ("… " if start else "") + marked + (" …" if start + len(passage) < len(text) else "")


def matching_names(query):
    """Writers and sources whose names match ``query``: ``(authors, sources)``.

    A reader who types "Amina Diallo" or "Reuters" finds their stories (the
    story index holds the names on bylines and credits) and, above them,
    the writer's or the source's own page; a source is also found by its
    other names ("BBC" lists "British Broadcasting Corporation"). Only an
    author bylined on, or a source credited by, at least one public story
    qualifies: a staff profile or a source known only from drafts is never
    revealed.

    The query is read as the fallback search reads it (``plain_terms``):
    every word or quoted phrase must begin a word of the name, and a word
    after ``-`` must not appear in it. Case and accents are ignored on both
    databases ("ines" and "Ines" find "Inés"): ``unaccent()`` on PostgreSQL,
    Python's regular expressions on SQLite (``_named``); there is no
    stemming, which names do not need. The closest
    names come first: the whole query as the name, then names that start
    with it, then the rest by name; at most ``NAMES_PER_KIND`` of each kind.

    One query for both kinds, none when the query has no word in it. The
    lists hold unsaved ``Author`` and ``Source`` instances with what the
    page shows: name, slug (``get_absolute_url``), and the author's job
    title or the source's kind.
    """
    wanted, unwanted = plain_terms(clean_query(query))
    if not wanted:
        return [], []
    public = Article.objects.published()
    db = public.db
    parts = [
        _named(
            Author,
            # Every part is compiled by the ORM, public() included.
            public.filter(bylines__isnull=False).order_by().values("bylines__author"),
            wanted,
            unwanted,
            label="author",
            detail="job_title",
            using=db,
        ),
        _named(
            Source,
            public.filter(source_credits__isnull=False).order_by().values("source_credits__source"),
            wanted,
            unwanted,
            label="source",
            detail="kind",
            using=db,
        ),
    ]
    # SQLite allows no LIMIT on a part of a UNION, but does in a subquery.
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part_sql}) names_{n}"  # noqa: S608 (compiled SQL, bound values)
        for n, (part_sql, _) in enumerate(parts)
    )
    with connections[db].cursor() as cursor:
        cursor.execute(sql, [param for _, params in parts for param in params])
        rows = cursor.fetchall()
    found = {"author": [], "source": []}
    for label, _closeness, pk, name, slug, detail in sorted(
        rows, key=lambda row: (row[0], row[1], row[3].casefold(), row[2])
    ):
        if label == "author":
            found[label].append(Author(pk=pk, name=name, slug=slug, job_title=detail))
        else:
            found[label].append(Source(pk=pk, name=name, slug=slug, kind=detail))
    return found["author"], found["source"]


def _named(model, credited, wanted, unwanted, *, label, detail, using):
    """SQL and parameters for the closest names of ``model`` that ``credited`` lists.

    ``credited`` is a query of the ids of the authors (or sources) on public
    stories. Rows: label, closeness, id, name, slug, detail. A source is
    found by its other names too, and is as close as the closest of its names.
    """
    # Accents ignored on PostgreSQL, as in the story search: Django's unaccent
    # lookup puts both the name and the reader's words through unaccent(), so
    # "Ines" and "Inés" both find "Inés".
    # On SQLite, Python's regular expressions do it (``_matches``): its LIKE
    # folds the case of ASCII letters only, so "ines" missed "Inés".
    vendor = connections[using].vendor
    name = "name__unaccent" if vendor == "postgresql" else "name"
    matches = Q()
    for term in wanted:
        if vendor == "sqlite":
            matches &= _matches("name", term, by_word=True)
            continue
        starts_a_word = Q(**{f"{name}__istartswith": term})
        for mark in _NAME_WORD_BREAKS:
            starts_a_word |= Q(**{f"{name}__icontains": mark + term})
        matches &= starts_a_word
    for term in unwanted:
        matches &= ~Q(**{f"{name}__icontains": term})
    whole = " ".join(wanted)
    is_whole = Q(**{f"{name}__iexact": whole})
    starts_whole = Q(**{f"{name}__istartswith": whole})
    if model is Source:
        # A source is found by its other names as by its name ("BBC"), each
        # read on its own; EXISTS, so a source with two such names is listed once.
        def by_other_name(condition):
            return Q(Exists(OtherName.objects.filter(condition, source=OuterRef("pk"))))

        matches, is_whole, starts_whole = (
            condition | by_other_name(condition)
            for condition in (matches, is_whole, starts_whole)
        )
    closeness = Case(
        When(is_whole, then=Value(0)),
        When(starts_whole, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    candidates = (
        model.objects.using(using)
        .filter(matches)
        .annotate(
            row_closeness=closeness,
            row_id=F("pk"),
            row_name=F("name"),
            row_slug=F("slug"),
            row_detail=F(detail),
        )
        .order_by("row_closeness", "row_name", "row_id")
        .values_list("row_closeness", "row_id", "row_name", "row_slug", "row_detail")[
            :NAME_CANDIDATES
        ]
    )
    candidates_sql, candidates_params = candidates.query.get_compiler(using).as_sql()
    credited_sql, credited_params = credited.using(using).query.get_compiler(using).as_sql()
    # Why SQL around the ORM's parts: which names have a public story is
    # asked only of the closest few, in order, stopping at NAMES_PER_KIND.
    # Written with the ORM (EXISTS or IN beside the name filter), PostgreSQL
    # joins every public byline instead, about 100 ms at 50,000 stories,
    # more than the whole search; this shape reads the author's (or
    # source's) index once per candidate, a few milliseconds. A name with
    # no public story still takes a candidate's place, never the page's.
    # Only compiled ORM SQL and an integer go into the string; every value,
    # the reader's words included, is a bound parameter.
    sql = (
        "SELECT %s AS row_label, c.row_closeness, c.row_id, c.row_name, c.row_slug,"  # noqa: S608
        f" c.row_detail FROM ({candidates_sql}) c WHERE c.row_id IN ({credited_sql})"
        f" ORDER BY c.row_closeness, c.row_name, c.row_id LIMIT {NAMES_PER_KIND:d}"
    )
    return sql, (label, *candidates_params, *credited_params)


def only_common_words(query, using=None):
    """Does the full-text search find no word in ``query`` to look for ("the", "to be")?

    PostgreSQL drops the words too common to index (its English stop words) and
    then matches nothing, which is not the same as no story containing them:
    the page says so, rather than "no stories found". One query, asked only
    when a search found nothing; never on another database, whose fallback
    search looks for every word.
    """
    using = using or Article.objects.published().db
    if connections[using].vendor != "postgresql" or not _WORDLIKE.search(query):
        return False
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))",
            [SEARCH_CONFIG, joined_ampersands(query)],
        )
        return cursor.fetchone()[0] == 0


def _shown_query(query):
    """The query as the page repeats it ("3 stories for “aid convoys”"), isolated from the text.

    In quotation marks of ours, unless the reader typed some: a phrase they
    quoted is shown in our marks alone, and a query with a quoted phrase and
    more words ('"energy pact" -nordic') as typed, not quoted twice.
    """
    if _QUOTED_PHRASE.fullmatch(query):
        query = query[1:-1]
    elif '"' in query:
        return format_html("<bdi>{}</bdi>", query)
    return format_html("<q><bdi>{}</bdi></q>", query)


_ACRONYM = re.compile(r"[A-Z]{2,5}")
# Typed in capitals, still no name: "THE", "AND".
_LITTLE_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "is", "of", "on", "or"}
    | {"the", "to", "with"}
)

# ``?sort=newest``: the search's stories newest first rather than best match first.
NEWEST = "newest"


@require_safe
def search_view(request):
    """The search page: the form, and when there is a query, a page of results."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    newest_first = request.GET.get("sort") == NEWEST
    page = results = None
    authors = sources = ()
    too_common = False
    if query:
        results = search(query, newest_first=newest_first)
        page = paginate(request, results, per_page=RESULTS_PER_PAGE)
        if moved := redirect_to_served(request, page):
            return moved
        for article in page.object_list:
            article.snippet = snippet(article, query)
        too_common = not page.paginator.count and only_common_words(query, results.public.db)
        if page.number == 1 and not too_common:
            # Named once, above the first page of stories; later pages are for reading on.
            authors, sources = matching_names(query)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "shown_query": _shown_query(query),
            # Over the cap: say so, or the missing words' stories seem not to exist.
            "shortened": len(query) < len(" ".join(_UNWANTED.sub(" ", raw).split())),
            "query_max_length": QUERY_MAX_LENGTH,
            "page": page,
            "results": results,
            "max_results": MAX_RESULTS,
            "matching_authors": authors,
            "matching_sources": sources,
            "too_common": too_common,
            # "the" alone is a word, not "made of words such as “the”".
            "one_word": len(query.split()) == 1,
            # "🎉", "?!": nothing a story's words could match, on any database.
            "no_words": bool(query) and not _WORDLIKE.search(query),
            # "WHO", "IT": names in capitals that are common words in lower
            # case, dropped as "who", "it" (PostgreSQL folds case first).
            "common_word_acronyms": (
                [
                    word
                    for word in query.split()
                    if _ACRONYM.fullmatch(word) and word.lower() not in _LITTLE_WORDS
                ]
                if too_common
                else []
            ),
            "newest_first": newest_first,
            # The two orders of the same search, from its first page.
            "best_match_url": "?" + urlencode({"q": query}),
            "newest_url": "?" + urlencode({"q": query, "sort": NEWEST}),
        },
    )
