"""English date formats for staff pages: day first, 24-hour clock, and the time zone.

A desk with correspondents in several zones needs to know which one "09:30"
is in, so every date and time the admin shows (the story list's publication
times, version history, scheduling messages) names the site's zone for that
moment ("5 Mar 2024, 10:30 CET"). Readers' pages format their times in
``articles.templatetags.newsroom_stories.story_time`` in the same way.

Typed dates are read day first too, as a world-news desk writes them:
Django's English formats read "03/12/2026" month first, as 12 March, and a
story meant for 3 December went out at once dated in March.
"""

DATETIME_FORMAT = "j M Y, H:i T"
SHORT_DATETIME_FORMAT = "j M, H:i T"

# ISO first: the admin's calendar and its "Today" link write the date in the
# first of these (Django's JavaScript catalog hands them over), and the date
# box shows a saved date in it, so what they write is read back the same and
# means one day to anyone. No month-first format: "03/12/2026" is 3 December.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-31
    "%d/%m/%Y",  # 31/12/2026
    "%d/%m/%y",  # 31/12/26
    "%d.%m.%Y",  # 31.12.2026
    "%d.%m.%y",  # 31.12.26
    "%d %b %Y",  # 31 Dec 2026, as the admin shows dates
    "%d %B %Y",  # 31 December 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2026-12-31 14:30:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2026-12-31 14:30:59.000200
    "%Y-%m-%d %H:%M",  # 2026-12-31 14:30
    "%d/%m/%Y %H:%M:%S",  # 31/12/2026 14:30:59
    "%d/%m/%Y %H:%M",  # 31/12/2026 14:30
    "%d/%m/%y %H:%M:%S",  # 31/12/26 14:30:59
    "%d/%m/%y %H:%M",  # 31/12/26 14:30
    "%d.%m.%Y %H:%M:%S",  # 31.12.2026 14:30:59
    "%d.%m.%Y %H:%M",  # 31.12.2026 14:30
]
