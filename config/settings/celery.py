"""Celery: the broker, task defaults, the beat schedule and the queues (read by
config/celery.py through Django's settings)."""

from celery.schedules import crontab
from kombu import Queue

from .environment import env

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")

# Celery: JSON only, acknowledge after the work is done, one task at a time per process.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
CELERY_TIMEZONE = "Europe/Amsterdam"  # base.py: TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A submission must not hang when Redis is away: fail fast, the outbox sweep resends.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_DEFAULT_RETRY_DELAY = 30
# Seconds between two looks for new submissions: the longest a new idea waits before a
# worker sends its acknowledgement and starts matching (initiatives.models.SubmissionFollowUp).
SUBMISSION_FOLLOW_UP_SECONDS = env.int("SUBMISSION_FOLLOW_UP_SECONDS", default=5)
# One beat sends the schedule, however many run (config/beat.py: a Redis lock); another
# stands by and takes over this many seconds after the first one stops.
CELERY_BEAT_SCHEDULER = "config.beat:SingleBeatScheduler"
BEAT_LOCK_SECONDS = env.int("BEAT_LOCK_SECONDS", default=30)
CELERY_BEAT_SCHEDULE = {
    "submissions-follow-up": {
        "task": "initiatives.tasks.submissions_follow_up",
        "schedule": SUBMISSION_FOLLOW_UP_SECONDS,
        # Runs that wait in a long queue (after a Redis outage, say) are dropped after a
        # minute rather than piling up: any one run takes everything waiting.
        "options": {"expires": 60},
    },
    "outbox-sweep": {
        "task": "messaging.tasks.outbox_sweep",
        "schedule": crontab(minute="*"),
    },
    # Follow-ups: hourly, so a missed run catches up the same day; the keys make
    # every further run a no-op.
    "followups": {
        "task": "initiatives.tasks.followups_queue",
        "schedule": crontab(minute=15),
    },
    # The digest goes out on working-day mornings (the task skips public holidays).
    "broker-digest": {
        "task": "initiatives.tasks.broker_digests_queue",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon-fri"),
    },
    "matching-nightly": {
        "task": "matching.tasks.match_nightly",
        "schedule": crontab(hour=2, minute=30),
    },
    # How common each word is (the engine's idf): hourly, new ideas change it slowly.
    "matching-term-stats": {
        "task": "matching.tasks.match_term_stats_refresh",
        "schedule": crontab(minute=40),
    },
    "retention": {
        "task": "retention.tasks.retention_run",
        "schedule": crontab(hour=3, minute=30),
    },
    # Index words (compound parts, thesaurus groups) for cases that have none yet.
    "index-pending": {
        "task": "initiatives.tasks.index_pending",
        "schedule": crontab(minute="*"),
        "options": {"expires": 60},
    },
    "documents-rebuild-resume": {
        "task": "initiatives.tasks.documents_rebuild_resume",
        "schedule": crontab(minute="*/10"),
    },
    # Ballot secrecy: ballots of open votes lose what they share with their code's use.
    "voting-ballots-shuffle": {
        "task": "voting.tasks.ballots_shuffle",
        "schedule": crontab(minute="*/5"),
    },
    # Letters whose PDF no worker is drawing (broker away at the upload, worker died).
    "voting-letters-resume": {
        "task": "voting.tasks.letters_render_resume",
        "schedule": crontab(minute="*/5"),
    },
    "pending-uploads-sweep": {
        "task": "initiatives.tasks.pending_uploads_sweep",
        "schedule": crontab(minute=17),
    },
}

# Queues, so that no kind of work waits behind another's backlog: a burst of new ideas
# fills `sending` and `matching`, while the beat jobs that keep the promises run from
# `periodic` as they come due. "celery", the default, stays consumed so that a task without
# a route (from an older version, say) is never stranded. A worker without -Q consumes all;
# docker-compose.yml runs a worker per group, `make run` one for all.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [
    Queue(name) for name in (CELERY_TASK_DEFAULT_QUEUE, "sending", "matching", "periodic")
]
CELERY_TASK_ROUTES = {
    **{entry["task"]: {"queue": "periodic"} for entry in CELERY_BEAT_SCHEDULE.values()},
    "messaging.tasks.message_send": {"queue": "sending"},
    "matching.tasks.match_find": {"queue": "matching"},
    "matching.tasks.match_find_for_offer": {"queue": "matching"},
    # Nightly and up to half an hour long: with the matching work, so that it never
    # holds up the five-second follow-up job on `periodic`.
    "matching.tasks.match_nightly": {"queue": "matching"},
}
