"""A guard for tests of work that must grow no faster than its input.

Such a test feeds in a size that the old, quadratic or exponential code would
take hours over. The guard turns that hang into a failure with a message, so a
regression fails the test instead of stalling the whole run. The limit is far
above what the work takes (well under a second): it is not a timing assertion.
It counts the CPU time the test process spends (``ITIMER_PROF``), not the
time on the clock, so a machine busy with other work cannot make a sound run
fail: a run of the suite beside other test runs took a second of CPU over more
than thirty on the clock. The signal interrupts the regular-expression engine
too, which checks for signals as it works. Unix only: a test using it is
skipped without ``setitimer``.
"""

import signal
import unittest
from contextlib import contextmanager

needs_cpu_timer = unittest.skipUnless(
    hasattr(signal, "setitimer"), "the guard against a hang needs setitimer"
)


@contextmanager
def within_seconds(seconds, what="The work"):
    """Fail the test if the block has spent ``seconds`` of CPU time and still runs (main thread)."""

    def stop(signum, frame):
        raise AssertionError(
            f"{what} was still running after {seconds} s of CPU time: it grows faster than "
            "its input (a pattern backtracking, or a scan restarted from every place in it)."
        )

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
