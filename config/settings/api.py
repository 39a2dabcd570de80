"""The REST API: DRF and the OpenAPI schema."""

from .environment import env

# The API's own parsers, renderer, session authentication and exception handler
# (config/api.py) answer in Dutch and in JSON where DRF's would not.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "config.api.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "config.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "config.api.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "config.api.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "submission": env("SUBMISSION_RATE_LIMIT", default="10/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ideeënmakelaar API",
    "DESCRIPTION": "Submit ideas, work cases and read yearly figures.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the sidecar package: no CDN needed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "initiatives.constants.Status",
        "IdeaChannelEnum": "initiatives.constants.Channel",
        "InitiatorKindEnum": "initiatives.constants.InitiatorKind",
        "ContactChannelEnum": "brokers.constants.ContactChannel",
    },
}
