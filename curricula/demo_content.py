"""Demo curricula: what member states' training academies actually teach, written as an editor would
write them in the admin, each in its own language. Modules are
(title, hours, objectives, topic slugs, methods, assessment, resources, gender perspective, human rights)."""

M = tuple  # a module, for readability below

CURRICULA = [
    {
        "key": "mx-proximidad",
        "state": "MX",
        "language": "es",
        "title": "Formación inicial en proximidad social y uso de la fuerza",
        "slug": "proximidad-social-uso-de-la-fuerza",
        "summary": "Programa de formación inicial para agentes de la Guardia Nacional que patrullan en zonas urbanas y "
        "rurales: marco legal, proximidad con la comunidad, uso diferenciado de la fuerza y primer respondiente.",
        "discipline": "police",
        "level": "basic",
        "scope": "national",
        "audience": "public",
        "roles": ["Agentes de nuevo ingreso", "Guardias y subagentes en formación inicial"],
        "outcomes": [
            "Explica las atribuciones policiales que le otorgan la Constitución y la Ley Nacional sobre el Uso de la Fuerza.",
            "Diagnostica con la comunidad los problemas de seguridad de un cuadrante y propone respuestas.",
            "Elige el nivel de fuerza proporcional a la resistencia que enfrenta y lo documenta en el informe.",
            "Actúa como primer respondiente: protege el lugar, atiende a víctimas y entrega indicios con registro de cadena de custodia.",
        ],
        "prerequisites": "Haber aprobado el proceso de selección y el examen médico de ingreso.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["POL-01", "POL-02", "POL-04", "CRC-02"],
        "author": "editor.mx@fgr.mx.example",
        "approver": "coordinator.mx@guardia-nacional.mx.example",
        "modules": [
            M(
                (
                    "Marco jurídico de la función policial",
                    24,
                    [
                        "Identificar las atribuciones y límites de la actuación policial",
                        "Aplicar el Sistema Penal Acusatorio en la detención",
                    ],
                    ["human-rights-policing"],
                    "Exposición dialogada y análisis de sentencias de la SCJN",
                    "Examen escrito de casos",
                    [
                        "Constitución Política de los Estados Unidos Mexicanos, art. 21",
                        "Código Nacional de Procedimientos Penales",
                    ],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Proximidad social y solución de problemas",
                    32,
                    [
                        "Realizar un diagnóstico participativo de un cuadrante",
                        "Aplicar el método SARA a un problema local",
                    ],
                    ["community-policing"],
                    "Trabajo de campo acompañado en una colonia",
                    "Proyecto de intervención presentado ante la comunidad",
                    ["Modelo Nacional de Policía y Justicia Cívica"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Uso diferenciado de la fuerza y desescalada",
                    40,
                    [
                        "Distinguir los cinco niveles de fuerza y sus condiciones",
                        "Desescalar un conflicto mediante comunicación táctica",
                    ],
                    ["use-of-force", "de-escalation"],
                    "Simulaciones con actores y video retroalimentación",
                    "Evaluación práctica en escenarios",
                    [
                        "Ley Nacional sobre el Uso de la Fuerza (2019)",
                        "Principios Básicos de la ONU sobre el Empleo de la Fuerza",
                    ],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Primer respondiente",
                    24,
                    ["Proteger y preservar el lugar de intervención", "Llenar el Informe Policial Homologado"],
                    ["crime-scene-investigation", "chain-of-custody"],
                    "Práctica en escenario simulado",
                    "Informe Policial Homologado evaluado con rúbrica",
                    ["Guía Nacional de Cadena de Custodia"],
                    False,
                    False,
                )
            ),
        ],
    },
    {
        "key": "mx-custodia",
        "state": "MX",
        "language": "es",
        "title": "Cadena de custodia y procesamiento del lugar de los hechos",
        "slug": "cadena-de-custodia-lugar-de-los-hechos",
        "summary": "Curso avanzado para peritos y policías de investigación sobre el procesamiento del lugar de los hechos "
        "y la cadena de custodia conforme a la Guía Nacional, con énfasis en la admisibilidad de la prueba en juicio oral.",
        "discipline": "forensic",
        "level": "advanced",
        "scope": "subregional",
        "subregion": "central_america",
        "audience": "law_enforcement",
        "roles": ["Peritos en criminalística", "Policías de investigación", "Agentes del Ministerio Público"],
        "outcomes": [
            "Planifica el procesamiento de un lugar de los hechos abierto o cerrado.",
            "Fija, levanta, embala y rotula indicios de distinta naturaleza sin contaminarlos.",
            "Registra cada transferencia del indicio de forma que resista el contrainterrogatorio.",
            "Sustenta en audiencia la integridad de la cadena de custodia.",
        ],
        "prerequisites": "Formación inicial como perito o policía de investigación y un año de experiencia.",
        "licence": "cc-by-sa-4.0",
        "version": "2.0",
        "competencies": ["FOR-01", "FOR-02"],
        "author": "editor.mx@fgr.mx.example",
        "approver": "coordinator.mx@guardia-nacional.mx.example",
        "modules": [
            M(
                (
                    "Planeación y protección del lugar de los hechos",
                    12,
                    ["Delimitar zonas de protección", "Coordinar a primer respondiente, peritos y ministerio público"],
                    ["crime-scene-investigation"],
                    "Estudio de casos y práctica en escenario",
                    "Plan de procesamiento evaluado",
                    ["Protocolo Nacional de Primer Respondiente"],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Fijación, levantamiento y embalaje de indicios",
                    20,
                    [
                        "Fijar indicios por fotografía, planimetría y descripción",
                        "Embalar indicios biológicos, balísticos y digitales",
                    ],
                    ["crime-scene-investigation", "forensic-dna", "digital-evidence"],
                    "Taller práctico por estaciones",
                    "Práctica cronometrada con lista de cotejo",
                    ["Guía Nacional de Cadena de Custodia (2015)"],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Registro de cadena de custodia",
                    8,
                    [
                        "Llenar el registro de cadena de custodia sin omisiones",
                        "Detectar rupturas de la cadena y sus consecuencias procesales",
                    ],
                    ["chain-of-custody"],
                    "Análisis de registros reales anonimizados",
                    "Corrección de registros con errores",
                    ["Código Nacional de Procedimientos Penales, arts. 227–228"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "El perito en la audiencia de juicio oral",
                    8,
                    [
                        "Presentar el dictamen de forma clara",
                        "Responder al contrainterrogatorio sobre la integridad del indicio",
                    ],
                    ["chain-of-custody"],
                    "Audiencias simuladas con jueces y defensores invitados",
                    "Audiencia simulada evaluada",
                    [],
                    True,
                    True,
                )
            ),
        ],
    },
    {
        "key": "co-trata",
        "state": "CO",
        "language": "es",
        "title": "Investigación criminal de la trata de personas",
        "slug": "investigacion-trata-de-personas",
        "summary": "Curso intermedio de la Policía Nacional para investigadores de trata de personas con fines de explotación "
        "sexual y laboral, con enfoque centrado en la víctima y cooperación internacional.",
        "discipline": "police",
        "level": "intermediate",
        "scope": "regional",
        "audience": "law_enforcement",
        "roles": ["Investigadores de policía judicial", "Analistas de información criminal"],
        "outcomes": [
            "Identifica indicadores de trata en controles de carretera, fronteras y en línea.",
            "Entrevista a posibles víctimas sin revictimizarlas y las remite a la ruta de protección.",
            "Reconstruye la estructura financiera de una red de trata.",
            "Prepara solicitudes de cooperación judicial y policial internacional.",
        ],
        "prerequisites": "Curso básico de policía judicial.",
        "licence": "cc-by-4.0",
        "version": "1.3",
        "competencies": ["POL-03", "CRC-01", "CRC-03"],
        "author": "editor.co@policia.co.example",
        "approver": "coordinator.co@policia.co.example",
        "modules": [
            M(
                (
                    "El delito de trata y su marco normativo",
                    8,
                    [
                        "Distinguir la trata del tráfico de migrantes",
                        "Aplicar el Protocolo de Palermo y la Ley 985 de 2005",
                    ],
                    ["human-trafficking"],
                    "Exposición y análisis de sentencias",
                    "Cuestionario de casos",
                    ["Protocolo de Palermo (2000)", "Ley 985 de 2005"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Identificación y atención de víctimas",
                    16,
                    ["Reconocer indicadores de explotación", "Activar la ruta de asistencia inmediata"],
                    ["human-trafficking", "victim-support", "gender-based-violence"],
                    "Juego de roles con psicólogas de la Fiscalía",
                    "Entrevista simulada evaluada con rúbrica",
                    ["Estrategia Nacional para la Lucha contra la Trata de Personas"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Investigación financiera y digital",
                    16,
                    ["Seguir el dinero de una red de trata", "Preservar evidencia de anuncios y mensajería"],
                    ["money-laundering", "digital-evidence"],
                    "Laboratorio con un caso simulado completo",
                    "Informe de investigación",
                    ["Guías GAFILAT sobre flujos financieros de la trata"],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Cooperación internacional",
                    8,
                    ["Redactar una solicitud de asistencia judicial", "Usar los canales de INTERPOL y AMERIPOL"],
                    ["human-trafficking"],
                    "Ejercicio interinstitucional con otro Estado",
                    "Solicitud de cooperación redactada",
                    [],
                    False,
                    True,
                )
            ),
        ],
    },
    {
        "key": "co-penitenciaria",
        "state": "CO",
        "language": "es",
        "title": "Gestión penitenciaria con enfoque de derechos humanos",
        "slug": "gestion-penitenciaria-derechos-humanos",
        "summary": "Programa del INPEC para dragoneantes y mandos medios: seguridad dinámica, trato digno, atención diferencial "
        "y prevención de la tortura en establecimientos de reclusión.",
        "discipline": "prison",
        "level": "intermediate",
        "scope": "national",
        "audience": "public",
        "roles": ["Dragoneantes", "Inspectores y tenientes de prisiones"],
        "outcomes": [
            "Aplica las Reglas Nelson Mandela en la rutina diaria del pabellón.",
            "Practica la seguridad dinámica: conoce a la población, anticipa incidentes y los resuelve con mínima fuerza.",
            "Atiende las necesidades diferenciales de mujeres, personas LGBTI, indígenas y adultos mayores privados de libertad.",
            "Documenta y reporta cualquier indicio de tortura o malos tratos.",
        ],
        "prerequisites": "Curso de formación de dragoneantes.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["PRI-01", "PRI-02", "CRC-02"],
        "author": "editor.co@policia.co.example",
        "approver": "coordinator.co@policia.co.example",
        "modules": [
            M(
                (
                    "Estándares internacionales del trato a las personas privadas de libertad",
                    12,
                    ["Aplicar las Reglas Nelson Mandela y las Reglas de Bangkok"],
                    ["human-rights-policing"],
                    "Lectura guiada y análisis de informes del Comité contra la Tortura",
                    "Prueba escrita",
                    ["Reglas Nelson Mandela (2015)", "Reglas de Bangkok (2010)"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Seguridad dinámica",
                    20,
                    ["Combinar seguridad física, procedimental y dinámica", "Gestionar un incidente en el pabellón"],
                    ["prison-security", "de-escalation"],
                    "Simulaciones en un pabellón de entrenamiento",
                    "Ejercicio de gestión de incidentes",
                    ["UNODC, Manual sobre seguridad dinámica e inteligencia penitenciaria"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Enfoque diferencial",
                    12,
                    [
                        "Identificar necesidades de grupos en situación de vulnerabilidad",
                        "Aplicar protocolos de requisa con perspectiva de género",
                    ],
                    ["gender-based-violence", "human-rights-policing"],
                    "Talleres con organizaciones de la sociedad civil",
                    "Plan de atención para un caso",
                    [],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Prevención de la tortura",
                    8,
                    ["Reconocer y documentar indicios de malos tratos", "Conocer los mecanismos de denuncia"],
                    ["human-rights-policing"],
                    "Análisis del Protocolo de Estambul",
                    "Informe de un caso simulado",
                    ["Protocolo de Estambul (2022)"],
                    False,
                    True,
                )
            ),
        ],
    },
    {
        "key": "br-violencia-mulher",
        "state": "BR",
        "language": "pt",
        "title": "Atendimento policial às mulheres em situação de violência",
        "slug": "atendimento-mulheres-situacao-violencia",
        "summary": "Curso básico para policiais que atendem ocorrências de violência doméstica e familiar contra a mulher, "
        "com base na Lei Maria da Penha e nas Diretrizes Nacionais de Feminicídio.",
        "discipline": "cross_cutting",
        "level": "basic",
        "scope": "national",
        "audience": "public",
        "roles": ["Policiais de atendimento de ocorrências", "Equipes das Delegacias da Mulher"],
        "outcomes": [
            "Aplica a Lei Maria da Penha no atendimento de ocorrências.",
            "Avalia o risco com o Formulário Nacional de Avaliação de Risco.",
            "Solicita medidas protetivas de urgência e encaminha à rede de proteção.",
            "Registra a ocorrência sem revitimizar a mulher.",
        ],
        "prerequisites": "Nenhum.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["CRC-01", "CRC-03"],
        "author": "coordinator.br@pf.br.example",
        "approver": "coordinator.br@pf.br.example",
        "modules": [
            M(
                (
                    "Violência de gênero: conceitos e dados",
                    6,
                    ["Compreender o ciclo da violência", "Interpretar os dados do Atlas da Violência"],
                    ["gender-based-violence"],
                    "Aula expositiva e debate",
                    "Questionário",
                    ["Atlas da Violência (IPEA)"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "A Lei Maria da Penha na prática policial",
                    10,
                    ["Identificar as formas de violência previstas na lei", "Solicitar medidas protetivas de urgência"],
                    ["gender-based-violence", "human-rights-policing"],
                    "Estudo de casos reais",
                    "Resolução de casos",
                    ["Lei nº 11.340/2006 (Lei Maria da Penha)"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Avaliação de risco e rede de proteção",
                    8,
                    [
                        "Aplicar o Formulário Nacional de Avaliação de Risco",
                        "Encaminhar à Casa da Mulher Brasileira e à rede local",
                    ],
                    ["victim-support"],
                    "Simulação de atendimento",
                    "Atendimento simulado avaliado",
                    ["Resolução Conjunta CNJ/CNMP nº 5/2020"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Registro e investigação do feminicídio",
                    8,
                    ["Reconhecer indícios de feminicídio", "Preservar o local com perspectiva de gênero"],
                    ["gender-based-violence", "crime-scene-investigation"],
                    "Análise de casos",
                    "Relatório de caso",
                    [
                        "Diretrizes Nacionais para Investigar, Processar e Julgar com Perspectiva de Gênero as Mortes Violentas de Mulheres"
                    ],
                    True,
                    True,
                )
            ),
        ],
    },
    {
        "key": "br-ciber",
        "state": "BR",
        "language": "pt",
        "title": "Investigação de crimes cibernéticos",
        "slug": "investigacao-crimes-ciberneticos",
        "summary": "Curso avançado da Polícia Federal sobre investigação de fraudes eletrônicas, ransomware e abuso sexual "
        "infantil online, da notícia-crime à cooperação internacional.",
        "discipline": "police",
        "level": "advanced",
        "scope": "national",
        "audience": "law_enforcement",
        "roles": ["Delegados e agentes de polícia", "Peritos criminais em informática"],
        "outcomes": [
            "Preserva e requisita dados de provedores conforme o Marco Civil da Internet.",
            "Rastreia transações em criptoativos até um ponto de saída identificável.",
            "Conduz uma investigação de ransomware com apoio de equipes de resposta a incidentes.",
            "Usa a Convenção de Budapeste para obter provas no exterior.",
        ],
        "prerequisites": "Curso básico de investigação e noções de redes de computadores.",
        "licence": "all-rights-reserved",
        "version": "1.0",
        "competencies": ["POL-05", "FOR-03"],
        "author": "coordinator.br@pf.br.example",
        "approver": "coordinator.br@pf.br.example",
        "modules": [
            M(
                (
                    "Fundamentos técnicos e jurídicos",
                    12,
                    [
                        "Explicar endereçamento IP, registros de conexão e de aplicação",
                        "Aplicar o Marco Civil da Internet",
                    ],
                    ["cybercrime"],
                    "Aulas com laboratório",
                    "Prova prática",
                    ["Lei nº 12.965/2014 (Marco Civil da Internet)"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Evidência digital",
                    16,
                    [
                        "Adquirir evidência com integridade verificável (hash)",
                        "Documentar a cadeia de custódia digital",
                    ],
                    ["digital-evidence", "chain-of-custody"],
                    "Laboratório forense",
                    "Aquisição forense avaliada",
                    ["ABNT NBR ISO/IEC 27037"],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Criptoativos e fraudes eletrônicas",
                    12,
                    ["Analisar transações em blockchain", "Solicitar bloqueio a exchanges"],
                    ["cybercrime", "money-laundering"],
                    "Estudo de caso com ferramentas abertas",
                    "Relatório de rastreamento",
                    [],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Cooperação internacional",
                    8,
                    ["Usar a rede 24/7 da Convenção de Budapeste", "Redigir pedido de preservação de dados"],
                    ["cybercrime"],
                    "Exercício com pontos de contato de outros Estados",
                    "Pedido de cooperação redigido",
                    ["Convenção de Budapeste sobre o Crime Cibernético"],
                    False,
                    True,
                )
            ),
        ],
    },
    {
        "key": "ca-trauma",
        "state": "CA",
        "language": "en",
        "title": "Trauma-informed investigation of sexual and gender-based violence",
        "slug": "trauma-informed-investigation-gbv",
        "summary": "A specialisation course for investigators of sexual assault and intimate partner violence: how trauma "
        "affects memory and behaviour, and how to interview, investigate and support survivors accordingly.",
        "discipline": "cross_cutting",
        "level": "specialisation",
        "scope": "national",
        "audience": "public",
        "roles": ["Sexual assault investigators", "Domestic violence unit members", "Victim services coordinators"],
        "outcomes": [
            "Explain how trauma affects memory, demeanour and disclosure.",
            "Conduct a trauma-informed interview that yields reliable evidence.",
            "Avoid the myths and stereotypes that lead to unfounded case classifications.",
            "Build an evidence-based case that does not rest on the survivor's testimony alone.",
        ],
        "prerequisites": "Three years of general duty and a basic investigator course.",
        "licence": "cc-by-4.0",
        "version": "3.0",
        "competencies": ["POL-03", "CRC-01", "CRC-03"],
        "modules": [
            M(
                (
                    "The neurobiology of trauma",
                    6,
                    ["Describe fight, flight and freeze responses", "Relate trauma responses to inconsistent accounts"],
                    ["gender-based-violence", "victim-support"],
                    "Lecture with a clinical psychologist",
                    "Reflective quiz",
                    ["Statistics Canada, Police-reported sexual assaults in Canada"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Trauma-informed interviewing",
                    14,
                    [
                        "Plan and conduct an interview using a free-recall model",
                        "Record and review the interview with a peer",
                    ],
                    ["investigative-interviewing", "gender-based-violence"],
                    "Role play with trained actors, video review",
                    "Recorded interview scored with a rubric",
                    [],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Myths, bias and case classification",
                    6,
                    ["Identify rape myths in case files", "Apply the standards for classifying a report as unfounded"],
                    ["gender-based-violence", "human-rights-policing"],
                    "Review of anonymised case files",
                    "Case-file audit",
                    ["Globe and Mail, 'Unfounded' (2017) and the resulting review standards"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Corroboration and case building",
                    10,
                    [
                        "Gather corroborating evidence beyond the survivor's statement",
                        "Work with Crown prosecutors from the start",
                    ],
                    ["crime-scene-investigation", "digital-evidence"],
                    "Case simulation over three days",
                    "Case file presented to a prosecutor",
                    [],
                    True,
                    False,
                )
            ),
        ],
        "translation": {
            "language": "fr",
            "title": "Enquête tenant compte des traumatismes en matière de violence sexuelle et fondée sur le genre",
            "summary": "Cours de spécialisation pour les enquêteurs en matière d'agression sexuelle et de violence entre "
            "partenaires intimes : effets du traumatisme sur la mémoire et le comportement, et conduite de l'audition, de "
            "l'enquête et de l'accompagnement des personnes survivantes.",
            "roles": [
                "Enquêteurs en matière d'agression sexuelle",
                "Membres des unités de violence familiale",
                "Coordonnateurs des services aux victimes",
            ],
            "outcomes": [
                "Expliquer les effets du traumatisme sur la mémoire, le comportement et la divulgation.",
                "Mener une audition tenant compte des traumatismes qui produit une preuve fiable.",
                "Éviter les mythes et stéréotypes qui mènent à classer des plaintes comme non fondées.",
                "Bâtir un dossier qui ne repose pas sur le seul témoignage de la personne survivante.",
            ],
            "prerequisites": "Trois ans de service général et un cours d'enquêteur de base.",
            "modules": [
                (
                    "La neurobiologie du traumatisme",
                    [
                        "Décrire les réactions de lutte, de fuite et de sidération",
                        "Relier ces réactions aux récits incohérents",
                    ],
                    "Exposé avec une psychologue clinicienne",
                    "Questionnaire de réflexion",
                ),
                (
                    "L'audition tenant compte des traumatismes",
                    [
                        "Planifier et mener une audition fondée sur le rappel libre",
                        "Enregistrer et revoir l'audition avec un pair",
                    ],
                    "Jeux de rôle avec des comédiens formés, analyse vidéo",
                    "Audition enregistrée évaluée selon une grille",
                ),
                (
                    "Mythes, biais et classement des dossiers",
                    [
                        "Repérer les mythes sur le viol dans les dossiers",
                        "Appliquer les normes de classement d'une plainte comme non fondée",
                    ],
                    "Examen de dossiers anonymisés",
                    "Audit de dossiers",
                ),
                (
                    "Corroboration et constitution du dossier",
                    [
                        "Réunir des éléments corroborants au-delà de la déclaration",
                        "Travailler avec la Couronne dès le départ",
                    ],
                    "Simulation d'enquête sur trois jours",
                    "Dossier présenté à un procureur",
                ),
            ],
        },
    },
    {
        "key": "jm-community",
        "state": "JM",
        "language": "en",
        "title": "Community safety and de-escalation for constables",
        "slug": "community-safety-de-escalation",
        "summary": "A basic course of the Jamaica Constabulary Force for constables in their first two years: community "
        "safety partnerships, de-escalation, and accountability under the Independent Commission of Investigations.",
        "discipline": "police",
        "level": "basic",
        "scope": "subregional",
        "subregion": "caribbean",
        "audience": "public",
        "roles": ["Constables", "District constables"],
        "outcomes": [
            "Build a safety partnership with a community and a school in the beat area.",
            "De-escalate a volatile street encounter using tactical communication.",
            "Use force and firearms only within the JCF Use of Force Policy and report every use.",
            "Explain how INDECOM oversight protects both citizens and officers.",
        ],
        "prerequisites": "Graduation from the National Police College of Jamaica.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["POL-02", "POL-04", "CRC-02"],
        "modules": [
            M(
                (
                    "Community safety partnerships",
                    12,
                    ["Map the stakeholders of a beat", "Run a community safety meeting"],
                    ["community-policing"],
                    "Field visits with community safety officers",
                    "Beat profile and action plan",
                    ["JCF Community Safety and Security Branch policy"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Tactical communication and de-escalation",
                    16,
                    ["Apply the LEAPS listening model", "Create time and distance in a crisis encounter"],
                    ["de-escalation", "use-of-force"],
                    "Scenario training with role players",
                    "Practical scenario assessment",
                    ["Police Executive Research Forum, ICAT training guide"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Use of force and accountability",
                    8,
                    ["Apply the JCF Use of Force Policy", "Write a use-of-force report"],
                    ["use-of-force", "human-rights-policing"],
                    "Case reviews of INDECOM reports",
                    "Written report assessed",
                    ["Independent Commission of Investigations Act (2010)"],
                    False,
                    True,
                )
            ),
        ],
    },
    {
        "key": "ht-securite-dynamique",
        "state": "HT",
        "language": "fr",
        "title": "Sécurité dynamique et droits des personnes détenues",
        "slug": "securite-dynamique-droits-personnes-detenues",
        "summary": "Formation de base pour les agents de la Direction de l'administration pénitentiaire : sécurité dynamique, "
        "gestion de la surpopulation et respect des droits des personnes détenues, y compris en détention préventive prolongée.",
        "discipline": "prison",
        "level": "basic",
        "scope": "national",
        "audience": "public",
        "roles": ["Agents pénitentiaires", "Chefs de quartier"],
        "outcomes": [
            "Appliquer les Règles Nelson Mandela dans la gestion quotidienne d'un quartier.",
            "Prévenir les incidents par la connaissance des personnes détenues et le dialogue.",
            "Tenir un registre d'écrou exact et signaler les détentions préventives prolongées.",
            "Répondre aux besoins spécifiques des femmes et des mineurs détenus.",
        ],
        "prerequisites": "Aucun.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["PRI-01", "CRC-02"],
        "modules": [
            M(
                (
                    "Les normes internationales",
                    8,
                    ["Connaître les Règles Nelson Mandela et les Règles de Bangkok"],
                    ["human-rights-policing"],
                    "Exposé et travaux de groupe",
                    "Questionnaire",
                    ["Règles Nelson Mandela (2015)"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "La sécurité dynamique au quotidien",
                    16,
                    [
                        "Observer et dialoguer pour anticiper les tensions",
                        "Gérer une altercation sans recourir à la force",
                    ],
                    ["prison-security", "de-escalation"],
                    "Mises en situation",
                    "Évaluation pratique",
                    [],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Registre d'écrou et détention préventive",
                    8,
                    ["Tenir le registre d'écrou", "Signaler les dépassements de délais au commissaire du gouvernement"],
                    ["rehabilitation"],
                    "Exercices sur registres fictifs",
                    "Registre complété sans erreur",
                    [],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Femmes et mineurs en détention",
                    8,
                    [
                        "Appliquer la séparation et les fouilles adaptées",
                        "Orienter vers les services de santé et d'aide juridique",
                    ],
                    ["gender-based-violence", "prison-security"],
                    "Études de cas",
                    "Plan de prise en charge",
                    [],
                    True,
                    True,
                )
            ),
        ],
    },
    {
        "key": "cr-genetica",
        "state": "CR",
        "language": "es",
        "title": "Genética forense: del indicio al informe pericial",
        "slug": "genetica-forense-indicio-informe",
        "summary": "Especialización del Organismo de Investigación Judicial para peritos en biología forense: recolección de "
        "indicios biológicos, análisis de STR, interpretación de mezclas y redacción del informe.",
        "discipline": "forensic",
        "level": "specialisation",
        "scope": "regional",
        "audience": "law_enforcement",
        "roles": ["Peritos en biología forense", "Técnicos de laboratorio de ADN"],
        "outcomes": [
            "Selecciona y recolecta indicios biológicos con mínima contaminación.",
            "Interpreta perfiles STR, incluidas mezclas de dos o más contribuyentes.",
            "Calcula y comunica razones de verosimilitud.",
            "Redacta un informe pericial comprensible para jueces y partes.",
        ],
        "prerequisites": "Licenciatura en biología, química o microbiología.",
        "licence": "cc-by-nc-4.0",
        "version": "1.1",
        "competencies": ["FOR-01", "FOR-02"],
        "modules": [
            M(
                (
                    "Indicios biológicos en la escena",
                    12,
                    ["Priorizar indicios biológicos", "Evitar la contaminación cruzada"],
                    ["crime-scene-investigation", "forensic-dna", "chain-of-custody"],
                    "Práctica en escena simulada",
                    "Lista de cotejo",
                    [],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Análisis de STR y control de calidad",
                    24,
                    [
                        "Ejecutar extracción, cuantificación y amplificación",
                        "Aplicar controles conforme a ISO/IEC 17025",
                    ],
                    ["forensic-dna"],
                    "Laboratorio",
                    "Análisis de muestras ciegas",
                    ["ISO/IEC 17025:2017"],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Interpretación de mezclas y estadística",
                    16,
                    [
                        "Interpretar mezclas con software de genotipado probabilístico",
                        "Calcular razones de verosimilitud",
                    ],
                    ["forensic-dna"],
                    "Casos de laboratorio",
                    "Examen de interpretación",
                    [],
                    False,
                    False,
                )
            ),
            M(
                (
                    "El informe pericial y el juicio",
                    8,
                    ["Redactar conclusiones sin falacia del fiscal", "Declarar en juicio"],
                    ["forensic-dna"],
                    "Juicio simulado",
                    "Informe y declaración evaluados",
                    [],
                    False,
                    True,
                )
            ),
        ],
    },
    {
        "key": "cl-entrevista",
        "state": "CL",
        "language": "es",
        "title": "Entrevista investigativa: modelo PEACE",
        "slug": "entrevista-investigativa-peace",
        "summary": "Curso intermedio de Carabineros de Chile que reemplaza el interrogatorio confesional por la entrevista "
        "investigativa basada en el modelo PEACE y los Principios de Méndez.",
        "discipline": "police",
        "level": "intermediate",
        "scope": "regional",
        "audience": "public",
        "roles": ["Investigadores", "Suboficiales de unidades de investigación"],
        "outcomes": [
            "Planifica una entrevista con objetivos y temas definidos.",
            "Conduce entrevistas a testigos, víctimas y sospechosos sin coerción.",
            "Evalúa la información obtenida y la contrasta con otras pruebas.",
            "Aplica los Principios de Méndez sobre entrevistas efectivas.",
        ],
        "prerequisites": "Formación policial básica.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["POL-03", "CRC-02"],
        "modules": [
            M(
                (
                    "Fundamentos: del interrogatorio a la entrevista",
                    6,
                    ["Explicar por qué la coerción produce confesiones falsas"],
                    ["investigative-interviewing", "human-rights-policing"],
                    "Análisis de casos de condenas erróneas",
                    "Ensayo breve",
                    ["Principios de Méndez (2021)"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Planificación y relato libre",
                    12,
                    ["Preparar el plan de entrevista", "Obtener un relato libre completo"],
                    ["investigative-interviewing"],
                    "Juego de roles grabado",
                    "Entrevista grabada evaluada",
                    [],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Entrevista a víctimas y personas vulnerables",
                    10,
                    ["Adaptar la entrevista a niñas, niños y víctimas de violencia sexual"],
                    ["investigative-interviewing", "victim-support", "gender-based-violence"],
                    "Práctica con psicólogos forenses",
                    "Entrevista simulada",
                    ["Ley 21.057 de entrevistas videograbadas"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Entrevista a sospechosos y evaluación",
                    12,
                    ["Presentar evidencia de forma estratégica", "Evaluar la consistencia del relato"],
                    ["investigative-interviewing"],
                    "Ejercicios con casos complejos",
                    "Evaluación final práctica",
                    [],
                    False,
                    True,
                )
            ),
        ],
    },
    {
        "key": "tt-human-rights",
        "state": "TT",
        "language": "en",
        "title": "Human rights and policing in the Caribbean",
        "slug": "human-rights-policing-caribbean",
        "summary": "A subregional course for Caribbean police services on the human-rights duties of police, from arrest and "
        "detention to public order, with the case law of the Inter-American system and the Privy Council.",
        "discipline": "cross_cutting",
        "level": "intermediate",
        "scope": "subregional",
        "subregion": "caribbean",
        "audience": "public",
        "roles": ["Sergeants and inspectors", "Station supervisors", "Police trainers"],
        "outcomes": [
            "Apply the rights of arrested and detained persons at every step of custody.",
            "Police public assemblies in line with international standards.",
            "Recognise and respond to discrimination, including against LGBTI persons.",
            "Supervise officers so that complaints are prevented and properly handled.",
        ],
        "prerequisites": "Two years of service.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["CRC-02", "POL-01"],
        "modules": [
            M(
                (
                    "Human-rights standards for police",
                    8,
                    ["Relate constitutional rights to the American Convention and ICCPR"],
                    ["human-rights-policing"],
                    "Interactive lecture",
                    "Quiz",
                    ["UN Code of Conduct for Law Enforcement Officials (1979)"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Arrest, custody and detention",
                    12,
                    [
                        "Apply the Judges' Rules and custody records",
                        "Safeguard detainees' health and access to counsel",
                    ],
                    ["human-rights-policing"],
                    "Station-based exercises",
                    "Custody record audit",
                    [],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Public order and assemblies",
                    8,
                    ["Plan the policing of a protest", "Use less-lethal weapons lawfully"],
                    ["use-of-force", "de-escalation"],
                    "Table-top exercise",
                    "Operational plan",
                    ["UN Human Rights Guidance on Less-Lethal Weapons (2020)"],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Equality and non-discrimination",
                    6,
                    ["Recognise discriminatory practices", "Respond to hate-motivated incidents"],
                    ["human-rights-policing", "gender-based-violence"],
                    "Workshop with civil society",
                    "Reflective log",
                    [],
                    True,
                    True,
                )
            ),
        ],
    },
    {
        "key": "gt-reinsercion",
        "state": "GT",
        "language": "es",
        "title": "Reinserción social: programas de tratamiento en centros penitenciarios",
        "slug": "reinsercion-social-programas-tratamiento",
        "summary": "Curso para equipos multidisciplinarios del Sistema Penitenciario sobre el diseño y la evaluación de "
        "programas de educación, trabajo y tratamiento para la reinserción de las personas privadas de libertad.",
        "discipline": "prison",
        "level": "intermediate",
        "scope": "subregional",
        "subregion": "central_america",
        "audience": "public",
        "roles": ["Trabajadores sociales", "Psicólogos penitenciarios", "Encargados de programas educativos"],
        "outcomes": [
            "Evalúa riesgos y necesidades de una persona privada de libertad.",
            "Diseña un plan de tratamiento individual con metas verificables.",
            "Coordina con empleadores y familias la preparación para la libertad.",
            "Mide resultados de los programas de reinserción.",
        ],
        "prerequisites": "Título universitario en ciencias sociales o de la salud.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["PRI-02"],
        "modules": [
            M(
                (
                    "Evaluación de riesgos y necesidades",
                    10,
                    ["Aplicar instrumentos de evaluación validados"],
                    ["rehabilitation"],
                    "Práctica con expedientes",
                    "Evaluación de un caso",
                    [],
                    False,
                    True,
                )
            ),
            M(
                (
                    "Plan de tratamiento individual",
                    12,
                    ["Formular metas de educación, trabajo y salud"],
                    ["rehabilitation"],
                    "Taller",
                    "Plan de tratamiento",
                    ["Ley del Régimen Penitenciario (Decreto 33-2006)"],
                    True,
                    True,
                )
            ),
            M(
                (
                    "Preparación para la libertad",
                    8,
                    ["Coordinar con familias, empleadores y municipios"],
                    ["rehabilitation"],
                    "Mesa interinstitucional simulada",
                    "Plan de egreso",
                    [],
                    True,
                    False,
                )
            ),
            M(
                (
                    "Evaluación de programas",
                    6,
                    ["Definir indicadores de reincidencia y de integración"],
                    ["rehabilitation"],
                    "Ejercicio con datos",
                    "Propuesta de indicadores",
                    [],
                    False,
                    False,
                )
            ),
        ],
    },
    {
        "key": "us-digital-evidence",
        "state": "US",
        "language": "en",
        "title": "Digital evidence for first responders",
        "slug": "digital-evidence-first-responders",
        "summary": "A basic course on recognising, seizing and preserving phones, computers and cloud data at a scene, so "
        "that the examiner receives evidence that will stand up in court.",
        "discipline": "forensic",
        "level": "basic",
        "scope": "regional",
        "audience": "public",
        "roles": ["Patrol officers", "Crime scene technicians", "Investigators new to digital evidence"],
        "outcomes": [
            "Recognise devices and data sources of evidential value at a scene.",
            "Isolate a mobile phone from networks without losing volatile data.",
            "Document the seizure and chain of custody of digital evidence.",
            "Request preservation of cloud data from service providers.",
        ],
        "prerequisites": "None.",
        "licence": "cc-by-4.0",
        "version": "1.0",
        "competencies": ["FOR-03", "FOR-01"],
        "modules": [
            M(
                (
                    "Digital evidence at the scene",
                    4,
                    ["Identify devices, media and cloud accounts of value"],
                    ["digital-evidence", "crime-scene-investigation"],
                    "Scene walk-through",
                    "Quiz",
                    ["NIST SP 800-101 Rev. 1"],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Seizing and isolating devices",
                    6,
                    ["Decide between live acquisition and power-off", "Use Faraday isolation"],
                    ["digital-evidence"],
                    "Hands-on lab",
                    "Practical exercise",
                    [],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Documentation and chain of custody",
                    3,
                    ["Photograph and label digital evidence", "Complete the custody form"],
                    ["chain-of-custody", "digital-evidence"],
                    "Exercises",
                    "Completed custody form",
                    [],
                    False,
                    False,
                )
            ),
            M(
                (
                    "Legal process and cloud data",
                    3,
                    ["Send a preservation request", "Respect privacy and warrant requirements"],
                    ["cybercrime", "human-rights-policing"],
                    "Case studies",
                    "Drafted preservation letter",
                    [],
                    False,
                    True,
                )
            ),
        ],
    },
]

# Adoptions: (adopter e-mail, source key, language of the copy, localised title, publish the copy?)
ADOPTIONS = [
    (
        "editor.co@policia.co.example",
        "mx-custodia",
        "es",
        "Cadena de custodia y procesamiento del lugar de los hechos (Colombia)",
        True,
    ),
    ("coordinator.br@pf.br.example", "co-trata", "pt", "Investigação criminal do tráfico de pessoas", True),
    (
        "editor.mx@fgr.mx.example",
        "br-violencia-mulher",
        "es",
        "Atención policial a mujeres en situación de violencia",
        False,
    ),
]

# After the adoption, Mexico publishes a new version of its chain-of-custody curriculum.
NEW_REVISION = {
    "key": "mx-custodia",
    "version": "2.1",
    "module": M(
        (
            "Cadena de custodia de la evidencia digital",
            6,
            ["Calcular y registrar el valor hash de la evidencia", "Embalar dispositivos con aislamiento de red"],
            ["digital-evidence", "chain-of-custody"],
            "Laboratorio",
            "Práctica evaluada",
            ["ISO/IEC 27037:2012"],
            False,
            False,
        )
    ),
}
