from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Local mail is written to files under var/mail/ (EMAIL_FILE_PATH), not to the console:
# messages hold residents' names and addresses, which never belong in a log.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405 (uploads: local disk unless STORAGE_BACKEND=s3)
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
