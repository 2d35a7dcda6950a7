"""A guard for tests of work that must grow no faster than its input.

Such a test feeds in a size that the old, quadratic or exponential code would
take hours over. The guard turns that hang into a failure with a message, so a
regression fails the test instead of stalling the whole run. The limit is far
above what the work takes (milliseconds): it is not a timing assertion.
"""

import signal
from contextlib import contextmanager


@contextmanager
def within_seconds(seconds):
    """Fail the test if the block is still running after ``seconds`` (Unix, main thread)."""

    def stop(signum, frame):
        raise AssertionError(
            f"Still running after {seconds} s: the work grows faster than its input."
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
