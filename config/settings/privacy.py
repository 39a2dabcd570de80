"""What the privacy page (/privacy/) says that no other setting knows. The page reads
the real settings for everything else (RETENTION_MONTHS, FIRST_CONTACT_WORKING_DAYS,
the file storage ...), so it changes when they change."""

from .environment import env

# Where residents send questions about their personal data: the municipality's privacy
# desk or its data protection officer (functionaris gegevensbescherming).
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="privacy@gemeente.example")
# Where uploaded files are kept, in words residents understand. Empty: the page says it
# from the file storage in STORAGES (a folder on the platform's own server, or the
# object storage named there).
PRIVACY_FILES_LOCATION = env("PRIVACY_FILES_LOCATION", default="")
