"""English date formats for staff pages: day first, 24-hour clock, and the time zone.

A desk with correspondents in several zones needs to know which one "09:30"
is in, so every date and time the admin shows (the story list's publication
times, version history, scheduling messages) names the site's zone for that
moment ("5 Mar 2024, 10:30 CET"). Readers' pages format their times in
``articles.templatetags.newsroom_stories.story_time`` in the same way.
"""

DATETIME_FORMAT = "j M Y, H:i T"
SHORT_DATETIME_FORMAT = "j M, H:i T"
