"""The broker API under /api/v1/cases/: the same selectors, filters and services as the
pages. Only brokers and coordinators get in (403 JSON otherwise); unknown cases are 404."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from accounts.roles import is_broker
from initiatives.models import Initiative
from initiatives.services import initiative_assign
from initiatives.timeline import initiative_timeline

from .. import services
from ..filters import CaseFilter
from ..models import Referral
from ..selectors import case_get_for_viewer, case_queryset, referral_get_for_viewer
from .serializers import (
    AssignSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    ContactMomentSerializer,
    NoteSerializer,
    ReferralOutcomeSerializer,
    ReferralSerializer,
    TransitionSerializer,
    WaitingSerializer,
)


class IsBroker(permissions.BasePermission):
    message = gettext_lazy("Alleen ideeënmakelaars en coördinatoren hebben toegang.")

    def has_permission(self, request, view):
        return is_broker(request.user)


def _service(call):
    """Run a service; its Django ValidationError becomes a 400 with a JSON body."""
    try:
        return call()
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise ApiValidationError(exc.message_dict) from exc
        raise ApiValidationError({"non_field_errors": exc.messages}) from exc


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases (initiatives) as the broker works them."""

    permission_classes = [permissions.IsAuthenticated, IsBroker]
    filterset_class = CaseFilter
    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Initiative.objects.none()
        return case_queryset(viewer=self.request.user)

    def get_serializer_class(self):
        return CaseDetailSerializer if self.action == "retrieve" else CaseListSerializer

    def get_object(self) -> Initiative:
        try:
            return case_get_for_viewer(
                viewer=self.request.user, reference=self.kwargs["reference"], related=False
            )
        except Initiative.DoesNotExist:
            raise NotFound() from None

    def retrieve(self, request, *args, **kwargs):
        initiative = self.get_object()
        initiative.api_timeline = initiative_timeline(initiative)
        return Response(CaseDetailSerializer(initiative).data)

    def _detail(self, reference, code=status.HTTP_200_OK):
        initiative = case_get_for_viewer(
            viewer=self.request.user, reference=reference, related=False
        )
        initiative.api_timeline = initiative_timeline(initiative)
        return Response(CaseDetailSerializer(initiative).data, status=code)

    @extend_schema(request=AssignSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, reference=None):
        """Claim (your own id), assign or reassign; the initiator is told who their broker is."""
        initiative = self.get_object()
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        broker = get_user_model().objects.filter(pk=data.validated_data["broker"]).first()
        if broker is None:
            raise ApiValidationError({"broker": [gettext("Deze persoon bestaat niet.")]})
        _service(
            lambda: initiative_assign(
                initiative=initiative,
                broker=broker,
                actor=request.user,
                note=data.validated_data["note"],
            )
        )
        return self._detail(initiative.reference)

    @extend_schema(request=ContactMomentSerializer, responses={201: ContactMomentSerializer})
    @action(detail=True, methods=["post"], url_path="contact-moments")
    def contact_moments(self, request, reference=None):
        """Log a contact moment; the first one moves a new case to in_conversation."""
        initiative = self.get_object()
        data = ContactMomentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        moment = _service(
            lambda: services.contact_moment_create(
                initiative=initiative, actor=request.user, **fields
            )
        )
        return Response(ContactMomentSerializer(moment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TransitionSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, reference=None):
        """Change the status; closing needs an outcome_message, reopening a coordinator."""
        initiative = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        broker_id = fields.pop("broker")
        broker = None
        if broker_id is not None:
            broker = get_user_model().objects.filter(pk=broker_id).first()
            if broker is None:
                raise ApiValidationError({"broker": [gettext("Deze persoon bestaat niet.")]})
        # A refusal (not the named broker, reopening without being a coordinator) is a
        # NotAllowed: 403 with its message as `detail`.
        _service(
            lambda: services.case_transition(
                initiative=initiative, actor=request.user, broker=broker, **fields
            )
        )
        return self._detail(initiative.reference)

    @extend_schema(request=NoteSerializer, responses={201: NoteSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request, reference=None):
        """Add an internal note (never shown to the initiator)."""
        initiative = self.get_object()
        data = NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = _service(
            lambda: services.case_note_create(
                initiative=initiative, actor=request.user, text=data.validated_data["text"]
            )
        )
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WaitingSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def waiting(self, request, reference=None):
        """Set (waiting=true, with a reason) or clear the 'waiting for the initiator' flag."""
        initiative = self.get_object()
        data = WaitingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["waiting"]:
            _service(
                lambda: services.initiative_waiting_set(
                    initiative=initiative,
                    actor=request.user,
                    reason=values["reason"],
                    since=values["since"],
                )
            )
        else:
            _service(
                lambda: services.initiative_waiting_clear(initiative=initiative, actor=request.user)
            )
        return self._detail(initiative.reference)

    @extend_schema(request=ReferralSerializer, responses={201: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def referrals(self, request, reference=None):
        """Refer the case to an organisation in the network."""
        initiative = self.get_object()
        data = ReferralSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = _service(
            lambda: services.referral_create(
                initiative=initiative,
                organisation=data.validated_data["organisation"],
                actor=request.user,
                reason=data.validated_data["reason"],
            )
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReferralOutcomeSerializer, responses=ReferralSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path=r"referrals/(?P<referral_id>[0-9]+)/outcome",
        url_name="referral-outcome",
    )
    def referral_outcome(self, request, reference=None, referral_id=None):
        """Record what came of a referral."""
        initiative = self.get_object()
        try:
            referral = referral_get_for_viewer(
                viewer=request.user, pk=int(referral_id), initiative=initiative
            )
        except Referral.DoesNotExist:
            raise NotFound() from None
        data = ReferralOutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = _service(
            lambda: services.referral_outcome_record(
                referral=referral, actor=request.user, **data.validated_data
            )
        )
        return Response(ReferralSerializer(referral).data)
