"""A realistic synthetic catalogue of courses in en, es, pt and fr (``generate_catalog``, the
benchmark): subjects of police, prison, forensic and cross-cutting training, states that publish in
each language, sentences built from the subject so that bodies read like course descriptions."""

from __future__ import annotations

import random
from collections.abc import Iterator

# subject: discipline, and its name in en, es, pt, fr
SUBJECTS = [
    ("police", "criminal investigation", "investigación criminal", "investigação criminal", "enquête criminelle"),
    ("police", "chain of custody", "cadena de custodia", "cadeia de custódia", "chaîne de possession"),
    ("police", "community policing", "policía comunitaria", "policiamento comunitário", "police de proximité"),
    ("police", "use of force", "uso de la fuerza", "uso da força", "usage de la force"),
    ("police", "crisis negotiation", "negociación en crisis", "negociação de crises", "négociation de crise"),
    (
        "police",
        "cybercrime investigation",
        "investigación de ciberdelitos",
        "investigação de crimes cibernéticos",
        "enquête sur la cybercriminalité",
    ),
    (
        "police",
        "intelligence analysis",
        "análisis de inteligencia",
        "análise de inteligência",
        "analyse du renseignement",
    ),
    ("police", "road safety", "seguridad vial", "segurança viária", "sécurité routière"),
    ("police", "drug trafficking", "narcotráfico", "tráfico de drogas", "trafic de stupéfiants"),
    ("police", "trafficking in persons", "trata de personas", "tráfico de pessoas", "traite des personnes"),
    ("police", "money laundering", "lavado de activos", "lavagem de dinheiro", "blanchiment d'argent"),
    ("prison", "prison management", "gestión penitenciaria", "gestão prisional", "gestion pénitentiaire"),
    (
        "prison",
        "rehabilitation and reintegration",
        "rehabilitación y reinserción",
        "reabilitação e reintegração",
        "réhabilitation et réinsertion",
    ),
    ("prison", "prison security", "seguridad penitenciaria", "segurança prisional", "sécurité pénitentiaire"),
    ("forensic", "ballistics", "balística", "balística", "balistique"),
    (
        "forensic",
        "forensic DNA analysis",
        "análisis forense de ADN",
        "análise forense de DNA",
        "analyse ADN médico-légale",
    ),
    (
        "forensic",
        "crime scene examination",
        "inspección de la escena del crimen",
        "perícia de local de crime",
        "examen de scène de crime",
    ),
    ("forensic", "digital forensics", "informática forense", "perícia digital", "criminalistique numérique"),
    ("forensic", "forensic toxicology", "toxicología forense", "toxicologia forense", "toxicologie médico-légale"),
    ("cross_cutting", "human rights", "derechos humanos", "direitos humanos", "droits de la personne"),
    (
        "cross_cutting",
        "gender-based violence",
        "violencia de género",
        "violência de gênero",
        "violence fondée sur le genre",
    ),
    ("cross_cutting", "ethics and integrity", "ética e integridad", "ética e integridade", "éthique et intégrité"),
]
LANGUAGE_INDEX = {"en": 1, "es": 2, "pt": 3, "fr": 4}
STATES = {
    "en": ["US", "CA", "JM", "TT", "BS", "BB", "BZ", "GY", "AG", "DM", "GD", "KN", "LC", "VC"],
    "es": ["MX", "CO", "AR", "CL", "PE", "GT", "SV", "HN", "CR", "PA", "EC", "BO", "PY", "UY", "DO", "VE", "NI"],
    "pt": ["BR"],
    "fr": ["HT", "CA"],
}
TITLE_PATTERNS = {
    "en": [
        "{S}",
        "Introduction to {s}",
        "Advanced {s}",
        "{S} for officers",
        "{S}: practical course",
        "Foundations of {s}",
    ],
    "es": [
        "{S}",
        "Introducción a la {s}",
        "Curso avanzado de {s}",
        "{S} para la policía",
        "{S}: curso práctico",
        "Fundamentos de {s}",
    ],
    "pt": [
        "{S}",
        "Introdução à {s}",
        "Curso avançado de {s}",
        "{S} para policiais",
        "{S}: curso prático",
        "Fundamentos de {s}",
    ],
    "fr": [
        "{S}",
        "Introduction à la {s}",
        "Cours avancé de {s}",
        "{S} pour les policiers",
        "{S} : cours pratique",
        "Fondements de la {s}",
    ],
}
SUMMARIES = {
    "en": "A course on {s} for police, prison and forensic officials, with practical exercises and case studies.",
    "es": "Curso sobre {s} para funcionarios de la policía, del sistema penitenciario y de servicios periciales, con ejercicios prácticos y estudios de caso.",
    "pt": "Curso sobre {s} para profissionais da polícia, do sistema prisional e da perícia, com exercícios práticos e estudos de caso.",
    "fr": "Un cours sur la {s} pour les agents de police, de l'administration pénitentiaire et de la police scientifique, avec des exercices pratiques et des études de cas.",
}
SENTENCES = {
    "en": [
        "Participants learn the legal framework of {s} and the standards that apply in the Americas.",
        "Each module combines readings, videos and exercises on {s}.",
        "Investigators document evidence and keep the chain of custody from the scene to the court.",
        "The police officers who take this course practise interviews, reports and teamwork.",
        "Case studies from member states show how {s} protects human rights and victims.",
        "Instructors with field experience guide the discussion of {t}.",
        "The final assessment asks each participant to plan an operation on {t}.",
        "Gender perspective and respect for human rights run through every unit.",
        "Coordination between agencies, prosecutors and forensic services is practised in simulations.",
        "The course ends with a certificate for those who pass the assessments.",
    ],
    "es": [
        "Los participantes aprenden el marco jurídico de la {s} y las normas aplicables en las Américas.",
        "Cada módulo combina lecturas, videos y ejercicios sobre {s}.",
        "Los investigadores documentan las evidencias y mantienen la cadena de custodia desde la escena hasta el tribunal.",
        "Los policías que toman este curso practican entrevistas, informes y trabajo en equipo.",
        "Estudios de caso de los Estados miembros muestran cómo la {s} protege los derechos humanos y a las víctimas.",
        "Instructores con experiencia de campo guían la discusión sobre {t}.",
        "La evaluación final pide a cada participante planificar una operación de {t}.",
        "La perspectiva de género y el respeto de los derechos humanos atraviesan cada unidad.",
        "La coordinación entre la policía, las fiscalías y los servicios periciales se practica en simulaciones.",
        "El curso termina con un certificado para quienes aprueben las evaluaciones de la investigación.",
    ],
    "pt": [
        "Os participantes aprendem o marco jurídico da {s} e as normas aplicáveis nas Américas.",
        "Cada módulo combina leituras, vídeos e exercícios sobre {s}.",
        "Os investigadores documentam as evidências e mantêm a cadeia de custódia do local até o tribunal.",
        "Os policiais que fazem este curso praticam entrevistas, relatórios e trabalho em equipe.",
        "Estudos de caso dos Estados membros mostram como a {s} protege os direitos humanos e as vítimas.",
        "Instrutores com experiência de campo conduzem a discussão sobre {t}.",
        "A avaliação final pede a cada participante que planeje uma operação de {t}.",
        "A perspectiva de gênero e o respeito aos direitos humanos atravessam cada unidade.",
        "A coordenação entre a polícia, o Ministério Público e a perícia é praticada em simulações.",
        "O curso termina com um certificado para quem for aprovado nas avaliações da perícia.",
    ],
    "fr": [
        "Les participants apprennent le cadre juridique de la {s} et les normes applicables dans les Amériques.",
        "Chaque module associe lectures, vidéos et exercices sur la {s}.",
        "Les enquêteurs documentent les preuves et préservent la chaîne de possession de la scène au tribunal.",
        "Les policiers qui suivent ce cours s'exercent aux auditions, aux rapports et au travail en équipe.",
        "Des études de cas des États membres montrent comment la {s} protège les droits de la personne et les victimes.",
        "Des formateurs expérimentés animent la discussion sur la {t}.",
        "L'évaluation finale demande à chaque participant de planifier une opération de {t}.",
        "La perspective de genre et le respect des droits de la personne traversent chaque unité.",
        "La coordination entre la police, le parquet et la police scientifique est pratiquée en simulation.",
        "Le cours se termine par un certificat pour ceux qui réussissent les évaluations de l'enquête.",
    ],
}
LEVELS = ["basic", "intermediate", "advanced", "specialisation"]
SCOPES = ["national", "subregional", "regional"]
DELIVERIES = ["online", "online", "blended", "in_person"]
AUDIENCES = ["public"] * 7 + ["law_enforcement"] * 2 + ["state"]
LANGUAGES = ["en", "es", "pt", "fr"]


