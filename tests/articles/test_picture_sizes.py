"""The ``sizes`` of a story's pictures: as wide as they are drawn, so phones fetch small copies.

tests/browser/test_picture_sizes.py checks the same figures against the
pictures a browser draws.
"""

from django.test import SimpleTestCase, TestCase

from articles.picture_sizes import body_sizes, top_picture_sizes
from articles.templatetags.newsroom_stories import reader_body
from tests.articles.test_reader_body import COLUMN, STEM
from tests.factories import make_article, make_section

CAP = "min(65vh, 44rem)"


class TopPictureSizesTests(SimpleTestCase):
    def test_a_landscape_picture_fills_the_column(self):
        """On a phone the column is the page less its 1rem margins, not the whole page."""
        self.assertEqual(top_picture_sizes(1600, 900), COLUMN)
        self.assertTrue(COLUMN.endswith(", calc(100vw - 2rem)"))

    def test_a_portrait_picture_is_as_wide_as_the_height_cap_draws_it(self):
        """1200×1800, drawn 65% of the screen high, is two thirds of that wide."""
        self.assertEqual(
            top_picture_sizes(1200, 1800),
            f"(min-width: 51em) min(48rem, {CAP} * 2 / 3), (min-width: 51em) 48rem, "
            f"(min-width: 40em) min(calc(100vw - 3rem), {CAP} * 2 / 3), "
            "(min-width: 40em) calc(100vw - 3rem), "
            f"min(calc(100vw - 2rem), {CAP} * 2 / 3), calc(100vw - 2rem)",
        )

    def test_the_cap_counts_from_the_first_picture_it_holds_on_every_desktop(self):
        """44rem of 48rem: a square is held by the cap, a 4:3 picture is not."""
        self.assertIn("min(", top_picture_sizes(1000, 1000))
        self.assertIn(f"{CAP} * 400 / 367", top_picture_sizes(1200, 1101))
        self.assertEqual(top_picture_sizes(1200, 1100), COLUMN)
        self.assertEqual(top_picture_sizes(1600, 1200), COLUMN)

    def test_a_small_original_is_still_drawn_across_the_column(self):
        self.assertEqual(top_picture_sizes(300, 200), COLUMN)
        self.assertIn(f"min(48rem, {CAP} * 1 / 2)", top_picture_sizes(300, 600))

    def test_without_a_stored_size_the_column(self):
        self.assertEqual(top_picture_sizes(None, None), COLUMN)


class BodyPictureSizesTests(SimpleTestCase):
    def test_a_tall_body_picture_is_as_wide_as_the_height_cap_draws_it(self):
        sizes = body_sizes(1200, 2400)
        self.assertTrue(sizes.startswith(f"(min-width: 51em) min(48rem, {CAP} * 1 / 2), "))
        self.assertIn(f"min(calc(100vw - 2rem), {CAP} * 1 / 2), calc(100vw - 2rem)", sizes)

    def test_a_narrow_tall_picture_keeps_its_width_within_the_cap(self):
        """Set 400 px wide and 800 high: taller than the cap on any screen."""
        self.assertTrue(
            body_sizes(400, 800).startswith(
                f"(min-width: 448px) min(400px, {CAP} * 1 / 2), (min-width: 448px) 400px, "
            )
        )

    def test_a_small_picture_shorter_than_the_cap_keeps_the_plain_widths(self):
        self.assertEqual(body_sizes(150, 300), f"(min-width: 198px) 150px, {COLUMN}")

    def test_the_body_of_a_story_carries_them(self):
        src = f"/media/uploads/2026/11/{STEM}-1200x1800.jpg"
        html = reader_body(f'<p><img src="{src}" alt="The minister"></p>')
        self.assertEqual(html.count(f'sizes="{body_sizes(1200, 1800)}"'), 2)  # source and img
        self.assertIn(f"{CAP} * 2 / 3", html)


class StoryPageSizesTests(TestCase):
    def test_the_top_picture_says_how_wide_it_is_drawn(self):
        portrait = make_article(
            featured_image="articles/minister.jpg",
            featured_image_width=1200,
            featured_image_height=1800,
        )
        landscape = make_article(
            featured_image="articles/harbour.jpg",
            featured_image_width=1600,
            featured_image_height=900,
        )
        with self.assertNumQueries(6):  # as pinned in tests/articles/test_views.py
            response = self.client.get(portrait.get_absolute_url())
        self.assertContains(response, f'sizes="{top_picture_sizes(1200, 1800)}"', 2)
        self.assertContains(response, f"{CAP} * 2 / 3")
        self.assertContains(self.client.get(landscape.get_absolute_url()), f'sizes="{COLUMN}"', 2)


class FrontPageSizesTests(TestCase):
    def test_the_lead_picture_is_as_wide_as_its_column(self):
        """On a phone the page less its margins; on a desktop two thirds of it, to 48rem."""
        make_article(
            section=make_section(),
            featured_image="articles/lead.jpg",
            featured_image_width=1600,
            featured_image_height=900,
        )
        self.assertContains(
            self.client.get("/"),
            'sizes="(min-width: 76em) 48rem, (min-width: 60em) calc((100vw - 4.5rem) * 2 / 3), '
            '(min-width: 40em) calc(100vw - 3rem), calc(100vw - 2rem)"',
            2,
        )
