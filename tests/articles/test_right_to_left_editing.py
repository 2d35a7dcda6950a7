"""Stories written right to left are edited right to left, and a story's Language is checked.

An Arabic story was typed into left-aligned boxes and a left-to-right body
editor, and, its Language left at the default "en", went out to readers as
English (``lang="en"``, no ``dir="rtl"``).
"""

import json
import re

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from articles.forms import ArticleAdminForm
from articles.importer import writes_in_script
from articles.models import Article
from articles.services import check_article
from tests.articles.test_admin_workflow import form_fields
from tests.factories import make_article, make_section, make_source, make_user

ARABIC = {
    "headline": "الحكومة تعلن خطة جديدة للمياه",
    "standfirst": "قال الوزير إن الخطة ستبدأ الشهر المقبل.",
    "dateline": "القاهرة",
    "body": "<p>قال وزير الري إن الخطة ستبدأ الشهر المقبل في جميع المحافظات.</p>",
}
HEBREW = {
    "headline": "הממשלה מציגה תוכנית מים חדשה",
    "standfirst": "השר אמר שהתוכנית תתחיל בחודש הבא.",
    "body": "<p>שר המים אמר שהתוכנית תתחיל בחודש הבא בכל הערים.</p>",
}
STORY_WORDS = (
    "headline", "standfirst", "dateline", "featured_image_alt", "featured_image_caption",
    "featured_image_credit",
)


def body_editor_config(html):
    """The body editor's CKEditor config, as the page gives it to CKEditor."""
    found = re.search(r'<textarea name="body"[^>]*data-config="([^"]*)"', html)
    return json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))


def input_tag(html, name):
    """The opening tag of the form's box for ``name``."""
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html)[0]


class StoryFormDirectionTests(TestCase):
    def form(self, language, **kwargs):
        return ArticleAdminForm(instance=Article(language=language), **kwargs)

    def test_the_story_words_boxes_are_laid_out_as_their_text_reads(self):
        html = str(self.form("en"))
        for name in STORY_WORDS:
            with self.subTest(name=name):
                self.assertIn('dir="auto"', input_tag(html, name))
        # A slug is an address, in Latin letters whatever the story's language.
        self.assertNotIn("dir=", input_tag(html, "slug"))

    def test_the_body_is_edited_right_to_left_for_a_story_in_arabic(self):
        config = body_editor_config(str(self.form("ar")))
        self.assertEqual(config["contentsLangDirection"], "rtl")
        self.assertEqual(config["contentsLanguage"], "ar")

    def test_the_body_is_edited_left_to_right_for_a_story_in_english(self):
        for language in ("en", "fr", "ku-Latn"):
            with self.subTest(language=language):
                config = body_editor_config(str(self.form(language)))
                self.assertEqual(config["contentsLangDirection"], "ltr")

    def test_one_storys_direction_is_not_every_later_forms(self):
        """The editor's config is shared by every form made from the class unless copied."""
        self.form("he")
        config = body_editor_config(str(self.form("en")))
        self.assertEqual(config["contentsLangDirection"], "ltr")

    def test_a_form_sent_back_uses_the_language_typed(self):
        form = self.form("en", data={"language": "AR"})
        self.assertEqual(body_editor_config(str(form))["contentsLangDirection"], "rtl")
        # Not a language tag: the story's own, and nothing typed reaches the editor's frame.
        form = self.form("he", data={"language": '"><b>'})
        config = body_editor_config(str(form))
        self.assertEqual(
            (config["contentsLangDirection"], config["contentsLanguage"]), ("rtl", "he")
        )

    def test_the_language_box_names_the_right_to_left_languages_for_the_page(self):
        language = input_tag(str(self.form("en")), "language")
        self.assertRegex(language, r'data-right-to-left-languages="[^"]*\bar\b[^"]*\bhe\b')
        self.assertRegex(language, r'data-right-to-left-scripts="[^"]*\barab\b')
        self.assertIn("articles/editor-direction.js", str(self.form("en").media))


