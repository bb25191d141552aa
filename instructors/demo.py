"""Demo exchange: 30 instructors in 15 states, offers and requests in the four languages, and
agreements at every step of the life cycle, taken through the services (so logs and notices are real).

Runs after accounts' demo (states, agencies, the secretariat); creates a manager for each agency
and a coordinator for each state that lacks one. Every demo account's password is accounts'."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts import services as account_services
from accounts.api import Agency, AgencyKind, Gender, MemberState, Role
from accounts.models import RoleGrant
from curricula.api import Topic, taxonomy_ensure

from . import services
from .models import Agreement, ExchangeRequest, InstructorProfile, Offer, Stage

F, M, X, U = Gender.FEMALE, Gender.MALE, Gender.ANOTHER, Gender.UNDISCLOSED


# state, agency name (from accounts' demo), kind, domain, the state's first language
AGENCIES = {
    "MX": ("Guardia Nacional", "es"),
    "CO": ("Policía Nacional de Colombia", "es"),
    "BR": ("Polícia Federal", "pt"),
    "SV": ("Policía Nacional Civil", "es"),
    "CR": ("Organismo de Investigación Judicial", "es"),
    "AR": ("Policía Federal Argentina", "es"),
    "CL": ("Carabineros de Chile", "es"),
    "PE": ("Policía Nacional del Perú", "es"),
    "GT": ("Sistema Penitenciario", "es"),
    "HT": ("Police nationale d'Haïti", "fr"),
    "CA": ("Royal Canadian Mounted Police", "en"),
    "JM": ("Jamaica Constabulary Force", "en"),
    "TT": ("Trinidad and Tobago Police Service", "en"),
    "US": ("Federal Law Enforcement Training Centers", "en"),
    "UY": ("Ministerio del Interior – Policía Científica", "es"),
}

# name, gender, state, topics, other languages, formats, travel, years, bio
INSTRUCTORS = [
    (
        "Gabriela Ramírez Ortega",
        F,
        "MX",
        ["human-trafficking", "gender-based-violence"],
        {"en": "B2"},
        ["in_person", "online"],
        ["central_america", "caribbean"],
        12,
        "Inspectora jefa; forma a unidades contra la trata desde 2013.",
    ),
    (
        "Héctor Villalobos Cruz",
        M,
        "MX",
        ["cybercrime", "money-laundering"],
        {"en": "C1"},
        ["online"],
        [],
        9,
        "Analista de delitos informáticos y activos virtuales.",
    ),
    (
        "Diana Instructora",
        F,
        "CO",
        ["crime-scene-investigation", "chain-of-custody"],
        {"en": "B1"},
        ["in_person", "blended"],
        ["south_america", "central_america"],
        8,
        "Perita en criminalística de campo.",
    ),
    (
        "Julián Andrés Cárdenas",
        M,
        "CO",
        ["community-policing", "use-of-force"],
        {"pt": "B1"},
        ["in_person"],
        ["south_america"],
        15,
        "Capitán, modelo nacional de vigilancia comunitaria por cuadrantes.",
    ),
    (
        "Renata Albuquerque Lima",
        F,
        "BR",
        ["forensic-dna", "chain-of-custody"],
        {"es": "C1", "en": "B2"},
        ["in_person", "online"],
        ["south_america"],
        11,
        "Perita criminal federal em genética forense.",
    ),
    (
        "Thiago Moreira Santos",
        M,
        "BR",
        ["cybercrime"],
        {"es": "B2", "en": "C1"},
        ["online", "blended"],
        ["south_america", "north_america"],
        7,
        "Delegado especializado em crimes cibernéticos.",
    ),
    (
        "Xiomara Hernández Flores",
        F,
        "SV",
        ["gender-based-violence", "human-rights-policing"],
        {},
        ["in_person"],
        ["central_america"],
        10,
        "Subinspectora de la Unidad de Atención Especializada para las Mujeres.",
    ),
    (
        "Óscar Mejía Portillo",
        M,
        "SV",
        ["use-of-force", "community-policing"],
        {"en": "A2"},
        ["in_person"],
        ["central_america", "caribbean"],
        14,
        "Instructor de la Academia Nacional de Seguridad Pública.",
    ),
    (
        "Laura Chaves Solano",
        F,
        "CR",
        ["crime-scene-investigation", "forensic-dna"],
        {"en": "C1", "fr": "B1"},
        ["in_person", "online"],
        ["central_america", "caribbean", "south_america"],
        13,
        "Jefa de la sección de bioquímica forense del OIJ.",
    ),
    (
        "Mauricio Vargas Jiménez",
        M,
        "CR",
        ["money-laundering"],
        {"en": "B2"},
        ["online"],
        [],
        6,
        "Investigador de la sección de legitimación de capitales.",
    ),
    (
        "Valeria Sosa Benítez",
        F,
        "AR",
        ["human-trafficking", "cybercrime"],
        {"pt": "B2", "en": "B2"},
        ["in_person", "online"],
        ["south_america"],
        9,
        "Comisario, Departamento Trata de Personas.",
    ),
    (
        "Martín Ezequiel Rossi",
        M,
        "AR",
        ["forensic-dna", "crime-scene-investigation"],
        {"en": "B1"},
        ["in_person"],
        ["south_america"],
        18,
        "Perito en rastros, Superintendencia de Policía Científica.",
    ),
    (
        "Camila Fuentes Araya",
        F,
        "CL",
        ["community-policing", "gender-based-violence"],
        {"en": "B2"},
        ["in_person", "blended"],
        ["south_america", "central_america"],
        8,
        "Teniente, formadora en modelo de integración comunidad-policía.",
    ),
    (
        "Rodrigo Saavedra Pino",
        M,
        "CL",
        ["use-of-force", "human-rights-policing"],
        {"en": "B1"},
        ["in_person"],
        ["south_america"],
        16,
        "Instructor de control del orden público y derechos humanos.",
    ),
    (
        "Rosa Quispe Mamani",
        F,
        "PE",
        ["human-trafficking", "community-policing"],
        {},
        ["in_person"],
        ["south_america"],
        7,
        "Mayor PNP, especialista en trata y tráfico de migrantes.",
    ),
    (
        "Carlos Alberto Huamán",
        M,
        "PE",
        ["money-laundering", "cybercrime"],
        {"en": "B2"},
        ["online", "in_person"],
        ["south_america", "central_america"],
        10,
        "División de Investigación de Lavado de Activos.",
    ),
    (
        "Ingrid Morales Castillo",
        F,
        "GT",
        ["prison-security", "rehabilitation"],
        {"en": "A2"},
        ["in_person"],
        ["central_america"],
        11,
        "Directora de la Escuela de Estudios Penitenciarios.",
    ),
    (
        "Byron Estuardo Pérez",
        M,
        "GT",
        ["prison-security"],
        {},
        ["in_person"],
        ["central_america"],
        9,
        "Jefe de seguridad de centros de detención preventiva.",
    ),
    (
        "Nadège Pierre-Louis",
        F,
        "HT",
        ["gender-based-violence", "human-rights-policing"],
        {"en": "B2", "es": "B1"},
        ["in_person", "online"],
        ["caribbean"],
        6,
        "Inspectrice, coordination genre de la PNH.",
    ),
    (
        "Jean-Robert Célestin",
        M,
        "HT",
        ["community-policing"],
        {"en": "B1"},
        ["in_person"],
        ["caribbean", "central_america"],
        12,
        "Commissaire formateur à l'École nationale de police.",
    ),
    (
        "Sarah MacDonald",
        F,
        "CA",
        ["cybercrime", "human-trafficking"],
        {"fr": "C1", "es": "B1"},
        ["online", "blended"],
        ["north_america", "caribbean"],
        14,
        "Staff sergeant, National Cybercrime Coordination Centre.",
    ),
    (
        "Alex Tremblay",
        X,
        "CA",
        ["use-of-force", "human-rights-policing"],
        {"fr": "native"},
        ["in_person", "online"],
        ["north_america", "caribbean", "central_america"],
        10,
        "Use-of-force and de-escalation instructor, Depot Division.",
    ),
    (
        "Kimberley Brown",
        F,
        "JM",
        ["community-policing", "gender-based-violence"],
        {},
        ["in_person"],
        ["caribbean"],
        9,
        "Superintendent, community safety and security branch.",
    ),
    (
        "Devon Campbell",
        M,
        "JM",
        ["crime-scene-investigation"],
        {"es": "A2"},
        ["in_person"],
        ["caribbean", "central_america"],
        13,
        "Scenes of crime officer and trainer.",
    ),
    (
        "Anisha Ramdass",
        F,
        "TT",
        ["money-laundering", "cybercrime"],
        {"es": "B1"},
        ["online", "in_person"],
        ["caribbean", "south_america"],
        8,
        "Financial investigations branch trainer.",
    ),
    (
        "Marcus Joseph",
        M,
        "TT",
        ["human-trafficking"],
        {},
        ["in_person"],
        ["caribbean"],
        11,
        "Counter-trafficking unit, victim-centred interviewing.",
    ),
    (
        "Jennifer Alvarez",
        F,
        "US",
        ["human-trafficking", "money-laundering"],
        {"es": "native"},
        ["in_person", "online"],
        ["central_america", "south_america", "caribbean"],
        17,
        "Senior instructor, financial and trafficking investigations.",
    ),
    (
        "Michael O'Connor",
        M,
        "US",
        ["forensic-dna", "crime-scene-investigation"],
        {"es": "B1"},
        ["in_person", "blended"],
        ["north_america", "central_america"],
        20,
        "Forensic sciences division, crime scene programme lead.",
    ),
    (
        "Lucía Fernández Pereira",
        F,
        "UY",
        ["forensic-dna", "chain-of-custody"],
        {"pt": "C1", "en": "B1"},
        ["in_person", "online"],
        ["south_america"],
        12,
        "Perita en genética de la Policía Científica.",
    ),
    (
        "Sebastián Olivera Núñez",
        U,
        "UY",
        ["rehabilitation", "prison-security"],
        {"pt": "B2"},
        ["in_person"],
        ["south_america"],
        8,
        "Instituto Nacional de Rehabilitación, formación de operadores.",
    ),
]

# The four languages: (host state, language, title, description, topics, discipline, format, start, days, participants, funding)
REQUESTS = [
    (
        "CO",
        "es",
        "Escena del crimen en zonas rurales",
        "Necesitamos fortalecer el procesamiento de escenas del crimen en zonas rurales, con énfasis en la cadena de custodia.",
        ["crime-scene-investigation", "chain-of-custody"],
        "forensic",
        "in_person",
        datetime.date(2027, 3, 8),
        5,
        25,
        "shared",
    ),
    (
        "GT",
        "es",
        "Seguridad en centros penitenciarios de máxima seguridad",
        "Capacitación para jefes de turno en gestión de riesgos y prevención de motines.",
        ["prison-security"],
        "prison",
        "in_person",
        datetime.date(2027, 4, 12),
        4,
        20,
        "seeking",
    ),
    (
        "BR",
        "pt",
        "Investigação de tráfico de pessoas na fronteira",
        "Buscamos instrutor para capacitar equipes de fronteira na identificação e atendimento de vítimas de tráfico.",
        ["human-trafficking"],
        "police",
        "in_person",
        datetime.date(2027, 5, 3),
        5,
        30,
        "host_funded",
    ),
    (
        "BR",
        "pt",
        "Lavagem de dinheiro com criptoativos",
        "Curso virtual para delegados sobre rastreamento de criptoativos.",
        ["money-laundering", "cybercrime"],
        "police",
        "online",
        datetime.date(2027, 2, 15),
        3,
        40,
        "host_funded",
    ),
    (
        "HT",
        "fr",
        "Accueil des victimes de violences fondées sur le genre",
        "Former les points focaux genre des commissariats à l'accueil et à l'orientation des victimes.",
        ["gender-based-violence", "human-rights-policing"],
        "cross_cutting",
        "in_person",
        datetime.date(2027, 3, 22),
        5,
        24,
        "external",
    ),
    (
        "HT",
        "fr",
        "Police de proximité en milieu urbain",
        "Accompagner le déploiement de la police de proximité dans deux communes de Port-au-Prince.",
        ["community-policing"],
        "police",
        "blended",
        datetime.date(2027, 6, 7),
        10,
        30,
        "seeking",
    ),
    (
        "JM",
        "en",
        "Digital evidence for first responders",
        "Training first responders to seize and preserve digital evidence.",
        ["cybercrime", "chain-of-custody"],
        "police",
        "in_person",
        datetime.date(2027, 4, 5),
        3,
        20,
        "shared",
    ),
    (
        "CA",
        "en",
        "De-escalation train-the-trainer",
        "A train-the-trainer programme in de-escalation and use-of-force reporting for division instructors.",
        ["use-of-force", "human-rights-policing"],
        "police",
        "online",
        datetime.date(2027, 2, 22),
        4,
        18,
        "host_funded",
    ),
]

OFFERS = [
    # instructor index, language, title, description, topics, discipline, format, from, until, days, hours, participants, cost sharing
    (
        4,
        "pt",
        "Genética forense para peritos",
        "Curso prático de coleta, preservação e análise de vestígios biológicos.",
        ["forensic-dna", "chain-of-custody"],
        "forensic",
        "in_person",
        datetime.date(2027, 1, 10),
        datetime.date(2027, 9, 30),
        5,
        35,
        20,
        "split",
    ),
    (
        5,
        "pt",
        "Investigação de crimes cibernéticos (virtual)",
        "Oficina virtual sobre investigação em fontes abertas e preservação de evidências digitais.",
        ["cybercrime"],
        "forensic",
        "online",
        datetime.date(2027, 1, 15),
        datetime.date(2027, 12, 15),
        4,
        16,
        40,
        "no_cost",
    ),
    (
        0,
        "es",
        "Investigación de la trata de personas",
        "Taller de cinco días sobre detección, entrevista a víctimas y coordinación interinstitucional.",
        ["human-trafficking", "gender-based-violence"],
        "police",
        "in_person",
        datetime.date(2027, 2, 1),
        datetime.date(2027, 8, 31),
        5,
        30,
        30,
        "host_pays",
    ),
    (
        12,
        "es",
        "Policía comunitaria con enfoque de género",
        "Modelo de trabajo con la comunidad, con prevención de la violencia de género.",
        ["community-policing", "gender-based-violence"],
        "police",
        "blended",
        datetime.date(2027, 3, 1),
        datetime.date(2027, 11, 30),
        10,
        40,
        25,
        "split",
    ),
    (
        18,
        "fr",
        "Genre et droits humains dans l'action policière",
        "Module de trois jours pour cadres de police : accueil des victimes, déontologie, redevabilité.",
        ["gender-based-violence", "human-rights-policing"],
        "cross_cutting",
        "in_person",
        datetime.date(2027, 2, 1),
        datetime.date(2027, 7, 31),
        3,
        20,
        25,
        "external",
    ),
    (
        21,
        "fr",
        "Désescalade et usage de la force",
        "Formation de formateurs en désescalade, en présentiel ou à distance.",
        ["use-of-force", "human-rights-policing"],
        "police",
        "online",
        datetime.date(2027, 1, 5),
        datetime.date(2027, 12, 20),
        4,
        16,
        20,
        "no_cost",
    ),
    (
        20,
        "en",
        "Cybercrime investigations for small units",
        "Hands-on online course: open-source intelligence, digital evidence, cross-border requests.",
        ["cybercrime", "human-trafficking"],
        "police",
        "online",
        datetime.date(2027, 1, 10),
        datetime.date(2027, 10, 31),
        5,
        20,
        30,
        "no_cost",
    ),
    (
        26,
        "en",
        "Following the money in trafficking cases",
        "Financial investigation techniques applied to trafficking networks.",
        ["money-laundering", "human-trafficking"],
        "police",
        "in_person",
        datetime.date(2027, 2, 15),
        datetime.date(2027, 9, 15),
        5,
        32,
        25,
        "host_pays",
    ),
]

# Agreements: (instructor index, host state, stage to reach, title, language, topics, start, days)
AGREEMENTS = [
    (
        2,
        "CR",
        Stage.PROPOSED,
        "Escena del crimen: procesamiento y embalaje",
        "es",
        ["crime-scene-investigation"],
        datetime.date(2027, 5, 10),
        5,
    ),
    (
        10,
        "PE",
        Stage.HOME_AGENCY_APPROVED,
        "Trata de personas en zonas de frontera",
        "es",
        ["human-trafficking"],
        datetime.date(2027, 4, 19),
        4,
    ),
    (
        4,
        "UY",
        Stage.HOME_STATE_APPROVED,
        "Genética forense aplicada",
        "pt",
        ["forensic-dna"],
        datetime.date(2027, 6, 14),
        5,
    ),
    (
        21,
        "HT",
        Stage.HOST_STATE_APPROVED,
        "Désescalade pour formateurs",
        "fr",
        ["use-of-force"],
        datetime.date(2027, 3, 15),
        4,
    ),
    (
        26,
        "SV",
        Stage.SCHEDULED,
        "Investigación financiera de redes de trata",
        "es",
        ["money-laundering", "human-trafficking"],
        datetime.date(2027, 2, 22),
        5,
    ),
    (
        8,
        "GT",
        Stage.DELIVERED,
        "Bioquímica forense para peritos",
        "es",
        ["forensic-dna"],
        datetime.date(2026, 10, 5),
        5,
    ),
    (20, "TT", Stage.REPORTED, "Cybercrime first response", "en", ["cybercrime"], datetime.date(2026, 9, 14), 3),
    (
        12,
        "AR",
        Stage.CLOSED,
        "Policía comunitaria: experiencias del cuadrante",
        "es",
        ["community-policing"],
        datetime.date(2026, 6, 1),
        5,
    ),
    (
        22,
        "HT",
        Stage.CLOSED,
        "Community safety partnerships",
        "en",
        ["community-policing", "gender-based-violence"],
        datetime.date(2026, 7, 13),
        4,
    ),
    (
        11,
        "CO",
        Stage.CLOSED,
        "Rastros y levantamiento de indicios",
        "es",
        ["crime-scene-investigation"],
        datetime.date(2026, 8, 3),
        5,
    ),
    (
        27,
        "MX",
        Stage.DECLINED,
        "DNA laboratory quality management",
        "en",
        ["forensic-dna"],
        datetime.date(2027, 5, 3),
        5,
    ),
    (
        15,
        "CL",
        Stage.WITHDRAWN,
        "Lavado de activos y criptoactivos",
        "es",
        ["money-laundering"],
        datetime.date(2027, 4, 5),
        3,
    ),
    (
        6,
        "CR",
        Stage.CANCELLED,
        "Atención especializada a mujeres víctimas",
        "es",
        ["gender-based-violence"],
        datetime.date(2027, 3, 1),
        5,
    ),
]

TIME_ZONES = {
    "MX": "America/Mexico_City",
    "CO": "America/Bogota",
    "BR": "America/Sao_Paulo",
    "SV": "America/El_Salvador",
    "CR": "America/Costa_Rica",
    "AR": "America/Argentina/Buenos_Aires",
    "CL": "America/Santiago",
    "PE": "America/Lima",
    "GT": "America/Guatemala",
    "HT": "America/Port-au-Prince",
    "CA": "America/Toronto",
    "JM": "America/Jamaica",
    "TT": "America/Port_of_Spain",
    "US": "America/New_York",
    "UY": "America/Montevideo",
}


def _password() -> str:
    from accounts.demo import DEMO_PASSWORD

    return make_password(DEMO_PASSWORD)


def _slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return ".".join(part for part in plain.replace("'", "").replace("-", " ").split()[:2])


def _person(*, name: str, gender: str, agency: Agency, language: str, password: str):
    User = get_user_model()
    email = f"{_slug(name)}@{agency.domains.first().domain}"
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    first, _space, last = name.partition(" ")
    user = User.objects.create(
        username=email.split("@")[0] + f".{agency.state.code.lower()}",
        email=email,
        first_name=first,
        last_name=last,
        password=password,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    account_services.profile_update(
        user=user,
        display_name=name,
        member_state=agency.state,
        agency=agency,
        gender=gender,
        preferred_language=language,
    )
    account_services.verify_by_email_domain(user=user, email=email)
    return user


def _grant(user, role, *, state=None, agency=None) -> None:
    if RoleGrant.objects.active().filter(user=user, role=role, state=state, agency=agency).exists():
        return
    RoleGrant.objects.create(user=user, role=role, state=state, agency=agency)
    from accounts import access

    access.forget(user)
    account_services.user_groups_sync(user=user)


MANAGER_NAMES = {
    "MX": ("Mariana Gerente", F),
    "CO": ("Ricardo Londoño Díaz", M),
    "BR": ("Fernanda Costa Ribeiro", F),
    "SV": ("Roberto Alvarado Meléndez", M),
    "CR": ("Silvia Rojas Monge", F),
    "AR": ("Pablo Giménez Ferreyra", M),
    "CL": ("Francisca Morales Vera", F),
    "PE": ("Miguel Ángel Torres", M),
    "GT": ("Ana Lucía Cifuentes", F),
    "HT": ("Marie-Claude Joseph", F),
    "CA": ("David Chen", M),
    "JM": ("Andrea Williams", F),
    "TT": ("Rajesh Maharaj", M),
    "US": ("Linda Thompson", F),
    "UY": ("Gonzalo Pereira Silva", M),
}
COORDINATOR_NAMES = {
    "SV": ("Claudia Rivas Orellana", F),
    "CR": ("Esteban Quesada Mora", M),
    "AR": ("Verónica Paz Luna", F),
    "CL": ("Felipe Contreras Rojas", M),
    "PE": ("Patricia Salazar Chávez", F),
    "GT": ("Edgar Ramírez Sicán", M),
    "HT": ("Rose-Marie Delva", F),
    "CA": ("Catherine Gagnon", F),
    "JM": ("Wayne Thompson", M),
    "TT": ("Sharon Ali", F),
    "US": ("Robert Miller", M),
    "UY": ("Daniela Acosta Rivero", F),
    "MX": ("Carlos Coordinador", M),
    "CO": ("Lucía Coordinadora", F),
    "BR": ("João Coordenador", M),
}


def load(*, stdout) -> None:
    if Agreement.objects.exists():
        stdout.write("Instructor exchange demo: already loaded.")
        return
    with transaction.atomic():
        password = _password()
        topics = _topics()
        agencies, managers, coordinators = _parties(password)
        profiles = _instructors(agencies, managers, topics, password)
        requests = _requests(agencies, managers, topics)
        _offers(profiles, topics)
        _agreements(profiles, agencies, managers, coordinators, topics, requests)
    stdout.write(
        f"Instructor exchange demo: {InstructorProfile.objects.count()} instructors in "
        f"{InstructorProfile.objects.values('state').distinct().count()} states, {Offer.objects.count()} offers, "
        f"{ExchangeRequest.objects.count()} requests, {Agreement.objects.count()} agreements."
    )


def _topics() -> dict[str, Topic]:
    topics, _competencies = taxonomy_ensure()
    return topics


def _parties(password):
    agencies, managers, coordinators = {}, {}, {}
    for code, (agency_name, language) in AGENCIES.items():
        state = MemberState.objects.get(code=code)
        agency = Agency.objects.filter(state=state, name=agency_name).first()
        if agency is None:
            agency = account_services.agency_create(
                state=state, name=agency_name, kind=AgencyKind.POLICE, domains=[f"exchange-{code.lower()}.example"]
            )
        agencies[code] = agency
        existing = (
            RoleGrant.objects.active().filter(role=Role.AGENCY_MANAGER, agency=agency).select_related("user").first()
        )
        if existing:
            managers[code] = existing.user
        else:
            name, gender = MANAGER_NAMES[code]
            managers[code] = _person(name=name, gender=gender, agency=agency, language=language, password=password)
            _grant(managers[code], Role.AGENCY_MANAGER, agency=agency)
        existing = (
            RoleGrant.objects.active()
            .filter(role=Role.NATIONAL_COORDINATOR, state=state)
            .select_related("user")
            .first()
        )
        if existing:
            coordinators[code] = existing.user
        else:
            name, gender = COORDINATOR_NAMES[code]
            coordinators[code] = _person(name=name, gender=gender, agency=agency, language=language, password=password)
            _grant(coordinators[code], Role.NATIONAL_COORDINATOR, state=state)
    return agencies, managers, coordinators


def _instructors(agencies, managers, topics, password) -> list[InstructorProfile]:
    profiles = []
    for index, (name, gender, code, slugs, languages, formats, travel, years, bio) in enumerate(INSTRUCTORS):
        agency = agencies[code]
        home_language = AGENCIES[code][1]
        user = _person(name=name, gender=gender, agency=agency, language=home_language, password=password)
        disciplines = sorted({topics[s].discipline for s in slugs})
        profile = services.profile_save(
            user=user,
            agency=agency,
            topics=[topics[s] for s in slugs],
            languages={home_language: "native", **languages},
            disciplines=disciplines,
            years_experience=years,
            formats=formats,
            travel_subregions=travel,
            bio=bio,
            accepting=True,
        )
        for month in (1, 4, 7) if index % 2 == 0 else (2, 5, 9):
            start = datetime.date(2027, month, 1)
            services.availability_add(
                profile=profile, actor=user, starts_on=start, ends_on=start + datetime.timedelta(days=45)
            )
        if index != 29:  # one profile waits for verification
            services.profile_verify(profile=profile, actor=managers[code])
        profiles.append(profile)
    return profiles


def _requests(agencies, managers, topics) -> list[ExchangeRequest]:
    result = []
    for code, language, title, description, slugs, discipline, delivery, start, days, participants, funding in REQUESTS:
        result.append(
            services.request_create(
                actor=managers[code],
                agency=agencies[code],
                topics=[topics[s] for s in slugs],
                title=title,
                description=description,
                discipline=discipline,
                level="intermediate",
                language=language,
                format=delivery,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=days - 1),
                participants=participants,
                participant_profile={
                    "es": "Personal operativo y mandos medios",
                    "pt": "Agentes e delegados",
                    "fr": "Officiers et agents",
                    "en": "Officers and supervisors",
                }[language],
                funding=funding,
            )
        )
    return result


def _offers(profiles, topics) -> None:
    for (
        index,
        language,
        title,
        description,
        slugs,
        discipline,
        delivery,
        start,
        until,
        days,
        hours,
        participants,
        cost,
    ) in OFFERS:
        profile = profiles[index]
        services.offer_create(
            actor=profile.user,
            agency=profile.agency,
            instructor=profile,
            topics=[topics[s] for s in slugs],
            title=title,
            description=description,
            language=language,
            discipline=discipline,
            level="intermediate",
            format=delivery,
            duration_days=days,
            hours=hours,
            available_from=start,
            available_until=until,
            target_audience={
                "es": "Investigadores y peritos",
                "pt": "Peritos e investigadores",
                "fr": "Cadres et formateurs de police",
                "en": "Investigators and trainers",
            }[language],
            max_participants=participants,
            subregions=[],
            cost_sharing=cost,
            cost_terms="",
        )


ORDER = [
    Stage.PROPOSED,
    Stage.HOME_AGENCY_APPROVED,
    Stage.HOME_STATE_APPROVED,
    Stage.HOST_STATE_APPROVED,
    Stage.SCHEDULED,
    Stage.DELIVERED,
    Stage.REPORTED,
    Stage.CLOSED,
]

PARTICIPANTS = [
    {
        ("female", "officer"): 9,
        ("male", "officer"): 11,
        ("male", "supervisor"): 2,
        ("female", "instructor"): 2,
        ("undisclosed", "officer"): 1,
    },
    {("female", "officer"): 6, ("male", "officer"): 8, ("another", "specialist"): 1, ("female", "supervisor"): 1},
    {("female", "officer"): 12, ("male", "officer"): 7, ("female", "instructor"): 3, ("male", "civilian"): 2},
    {
        ("female", "specialist"): 5,
        ("male", "specialist"): 6,
        ("undisclosed", "specialist"): 1,
        ("male", "instructor"): 2,
    },
]


def _agreements(profiles, agencies, managers, coordinators, topics, requests) -> None:
    from django.utils import timezone

    for n, (index, host_code, target, title, language, slugs, start, days) in enumerate(AGREEMENTS):
        profile = profiles[index]
        home_code = profile.state.code
        host_agency = agencies[host_code]
        host_manager = managers[host_code]
        end = start + datetime.timedelta(days=days - 1)
        terms = {
            "es": "El instructor imparte el curso en la sede de la agencia anfitriona; la agencia anfitriona aporta aula, materiales y alojamiento.",
            "pt": "O instrutor ministra o curso na sede da agência anfitriã, que fornece sala, materiais e hospedagem.",
            "fr": "L'instructeur donne la formation dans les locaux de l'agence d'accueil, qui fournit la salle, le matériel et l'hébergement.",
            "en": "The instructor delivers the course at the host agency, which provides the room, materials and lodging.",
        }[language]
        request = ExchangeRequest(
            agency=host_agency,
            state=host_agency.state,
            created_by=host_manager,
            title=title,
            description=terms,
            discipline=topics[slugs[0]].discipline,
            level="intermediate",
            language=language,
            format="in_person",
            starts_on=start,
            ends_on=end,
            participants=25,
            participant_profile="–",
            funding="shared",
        )
        request.save()
        request.topics.set([topics[s] for s in slugs])
        agreement = services.agreement_propose(
            actor=host_manager,
            instructor=profile,
            request=request,
            terms=terms,
            cost_sharing="split",
            cost_terms="Home agency: travel. Host agency: lodging and meals.",
        )
        ExchangeRequest.objects.filter(pk=request.pk).update(status="matched")
        Agreement.objects.filter(pk=agreement.pk).update(proposed_at=timezone.now() - datetime.timedelta(days=60 - n))
        services.message_post(
            agreement=agreement,
            actor=host_manager,
            body={
                "es": "Gracias por considerar esta propuesta. ¿Le convienen las fechas?",
                "pt": "Obrigado por considerar esta proposta. As datas são convenientes?",
                "fr": "Merci d'examiner cette proposition. Les dates vous conviennent-elles ?",
                "en": "Thank you for considering this proposal. Do the dates suit you?",
            }[language],
        )
        exits = {Stage.DECLINED: 2, Stage.WITHDRAWN: 1, Stage.CANCELLED: 5}
        goal = exits.get(target)
        reach = ORDER.index(target) if goal is None else goal - 1
        for step in ORDER[1 : reach + 1]:
            _step(
                agreement,
                step,
                profile,
                managers[home_code],
                coordinators[home_code],
                coordinators[host_code],
                host_manager,
                start,
                end,
                host_code,
                n,
            )
        if target == Stage.DECLINED:
            services.agreement_transition(
                agreement=agreement,
                actor=coordinators[home_code],
                action="decline",
                reason="The laboratory staff are committed to an accreditation audit in May.",
            )
        elif target == Stage.WITHDRAWN:
            services.agreement_transition(
                agreement=agreement,
                actor=host_manager,
                action="withdraw",
                reason="Funding was not confirmed this year.",
            )
        elif target == Stage.CANCELLED:
            services.agreement_transition(
                agreement=agreement,
                actor=coordinators[host_code],
                action="cancel",
                reason="A national emergency requires the participants elsewhere.",
            )


def _step(
    agreement, step, profile, home_manager, home_coordinator, host_coordinator, host_manager, start, end, host_code, n
):
    instructor = profile.user
    if step == Stage.HOME_AGENCY_APPROVED:
        services.agreement_transition(agreement=agreement, actor=home_manager, action="approve_home_agency")
    elif step == Stage.HOME_STATE_APPROVED:
        services.agreement_transition(agreement=agreement, actor=home_coordinator, action="approve_home_state")
    elif step == Stage.HOST_STATE_APPROVED:
        services.agreement_transition(agreement=agreement, actor=host_coordinator, action="approve_host_state")
    elif step == Stage.SCHEDULED:
        services.agreement_schedule(
            agreement=agreement,
            actor=host_manager,
            start_date=start,
            end_date=end,
            daily_start=datetime.time(8, 30),
            daily_end=datetime.time(16, 30),
            time_zone=TIME_ZONES[host_code],
            location=f"{agreement.host_agency.name}, {agreement.host_state.name_en}",
        )
    elif step == Stage.DELIVERED:
        services.agreement_transition(agreement=agreement, actor=instructor, action="deliver")
        services.host_report_submit(
            agreement=agreement,
            actor=host_manager,
            evaluation=5 - n % 2,
            instructor_rating=5 - n % 3,
            comments="Very practical sessions; participants asked for a follow-up module.",
            participants=PARTICIPANTS[n % len(PARTICIPANTS)],
        )
    elif step == Stage.REPORTED:
        services.instructor_report_submit(
            agreement=agreement,
            actor=instructor,
            delivered="All planned modules, with two field exercises.",
            hours_delivered=((agreement.end_date - agreement.start_date).days + 1) * 7,
            cascading_plan="Four participants were selected as trainers and will repeat the course in their regions "
            "within six months.",
            host_rating=5,
        )
    elif step == Stage.CLOSED:
        services.agreement_transition(agreement=agreement, actor=host_coordinator, action="close")
