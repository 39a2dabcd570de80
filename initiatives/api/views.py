import dataclasses
import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, permissions, serializers, status
from rest_framework.parsers import FormParser
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import JSONParser, MultiPartParser, RefusalSerializer

from ..attachments import MAX_COUNT
from ..constants import InitiatorKind, Need, PreferredChannel
from ..forms import ApiSubmissionForm
from ..selectors import theme_list
from ..services import initiative_intake
from ..throttles import Admission, submission_admit, submission_retry_after


class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(source="__str__")


class ThemeListView(generics.ListAPIView):
    """The themes an idea can be about (contract slugs)."""

    permission_classes = [permissions.AllowAny]
    serializer_class = ThemeSerializer
    pagination_class = None

    def get_queryset(self):
        return theme_list()


class SubmissionDocSerializer(serializers.Serializer):
    """Describes the request for OpenAPI only: validation is SubmissionForm's, the same
    as the web form's. Text fields take text only (a number or true is a 400); a field
    that may be left out may also be null."""

    submission_key = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="Idempotency key: the same key twice yields one initiative.",
    )
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    theme = serializers.SlugField(help_text="Theme slug, see /api/v1/themes/.")
    neighbourhood = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="Neighbourhood code (CBS). Or give a postcode.",
    )
    postcode = serializers.CharField(required=False, allow_null=True, max_length=7)
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Need.choices), required=False
    )
    initiator_kind = serializers.ChoiceField(choices=InitiatorKind.choices)
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(
        required=False, allow_null=True, help_text="E-mail and/or phone is required."
    )
    phone = serializers.CharField(required=False, allow_null=True, max_length=30)
    address = serializers.CharField(required=False, allow_null=True, max_length=300)
    preferred_channel = serializers.ChoiceField(choices=PreferredChannel.choices)
    consent_contact = serializers.BooleanField(
        required=False,
        default=True,
        help_text="Deprecated and ignored: contacting the initiator is the service itself "
        "(the municipality's public task), not a consent.",
    )
    consent_matching = serializers.BooleanField(required=False, default=False)
    consent_publish = serializers.BooleanField(required=False, default=False)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        allow_null=True,
        help_text="Language of our messages to the initiator. Without it: the language "
        "cookie (django_language) if set, else Dutch.",
    )


@extend_schema_field(OpenApiTypes.BINARY)
class _UploadField(serializers.FileField):
    """A file in the request (DRF's FileField is documented as the URL it answers with)."""


class SubmissionMultipartDocSerializer(SubmissionDocSerializer):
    attachments = serializers.ListField(
        child=_UploadField(),
        required=False,
        max_length=MAX_COUNT,
        help_text="Up to 5 files (PDF, JPEG, PNG, DOCX; 10 MB each), checked by content.",
    )


class SubmissionCreatedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    first_contact_due = serializers.DateField()
    created = serializers.BooleanField(help_text="False when the submission_key was seen before.")


class ErrorsSerializer(serializers.Serializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages (Dutch) per field; '__all__' for the form as a whole.",
    )


# A 400 names the fields; a body that cannot be read at all (malformed JSON, say) gets
# one `detail`, as on every endpoint.
_SUBMISSION_REFUSAL = PolymorphicProxySerializer(
    component_name="SubmissionRefusal",
    serializers=[ErrorsSerializer, RefusalSerializer],
    resource_type_field_name=None,
)


