"""A story's slug when the story form leaves it empty, as it does for "中国发布新的气候目标".

The admin writes the slug from the headline in the browser, and writes nothing
for a script it has no Latin spelling for: the form refused the save with a
bare "This field is required." at Slug. The importer, authors and sources give
such a row a dated stand-in and tell the editor to write a slug; so does the
story form.
"""

import unicodedata
from datetime import date
from unittest import mock

from django.contrib.messages import get_messages
from django.test import SimpleTestCase
from django.urls import reverse

from articles import services, slugs
from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase, form_fields
from tests.factories import make_article

ADD_URL = reverse("admin:articles_article_add")
TODAY = date(2026, 11, 28)
Status = Article.Status


@mock.patch("django.utils.timezone.localdate", return_value=TODAY)
class StoryFormSlugTests(AdminWorkflowTestCase):
    def add(self, headline, slug="", dateline="", user=None, **fields):
        """Post the add form as the browser sends it when its script could make no slug.

        As the writer, unless ``user``; ``fields`` are posted too (a workflow button).
        """
        self.client.force_login(user or self.writer)
        data = form_fields(self.client.get(ADD_URL))
        data.update(
            headline=headline,
            slug=slug,
            dateline=dateline,
            section=str(self.section.pk),
            body="<p>Rain.</p>",
            **{"bylines-0-author": str(self.writer_author.pk), "bylines-0-position": "0"},
            **fields,
        )
        response = self.client.post(ADD_URL, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        return Article.objects.get(headline=headline), self.messages(response)

    def test_a_story_saved_outside_the_admin_gets_the_address_the_story_form_makes(self, _):
        """A long headline made a 200-character slug in a shell or a script, where the
        story form (given no slug) and the import cut it at 80."""
        headline = (
            "Ministers from the twenty-seven member states agree after all-night talks in "
            "Brussels on a joint plan to store gas through the winter"
        )
        story, _said = self.add(headline)
        expected = story.slug
        self.assertLessEqual(len(expected), slugs.ARTICLE_SLUG_CHARS)
        story.delete()
        self.assertEqual(make_article(headline=headline, slug="").slug, expected)

    def test_a_headline_without_latin_letters_gets_a_stand_in_and_a_warning(self, _):
        story, said = self.add("中国发布新的气候目标")
        self.assertEqual(story.slug, "story-2026-11-28")
        self.assertIn(
            "“中国发布新的气候目标”: the headline has no Latin, Greek or Cyrillic letters to "
            "make the story's address from: the slug “story-2026-11-28” stands in; write a slug "
            "before publishing.",
            said,
        )
        second, _ = self.add("北京宣布新措施")
        self.assertEqual(second.slug, "story-2026-11-28-2")

    def test_a_story_published_with_a_stand_in_is_not_told_to_write_one_before_publishing(
        self, _
    ):
        """"Write a slug before publishing" stood beside "is now published"."""
        story, said = self.add(
            "中国发布新的气候目标",
            user=self.editor,
            _transition="published",
            **{
                "source_credits-0-source": str(self.source.pk),
                "source_credits-0-role": "origin",
                "source_credits-0-position": "0",
            },
        )
        self.assertTrue(story.is_public)
        self.assertIn(
            "“中国发布新的气候目标”: the headline has no Latin, Greek or Cyrillic letters to make "
            "the story's address from: the slug “story-2026-11-28” stands in; the story is public "
            "at it: write a slug readers can read, and links to this one will lead to the new "
            "one.",
            said,
        )
        self.assertFalse([m for m in said if "before publishing" in m], said)

    def test_a_headline_whose_only_latin_characters_are_digits_gets_a_stand_in(self, _):
        """"中国发布2027年气候目标" made the address "/2027/" with no word of warning."""
        for headline in ("中国发布2027年气候目标", "القاهرة: 16 قتيلا"):
            with self.subTest(headline):
                story, said = self.add(headline)
                self.assertRegex(story.slug, r"^story-2026-11-28(-\d+)?$")
                self.assertTrue(any("has no Latin, Greek" in message for message in said))

    def test_a_greek_or_cyrillic_headline_is_spelt_in_latin_letters_without_a_warning(self, _):
        """A slug left empty for "Москва: 16 погибших" was a dated stand-in, "story-…"."""
        for headline, slug in (
            ("Москва: 16 погибших", "moskva-16-pogibshikh"),
            ("Σεισμός στην Κρήτη", "seismos-stin-kriti"),
            ("Уряд оголосив нові заходи у Києві", "uriad-oholosyv-novi-zakhody-u-kyievi"),
        ):
            with self.subTest(headline):
                story, said = self.add(headline)
                self.assertEqual(story.slug, slug)
                self.assertFalse([message for message in said if "stands in" in message], said)

    def test_the_admin_scripts_spelling_of_a_greek_or_cyrillic_headline_is_respelt(self, _):
        """The script wrote "8essalonikh" in the slug box, and it was published so."""
        for headline, scripts, slug in (
            ("Θεσσαλονίκη: νέο μετρό", "8essalonikh-neo-metro", "thessaloniki-neo-metro"),
            ("Київ відновив світло", "kiyiv-vidnoviv-svitlo", "kyiv-vidnovyv-svitlo"),
        ):
            with self.subTest(headline):
                self.assertEqual(slugs.admin_script_slug(headline, 200), scripts)
                story, said = self.add(headline, slug=scripts)
                self.assertEqual(story.slug, slug)
                self.assertFalse([message for message in said if "stands in" in message], said)
                # Said, as the box showed another spelling.
                self.assertIn(
                    f"“{headline}”: the slug is “{slug}”, spelt on saving in place of the "
                    f"page's “{scripts}”.",
                    said,
                )

    def test_nothing_is_said_when_the_two_spellings_agree(self, _):
        story, said = self.add("Москва голосует", slug="moskva-golosuet")
        self.assertEqual(story.slug, "moskva-golosuet")
        self.assertFalse([message for message in said if "spelt on saving" in message], said)

    def test_a_slug_typed_for_a_greek_headline_and_a_latin_headlines_are_kept(self, _):
        story, said = self.add("Θεσσαλονίκη: νέο μετρό", slug="salonica-metro")
        self.assertEqual(story.slug, "salonica-metro")
        self.assertFalse([message for message in said if "spelt on saving" in message], said)
        # The script's spelling of Latin letters is not the server's ("Ħal" is "al"
        # there, "hal" here), but what the page showed is what is saved.
        story, _ = self.add("Ħal Far airfield reopens", slug="al-far-airfield-reopens")
        self.assertEqual(story.slug, "al-far-airfield-reopens")

    def test_a_saved_storys_slug_is_never_respelt(self, _):
        """An address already given out stays: only a new story's slug is respelt."""
        story = make_article(
            headline="Θεσσαλονίκη: νέο μετρό", slug="8essalonikh-neo-metro", origin=self.source
        )
        self.client.force_login(self.editor)
        url = reverse("admin:articles_article_change", args=[story.pk])
        data = form_fields(self.client.get(url))
        data["standfirst"] = "A line more."
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        story.refresh_from_db()
        self.assertEqual((story.standfirst, story.slug), ("A line more.", "8essalonikh-neo-metro"))

    def test_the_stand_in_names_a_cyrillic_dateline_in_latin_letters(self, _):
        story, _ = self.add("中国发布新的气候目标", dateline="Москва")
        self.assertEqual(story.slug, "moskva-2026-11-28")

    def test_the_stand_in_names_the_dateline_when_it_can(self, _):
        story, _ = self.add("中国发布新的气候目标", dateline="Beijing")
        self.assertEqual(story.slug, "beijing-2026-11-28")

    def test_a_slug_left_empty_is_made_from_a_latin_headline_without_a_warning(self, _):
        make_article(headline="Floods in Łódź", slug="floods-in-lodz")
        story, said = self.add("Floods in Łódź again")
        self.assertEqual(story.slug, "floods-in-lodz-again")
        self.assertFalse([message for message in said if "stands in" in message], said)

    def test_a_slug_written_for_the_headline_is_kept_without_a_warning(self, _):
        story, said = self.add("中国发布新的气候目标", slug="china-climate-targets")
        self.assertEqual(story.slug, "china-climate-targets")
        self.assertFalse([message for message in said if "stands in" in message], said)

    def test_the_checklist_asks_for_a_slug_in_place_of_the_stand_in(self, _):
        """A stand-in works as an address, but says nothing and lives for good: a warning."""
        story = make_article(
            headline="中国发布新的气候目标", slug="story-2026-11-28", origin=self.source
        )
        checklist = services.check_article(story)
        self.assertTrue(
            [w for w in checklist.warnings if "“story-2026-11-28” is a dated stand-in" in w],
            checklist.warnings,
        )
        self.assertEqual(checklist.errors, [])
        story.slug = "china-climate-targets"
        self.assertFalse(
            [w for w in services.check_article(story).warnings if "stand-in" in w]
        )

    def test_the_checklist_knows_a_stand_in_given_before_cyrillic_was_spelt(self, _):
        """A Russian story imported before such headlines made a slug keeps its warning,
        its stand-in made of the day or of a dateline in Latin letters and the day."""
        for slug in ("story-2026-11-28-3", "moscow-2026-11-28"):
            with self.subTest(slug):
                story = make_article(
                    headline="Инфляция в России замедлилась", slug=slug, origin=self.source
                )
                self.assertTrue(
                    [
                        w
                        for w in services.check_article(story).warnings
                        if "is a dated stand-in" in w
                    ]
                )
        story.slug = "inflyatsiya-v-rossii-zamedlilas"
        self.assertFalse(
            [w for w in services.check_article(story).warnings if "stand-in" in w]
        )


class SlugSentBackTests(AdminWorkflowTestCase):
    """A new story's form sent back with errors: the slug the page made goes back empty.

    The admin's script writes the slug as the headline is typed, but only into
    a box that was empty when the page opened. Sent back filled, the slug stayed
    what the first headline made: "btalksb-resume-in-geneva" from a headline
    pasted with its HTML, kept after the tags were taken out, and published.
    """

    def post_add(self, **typed):
        self.client.force_login(self.writer)
        data = form_fields(self.client.get(ADD_URL))
        data.update(
            section=str(self.section.pk),
            body="<p>Rain.</p>",
            **{"bylines-0-author": str(self.writer_author.pk), "bylines-0-position": "0"},
        )
        data.update(typed)
        return self.client.post(ADD_URL, data)

    def slug_box(self, response):
        self.assertEqual(response.status_code, 200, "the form was not sent back")
        return form_fields(response)["slug"]

    def test_the_slug_made_from_a_headline_with_html_comes_back_empty(self):
        response = self.post_add(
            headline="<b>Talks</b> resume in Geneva", slug="btalksb-resume-in-geneva"
        )
        self.assertContains(response, "take out the HTML")
        self.assertEqual(self.slug_box(response), "")
        # Once the headline is put right, the slug is made from it.
        data = form_fields(response)
        data.update(headline="Talks resume in Geneva")
        self.assertEqual(self.client.post(ADD_URL, data).status_code, 302)
        self.assertEqual(
            Article.objects.get(headline="Talks resume in Geneva").slug, "talks-resume-in-geneva"
        )

    def test_the_pages_slug_comes_back_empty_whatever_the_error(self):
        """A dateline too long: the headline may be rewritten before the next save."""
        response = self.post_add(
            headline="Talks resume in Geneva", slug="talks-resume-in-geneva", dateline="G" * 101
        )
        self.assertEqual(self.slug_box(response), "")

    def test_the_pages_slug_comes_back_empty_when_only_a_byline_is_refused(self):
        """The story form itself valid, the writer named twice on the byline."""
        response = self.post_add(
            headline="Talks resume in Geneva",
            slug="talks-resume-in-geneva",
            **{
                "bylines-TOTAL_FORMS": "2",
                "bylines-1-author": str(self.writer_author.pk),
                "bylines-1-position": "1",
            },
        )
        self.assertFalse(response.context["adminform"].form.errors)
        self.assertEqual(self.slug_box(response), "")

    def test_the_pages_greek_or_cyrillic_slug_comes_back_empty_too(self):
        """The script spells Greek and Cyrillic in Latin letters, which the server's own
        slug does not: such a slug was not recognised as the page's and was kept."""
        for headline, written in (
            ("Σεισμός στην Κρήτη", "seismos-sthn-krhth"),
            ("Москва и Київ: обмен пленными", "moskva-i-kiyiv-obmen-plennymi"),
        ):
            with self.subTest(headline):
                response = self.post_add(headline=headline, slug=written, dateline="G" * 101)
                self.assertEqual(self.slug_box(response), "")

    def test_a_cyrillic_headlines_slug_held_by_another_story_is_refused_naming_it(self):
        """The script's slug or the server's spelling of it taken: as for a typed slug,
        not a "-2" said to be a respelling."""
        for headline, scripts, spelt in (
            ("Москва голосует", "moskva-golosuet", "moskva-golosuet"),
            ("Θεσσαλονίκη: νέο μετρό", "8essalonikh-neo-metro", "thessaloniki-neo-metro"),
        ):
            with self.subTest(headline):
                make_article(headline=f"{headline} (earlier)", slug=spelt)
                response = self.post_add(headline=headline, slug=scripts)
                self.assertContains(response, "already has this slug")
                self.assertFalse(Article.objects.filter(headline=headline).exists())

    @mock.patch("django.utils.timezone.localdate", return_value=TODAY)
    def test_the_scripts_slug_of_an_arabic_or_chinese_headline_gives_a_stand_in(self, _):
        """The script spells Arabic as its consonants and keeps a Chinese headline's
        digits alone: "/asia-pacific/2026/11/30/2027/" went public with no warning."""
        for headline, scripts in (
            ("انتعاش أسواق الخليج", "ntaash-asok-lkhlyg"),
            ("中国发布2027年气候目标", "2027"),
        ):
            with self.subTest(headline):
                self.assertEqual(slugs.admin_script_slug(headline, 200), scripts)
                response = self.post_add(headline=headline, slug=scripts)
                self.assertEqual(response.status_code, 302)
                story = Article.objects.get(headline=headline)
                self.assertRegex(story.slug, r"^story-2026-11-28(-\d+)?$")
                said = [str(m) for m in get_messages(response.wsgi_request)]
                self.assertTrue([m for m in said if "stands in" in m], said)

    def test_a_greek_letter_in_an_english_headline_leaves_the_pages_slug(self):
        """"β-blockers" is a symbol in English copy, not Greek to respell."""
        response = self.post_add(
            headline="β-blockers cut heart attacks", slug="b-blockers-cut-heart-attacks"
        )
        self.assertEqual(response.status_code, 302)
        story = Article.objects.get(headline="β-blockers cut heart attacks")
        self.assertEqual(story.slug, "b-blockers-cut-heart-attacks")

    def test_a_slug_that_differs_from_the_pages_by_one_letter_is_the_writers(self):
        response = self.post_add(
            headline="Москва и Київ", slug="moskva-i-kyiv", dateline="G" * 101
        )
        self.assertEqual(self.slug_box(response), "moskva-i-kyiv")

    def test_a_slug_the_writer_wrote_comes_back_as_written(self):
        response = self.post_add(headline="<b>Talks</b> resume in Geneva", slug="geneva-talks")
        self.assertEqual(self.slug_box(response), "geneva-talks")

    def test_a_slug_with_its_own_error_comes_back_to_be_put_right(self):
        make_article(slug="talks-resume-in-geneva")
        response = self.post_add(headline="Talks resume in Geneva", slug="talks-resume-in-geneva")
        self.assertContains(response, "already has this slug")
        self.assertEqual(self.slug_box(response), "talks-resume-in-geneva")


class AdminScriptSlugTests(SimpleTestCase):
    """``slugs.admin_script_slug`` spells a headline as the admin's ``URLify`` does.

    Compared with the script itself in a browser: tests/browser/test_admin_slug_script.py.
    """

    def test_it_reads_every_map_of_the_script(self):
        table = slugs._downcode_map()
        self.assertGreater(len(table), 300)
        for letter, spelt in (("é", "e"), ("Ω", "W"), ("ж", "zh"), ("ї", "yi"), ("ა", "a")):
            self.assertEqual(table[ord(letter)], spelt)

    def test_the_scripts_steps(self):
        for headline, slug in (
            ("Talks resume in Geneva", "talks-resume-in-geneva"),
            ("<b>Talks</b> resume: 3 sides!", "btalksb-resume-3-sides"),
            # Letters outside its maps are dropped, not decomposed as slugify does.
            ("Ħal Far", "al-far"),
            ("Łódź", "lodz"),
            ("São\u00a0Paulo – floods", "sao-paulo-floods"),
            ("under_score  --  spaces ", "under_score-spaces"),
            ("中国发布新的气候目标", ""),
        ):
            with self.subTest(headline):
                self.assertEqual(slugs.admin_script_slug(headline, 200), slug)

    def test_cut_to_the_length_then_trailing_hyphens_dropped(self):
        self.assertEqual(slugs.admin_script_slug("abc def", 4), "abc")
        self.assertEqual(slugs.admin_script_slug("abc def", 5), "abc-d")


class SlugTextTests(SimpleTestCase):
    """``slugs.slug_text``: the server's slug, Greek and Cyrillic spelt in Latin letters."""

    def assert_slug(self, text, slug):
        with self.subTest(text):
            self.assertEqual(slugs.slug_text(text), slug)

    def test_each_script(self):
        for text, slug in (
            ("Floods in Łódź", "floods-in-lodz"),
            ("Øresund bridge", "oresund-bridge"),
            # Russian by anyascii's table.
            ("Хабаровск: Шойгу и Щёлково", "khabarovsk-shoygu-i-shchelkovo"),
            ("Агентство ТАСС", "agentstvo-tass"),
            # Greek, its letter pairs as ELOT 743 spells them; accents and capitals alike.
            ("Σεισμός στην Κρήτη", "seismos-stin-kriti"),
            ("ΘΕΣΣΑΛΟΝΊΚΗ", "thessaloniki"),
            ("Ευρώπη, Ουγγαρία, Παπαδόπουλος", "evropi-oungaria-papadopoulos"),
            # A diaeresis parts the pair.
            ("Μοϋσής", "moysis"),
            # Scripts without one reading in Latin letters are dropped.
            ("中国发布2027年气候目标", ""),
            ("القاهرة", ""),
            ("Xinhua 新华社", "xinhua"),
        ):
            self.assert_slug(text, slug)

    def test_ukrainian_by_its_own_table(self):
        """A Russian reading of the same letters gave "kiiv", "ievropa", "zaporizhzhya"."""
        for text, slug in (
            ("Київ", "kyiv"),
            ("Харків і Запоріжжя", "kharkiv-i-zaporizhzhia"),
            # Є, Ї, Й, Ю, Я at the start of a word and inside one.
            (
                "Європа, Їжакевич, Йосипівка, Юрій, Яготин",
                "yevropa-yizhakevych-yosypivka-yurii-yahotyn",
            ),
            ("Україна", "ukraina"),
            # "зг" is "zgh", not "zh"; the apostrophe and the soft sign are not spelt.
            ("Згорани в Україні", "zghorany-v-ukraini"),
            ("М'ясо зі Львова", "miaso-zi-lvova"),
            ("Ґалаґан і Щастя", "galagan-i-shchastia"),
        ):
            self.assert_slug(text, slug)

    def test_greek_pairs_by_elot_743(self):
        for text, slug in (
            # "av", "ev" before a voiced consonant or a vowel; "af", "ef" before a
            # voiceless one and at the end of a word.
            ("Αύγουστος", "avgoustos"),
            ("Ναύπλιο", "nafplio"),
            ("αυτοκίνητο", "aftokinito"),
            ("Ευθύμιος", "efthymios"),
            ("ευχαριστώ", "efcharisto"),
            # "μπ" and "ντ" start a word as "b" and "d", and are "mp", "nt" inside one.
            ("Μπακογιάννη και Ντόρα", "bakogianni-kai-dora"),
            ("Κουμπί Αντώνης", "koumpi-antonis"),
            ("Άγχος, Σφίγξ", "anchos-sfinx"),
        ):
            self.assert_slug(text, slug)

    def test_accents_breathings_and_decomposed_letters(self):
        """Polytonic Greek and text pasted decomposed (NFD) read as the plain letters."""
        for text, slug in (
            ("Εὐρώπη", "evropi"),
            ("τοῦ λαοῦ", "tou-laou"),
            ("Ἡ Καθημερινή", "i-kathimerini"),
            (unicodedata.normalize("NFD", "Μοϋσής"), "moysis"),
            (unicodedata.normalize("NFD", "Шойгу"), "shoygu"),
            (unicodedata.normalize("NFD", "Юрій Їжакевич"), "yurii-yizhakevych"),
        ):
            self.assert_slug(text, slug)

    def test_other_cyrillic_alphabets(self):
        for text, slug in (
            # Bulgarian's vowel "ъ"; Russian's hard sign is not spelt.
            ("България", "balgariya"),
            ("Велико Търново", "veliko-tarnovo"),
            ("Подъезд", "podezd"),
            # Kazakh writes "і" too, but is not Ukrainian.
            ("Мемлекеттік хатшы Гүлмира", "memlekettik-khatshy-gulmira"),
        ):
            self.assert_slug(text, slug)

    def test_every_apostrophe_in_a_ukrainian_word(self):
        for apostrophe in "'’ʼ`‘′ʹ":
            with self.subTest(apostrophe):
                self.assertEqual(slugs.slug_text(f"М{apostrophe}ясо зі Львова"), "miaso-zi-lvova")

    def test_a_greek_or_cyrillic_letter_among_latin_words_is_a_symbol(self):
        """Spelt, "β-blockers" became "v-blockers" and "Ω-3" "o-3"; dropped, as before."""
        for text, slug in (
            ("β-blockers cut heart attacks", "blockers-cut-heart-attacks"),
            ("Ω-3 fatty acids", "3-fatty-acids"),
            ("Reuters: Путин says", "reuters-says"),
        ):
            self.assert_slug(text, slug)

    def test_russian_without_a_ukrainian_letter_is_read_as_russian(self):
        self.assertEqual(slugs.slug_text("Юрий из Киева"), "yuriy-iz-kieva")
