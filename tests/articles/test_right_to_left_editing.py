"""Stories written right to left are edited right to left.

An Arabic story was typed into left-aligned boxes and a left-to-right body
editor, even with its Language set to "ar".
"""

import json
import re

from django.test import TestCase

from articles.forms import ArticleAdminForm
from articles.models import Article

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