class InitiativeSubmitView(APIView):
    """Submit an idea, as on the web form: same validation, same per-address limit."""

    permission_classes = [permissions.AllowAny]
    # No session: a third-party client posts without a CSRF token.
    authentication_classes = []
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    # The per-address limit is counted per new submission, as on the web form.
    throttle_classes = []

    @extend_schema(
        operation_id="initiatives_submit",
        request={
            "application/json": SubmissionDocSerializer,
            "multipart/form-data": SubmissionMultipartDocSerializer,
        },
        responses={
            201: SubmissionCreatedSerializer,
            200: OpenApiResponse(
                SubmissionCreatedSerializer,
                description="Repeated submission_key with the same content (a retry): the "
                "first submission.",
            ),
            400: _SUBMISSION_REFUSAL,
            409: OpenApiResponse(
                ErrorsSerializer,
                description="The submission_key was used before for other content: the "
                "idea was received; nothing of it is returned.",
            ),
            429: OpenApiResponse(
                RefusalSerializer, description="Too many submissions from this address."
            ),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[429],
                description="Seconds until this address may submit again.",
            )
        ],
        examples=[
            OpenApiExample(
                "Idea",
                request_only=True,
                value={
                    "title": "Buurtmoestuin",
                    "description": "Samen groente kweken achter de flat.",
                    "theme": "groen-leefomgeving",
                    "postcode": "8011AB",
                    "needs": ["volunteers"],
                    "initiator_kind": "resident",
                    "name": "Anna de Vries",
                    "email": "anna@example.nl",
                    "preferred_channel": "email",
                },
            )
        ],
    )
    def post(self, request):
        data = request.data
        if not hasattr(data, "getlist") and not isinstance(data, dict):
            return Response(
                {"errors": {"__all__": [gettext("Stuur een JSON-object.")]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if shapes := _wrong_shapes(data):
            return Response({"errors": shapes}, status=status.HTTP_400_BAD_REQUEST)
        form = ApiSubmissionForm(data=data, files=request.FILES)
        if not form.is_valid():
            return Response(
                {"errors": _messages(form)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        key = form.cleaned_data.get("submission_key")
        submission = form.submission_kwargs()
        # An API client has no browser to recognise: a retry repeats the same content.
        admission = submission_admit(request, key, sender=_content_of(submission))
        if admission is Admission.LIMITED:
            return Response(
                {"detail": gettext("Te veel ideeën van dit adres. Probeer het later opnieuw.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(submission_retry_after())},
            )
        # A repeated key gets the first submission back (the service looks it up).
        try:
            initiative, created = initiative_intake(
                actor=None, submission_key_is_new=admission is Admission.NEW, **submission
            )
        except ValidationError as error:
            return Response(
                {"errors": {"__all__": error.messages}}, status=status.HTTP_400_BAD_REQUEST
            )
        if not created and admission is not Admission.REPEAT:
            # Another client's key (or Redis did not answer, so nobody can tell): nothing
            # of the first submission, not even its reference.
            return Response(
                {"errors": {"submission_key": [_already_received()]}},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            {
                "reference": initiative.reference,
                "first_contact_due": initiative.first_contact_due,
                "created": created,
            },
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


def _content_of(submission: dict) -> str:
    """Everything a submission says except its key, the same however a client spelled
    it (order, spacing): a client that retries sends the same, another client does not."""
    return json.dumps(
        {
            "title": submission["title"],
            "description": submission["description"],
            "theme": submission["theme"].slug,
            "neighbourhood": getattr(submission["neighbourhood"], "code", None),
            "initiator": dataclasses.asdict(submission["initiator"]),
            "channel": submission["channel"],
            "needs": sorted(submission["needs"]),
            "attachments": [[f.name, f.size] for f in submission["attachments"]],
        },
        sort_keys=True,
    )


def _already_received() -> str:
    return gettext(
        "Dit idee hebben wij al ontvangen. U hoeft het niet opnieuw te sturen. Heeft u een "
        "e-mailadres gegeven? Dan krijgt u een e-mail met de link naar uw idee. Link kwijt? "
        "Vraag een nieuwe link aan op %(url)s."
    ) % {"url": settings.SITE_URL + reverse("initiatives:new_link")}


# Fields of the submission that take a list; every other one takes one value.
_LIST_FIELDS = {"needs", "attachments"}


def _wrong_shapes(data) -> dict[str, list[str]]:
    """JSON values of the wrong kind, which a form field would store as their Python
    text: a list or object where one value belongs ("['a', 'b']" as the title), a
    number or true/false where text belongs ("True"). A consent takes true/false (or
    the form's "on"), null is "not given". (Form-encoded data has only text.)"""
    if not isinstance(data, dict):
        return {}
    errors = {}
    for name, value in data.items():
        field = ApiSubmissionForm.base_fields.get(name)
        if field is None or name in _LIST_FIELDS or value is None:
            continue
        if isinstance(value, list | dict):
            errors[name] = [gettext("Geef hier één waarde, geen lijst of object.")]
        elif not isinstance(value, str) and not isinstance(field, forms.BooleanField):
            errors[name] = [gettext("Geef hier tekst, geen getal of true/false.")]
    return errors


def _messages(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in errors] for name, errors in form.errors.items()}
