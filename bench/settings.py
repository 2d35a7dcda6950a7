"""Settings for benchmark runs only: the production settings plus the fixed-bytes view.

``bench/run.py`` starts gunicorn with ``DJANGO_SETTINGS_MODULE=bench.settings``;
nothing else imports this module, so the comparison view never reaches a
production URL map.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
