"""The benchmark's timing of single requests (bench/run.py), on a clock of its own."""

from django.test import SimpleTestCase

from bench.run import median_ms_in_turns


class FakeMachine:
    """A clock, and requests that move it on: each takes its milliseconds times the slowdown."""

    def __init__(self, slowdown=lambda now: 1.0):
        self.now = 0.0
        self.calls = []
        self.slowdown = slowdown

    def clock(self):
        return self.now

    def request(self, label, ms):
        def make():
            self.calls.append(label)
            self.now += ms / 1000 * self.slowdown(self.now)

        return make


class MedianInTurnsTests(SimpleTestCase):
    def test_the_sizes_take_turns_and_each_has_its_own_median(self):
        machine = FakeMachine()
        medians = median_ms_in_turns(
            {"small": machine.request("small", 10), "large": machine.request("large", 30)},
            count=4,
            clock=machine.clock,
        )
        # One of each a round, the order reversed every other round.
        self.assertEqual(machine.calls, ["small", "large", "large", "small"] * 2)
        self.assertAlmostEqual(medians["small"], 10)
        self.assertAlmostEqual(medians["large"], 30)

    def test_a_machine_slowing_down_slows_both_sizes_alike(self):
        """Two pages as fast as each other, on a machine slowing down as it goes."""
        # One size after the other, as before: the second looks far slower.
        machine = FakeMachine(slowdown=lambda now: 1 + now)
        small = median_ms_in_turns({"small": machine.request("small", 20)}, clock=machine.clock)
        large = median_ms_in_turns({"large": machine.request("large", 20)}, clock=machine.clock)
        self.assertGreater(large["large"] / small["small"], 1.4)
        # In turns, the drift is shared.
        machine = FakeMachine(slowdown=lambda now: 1 + now)
        medians = median_ms_in_turns(
            {"small": machine.request("small", 20), "large": machine.request("large", 20)},
            clock=machine.clock,
        )
        self.assertAlmostEqual(medians["large"] / medians["small"], 1, delta=0.02)

    def test_slow_pages_stop_after_five_rounds_once_the_budget_is_spent(self):
        # Three seconds a request: five rounds of two, past the 16 s of two sizes' budget.
        # Ten milliseconds: the 40 rounds fit in the budget.
        for ms, requests in ((3000, 10), (10, 80)):
            with self.subTest(ms=ms):
                machine = FakeMachine()
                median_ms_in_turns(
                    {"small": machine.request("small", ms), "large": machine.request("large", ms)},
                    count=40,
                    budget=8,
                    clock=machine.clock,
                )
                self.assertEqual(len(machine.calls), requests)
