"""Writes to staff accounts."""

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from config.errors import NotAllowed

from .models import BrokerProfile, BrokerProfileChange
from .roles import ADMINISTRATOR, Role, is_coordinator

logger = logging.getLogger(__name__)


def staff_account_save(
    *, email: str, role: str, password: str | None = None, display_name: str = "", phone: str = ""
):
    """Create or update a staff account with exactly one role. Returns (user, created)."""
    if role not in {*Role.values, "superuser"}:
        raise ValueError(f"Unknown role {role!r}")
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            username=email, defaults={"email": email, "is_staff": True}
        )
        user.email = email
        user.is_staff = True
        user.is_active = True
        user.is_superuser = role == "superuser"
        if password:
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.save()
        user.groups.set([] if role == "superuser" else [Group.objects.get_or_create(name=role)[0]])
        if role in (Role.BROKER, Role.COORDINATOR):
            BrokerProfile.objects.update_or_create(
                user=user,
                defaults={
                    "display_name": display_name or email.split("@")[0].replace(".", " ").title(),
                    **({"direct_phone": phone} if phone else {}),
                },
            )
    return user, created


def provider_username(subject: str) -> str:
    """The account of the person the OIDC provider knows by `subject` (its `sub` claim)."""
    return f"oidc:{subject}"[:150]


def staff_account_from_provider(
    *, subject: str, email: str, name: str, roles: set[str], link_by_email: bool
):
    """A sign-in through the municipality's OIDC provider: the account is made at the first
    one (or, with `link_by_email`, an account made by `add_staff` for the same address is
    taken over) and its roles follow the provider's groups every time. Returns the user,
    or None for someone without a role and without an account here."""
    User = get_user_model()
    username = provider_username(subject)
    email = User.objects.normalize_email(email or "").lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None and link_by_email and email:
            user = User.objects.select_for_update().filter(username=email, email=email).first()
        if user is None and not roles:
            return None
        created = user is None
        if created:
            user = User(username=username)
            user.set_unusable_password()
        user.username = username
        user.email = email
        user.is_active = True
        user.save()
        staff_roles_sync(user=user, roles=roles, display_name=name)
    logger.info(
        "event=staff_provider_sign_in user_id=%s created=%s roles=%s",
        user.pk,
        created,
        ",".join(sorted(roles)) or "-",
    )
    return user


def staff_roles_sync(*, user, roles: set[str], display_name: str = "") -> bool:
    """Give `user` exactly `roles` (Role values and ADMINISTRATOR, who is a superuser):
    their groups, staff and superuser flags. Brokers and coordinators get a profile
    when they have none. Returns whether they still hold any role."""
    names = sorted(roles & set(Role.values))
    flags = {"is_superuser": ADMINISTRATOR in roles, "is_staff": bool(roles)}
    if _roles_unchanged(user, names, flags):
        user._role_names = set(names)
        return bool(roles)  # the usual re-check: no lock, no write
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        if set(locked.groups.values_list("name", flat=True)) != set(names):
            locked.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])
        changed = [field for field, value in flags.items() if getattr(locked, field) != value]
        for field in changed:
            setattr(locked, field, flags[field])
        if changed:
            locked.save(update_fields=changed)
        if roles & {Role.BROKER, Role.COORDINATOR}:
            fallback = (locked.email.split("@")[0] or locked.username).replace(".", " ").title()
            BrokerProfile.objects.get_or_create(
                user=locked, defaults={"display_name": (display_name or fallback)[:120]}
            )
    for field, value in flags.items():
        setattr(user, field, value)
    user._role_names = set(names)  # accounts.roles caches them on the user
    return bool(roles)


def _roles_unchanged(user, names: list[str], flags: dict) -> bool:
    if any(getattr(user, field) != value for field, value in flags.items()):
        return False
    if set(user.groups.values_list("name", flat=True)) != set(names):
        return False
    if set(names) & {Role.BROKER, Role.COORDINATOR}:
        return BrokerProfile.objects.filter(user=user).exists()
    return True


def broker_profile_period_check(*, active_from: date | None, active_to: date | None) -> None:
    if active_from and active_to and active_to < active_from:
        raise ValidationError({"active_to": _("De einddatum ligt voor de begindatum.")})


def broker_profile_change(
    *,
    profile: BrokerProfile,
    actor,
    display_name: str,
    direct_phone: str,
    direct_email: str,
    active_from: date | None,
    active_to: date | None,
) -> BrokerProfile:
    """A coordinator (or administrator, in the admin) changes what residents see of a
    broker, or the period they work here: from the day after `active_to` they are no
    longer offered for new cases (accounts.roles.can_be_named_broker). Their open cases
    stay theirs until handed over (broker_handover). Recorded in BrokerProfileChange."""
    if not is_coordinator(actor):
        raise NotAllowed(_("Alleen een coördinator kan een makelaarsprofiel wijzigen."))
    broker_profile_period_check(active_from=active_from, active_to=active_to)
    with transaction.atomic():
        locked = BrokerProfile.objects.select_for_update().get(pk=profile.pk)
        changes, fields = [], []
        if locked.display_name != display_name:
            changes.append(
                _("Naam voor bewoners: %(old)s → %(new)s")
                % {"old": locked.display_name, "new": display_name}
            )
            fields.append("display_name")
        if locked.direct_phone != direct_phone:
            changes.append(_("Direct telefoonnummer gewijzigd"))
            fields.append("direct_phone")
        if locked.direct_email != direct_email:
            changes.append(_("Direct e-mailadres gewijzigd"))
            fields.append("direct_email")
        for field, value, text in (
            ("active_from", active_from, _("Actief vanaf: %(old)s → %(new)s")),
            ("active_to", active_to, _("Actief tot en met: %(old)s → %(new)s")),
        ):
            old = getattr(locked, field)
            if old != value:
                changes.append(text % {"old": old or "-", "new": value or "-"})
                fields.append(field)
        if not changes:
            return locked
        locked.display_name = display_name
        locked.direct_phone = direct_phone
        locked.direct_email = direct_email
        locked.active_from = active_from
        locked.active_to = active_to
        locked.save(update_fields=fields)
        BrokerProfileChange.objects.create(profile=locked, actor=actor, text="\n".join(changes))
    logger.info(
        "event=broker_profile_changed profile_id=%s actor_id=%s fields=%s",
        locked.pk,
        actor.pk,
        ",".join(fields),
    )
    return locked