class WritesInScriptTests(SimpleTestCase):
    def test_a_language_is_told_by_its_usual_scripts_or_by_its_script_subtag(self):
        self.assertTrue(writes_in_script("ar", "Arabic"))
        self.assertTrue(writes_in_script("fa", "Arabic"))
        self.assertTrue(writes_in_script("az-Arab", "Arabic"))
        self.assertTrue(writes_in_script("bg", "Cyrillic"))
        self.assertTrue(writes_in_script("zh-Hant-TW", "Chinese"))
        self.assertFalse(writes_in_script("en", "Arabic"))
        self.assertFalse(writes_in_script("sr-Latn", "Cyrillic"))
        self.assertFalse(writes_in_script("he", "Arabic"))


class LanguageChecklistTests(TestCase):
    def warnings(self, copy, language):
        story = make_article(status="draft", origin=make_source(), language=language, **copy)
        return [w for w in check_article(story).warnings if "Set Language" in w]

    def test_arabic_copy_marked_english_is_a_warning_naming_both_languages(self):
        checklist = check_article(
            make_article(status="draft", origin=make_source(), language="en", **ARABIC)
        )
        self.assertEqual(checklist.errors, [])
        self.assertIn(
            "The copy looks to be in Arabic (it is mostly in Arabic script), but the story's "
            "Language is “en”: readers' browsers will take it for English and lay it out left "
            "to right, and screen readers will read it out as English. Set Language to the "
            "language the copy is in (“ar” if it is Arabic).",
            checklist.warnings,
        )

    def test_arabic_copy_marked_arabic_or_persian_is_not(self):
        self.assertEqual(self.warnings(ARABIC, "ar"), [])
        # Arabic script writes Persian too: a story marked so is left alone.
        self.assertEqual(self.warnings(ARABIC, "fa"), [])

    def test_english_copy_is_not(self):
        self.assertEqual(self.warnings({}, "en"), [])
        # A few Arabic words quoted in an English story are not its language.
        quoted = {"body": "<p>Protesters chanted “الشعب يريد” outside the ministry all day.</p>"}
        self.assertEqual(self.warnings(quoted, "en"), [])

    def test_hebrew_copy_marked_arabic_says_which_it_looks_to_be(self):
        [warning] = self.warnings(HEBREW, "ar")
        self.assertIn("looks to be in Hebrew", warning)
        self.assertIn("take it for Arabic,", warning)  # both right to left: no "lay it out"

    def test_chinese_copy_in_another_script_language(self):
        copy = {
            "headline": "中国发布新的气候目标",
            "standfirst": "",
            "body": "<p>中国发布新的气候目标。</p>",
        }
        self.assertIn("“zh” if it is Chinese", self.warnings(copy, "ru")[0])
        self.assertEqual(self.warnings(copy, "zh-Hant"), [])


class AdminLanguageFlowTests(TestCase):
    """An Arabic story saved in the admin as English is flagged on its page, and set right."""

    @classmethod
    def setUpTestData(cls):
        cls.chief = make_user("chief", superuser=True)
        cls.section = make_section(name="World", slug="world")
        cls.source = make_source(name="Reuters")

    def setUp(self):
        self.client.force_login(self.chief)

    def save(self, url, **changes):
        data = form_fields(self.client.get(url))
        data.update(changes, _continue="Save and continue editing")
        return self.client.post(url, data, follow=True)

    def test_the_checklist_flags_it_and_setting_language_clears_it(self):
        add = reverse("admin:articles_article_add")
        self.assertIn('dir="auto"', input_tag(self.client.get(add).content.decode(), "headline"))
        response = self.save(
            add, slug="water-plan", section=str(self.section.pk), is_original_reporting="on",
            **ARABIC,
        )
        story = Article.objects.get()
        self.assertEqual(story.language, "en")
        html = response.content.decode()
        self.assertIn("looks to be in Arabic", html)
        self.assertEqual(body_editor_config(html)["contentsLangDirection"], "ltr")

        response = self.save(
            reverse("admin:articles_article_change", args=[story.pk]), language="ar"
        )
        html = response.content.decode()
        self.assertNotIn("looks to be in Arabic", html)
        self.assertEqual(body_editor_config(html)["contentsLangDirection"], "rtl")
        self.assertIn("articles/editor-direction.js", html)
