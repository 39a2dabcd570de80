from rest_framework import serializers

from accounts.selectors import staff_display_name
from initiatives.constants import Status
from initiatives.models import Initiative, Initiator

from ..constants import ContactChannel, InterventionType, ReferralOutcome
from ..models import CaseNote, ContactMoment, Organisation, Referral
from ..selectors import deadline_mark


class BrokerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return staff_display_name(user)


class CaseListSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # Null when neither the idea nor its postcode named one (an idea by phone, say).
    neighbourhood = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    broker = BrokerSerializer(read_only=True, allow_null=True)
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "reference",
            "title",
            "status",
            "theme",
            "neighbourhood",
            "channel",
            "needs",
            "broker",
            "submitted_at",
            "first_contact_due",
            "first_contact_at",
            "deadline",
            "waiting_since",
            "waiting_reason",
            "closed_at",
        ]

    def get_deadline(self, initiative) -> str:
        """overdue, due_soon, on_time, done, or none (no first contact and none due:
        withdrawn before a contact, say)."""
        return deadline_mark(initiative).state


class InitiatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Initiator
        fields = ["kind", "name", "email", "phone", "postcode", "address", "preferred_channel"]


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    title = serializers.CharField()
    # A message as staff may see it: without the resident's private links.
    text = serializers.SerializerMethodField()
    actor = serializers.CharField()
    internal = serializers.BooleanField()
    note = serializers.CharField(
        help_text="Staff-only note on an entry the initiator does see (never shown to them)."
    )

    def get_text(self, entry) -> str:
        return entry.extra.get("staff_text", entry.text)


class CaseDetailSerializer(CaseListSerializer):
    initiator = InitiatorSerializer(read_only=True)
    timeline = TimelineEntrySerializer(many=True, read_only=True, source="api_timeline")

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "description",
            "outcome_message",
            "initiator",
            "timeline",
        ]


class AssignSerializer(serializers.Serializer):
    broker = serializers.IntegerField(help_text="User id of the broker or coordinator.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ContactMomentSerializer(serializers.ModelSerializer):
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    intervention = serializers.ChoiceField(choices=InterventionType.choices)

    class Meta:
        model = ContactMoment
        fields = [
            "id",
            "happened_on",
            "channel",
            "duration_minutes",
            "intervention",
            "summary",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    outcome_message = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when closing: a plain-language message to the initiator.",
    )
    broker = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Reopening (coordinators): user id of the broker the case goes to. "
        "Leave out to keep the former broker, if still active.",
    )


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseNote
        fields = ["id", "text", "kind", "created_at"]
        read_only_fields = ["id", "kind", "created_at"]


class WaitingSerializer(serializers.Serializer):
    waiting = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    since = serializers.DateField(required=False, allow_null=True, default=None)


class ReferralSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    outcome = serializers.ChoiceField(choices=ReferralOutcome.choices, read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "organisation", "reason", "outcome", "outcome_note", "created_at"]
        read_only_fields = ["id", "outcome", "outcome_note", "created_at"]


class ReferralOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[c for c in ReferralOutcome.choices if c[0] != ReferralOutcome.PENDING]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
