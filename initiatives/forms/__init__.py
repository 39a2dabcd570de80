"""The resident's forms, split by where they are used: `fields` (the pieces), `submission`
(the one validation path for an idea: web form, API and staff intake), `intake` (staff's
wording of it), `resident` (Mijn idee and the lost-link form), `followups` (survey and
check-in answers), `publication` (the broker's review of what is public)."""

from .fields import (
    AttachmentsField,
    ConsentCheckbox,
    KeepsFilesMixin,
    ResidentForm,
    TextField,
    reject_markup,
    required_error,
    too_long_error,
)
from .followups import CheckInForm, SurveyForm
from .intake import IntakeForm
from .publication import PublishForm, UnpublishForm
from .resident import ErasureForm, InformationForm, NewLinkForm, PreferencesForm, WithdrawForm
from .submission import ApiSubmissionForm, SubmissionForm

__all__ = [
    "ApiSubmissionForm",
    "AttachmentsField",
    "CheckInForm",
    "ConsentCheckbox",
    "ErasureForm",
    "InformationForm",
    "IntakeForm",
    "KeepsFilesMixin",
    "NewLinkForm",
    "PreferencesForm",
    "PublishForm",
    "ResidentForm",
    "SubmissionForm",
    "SurveyForm",
    "TextField",
    "UnpublishForm",
    "WithdrawForm",
    "reject_markup",
    "required_error",
    "too_long_error",
]
