from datetime import timedelta

from django.db.models import ProtectedError
from django.test import TestCase
from django.utils import timezone

from articles.models import Article, SourceCredit, count_words
from tests.factories import make_article, make_author, make_section, make_source
from tests.migration_case import MigrationTestCase


class PublishedTests(TestCase):
    """``Article.objects.published()`` is the one definition of public."""

    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.public = make_article(headline="Public")
        cls.draft = make_article(headline="Draft", status=Article.Status.DRAFT)
        cls.review = make_article(headline="Review", status=Article.Status.REVIEW)
        cls.archived = make_article(
            headline="Archived", status=Article.Status.ARCHIVED, published_at=now - timedelta(1)
        )
        cls.scheduled = make_article(headline="Scheduled", published_at=now + timedelta(hours=1))
        cls.no_date = make_article(
            headline="No date", status=Article.Status.REVIEW, published_at=None
        )

    def test_only_published_and_due_stories_are_public(self):
        self.assertQuerySetEqual(Article.objects.published(), [self.public])

    def test_scheduled_story_becomes_public_at_its_time(self):
        later = self.scheduled.published_at + timedelta(seconds=1)
        with self.settings(USE_TZ=True):
            from unittest import mock

            with mock.patch("django.utils.timezone.now", return_value=later):
                self.assertIn(self.scheduled, Article.objects.published())

    def test_is_public_agrees_with_published(self):
        public = set(Article.objects.published())
        for article in Article.objects.all():
            self.assertEqual(article.is_public, article in public, article.headline)


class ArticleTests(TestCase):
    def test_body_is_sanitised_on_every_save(self):
        article = make_article(body='<p onclick="x()">Hi<script>alert(1)</script></p>')
        article.refresh_from_db()
        self.assertEqual(article.body, "<p>Hi</p>")

    def test_word_count_and_reading_time_are_derived(self):
        article = make_article(body="<p>" + "word " * 460 + "</p>")
        self.assertEqual(article.word_count, 460)
        self.assertEqual(article.reading_time, 2)
        article.body = "<p>Three short words</p>"
        article.save(update_fields=["body"])
        article.refresh_from_db()
        self.assertEqual(article.word_count, 3)

    def test_words_of_adjacent_blocks_are_counted_apart(self):
        """Typed counts become "<ol><li>…</li><li>…</li></ol>" with nothing between items."""
        article = make_article(body="<p>1. Certify the count</p><p>2. Convene parliament</p>")
        self.assertEqual(
            article.body, "<ol><li>Certify the count</li><li>Convene parliament</li></ol>"
        )
        self.assertEqual(article.word_count, 5)
        # Inline markup inside a word does not split it.
        self.assertEqual(count_words("<p>Sa<strong>hel</strong> rains<br>late</p><h2>Next</h2>"), 4)

    def test_chinese_and_japanese_count_a_word_to_each_character(self):
        """They put no spaces between words: a run between two commas is not one word."""
        self.assertEqual(count_words("<p>新华社北京11月30日电，国务院总理。</p>"), 15)
        self.assertEqual(count_words("<p>東京で会議が開かれた。Reuters reports</p>"), 12)
        # Scripts with spaces between words are counted by the word, Korean too.
        self.assertEqual(count_words("<p>서울에서 회의가 열렸다</p>"), 3)

    def test_reading_time_goes_at_the_pace_of_the_storys_language(self):
        body = "<p>" + "联合国安理会周五举行紧急会议。" * 170 + "</p>"  # 2,380 characters
        chinese = make_article(body=body, language="zh-Hans")
        self.assertEqual(chinese.word_count, 14 * 170)
        self.assertEqual(chinese.reading_time, 10)  # 255 characters a minute
        japanese = make_article(body=body, language="ja")
        self.assertEqual(japanese.reading_time, 7)  # 357 a minute
        english = make_article(body="<p>" + "word " * 2380 + "</p>", language="en")
        self.assertEqual(english.reading_time, 11)  # 230 words a minute

    def test_bylines_keep_their_order(self):
        first, second = make_author(name="Zoe Adams"), make_author(name="Ann Baker")
        article = make_article(authors=[first, second])
        names = [b.author.name for b in article.bylines.all()]
        self.assertEqual(names, ["Zoe Adams", "Ann Baker"])

    def test_absolute_url_has_section_date_and_slug(self):
        section = make_section(slug="world")
        article = make_article(section=section, slug="leaders-meet")
        when = timezone.localtime(article.published_at)
        self.assertEqual(
            article.get_absolute_url(),
            f"/world/{when:%Y}/{when:%m}/{when:%d}/leaders-meet/",
        )

    def test_deleting_author_source_or_section_never_deletes_stories(self):
        author, source, section = make_author(), make_source(), make_section()
        make_article(authors=[author], origin=source, section=section)
        for obj in (author, source, section):
            with self.assertRaises(ProtectedError):
                obj.delete()
        self.assertEqual(Article.objects.count(), 1)


class SourceCreditTests(TestCase):
    def test_a_credit_reads_as_a_plain_phrase(self):
        """Shown in the version history and on the delete page, it read
        "Continental Press Agency (Based on (Source: …)) on Headline"."""
        story = make_article(headline="Floods in the delta")
        agency = make_source(name="Continental Press Agency")
        wire = make_source(name="Wire Service")
        origin = SourceCredit.objects.create(article=story, source=agency)
        cited = SourceCredit.objects.create(
            article=story, source=wire, role=SourceCredit.Role.CITED
        )
        self.assertEqual(str(origin), "Continental Press Agency (source) on Floods in the delta")
        self.assertEqual(str(cited), "Wire Service (cited in the text) on Floods in the delta")


class WordsCountedAgainMigrationTests(MigrationTestCase):
    """Migration 0026 counts Chinese and Japanese stories again and leaves the rest."""

    def test_only_the_word_count_of_such_stories_changes(self):
        self.migrate([("articles", "0025_search_finds_hyphenated_spellings")])
        chinese = make_article(body="<p>联合国安理会周五举行紧急会议。</p>", language="zh")
        english = make_article(body="<p>The council met on Friday.</p>")
        Article.objects.filter(pk=chinese.pk).update(word_count=1)
        Article.objects.filter(pk=english.pk).update(word_count=99)
        before = Article.objects.get(pk=chinese.pk).updated_at
        self.migrate([("articles", "0026_count_chinese_and_japanese_words")])
        chinese.refresh_from_db()
        english.refresh_from_db()
        self.assertEqual(chinese.word_count, 14)
        self.assertEqual(chinese.updated_at, before)
        self.assertEqual(english.word_count, 99)  # not read again: no such characters
