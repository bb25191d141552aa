"""Demo member states, agencies and one account per role. Every demo account's password is printed."""

import functools
import unicodedata

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from . import services
from .member_states import MEMBER_STATES
from .models import Agency, AgencyKind, Gender, MemberState, Role, RoleGrant

DEMO_PASSWORD = "capacitas-demo-2026"

# (state, agency name, kind, e-mail domain)
AGENCIES = [
    ("MX", "Guardia Nacional", AgencyKind.POLICE, "guardia-nacional.mx.example"),
    ("MX", "Fiscalía General de la República – Servicios Periciales", AgencyKind.FORENSIC, "fgr.mx.example"),
    ("CO", "Policía Nacional de Colombia", AgencyKind.POLICE, "policia.co.example"),
    ("CO", "Instituto Nacional Penitenciario y Carcelario", AgencyKind.PRISON, "inpec.co.example"),
    ("BR", "Polícia Federal", AgencyKind.POLICE, "pf.br.example"),
    ("BR", "Secretaria Nacional de Políticas Penais", AgencyKind.PRISON, "senappen.br.example"),
    ("SV", "Policía Nacional Civil", AgencyKind.POLICE, "pnc.sv.example"),
    ("CR", "Organismo de Investigación Judicial", AgencyKind.FORENSIC, "oij.cr.example"),
    ("AR", "Policía Federal Argentina", AgencyKind.POLICE, "pfa.ar.example"),
    ("CL", "Carabineros de Chile", AgencyKind.POLICE, "carabineros.cl.example"),
    ("PE", "Policía Nacional del Perú", AgencyKind.POLICE, "pnp.pe.example"),
    ("GT", "Sistema Penitenciario", AgencyKind.PRISON, "susipe.gt.example"),
    ("HT", "Police nationale d'Haïti", AgencyKind.POLICE, "pnh.ht.example"),
    ("CA", "Royal Canadian Mounted Police", AgencyKind.POLICE, "rcmp.ca.example"),
    ("JM", "Jamaica Constabulary Force", AgencyKind.POLICE, "jcf.jm.example"),
    ("TT", "Trinidad and Tobago Police Service", AgencyKind.POLICE, "ttps.tt.example"),
    ("US", "Federal Law Enforcement Training Centers", AgencyKind.OTHER, "fletc.us.example"),
    ("UY", "Ministerio del Interior – Policía Científica", AgencyKind.FORENSIC, "minterior.uy.example"),
]

# (e-mail, full name, state, agency index or None, role, gender, language, verified)
ACCOUNTS = [
    ("secretariat@capacitas.example", "Ana Secretaría", None, None, Role.SECRETARIAT, Gender.FEMALE, "en", False),
    # A second member of the secretariat: what one member sends to the states, another approves.
    ("secretariat2@capacitas.example", "Luis Secretaría", None, None, Role.SECRETARIAT, Gender.MALE, "es", False),
    (
        "coordinator.mx@guardia-nacional.mx.example",
        "Carlos Coordinador",
        "MX",
        0,
        Role.NATIONAL_COORDINATOR,
        Gender.MALE,
        "es",
        True,
    ),
    (
        "coordinator.co@policia.co.example",
        "Lucía Coordinadora",
        "CO",
        2,
        Role.NATIONAL_COORDINATOR,
        Gender.FEMALE,
        "es",
        True,
    ),
    ("coordinator.br@pf.br.example", "João Coordenador", "BR", 4, Role.NATIONAL_COORDINATOR, Gender.MALE, "pt", True),
    ("editor.mx@fgr.mx.example", "Elena Editora", "MX", 1, Role.CURRICULUM_EDITOR, Gender.FEMALE, "es", True),
    ("editor.co@policia.co.example", "Andrés Editor", "CO", 2, Role.CURRICULUM_EDITOR, Gender.MALE, "es", True),
    (
        "manager.mx@guardia-nacional.mx.example",
        "Mariana Gerente",
        "MX",
        0,
        Role.AGENCY_MANAGER,
        Gender.FEMALE,
        "es",
        True,
    ),
    ("officer.mx@guardia-nacional.mx.example", "Jorge Oficial", "MX", 0, None, Gender.MALE, "es", True),
    ("officer.br@pf.br.example", "Beatriz Agente", "BR", 4, None, Gender.FEMALE, "pt", True),
    ("officer.ht@pnh.ht.example", "Jean Agent", "HT", 12, None, Gender.UNDISCLOSED, "fr", True),
    ("instructor.co@policia.co.example", "Diana Instructora", "CO", 2, None, Gender.FEMALE, "es", True),
    ("visitor@example.com", "Pat Visitor", None, None, None, Gender.UNDISCLOSED, "en", False),
]


def load(*, stdout) -> None:
    with transaction.atomic():
        for code, iso3, en, es, pt, fr, subregion in MEMBER_STATES:
            if not MemberState.objects.filter(code=code).exists():
                services.member_state_create(
                    code=code, iso3=iso3, name_en=en, name_es=es, name_pt=pt, name_fr=fr, subregion=subregion
                )
        agencies = []
        for code, name, kind, domain in AGENCIES:
            agency = Agency.objects.filter(state__code=code, name=name).first()
            if agency is None:
                agency = services.agency_create(
                    state=MemberState.objects.get(code=code), name=name, kind=kind, domains=[domain]
                )
            agencies.append(agency)
        _accounts(agencies, stdout)