def generate(count: int, *, seed: int = 2026, topics: list[str] | None = None, words: int = 300) -> Iterator[dict]:
    """``count`` course records (import_catalog's format), a quarter in each language."""
    rng = random.Random(seed)
    for n in range(count):
        language = LANGUAGES[n % 4]
        index = LANGUAGE_INDEX[language]
        subject = rng.choice(SUBJECTS)
        other = rng.choice(SUBJECTS)
        name, other_name = subject[index], other[index]
        title = rng.choice(TITLE_PATTERNS[language]).format(S=name[:1].upper() + name[1:], s=name)
        if rng.random() < 0.3:
            title += f" ({rng.choice(STATES[language])})"
        sentences, length = [], 0
        while length < words:
            sentence = rng.choice(SENTENCES[language]).format(s=name, t=other_name)
            sentences.append(sentence)
            length += sentence.count(" ") + 1
        yield {
            "external_id": f"gen-{seed}-{n:06d}",
            "state": rng.choice(STATES[language]),
            "title": title,
            "summary": SUMMARIES[language].format(s=name),
            "body": " ".join(sentences),
            "language": language,
            "discipline": subject[0],
            "level": rng.choice(LEVELS),
            "scope": rng.choice(SCOPES),
            "delivery": rng.choice(DELIVERIES),
            "hours": rng.choice([4, 6, 8, 12, 16, 20, 24, 30, 40, 60, 80, 120, 160]),
            "topics": rng.sample(topics, k=min(len(topics), rng.randint(0, 2))) if topics else [],
            "audience": rng.choice(AUDIENCES),
        }
