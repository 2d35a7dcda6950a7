"""A guard for tests of work that must grow no faster than its input.

Such a test feeds in a size that the old, quadratic or exponential code would
take hours over. The guard turns that hang into a failure with a message, so a
regression fails the test instead of stalling the whole run. The limit is far
above what the work takes (well under a second): it is not a timing assertion.
The alarm interrupts the regular-expression engine too, which checks for
signals as it works. Unix only: a test using it is skipped without SIGALRM.
"""

import signal
import unittest
from contextlib import contextmanager

needs_alarm = unittest.skipUnless(
    hasattr(signal, "SIGALRM"), "the guard against a hang needs SIGALRM"
)


@contextmanager
def within_seconds(seconds, what="The work"):
    """Fail the test if the block is still running after ``seconds`` (main thread)."""

    def stop(signum, frame):
        raise AssertionError(
            f"{what} was still running after {seconds} s: it grows faster than its input "
            "(a pattern backtracking, or a scan restarted from every place in it)."
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
