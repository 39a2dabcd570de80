"""Where uploaded files live: attachments, pending uploads, receipts, letters. The local
disk (MEDIA_ROOT) by default, as `make run` uses it; an S3-compatible object store
(django-storages) with STORAGE_BACKEND=s3, so that every web replica and worker sees the
same files. Every file here is private: no public media URL exists, the guarded views
stream them after the permission check (initiatives.attachments.file_response), and an
S3 URL, where one is asked for, is signed and short-lived."""

from .environment import env

STORAGE_BACKEND = env("STORAGE_BACKEND", default="local")

if STORAGE_BACKEND not in ("local", "s3"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("STORAGE_BACKEND: local or s3")


def s3_options(**overrides) -> dict:
    """django-storages' S3Storage options from the environment (AWS_*, S3_*)."""
    return {
        "bucket_name": env("AWS_STORAGE_BUCKET_NAME", default="ideeenmakelaar"),
        # Empty for AWS itself; the store's address for MinIO, Ceph, ...
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,
        # No ACL is sent: objects are as private as the bucket (which must block public
        # access); a URL is only ever a signed one, valid this many seconds.
        "default_acl": None,
        "querystring_auth": True,
        "signature_version": "s3v4",
        "querystring_expire": env.int("S3_SIGNED_URL_SECONDS", default=60),
        # A name is never reused for another file (random names, and a suffix if taken).
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, no-store"},
        **overrides,
    }


def file_storages(backend: str = STORAGE_BACKEND) -> dict:
    """STORAGES["default"] (every FileField and default_storage) and STORAGES["private"]
    (documents made here, such as letters: for now the same private store, named apart
    so that it can be pointed elsewhere without touching the code that uses it)."""
    if backend == "s3":
        s3 = "storages.backends.s3.S3Storage"
        return {
            "default": {"BACKEND": s3, "OPTIONS": s3_options()},
            "private": {"BACKEND": s3, "OPTIONS": s3_options()},
        }
    local = "django.core.files.storage.FileSystemStorage"
    # Both under MEDIA_ROOT (read when used, so tests may point it elsewhere).
    return {"default": {"BACKEND": local}, "private": {"BACKEND": local}}
