"""Where the settings read from: the project folder and the environment (with `.env`
beside manage.py filling in what the environment lacks). Every settings module uses
this one `env`."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
