"""reliability/db_faults.py's silent-database phase: what it expects, with and without Redis.

The script itself runs by hand against a live gunicorn (docs/reliability.md);
these check only its expectations, which need no server.
"""

from django.test import SimpleTestCase

from reliability.db_faults import silent_probes, silent_problems

STORIES = ["/world/2025/03/04/first/", "/world/2025/03/04/last/"]


def answered(probes, statuses):
    return [
        {"label": label, "status": status, "expected": expected, "seconds": 5.0}
        for (label, _path, expected), status in zip(probes, statuses, strict=True)
    ]


class SilentPhaseTests(SimpleTestCase):
    def test_with_redis_the_warmed_page_must_be_served(self):
        probes = silent_probes(STORIES, shared_cache=True)
        self.assertEqual(
            probes,
            [
                ("home (cached)", "/", 200),
                ("story (never cached)", STORIES[-1], 503),
                ("/healthz", "/healthz", 503),
            ],
        )
        self.assertEqual(
            silent_problems(answered(probes, [503, 503, 503]), restarts=0, same_pids=True),
            ["home (cached) answered 503, not 200"],
        )

    def test_without_a_shared_cache_no_cached_page_is_expected(self):
        """--redis-url '' always failed: a page one server warmed is not in another's memory."""
        probes = silent_probes(STORIES, shared_cache=False)
        self.assertNotIn("/", [path for _label, path, _expected in probes])
        self.assertEqual(
            silent_problems(answered(probes, [503, 503]), restarts=0, same_pids=True), []
        )

    def test_a_hang_or_a_restart_is_still_a_problem(self):
        probes = silent_probes(STORIES, shared_cache=False)
        rows = answered(probes, [503, 503])
        rows[0]["seconds"] = 31.0
        self.assertEqual(
            silent_problems(rows, restarts=1, same_pids=False),
            ["a request waited over 15s", "workers restarted"],
        )
