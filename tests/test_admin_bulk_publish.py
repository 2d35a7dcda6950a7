"""The story list's "Publish selected" asks first, as "Delete selected" does.

The first POST of the action shows what publishing would do to each selected
story; only the confirmation (``post=yes``) publishes, story by story through
``services.publish``.
"""

import re
from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles.admin import ArticleAdmin
from articles.models import Article, StatusChange
from tests.articles.test_admin_workflow import AdminWorkflowTestCase
from tests.factories import make_article

Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")
CONFIRMATION_TEMPLATE = "admin/articles/article/publish_selected_confirmation.html"


def panel(response, panel_id):
    """The HTML of one section of the confirmation page ("" when the page has none)."""
    found = re.search(
        rf'<section [^>]*id="{panel_id}".*?</section>', response.content.decode(), re.S
    )
    return found[0] if found else ""


def posted_back(response):
    """What the page's "Yes, publish" form posts: its hidden fields, repeated names as lists."""
    fields = {}
    for name, value in re.findall(
        r'<input type="hidden" name="(\w+)" value="([^"]*)">', response.content.decode()
    ):
        fields.setdefault(name, []).append(value)
    fields.pop("csrfmiddlewaretoken", None)  # the test client does not check it
    return fields


class BulkPublishTestCase(AdminWorkflowTestCase):
    def ready_draft(self, headline, **fields):
        """A draft that passes the checklist: section, byline and source."""
        return self.writer_draft(headline=headline, **fields)

    def select(self, stories, user=None, url=CHANGELIST, **extra):
        self.client.force_login(user or self.editor)
        return self.client.post(
            url,
            {
                "action": "publish_selected",
                "_selected_action": [story.pk for story in stories],
                **extra,
            },
        )

    def confirm(self, stories, user=None, **extra):
        return self.select(stories, user, post="yes", **extra)


class ConfirmationPageTests(BulkPublishTestCase):
    def test_first_post_shows_the_confirmation_and_publishes_nothing(self):
        story = self.ready_draft("Floods close the border crossing")
        response = self.select([story])
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, CONFIRMATION_TEMPLATE)
        self.assertContains(response, "Yes, publish 1 story")
        self.assertContains(response, "No, take me back")
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertFalse(StatusChange.objects.exists())

    def test_page_says_what_happens_to_each_story(self):
        now = timezone.now()
        going_out = self.ready_draft("Floods close the border crossing")
        later = self.ready_draft(
            "Ministers meet on grain deal", published_at=now + timedelta(days=1)
        )
        unready = make_article(status=Status.DRAFT, headline="Storm warning issued", section=None)
        live = make_article(headline="Ceasefire holds in the north", origin=self.source)
        waiting = make_article(
            headline="Summit opens on Monday", published_at=now + timedelta(hours=5)
        )
        spiked = make_article(
            headline="Old rumour spiked", status=Status.ARCHIVED, published_at=now - timedelta(1)
        )

        response = self.select([going_out, later, unready, live, waiting, spiked])

        public_now = panel(response, "going-public")
        self.assertIn("Floods close the border crossing", public_now)
        self.assertNotIn("Ministers meet", public_now)
        scheduled = panel(response, "scheduling")
        self.assertIn("Ministers meet on grain deal", scheduled)
        when = date_format(timezone.localtime(later.published_at), "DATETIME_FORMAT")
        self.assertIn("goes public at <time datetime=", scheduled)
        self.assertIn(when, scheduled)
        refused = panel(response, "not-published")
        self.assertIn("Storm warning issued</a> — fails the pre-publish checklist", refused)
        self.assertIn("Choose a section for the story.", refused)
        self.assertIn("Ceasefire holds in the north</a> —\n      already public.", refused)
        waiting_for = date_format(timezone.localtime(waiting.published_at), "DATETIME_FORMAT")
        self.assertIn("Summit opens on Monday", refused)
        self.assertIn(waiting_for, refused)
        self.assertIn(
            "Old rumour spiked</a> — cannot be published: A story that is archived", refused
        )
        self.assertIn("Will not be published (4)", refused)
        # Only the stories the page says will go out are posted back.
        self.assertEqual(
            posted_back(response),
            {
                "_selected_action": [str(going_out.pk), str(later.pk)],
                "action": ["publish_selected"],
                "post": ["yes"],
            },
        )

    def test_checklist_warnings_are_shown_but_do_not_hold_a_story_back(self):
        story = self.ready_draft("Floods close the border crossing", standfirst="")
        response = self.select([story])
        self.assertIn("There is no standfirst", panel(response, "going-public"))
        self.assertContains(response, "Yes, publish 1 story")

    def test_nothing_to_publish_offers_only_the_way_back(self):
        unready = make_article(status=Status.DRAFT, headline="Storm warning issued", section=None)
        response = self.select([unready])
        self.assertContains(response, "None of the 1 selected story can be published.")
        self.assertNotContains(response, "Yes, publish")
        self.assertNotContains(response, 'name="post"')

    def test_take_me_back_returns_to_the_filtered_list(self):
        story = self.ready_draft("Floods close the border crossing")
        url = f"{CHANGELIST}?status__exact=draft"
        response = self.select([story], url=url)
        self.assertContains(response, f'<a href="{CHANGELIST}?status__exact=draft" class="button')

    def test_page_has_breadcrumbs_back_to_the_list(self):
        response = self.select([self.ready_draft("Floods close the border crossing")])
        self.assertContains(response, f'<a href="{CHANGELIST}">Stories</a>\n&rsaquo; Publish')


