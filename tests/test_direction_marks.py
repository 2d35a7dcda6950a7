"""A direction override left open in a name or headline stays inside it.

Pasted from right-to-left copy, an unclosed RIGHT-TO-LEFT OVERRIDE (U+202E) in
an author's name turned the rest of the byline around for readers: "By QA
nosreP <b/>AQ<b> dna rofakO leinaD". Plain-text fields now close what a line
leaves open, and drop closing marks that close nothing.
"""

from django.test import SimpleTestCase, TestCase

from articles.sanitiser import close_direction_marks
from authors.models import Author
from tests.factories import make_article, make_author

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
RLM = "\u200f"


class CloseDirectionMarksTests(SimpleTestCase):
    def test_an_override_left_open_is_closed_where_the_text_ends(self):
        self.assertEqual(close_direction_marks(f"QA {RLO}Bidi Person"), f"QA {RLO}Bidi Person{PDF}")

    def test_an_isolate_left_open_is_closed_with_its_own_mark(self):
        self.assertEqual(close_direction_marks(f"{RLI}القاهرة"), f"{RLI}القاهرة{PDI}")

    def test_nested_marks_close_innermost_first(self):
        self.assertEqual(close_direction_marks(f"{RLI}a{RLE}b"), f"{RLI}a{RLE}b{PDF}{PDI}")

    def test_balanced_text_is_kept_as_it_is(self):
        for text in (f"{RLE}سلام{PDF} world", f"{FSI}שלום{PDI}", f"{LRO}x{PDF}{LRI}y{PDI}"):
            self.assertEqual(close_direction_marks(text), text)

    def test_closing_marks_that_close_nothing_go(self):
        self.assertEqual(close_direction_marks(f"Paris{PDF}{PDI} news"), "Paris news")
        # A PDF cannot close an isolate, nor a PDI an embedding outside one.
        self.assertEqual(close_direction_marks(f"{LRI}a{PDF}b{PDI}"), f"{LRI}ab{PDI}")

    def test_a_pdi_closes_embeddings_opened_inside_its_isolate(self):
        self.assertEqual(close_direction_marks(f"{RLI}a{RLO}b{PDI}c"), f"{RLI}a{RLO}b{PDF}{PDI}c")

    def test_each_line_is_closed_on_its_own(self):
        self.assertEqual(
            close_direction_marks(f"one {RLO}two\nthree"), f"one {RLO}two{PDF}\nthree"
        )

    def test_a_line_ending_in_crlf_is_closed_before_its_break(self):
        """Browsers send a text box's lines with CRLF; a mark put after the CR
        made an empty line, and another with each save."""
        bio = f"Covers {RLO}Cairo\r\nBased in Beirut"
        closed = close_direction_marks(bio)
        self.assertEqual(closed, f"Covers {RLO}Cairo{PDF}\r\nBased in Beirut")
        self.assertEqual(close_direction_marks(closed), closed)
        for ending in ("\r", "\u2029", "\x85"):
            self.assertEqual(close_direction_marks(f"{RLI}a{ending}b"), f"{RLI}a{PDI}{ending}b")

    def test_direction_marks_and_other_text_are_untouched(self):
        for text in (f"{RLM}القاهرة", "Plain", "", None):
            self.assertEqual(close_direction_marks(text), text)


class SavedFieldsTests(TestCase):
    def test_a_name_with_an_override_left_open_is_saved_closed(self):
        author = make_author(name=f"QA {RLO}Bidi Person")
        author.refresh_from_db()
        self.assertEqual(author.name, f"QA {RLO}Bidi Person{PDF}")

    def test_the_byline_after_such_a_name_reads_the_right_way_round(self):
        first = make_author(name=f"QA {RLO}Bidi Person")
        second = make_author(name="Daniel Okafor")
        story = make_article(authors=[first, second])
        response = self.client.get(story.get_absolute_url())
        self.assertContains(response, f"QA {RLO}Bidi Person{PDF}</a> and <a")

    def test_a_name_stored_with_an_override_open_stays_inside_its_link(self):
        """Stored before the fix (or around save()): each name is set apart on the page."""
        first = make_author(name="Daniel Okafor")
        Author.objects.filter(pk=first.pk).update(name=f"QA {RLO}Bidi Person")
        story = make_article(authors=[first, make_author(name="Ann Baker")])
        response = self.client.get(story.get_absolute_url())
        self.assertContains(
            response, f'rel="author" dir="auto">QA {RLO}Bidi Person</a> and <a'
        )

    def test_headline_and_standfirst_are_closed_too(self):
        story = make_article(headline=f"Talks {RLE}resume", standfirst=f"{RLI}a\nb")
        story.refresh_from_db()
        self.assertEqual(story.headline, f"Talks {RLE}resume{PDF}")
        self.assertEqual(story.standfirst, f"{RLI}a{PDI}\nb")
