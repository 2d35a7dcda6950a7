"""Typing a publication date on the story form: read day first, as the desk writes it.

Django's English formats read "03/12/2026" month first: a story meant for
3 December went out at once, dated 12 March, and "31/12/2026" was refused
with "Enter a valid date." and no word of the format wanted.
"""

import datetime
import json
import re
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin_workflow import AdminWorkflowTestCase

Status = Article.Status
PARIS = ZoneInfo("Europe/Paris")


def coming_day(wanted):
    """The first day from two days ahead for which ``wanted(day)`` holds (well within
    the year a story may be scheduled ahead)."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    while not wanted(day):
        day += datetime.timedelta(days=1)
    return day


def reads_two_ways(day):
    """A day whose number could be a month, and is not its own month's: 03/12 vs 12/03."""
    return day.day <= 12 and day.day != day.month


def calendar_date_formats(client):
    """``DATE_INPUT_FORMATS`` as the admin's JavaScript catalog hands them to its calendar."""
    response = client.get(reverse("admin:jsi18n"))
    found = re.search(r"django\.formats = (\{.*?\});", response.content.decode(), re.DOTALL)
    return json.loads(found[1])["DATE_INPUT_FORMATS"]


@override_settings(TIME_ZONE="Europe/Paris")
class DayFirstDateTests(AdminWorkflowTestCase):
    def save_time(self, date_typed, time_typed, **extra):
        story = self.writer_draft()
        data = self.open_form(story, self.editor)
        response = self.save(
            story,
            self.editor,
            data,
            published_at_0=date_typed,
            published_at_1=time_typed,
            **extra,
        )
        story.refresh_from_db()
        return response, story

    def test_a_day_first_date_schedules_that_day_not_a_month_first_one(self):
        """Typed "03/12/2026 10:00", "Save and publish" schedules the story for 3 December,
        10:00 in Paris; it had gone out at once, dated 12 March."""
        day = coming_day(reads_two_ways)
        response, story = self.save_time(
            day.strftime("%d/%m/%Y"), "10:00", _transition=Status.PUBLISHED
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(
            story.published_at, datetime.datetime.combine(day, datetime.time(10), PARIS)
        )
        self.assertIn(story, Article.objects.scheduled())
        self.assertNotIn(story, Article.objects.published())

    def test_short_and_spelt_out_dates_are_read_day_first_too(self):
        day = coming_day(reads_two_ways)
        for typed in (
            f"{day.day}/{day.month}/{day:%y}",  # "1/12/27"
            day.strftime("%d.%m.%Y"),
            day.strftime("%d.%m.%y"),  # "01.12.27", as "31.02.27" is called no such day
            f"{day.day} {day:%b %Y}",  # as the admin shows dates: "3 Dec 2026"
            day.isoformat(),
        ):
            with self.subTest(typed):
                response, story = self.save_time(typed, "10:00")
                self.assertEqual(response.status_code, 302, response.content[:2000])
                self.assertEqual(timezone.localtime(story.published_at).date(), day)

    def test_a_day_past_the_12th_is_read(self):
        """Typed "31/12/2026" was refused: read month first, there is no month 31."""
        day = coming_day(lambda day: day.day > 12)
        response, story = self.save_time(day.strftime("%d/%m/%Y"), "10:00")
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(timezone.localtime(story.published_at).date(), day)

    def test_a_date_it_cannot_read_says_how_to_type_one_and_keeps_the_typing(self):
        response, story = self.save_time("next Tuesday", "10:00", headline="Typed with it")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            "Enter the date as day/month/year, such as 31/12/2026 (or 2026-12-31).",
        )
        self.assertContains(response, 'value="next Tuesday"')
        self.assertContains(response, "Typed with it")
        self.assertIsNone(story.published_at)

    def test_a_date_typed_rightly_that_no_calendar_has_is_called_so(self):
        """"31/02/2027" is typed as asked; "enter the date as day/month/year" blamed the form."""
        for typed, said in (
            ("31/02/2027", "There is no 31 February 2027: check the day and the month."),
            ("2027-04-31", "There is no 31 April 2027: check the day and the month."),
            ("29.02.2027", "There is no 29 February 2027: check the day and the month."),
            ("31/02/27", "There is no 31 February 2027: check the day and the month."),
            ("31.02.27", "There is no 31 February 2027: check the day and the month."),
            ("31 Feb 2027", "There is no 31 February 2027: check the day and the month."),
            ("31 April 2027", "There is no 31 April 2027: check the day and the month."),
            (
                "12/13/2026",
                "There is no month 13: dates are day/month/year, such as 31/12/2026 "
                "(or 2026-12-31).",
            ),
        ):
            with self.subTest(typed):
                response, story = self.save_time(typed, "10:00", headline="Typed with it")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, said)
                self.assertContains(response, f'value="{typed}"')
                self.assertIsNone(story.published_at)

    def test_a_time_it_cannot_read_says_how_to_type_one(self):
        response, story = self.save_time("31/12/2026", "10.00pm")
        self.assertContains(
            response, "Enter the time as hours:minutes on the 24-hour clock, such as 14:30."
        )
        self.assertIsNone(story.published_at)

    def test_the_help_names_the_format_and_the_zone_the_time_is_read_in(self):
        story = self.writer_draft()
        self.client.force_login(self.editor)
        for zone in ("Europe/Paris", "UTC"):
            with self.subTest(zone), override_settings(TIME_ZONE=zone):
                response = self.client.get(self.change_url(story))
                self.assertContains(
                    response,
                    "Date as day/month/year, such as 31/12/2026 (or 2026-12-31); time as "
                    "hours:minutes on the 24-hour clock, such as 14:30, "
                    f"in {zone} time.",
                )

    def test_the_calendar_writes_a_date_the_form_reads_as_the_same_day(self):
        """Django's calendar and "Today" link write the date in the first input format
        the JavaScript catalog lists; the form must read it back as that day."""
        self.client.force_login(self.editor)
        formats = calendar_date_formats(self.client)
        self.assertNotIn("%m/%d/%Y", formats)
        day = coming_day(reads_two_ways)
        written = day.strftime(formats[0])
        response, story = self.save_time(written, "10:00")
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(timezone.localtime(story.published_at).date(), day)