class ConfirmingPublishesTests(BulkPublishTestCase):
    def test_the_pages_own_form_publishes_and_schedules(self):
        """Posting back exactly what the page's form holds does what the page said."""
        going_out = self.ready_draft("Floods close the border crossing")
        later = self.ready_draft(
            "Ministers meet on grain deal", published_at=timezone.now() + timedelta(days=1)
        )
        unready = make_article(status=Status.DRAFT, headline="Storm warning issued", section=None)
        page = self.select([going_out, later, unready])

        response = self.client.post(CHANGELIST, posted_back(page), follow=True)

        messages = " ".join(self.messages(response))
        self.assertIn("1 story published and 1 scheduled.", messages)
        self.assertNotIn("Choose a section", messages)  # reported on the page, not tried
        self.assertIn(going_out, Article.objects.published())
        self.assertIn(later, Article.objects.scheduled())
        unready.refresh_from_db()
        self.assertEqual(unready.status, Status.DRAFT)
        changes = StatusChange.objects.order_by("article_id")
        self.assertEqual(
            [(c.article_id, c.user, c.from_status, c.to_status) for c in changes],
            [
                (going_out.pk, self.editor, Status.DRAFT, Status.PUBLISHED),
                (later.pk, self.editor, Status.DRAFT, Status.PUBLISHED),
            ],
        )

    def test_confirmation_still_refuses_what_changed_since(self):
        """The confirmation goes through the service again: a story made unready is refused."""
        story = self.ready_draft("Floods close the border crossing")
        self.select([story])
        Article.objects.filter(pk=story.pk).update(section=None)
        response = self.client.post(
            CHANGELIST,
            {"action": "publish_selected", "_selected_action": [story.pk], "post": "yes"},
            follow=True,
        )
        self.assertIn("Choose a section", " ".join(self.messages(response)))
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)

    def test_selection_over_the_limit_is_refused_whole(self):
        stories = [self.ready_draft(f"Story about the harbour, part {n}") for n in range(3)]
        with mock.patch.object(ArticleAdmin, "publish_selected_limit", 2):
            first = self.select(stories)
            confirmed = self.confirm(stories)
            across = self.confirm(stories[:1], select_across="1")
        for response in (first, confirmed, across):
            self.assertEqual(response.status_code, 302)
        self.assertIn(
            "Select at most 2 stories to publish at once. Nothing was published.",
            self.messages(first),
        )
        self.assertFalse(Article.objects.filter(status=Status.PUBLISHED).exists())


class WriterTests(BulkPublishTestCase):
    def test_writer_is_not_offered_the_action(self):
        self.ready_draft("Floods close the border crossing")
        self.client.force_login(self.writer)
        response = self.client.get(CHANGELIST)
        self.assertNotContains(response, 'value="publish_selected"')
        self.assertContains(response, 'value="submit_selected_for_review"')

    def test_writers_forged_posts_show_nothing_and_publish_nothing(self):
        story = self.ready_draft("Floods close the border crossing")
        asked = self.select([story], user=self.writer)
        confirmed = self.confirm([story], user=self.writer)
        for response in (asked, confirmed):
            self.assertEqual(response.status_code, 302)
            self.assertIn("No action selected.", self.messages(response))
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
        self.assertFalse(StatusChange.objects.exists())


class ConfirmationQueryTests(BulkPublishTestCase):
    """The confirmation page's queries grow by the checklist's own per story, nothing else.

    The checklist looks up a story's bylines, its sources and recent similar
    headlines (three queries); the list of stories, their bodies (deferred on
    the change list) and their bylines are read once for the whole selection.
    """

    def confirmation_queries(self, count):
        stories = [self.ready_draft(f"Harbour story number {n} of {count}") for n in range(count)]
        self.client.force_login(self.editor)
        self.client.get(CHANGELIST)  # sessions and permissions settled
        with CaptureQueriesContext(connection) as queries:
            response = self.select(stories)
        self.assertContains(response, f"Yes, publish {count} stories")
        return len(queries)

    def test_query_count_for_three_stories(self):
        # 16 whatever the selection: session and user, the change list Django
        # builds around an action (its filters and count), the stories with
        # their bodies, their bylines. Then the checklist's four per story:
        # bylines, sources, a similar headline, an address another story left.
        self.assertEqual(self.confirmation_queries(3), 16 + 3 * 4)

    def test_each_further_story_costs_only_its_checklist(self):
        self.assertEqual(self.confirmation_queries(6) - self.confirmation_queries(3), 3 * 4)


class PublicationTimeTests(BulkPublishTestCase):
    def test_a_story_dated_in_the_year_1_is_refused_and_left_a_draft(self):
        story = self.ready_draft(
            "Floods close the border crossing", published_at=timezone.now().replace(year=1)
        )
        response = self.select([story])
        refused = panel(response, "not-published")
        self.assertIn("in the year 1, before 1900: check the year.", refused)
        self.confirm([story])
        story.refresh_from_db()
        self.assertEqual(story.status, Status.DRAFT)
