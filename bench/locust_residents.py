"""Locust scenario for bench/measures/residents.py: residents submitting the web form.

Every user fetches the form once (CSRF cookie and token), then posts ideas at
BENCH_RATE_PER_USER a second on average, each with a fresh submission_key; one in ten is
posted twice (a double click), which must still give one initiative.

BENCH_ARRIVALS picks how a user spaces its submissions:
- "paced" (default): one every 1/RATE seconds, each user on a fixed timetable of its own
  that starts at a random moment within the first period. The timetable does not move
  when a submission starts late (the load generator itself was not scheduled for a
  moment, say): timing the next one from the late start instead made the users that were
  late together send together from then on, and over a minute most users ended up in a
  few bursts (seen with strace: 15 POSTs in the same millisecond at 100/s). A user whose
  answer comes after its next turn skips that turn rather than catch up in a burst, so
  only answers slower than 1/RATE lower the load.
  (locust's constant_throughput starts all 50 users together and keeps them in step.)
- "poisson": random gaps (exponential), as fully independent residents would send; the
  same average rate with bursts.

The keys that got a successful answer are written to BENCH_KEYS_FILE at the end, so the
measure can count rows against them."""

import json
import os
import random
import re
import time

import gevent
from locust import events, task
from locust.contrib.fasthttp import FastHttpUser

from bench.submission import submission_body

RUN_ID = os.environ.get("BENCH_RUN_ID", "run")
SUCCESS_KEYS: set[str] = set()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


RATE = float(os.environ.get("BENCH_RATE_PER_USER", "3.0"))
ARRIVALS = os.environ.get("BENCH_ARRIVALS", "paced")


class Resident(FastHttpUser):
    # USERS x RATE is the offered load (50 x 3.0 = 150 ideas per second).

    def wait_time(self):
        now = time.monotonic()
        if ARRIVALS == "poisson":
            # Independent arrivals: a late one is sent at once, the timetable stays.
            self.due += random.expovariate(RATE)
            return max(0.0, self.due - now)
        self.due += 1 / RATE
        while self.due < now:  # answered after its turn: skip it, keep the timetable
            self.due += 1 / RATE
        return self.due - now

    def on_start(self):
        response = self.client.get("/idee-indienen/", name="GET form")
        self.csrf = TOKEN.search(response.text).group(1)
        # Out of step with the other users: the first turn is somewhere within the first
        # period (locust runs the task straight after on_start, so wait for it here).
        self.due = time.monotonic() + random.uniform(0, 1 / RATE)
        gevent.sleep(self.due - time.monotonic())

    @task
    def submit(self):
        key, body = submission_body(
            csrf=self.csrf,
            run=RUN_ID,
            postcode=random.choice(["8011 AB", "8012 CD", "8021 EF", "8043 GH"]),
        )
        for _ in range(2 if random.random() < 0.1 else 1):
            with self.client.post(
                "/idee-indienen/",
                data=body,
                name="POST submission",
                allow_redirects=False,
                headers={
                    "Referer": self.host + "/idee-indienen/",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                catch_response=True,
            ) as response:
                if response.status_code == 302 and "/ontvangen/" in (
                    response.headers.get("Location") or ""
                ):
                    SUCCESS_KEYS.add(key)
                    response.success()
                else:
                    response.failure(f"status {response.status_code}")


@events.test_stop.add_listener
def _write_keys(**_kwargs):
    path = os.environ.get("BENCH_KEYS_FILE")
    if path:
        with open(path, "w") as handle:
            json.dump(sorted(SUCCESS_KEYS), handle)