def _accounts(agencies, stdout) -> None:
    User = get_user_model()
    secretariat = None
    stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, name, state_code, agency_index, role, gender, language, verified in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            first, _space, last = name.partition(" ")
            user = User.objects.create_user(
                username=email.split("@")[0], email=email, password=DEMO_PASSWORD, first_name=first, last_name=last
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            agency = agencies[agency_index] if agency_index is not None else None
            state = MemberState.objects.get(code=state_code) if state_code else None
            services.profile_update(
                user=user,
                display_name=name,
                member_state=state,
                agency=agency,
                gender=gender,
                preferred_language=language,
            )
            if verified:
                services.verify_by_email_domain(user=user, email=email)
            if role == Role.SECRETARIAT:
                user.is_superuser = True  # the secretariat runs the platform; superuser gives it Wagtail's settings too
                user.save(update_fields=["is_superuser"])
                RoleGrant.objects.create(user=user, role=Role.SECRETARIAT)
                services.user_groups_sync(user=user)
            elif role is not None:
                services.role_grant(
                    granter=secretariat,
                    user=user,
                    role=role,
                    state=state if role != Role.AGENCY_MANAGER else None,
                    agency=agency if role == Role.AGENCY_MANAGER else None,
                )
        if email.startswith("secretariat@"):
            secretariat = user
        label = dict(Role.choices).get(role, "verified official" if verified else "unverified visitor")
        stdout.write(f"  {email:45} {label}")
        if role in (Role.SECRETARIAT, Role.NATIONAL_COORDINATOR, Role.AGENCY_MANAGER):
            secret, codes = demo_mfa_ensure(user)
            stdout.write(f"  {'':45}   TOTP secret {secret}  recovery codes {' '.join(codes[:3])} …")
    stdout.write(
        "  The secretariat, coordinators and agency managers need their TOTP code at sign-in: add the secret to an "
        "authenticator app, or run `manage.py demo_totp_code EMAIL`."
    )


def demo_mfa_ensure(user) -> tuple[str, list[str]]:
    """A TOTP authenticator and recovery codes for a privileged demo account (MFA at sign-in).

    Returns the TOTP secret and the unused recovery codes, so that the demo loader can print them."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(user, generate_totp_secret()).instance
    codes = RecoveryCodes.activate(user).get_unused_codes()
    return decrypt(totp.data["secret"]), codes


# --- People of other apps' demos ------------------------------------------------------------------
# Other apps' demo loaders describe their people (names, agencies, roles) in their own data files and
# make them here, through accounts.api, so that accounts alone knows how an account is made and which
# password the demo prints.


@functools.cache
def _password_hash() -> str:
    # One PBKDF2 hash for every person of a demo: hashing each would take seconds per account.
    return make_password(DEMO_PASSWORD)


def _local_part(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join(part for part in plain.replace("'", "").replace("-", " ").split()[:2])


def demo_official_ensure(*, name: str, gender: str, agency: Agency, language: str):
    """The demo account of this person at this agency (``first.last@`` the agency's first domain),
    made once with the demo password, a verified address and a profile, and verified as an official
    of the agency's state by its domain."""
    email = f"{_local_part(name)}@{agency.domains.first().domain}"
    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        return user
    first, _space, last = name.partition(" ")
    user = get_user_model().objects.create(
        username=email.split("@")[0] + f".{agency.state.code.lower()}",
        email=email,
        first_name=first,
        last_name=last,
        password=_password_hash(),
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    services.profile_update(
        user=user,
        display_name=name,
        member_state=agency.state,
        agency=agency,
        gender=gender,
        preferred_language=language,
    )
    services.verify_by_email_domain(user=user, email=email)
    return user


def demo_role_ensure(user, role: str, *, state: MemberState | None = None, agency: Agency | None = None) -> None:
    """Give a demo account this role once, as the demo's own accounts get theirs."""
    if RoleGrant.objects.active().filter(user=user, role=role, state=state, agency=agency).exists():
        return
    RoleGrant.objects.create(user=user, role=role, state=state, agency=agency)
    from . import access

    access.forget(user)
    services.user_groups_sync(user=user)


def demo_role_holder(role: str, *, state: MemberState | None = None, agency: Agency | None = None):
    """The account that received this role (in this state or agency) last, or None."""
    grant = (
        RoleGrant.objects.active()
        .filter(role=role, **({"state": state} if state else {}), **({"agency": agency} if agency else {}))
        .select_related("user")
        .first()
    )
    return grant.user if grant else None


def demo_party_ensure(code: str, spec: dict, *, domain_prefix: str) -> dict:
    """A demo state's party: its agency named ``spec["agency"]`` (made with the domain
    ``<domain_prefix>-<code>.example`` when missing), that agency's manager and the state's national
    coordinator (the accounts ``spec["manager"]`` and ``spec["coordinator"]``, when no one holds the
    role yet). Returns ``{"state", "agency", "manager", "coordinator"}``."""
    from .selectors import agencies, member_state_for_code

    state = member_state_for_code(code)
    agency = next((a for a in agencies(state=state) if a.name == spec["agency"]), None)
    if agency is None:
        agency = services.agency_create(
            state=state,
            name=spec["agency"],
            kind=AgencyKind.POLICE,
            domains=[f"{domain_prefix}-{code.lower()}.example"],
        )
    manager = demo_role_holder(Role.AGENCY_MANAGER, agency=agency)
    if manager is None:
        manager = demo_official_ensure(**spec["manager"], agency=agency, language=spec["language"])
        demo_role_ensure(manager, Role.AGENCY_MANAGER, agency=agency)
    coordinator = demo_role_holder(Role.NATIONAL_COORDINATOR, state=state)
    if coordinator is None:
        coordinator = demo_official_ensure(**spec["coordinator"], agency=agency, language=spec["language"])
        demo_role_ensure(coordinator, Role.NATIONAL_COORDINATOR, state=state)
    return {"state": state, "agency": agency, "manager": manager, "coordinator": coordinator}
