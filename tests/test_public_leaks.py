"""Drafts, stories in review, scheduled and archived stories never reach readers.

Every public page is checked with the hidden stories sharing a section, an
author and a source with a public one, so each list and each related-stories
query has the chance to leak them.
"""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, SourceCredit, public_q
from sources.models import OtherName, Source
from tests.factories import (
    make_article,
    make_author,
    make_hidden_articles,
    make_section,
    make_source,
)


class PublicLeakTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.world = make_section(name="World", slug="world")
        cls.europe = make_section(name="Europe", slug="europe", parent=cls.world)
        cls.author = make_author(slug="amira")
        # A newspaper, not an agency: sharing it relates stories (related_to).
        cls.source = make_source(slug="cpa", kind=Source.Kind.NEWSPAPER)
        shared = {"section": cls.europe, "authors": [cls.author], "origin": cls.source}
        cls.public = make_article(
            headline="Public story", cited=[], published_at=now - timedelta(hours=1), **shared
        )
        cls.hidden = [
            make_article(headline="Hidden draft", status=Article.Status.DRAFT, **shared),
            make_article(headline="Hidden in review", status=Article.Status.REVIEW, **shared),
            make_article(
                headline="Hidden scheduled", published_at=now + timedelta(hours=2), **shared
            ),
            make_article(
                headline="Hidden archived",
                status=Article.Status.ARCHIVED,
                published_at=now - timedelta(days=1),
                **shared,
            ),
            make_article(
                headline="Hidden pinned draft",
                status=Article.Status.DRAFT,
                is_pinned=True,
                **shared,
            ),
        ]
        # Cited rather than origin, so the source page's second list is tested too.
        cls.hidden.append(
            make_article(
                headline="Hidden citing draft",
                status=Article.Status.DRAFT,
                section=cls.world,
                authors=[cls.author],
                cited=[cls.source],
            )
        )

    def assert_no_hidden_story(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertContains(response, "Public story")
        for story in self.hidden:
            self.assertNotContains(response, story.headline)
            self.assertNotContains(response, story.slug)

    def test_home_page(self):
        self.assert_no_hidden_story("/")

    def test_section_pages(self):
        self.assert_no_hidden_story("/world/")
        self.assert_no_hidden_story("/europe/")

    def test_author_page(self):
        self.assert_no_hidden_story("/authors/amira/")

    def test_journalists_page(self):
        """Lists the author of the public story; a writer of drafts only is not named."""
        drafts_only = make_author(name="Drafts Only", slug="drafts-only")
        make_article(status=Article.Status.DRAFT, authors=[drafts_only])
        response = self.client.get("/authors/")
        self.assertContains(response, self.author.name)
        self.assertNotContains(response, "Drafts Only")

    def test_source_page(self):
        self.assert_no_hidden_story("/sources/cpa/")

    def test_sources_page(self):
        """Lists the public story's source; one that only hidden stories credit is not named."""
        hidden_only = make_source(name="Hidden Only Wire", slug="hidden-only-wire")
        for story in self.hidden:
            story.source_credits.create(source=hidden_only, role=SourceCredit.Role.CITED)
        response = self.client.get("/sources/")
        self.assertContains(response, self.source.name)
        self.assertNotContains(response, "Hidden Only Wire")
        self.assertNotContains(response, "hidden-only-wire")

    def test_other_names_of_a_source_only_hidden_stories_credit(self):
        """Its page, with "Also known as …", waits for a public story; no list or
        search names it under another name meanwhile."""
        hidden_only = make_source(name="Hidden Only Wire", slug="hidden-only-wire")
        OtherName.objects.create(source=hidden_only, name="Embargoed Wire Service")
        for story in self.hidden:
            story.source_credits.create(source=hidden_only, role=SourceCredit.Role.ORIGIN)
        self.assertEqual(self.client.get("/sources/hidden-only-wire/").status_code, 404)
        for path in ("/sources/", "/sources/cpa/", reverse("articles:search") + "?q=Embargoed"):
            with self.subTest(path):
                self.assertNotContains(self.client.get(path), "Embargoed Wire Service")

    def assert_only_public_related(self, other):
        response = self.client.get(other.get_absolute_url())
        self.assertEqual(list(response.context["related_stories"]), [self.public])
        for story in self.hidden:
            self.assertNotContains(response, story.headline)

    def test_related_stories_on_a_public_story(self):
        """Related through the section: the hidden stories share it."""
        self.assert_only_public_related(
            make_article(headline="Another public story", section=self.europe)
        )

    def test_related_stories_by_the_same_author_and_source(self):
        """Related through the byline and the source alone: on another desk."""
        self.assert_only_public_related(
            make_article(
                headline="Another public story",
                section=make_section(),
                authors=[self.author],
                cited=[self.source],
            )
        )

    def test_related_stories_from_the_same_desk(self):
        """Related through the desk alone: another region of World, no shared names."""
        africa = make_section(name="Africa", slug="africa", parent=self.world)
        self.assert_only_public_related(
            make_article(headline="Another public story", section=africa)
        )

    def test_hidden_story_urls_are_404(self):
        for story in self.hidden:
            with self.subTest(story=story.headline):
                self.assertEqual(self.client.get(story.get_absolute_url()).status_code, 404)


class OneDefinitionTests(TestCase):
    def test_the_condition_through_a_credit_is_published_itself(self):
        """The sitemaps ask it through bylines and credits (public_q): it must pick
        exactly the stories published() does, whatever published() becomes."""
        author, source = make_author(), make_source()
        public = make_article(authors=[author], origin=source)
        hidden = make_hidden_articles(authors=[author], origin=source)
        self.assertEqual(list(Article.objects.published()), [public])
        for credits in (Byline.objects, SourceCredit.objects):
            with self.subTest(credits.model.__name__):
                through = credits.filter(public_q("article__")).values_list("article", flat=True)
                self.assertEqual(set(through), {public.pk})
        self.assertEqual(len(hidden), 4)
