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


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PRIVILEGED_ROLES = (Role.SECRETARIAT, Role.NATIONAL_COORDINATOR, Role.AGENCY_MANAGER)


def totp_ensure(user) -> None:
    """An authenticator app with TOTP_SECRET, as every privileged user must have."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def totp_code(offset: int = 0) -> str:
    """The current code of TOTP_SECRET (offset in periods)."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // mfa_settings.TOTP_PERIOD + offset))


def grant(
    user,
    role: str,
    *,
    state: MemberState | None = None,
    agency: Agency | None = None,
    authenticator: bool = True,
) -> RoleGrant:
    """Give a role directly (tests of the grant rules use accounts.services.role_grant).

    Privileged roles come with an authenticator app set up, as the platform requires of them;
    ``authenticator=False`` gives the account that has not set one up yet."""
    from accounts.services import user_groups_sync

    grant = RoleGrant.objects.create(user=user, role=role, state=state, agency=agency)
    user_groups_sync(user=user)
    if authenticator and role in PRIVILEGED_ROLES:
        totp_ensure(user)
    return grant


def coordinator(state_obj: MemberState, *, authenticator: bool = True, **kwargs):
    user = official(state_obj, **kwargs)
    grant(user, Role.NATIONAL_COORDINATOR, state=state_obj, authenticator=authenticator)
    return user


def editor(state_obj: MemberState, **kwargs):
    user = official(state_obj, **kwargs)
    grant(user, Role.CURRICULUM_EDITOR, state=state_obj)
    return user


def manager(agency: Agency, *, authenticator: bool = True, **kwargs):
    user = official(agency=agency, **kwargs)
    grant(user, Role.AGENCY_MANAGER, agency=agency, authenticator=authenticator)
    return user


def secretariat(*, authenticator: bool = True, **kwargs):
    user = UserFactory(**kwargs)
    grant(user, Role.SECRETARIAT, authenticator=authenticator)
    return user


def sign_in_with_mfa(client, user) -> None:
    """Sign in as allauth does after a password and a TOTP code: the session holds both
    authentication records, so privileged pages accept it (accounts.access.mfa_satisfied).

    The user gets an authenticator app if they have none. Tests of the sign-in flow itself go
    through allauth's pages (tests/accounts/test_mfa.py); this is for tests of what comes after."""
    import time

    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator

    totp_ensure(user)
    client.force_login(user)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    now = time.time()
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": totp.pk, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
