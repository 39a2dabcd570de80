import importlib
import os
import pkgutil
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ideeen_bench")
# The benchmark's own Redis database, so no demo worker picks up its tasks.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/8")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Seeding and vacuuming 100,000 ideas take long statements on purpose.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")


def _ensure_database():
    import environ
    import psycopg

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    admin = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if exists.fetchone() is None:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main(argv: list[str]) -> int:
    _ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import measures, seed

    print("== ideeënmakelaar benchmark ==")
    print(f"database: {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}")
    for label, value in seed.run():
        print(f"{label:<58} {value}")
    # Measure as a web worker runs: what is loaded by now, and by its first requests, stays
    # out of the collector's full passes (config/gunicorn.py post_worker_init,
    # config/memory.py).
    from config.memory import freeze_after_warm_up

    freeze_after_warm_up()
    only = set(argv)
    for info in sorted(pkgutil.iter_modules(measures.__path__), key=lambda m: m.name):
        if only and info.name not in only:
            continue
        module = importlib.import_module(f"bench.measures.{info.name}")
        print(f"-- {info.name}")
        started = time.perf_counter()
        for label, value in module.run():
            print(f"{label:<58} {value}", flush=True)
        print(f"{'(section took)':<58} {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
