"""The API's OpenAPI schema (/api/schema/, docs at /api/docs/): drf-spectacular's, plus
the refusals each operation can answer with."""

from drf_spectacular import openapi
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from .api import RefusalSerializer


class ApiSessionScheme(SessionScheme):
    """Our session authentication (Dutch CSRF refusal) is DRF's, as the session cookie."""

    target_class = "config.api.SessionAuthentication"


# A 400: messages per field ("non_field_errors" for the whole), or one `detail` for a
# request that could not be read (malformed JSON, say).
_FIELD_ERRORS = {
    "type": "object",
    "description": "Messages per field, 'non_field_errors' for the request as a whole; "
    "or one 'detail' when the request could not be read.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the refusals each operation can answer with, so
    the schema names every status code the API gives (tests/test_api_schema.py holds
    the API to it). An operation's own documented answers come first."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self._refusals().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses

    def _refusals(self) -> dict[str, OpenApiResponse]:
        view = self.view
        refusals = {
            "400": OpenApiResponse(
                self._component("FieldErrors", _FIELD_ERRORS),
                description="Bad input, or a request that could not be read.",
            )
        }
        if view.authentication_classes or any(
            not issubclass(permission, AllowAny) for permission in view.permission_classes
        ):
            # DRF answers 403 rather than 401: session authentication comes first and
            # names no WWW-Authenticate scheme.
            refusals["403"] = OpenApiResponse(
                RefusalSerializer, description="Not signed in, a wrong token, or no access."
            )
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            refusals["404"] = OpenApiResponse(
                RefusalSerializer, description="Not found (or not yours to see), or no such page."
            )
        if self.method in ("POST", "PUT", "PATCH"):
            refusals["413"] = OpenApiResponse(
                RefusalSerializer,
                description="Body over DATA_UPLOAD_MAX_MEMORY_SIZE (files excepted).",
            )
            refusals["415"] = OpenApiResponse(
                RefusalSerializer, description="A content type not listed."
            )
        if view.throttle_classes:
            refusals["429"] = OpenApiResponse(RefusalSerializer, description="Too many requests.")
        return refusals

    def _component(self, name, schema):
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref
