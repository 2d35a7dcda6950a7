"""The guard that turns a hang in the work under test into a failure (tests/guards.py)."""

import re
import time

from django.test import SimpleTestCase

from tests.guards import needs_cpu_timer, within_seconds


@needs_cpu_timer
class WithinSecondsTests(SimpleTestCase):
    def test_a_pattern_backtracking_without_end_is_stopped_with_a_failure(self):
        """A regression that hangs fails its test, naming the work, instead of stalling the run."""
        still_running = "nested repeats was still running after 1 s"
        with (
            self.assertRaisesMessage(AssertionError, still_running),
            within_seconds(1, "nested repeats"),
        ):
            re.match(r"(a+)+$", "a" * 60 + "b")

    def test_time_the_process_does_not_run_is_not_counted(self):
        """Only the test's own CPU time counts: a machine busy with other work, where
        the test waits its turn, cannot fail a sound run (waiting is modelled by a sleep)."""
        with within_seconds(1, "a wait"):
            time.sleep(1.3)

    def test_the_guard_is_taken_off_after_the_block(self):
        with within_seconds(1, "quick work"):
            pass
        deadline = time.process_time() + 1.3
        while time.process_time() < deadline:
            pass
