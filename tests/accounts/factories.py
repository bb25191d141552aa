"""Factories for accounts. Member states are the real OAS members, picked in turn."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.member_states import MEMBER_STATES
from accounts.models import Agency, AgencyDomain, AgencyKind, Gender, MemberState, Profile, Role, RoleGrant


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: MEMBER_STATES[n % len(MEMBER_STATES)][0])
    iso3 = factory.LazyAttribute(lambda o: next(s[1] for s in MEMBER_STATES if s[0] == o.code))
    name_en = factory.LazyAttribute(lambda o: next(s[2] for s in MEMBER_STATES if s[0] == o.code))
    name_es = factory.LazyAttribute(lambda o: next(s[3] for s in MEMBER_STATES if s[0] == o.code))
    name_pt = factory.LazyAttribute(lambda o: next(s[4] for s in MEMBER_STATES if s[0] == o.code))
    name_fr = factory.LazyAttribute(lambda o: next(s[5] for s in MEMBER_STATES if s[0] == o.code))
    subregion = factory.LazyAttribute(lambda o: next(s[6] for s in MEMBER_STATES if s[0] == o.code))


def state(code: str) -> MemberState:
    return MemberStateFactory(code=code)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    state = factory.SubFactory(MemberStateFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = AgencyKind.POLICE


class AgencyDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyDomain

    agency = factory.SubFactory(AgencyFactory)
    domain = factory.Sequence(lambda n: f"agency{n}.example")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
            Profile.objects.get_or_create(user=self)
            self.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    gender = Gender.UNDISCLOSED


def official(
    state_obj: MemberState | None = None,
    *,
    agency: Agency | None = None,
    gender: str = Gender.UNDISCLOSED,
    **user_kwargs,
):
    """A verified law-enforcement official of a state (through an agency of it)."""
    from accounts.services import user_groups_sync

    agency = agency or AgencyFactory(state=state_obj or MemberStateFactory())
    user = UserFactory(**user_kwargs)
    Profile.objects.filter(user=user).update(
        member_state=agency.state,
        agency=agency,
        verified_state=agency.state,
        verified_at=timezone.now(),
        verification_method="approval",
        gender=gender,
    )
    user_groups_sync(user=user)
    return user


def grant(user, role: str, *, state: MemberState | None = None, agency: Agency | None = None) -> RoleGrant:
    """Give a role directly (tests of the grant rules use accounts.services.role_grant)."""
    from accounts.services import user_groups_sync

    grant = RoleGrant.objects.create(user=user, role=role, state=state, agency=agency)
    user_groups_sync(user=user)
    return grant


def coordinator(state_obj: MemberState, **kwargs):
    user = official(state_obj, **kwargs)
    grant(user, Role.NATIONAL_COORDINATOR, state=state_obj)
    return user


def editor(state_obj: MemberState, **kwargs):
    user = official(state_obj, **kwargs)
    grant(user, Role.CURRICULUM_EDITOR, state=state_obj)
    return user


def manager(agency: Agency, **kwargs):
    user = official(agency=agency, **kwargs)
    grant(user, Role.AGENCY_MANAGER, agency=agency)
    return user


def secretariat(**kwargs):
    user = UserFactory(**kwargs)
    grant(user, Role.SECRETARIAT)
    return user


def sign_in_with_mfa(client, user) -> None:
    """Sign in and pass allauth's MFA reauthentication with a TOTP code, as a coordinator or the
    secretariat must before the admin."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
    from django.urls import reverse
    from django.utils import translation

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    client.force_login(user)
    with translation.override("en"):
        reauthenticate = reverse("mfa_reauthenticate")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    response = client.post(reauthenticate, {"code": code})
    assert response.status_code == 302, response.content.decode()[:500]
