"""The pre-publish checklist counts the body's pictures that have no alt text.

A screen reader says "image" and nothing more for a picture without it; the
featured image's alt text already blocks publishing, and so do the body's.
"""

from django.test import TestCase

from articles.services import PublishBlocked, check_article, publish
from tests.factories import make_article, make_source, make_user

DESCRIBED = '<figure><img src="/media/uploads/a.jpg" alt="Polling station in Lagos"></figure>'


def story_with(body):
    return make_article(status="draft", origin=make_source(), body=body)


class BodyAltTextTests(TestCase):
    def test_described_pictures_pass(self):
        self.assertEqual(check_article(story_with(f"<p>Vote.</p>{DESCRIBED}")).errors, [])

    def test_one_picture_without_alt_text_is_named(self):
        errors = check_article(story_with('<p>Vote.</p><img src="/media/uploads/b.jpg">')).errors
        self.assertEqual(
            errors,
            [
                "1 image in the body has no alt text: double-click it in the editor and "
                "describe what it shows."
            ],
        )

    def test_blank_alt_text_counts_as_none_and_each_picture_is_counted(self):
        body = (
            f'<p>Vote.</p>{DESCRIBED}<p><img src="/media/uploads/c.jpg" alt="  "></p>'
            '<p><img src="/media/uploads/d.jpg" alt=""><img src="/media/uploads/e.jpg"></p>'
        )
        errors = check_article(story_with(body)).errors
        self.assertEqual(
            errors,
            [
                "3 images in the body have no alt text: double-click each in the editor and "
                "describe what it shows."
            ],
        )

    def test_it_blocks_publishing(self):
        story = story_with('<p><img src="/media/uploads/f.jpg"></p>')
        editor = make_user("alt-editor", superuser=True)
        with self.assertRaises(PublishBlocked) as blocked:
            publish(story, user=editor)
        self.assertIn("1 image in the body has no alt text", " ".join(blocked.exception.messages))
