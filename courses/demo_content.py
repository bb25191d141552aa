"""The demo catalogue: sixteen courses in the four languages across the disciplines, each with
lessons written for practitioners and a quiz. Used by ``courses.demo``.

A course: (key, state, language, title, summary, discipline, level, hours, pacing, policy, audience,
intended_for, outcomes, lessons, quiz). A lesson: (title, intro, minutes, paragraphs).
A quiz: (title, pass_mark, questions) with questions as (kind, prompt, choices, answer, tolerance, feedback).
"""

COURSES = [
    (
        "custody-en",
        "US",
        "en",
        "Chain of Custody Fundamentals",
        "How to collect, package, label and hand over physical evidence so that it stands up in court.",
        "forensic",
        "basic",
        "6",
        "self_paced",
        "open",
        "law_enforcement",
        "First responders, patrol officers and crime-scene technicians",
        "Document every transfer of an item of evidence\nPackage biological and trace evidence correctly\n"
        "Explain to a court why an item is what it is said to be",
        [
            (
                "Why the chain of custody matters",
                "Evidence is only as strong as the record of who held it.",
                20,
                [
                    "The chain of custody is the written record of every person who has held an item of evidence, "
                    "from the moment it is found until it is presented in court. Each link answers four questions: "
                    "who had the item, when, where it was kept, and why it changed hands.",
                    "A gap in the chain does not prove that evidence was tampered with, but it gives the defence a "
                    "reason to doubt it. Judges across the Americas have excluded firearms, drugs and DNA samples "
                    "because a single transfer was undocumented.",
                    "Good practice is simple and repetitive: one form per item, signed at every transfer, with the "
                    "seal number written on the form and checked by the person who receives the item.",
                ],
            ),
            (
                "Packaging, labelling and sealing",
                "The right container for each kind of evidence.",
                25,
                [
                    "Biological evidence (blood, saliva, clothing with stains) goes in paper, never plastic: plastic "
                    "traps moisture and lets bacteria destroy DNA. Let wet items air-dry in a secure place first.",
                    "Firearms are made safe, documented as found, and packed in a rigid box with the magazine and "
                    "ammunition in separate, labelled containers. Never mark the weapon itself.",
                    "Every package carries a label with the case number, item number, description, place, date and "
                    "time of collection and the collector's name. Seal with evidence tape and sign across the seal so "
                    "that any opening is visible.",
                ],
            ),
            (
                "Practice check",
                "Test what you know with a short activity.",
                10,
                [
                    "Before the final quiz, check your understanding of the key rules with the short true-or-false "
                    "activity below. It does not count towards your certificate unless your instructor says so.",
                ],
            ),
        ],
        (
            "Chain of custody: final quiz",
            70,
            [
                (
                    "single",
                    "Which container is right for a blood-stained shirt?",
                    "Sealed plastic bag\n*Paper bag, after air-drying\nGlass jar with water",
                    "",
                    "0",
                    "Paper lets the item breathe; plastic traps moisture that destroys DNA.",
                ),
                (
                    "multiple",
                    "What must an evidence label show? Choose every right answer.",
                    "*Case and item numbers\n*Date and time of collection\nThe suspect's name\n*The collector's name",
                    "",
                    "0",
                    "The label identifies the item and its collection; it never names a suspect.",
                ),
                (
                    "true_false",
                    "A gap in the chain of custody proves that the evidence was tampered with.",
                    "",
                    "false",
                    "0",
                    "A gap does not prove tampering, but it gives the defence grounds to doubt the evidence.",
                ),
                (
                    "short",
                    "What do you sign across so that any opening of a package is visible?",
                    "",
                    "the seal|seal|evidence tape|the evidence tape",
                    "0",
                    "Signing across the seal shows at once if the package has been opened.",
                ),
            ],
        ),
    ),
    (
        "deescalation-en",
        "CA",
        "en",
        "De-escalation in Community Policing",
        "Communication and tactics that lower the temperature of a confrontation and reduce the use of force.",
        "police",
        "intermediate",
        "8",
        "cohort",
        "open",
        "law_enforcement",
        "Patrol officers and supervisors",
        "Recognise the signs of escalating crisis\nUse time, distance and cover to create options\n"
        "Apply active listening to calm a person in crisis",
        [
            (
                "Time, distance and cover",
                "Creating options before force becomes the only one.",
                25,
                [
                    "Most confrontations that end in force began as conversations. De-escalation means slowing "
                    "the encounter down so that the officer has time to think and the person has time to calm down.",
                    "Distance is the officer's friend: a few extra metres from a person holding a knife turn a "
                    "split-second decision into a situation that can be talked through. Cover — a vehicle, a wall — "
                    "protects the officer while the conversation continues.",
                    "Supervisors should ask after every incident: did we use the time we had? Could we have created "
                    "more distance? Those two questions change habits faster than any policy.",
                ],
            ),
            (
                "Active listening",
                "Listening is a tactic.",
                25,
                [
                    "People in crisis want to be heard. Active listening uses simple techniques: paraphrasing what "
                    "the person says, naming the emotion you hear (“you sound angry”), and open questions.",
                    "Speak slowly, in a low voice, and one officer at a time. Several officers shouting orders at once "
                    "raise the stress of everyone, including the officers.",
                    "When the person starts answering questions and their breathing slows, the crisis is passing. "
                    "This is the moment to offer clear, simple choices.",
                ],
            ),
        ],
        (
            "De-escalation: check your understanding",
            75,
            [
                (
                    "single",
                    "Which of these gives an officer more time to decide?",
                    "Closing in quickly\n*Increasing the distance\nRaising one's voice",
                    "",
                    "0",
                    "Distance turns a split-second decision into a situation that can be talked through.",
                ),
                (
                    "true_false",
                    "Several officers giving orders at once help a person in crisis focus.",
                    "",
                    "false",
                    "0",
                    "One voice at a time: several orders at once raise everyone's stress.",
                ),
                (
                    "short",
                    "Name the technique of repeating back, in your own words, what the person said.",
                    "",
                    "paraphrasing|paraphrase",
                    "0",
                    "Paraphrasing shows the person they have been heard.",
                ),
            ],
        ),
    ),
    (
        "gbv-en",
        "JM",
        "en",
        "Responding to Gender-Based Violence",
        "A victim-centred response to domestic and sexual violence, from the first call to the referral.",
        "cross_cutting",
        "basic",
        "5",
        "self_paced",
        "open",
        "public",
        "All officers who take reports or answer calls",
        "Take a first report without re-traumatising the victim\nAssess the risk of further violence\n"
        "Refer victims to the services that can protect them",
        [
            (
                "The first contact",
                "What the victim remembers is how they were treated.",
                20,
                [
                    "The first officer a victim meets shapes whether they continue with the case. Find a private "
                    "place, introduce yourself, and explain what will happen next.",
                    "Believe first, investigate second: questions such as “why didn't you leave?” blame the victim "
                    "and close the conversation. Ask open questions and let the person tell the story in their order.",
                    "Offer the victim the choice of an officer of the gender they prefer whenever possible.",
                ],
            ),
            (
                "Risk assessment and referral",
                "Separate the dangerous cases from the rest.",
                20,
                [
                    "Some signs predict serious harm: previous strangulation, threats to kill, access to firearms, a "
                    "recent separation, and escalating frequency of violence. Any of these calls for immediate "
                    "protective measures.",
                    "Know the local shelters, legal aid and health services and hand over contacts in writing. A "
                    "referral is complete only when the victim has been put in touch, not when a leaflet is given.",
                ],
            ),
        ],
        (
            "Gender-based violence: quiz",
            70,
            [
                (
                    "multiple",
                    "Which signs predict serious harm? Choose every right answer.",
                    "*Previous strangulation\n*Access to firearms\nThe victim is employed\n*Threats to kill",
                    "",
                    "0",
                    "Strangulation, threats to kill and access to firearms are recognised lethality indicators.",
                ),
                (
                    "true_false",
                    "Asking “why didn't you leave?” helps establish the facts.",
                    "",
                    "false",
                    "0",
                    "It blames the victim and closes the conversation.",
                ),
                (
                    "numeric",
                    "How many of the five warning signs listed in the lesson must be present to call for "
                    "immediate protective measures?",
                    "",
                    "1",
                    "0",
                    "Any one of them is enough.",
                ),
            ],
        ),
    ),
    (
        "prison-security-en",
        "TT",
        "en",
        "Dynamic Security in Prisons",
        "Safety through relationships: how staff who know the prison population prevent violence and escapes.",
        "prison",
        "intermediate",
        "10",
        "self_paced",
        "open",
        "law_enforcement",
        "Prison officers and wing supervisors",
        "Explain the balance of physical, procedural and dynamic security\nUse daily interaction to gather information\n"
        "Apply the Nelson Mandela Rules to daily routines",
        [
            (
                "Three kinds of security",
                "Walls, rules and relationships.",
                25,
                [
                    "Physical security is walls, locks and cameras. Procedural security is the rules: counts, searches, "
                    "movement control. Dynamic security is the knowledge staff gain by talking to prisoners every day.",
                    "Prisons that rely only on walls and rules are often less safe: staff who never speak to prisoners "
                    "learn about tensions only when they explode.",
                ],
            ),
            (
                "The Nelson Mandela Rules in daily work",
                "International standards, applied on the wing.",
                25,
                [
                    "The United Nations Standard Minimum Rules for the Treatment of Prisoners — the Nelson Mandela "
                    "Rules — set the floor for humane treatment: no solitary confinement beyond 15 consecutive days, "
                    "access to health care equal to that in the community, and respect for dignity in searches.",
                    "Humane treatment and security are not opposites: respected prisoners are less likely to resort "
                    "to violence, and more likely to warn staff of danger.",
                ],
            ),
        ],
        (
            "Dynamic security: quiz",
            70,
            [
                (
                    "single",
                    "Which is an example of dynamic security?",
                    "A new perimeter fence\nA stricter count schedule\n*Officers talking daily with prisoners",
                    "",
                    "0",
                    "Dynamic security comes from staff knowing the people in their care.",
                ),
                (
                    "numeric",
                    "Under the Nelson Mandela Rules, solitary confinement beyond how many consecutive days is "
                    "prolonged (and prohibited)?",
                    "",
                    "15",
                    "0",
                    "Rule 44: more than 15 consecutive days is prolonged solitary confinement.",
                ),
            ],
        ),
    ),
    (
        "escena-es",
        "MX",
        "es",
        "Procesamiento del lugar de los hechos",
        "Protección, observación, fijación y levantamiento de indicios en el lugar de la intervención.",
        "forensic",
        "intermediate",
        "12",
        "self_paced",
        "open",
        "law_enforcement",
        "Primeros respondientes, policías de investigación y peritos",
        "Proteger y acordonar el lugar de los hechos\nFijar indicios con fotografía, croquis y descripción\n"
        "Levantar y embalar indicios según su naturaleza",
        [
            (
                "Protección del lugar",
                "Lo que no se protege en la primera hora se pierde.",
                25,
                [
                    "El primer respondiente tiene una tarea principal: preservar el lugar tal como lo encontró. "
                    "Acordone un área más amplia de lo que parece necesario; siempre se puede reducir, nunca ampliar.",
                    "Registre a toda persona que entre o salga del perímetro, con hora y motivo. Ese registro forma "
                    "parte de la cadena de custodia.",
                    "Evite fumar, comer o usar los sanitarios del lugar: cada acción deja rastros que contaminan.",
                ],
            ),
            (
                "Fijación y levantamiento",
                "Fotografía, croquis y descripción escrita.",
                30,
                [
                    "Antes de mover un indicio, fíjelo de tres maneras: fotografía general, media y de acercamiento "
                    "con testigo métrico; croquis con medidas a dos puntos fijos; y descripción escrita.",
                    "Levante primero los indicios más frágiles o expuestos a perderse (huellas en superficies "
                    "exteriores, fluidos bajo la lluvia) y embale cada uno por separado.",
                ],
            ),
        ],
        (
            "Lugar de los hechos: evaluación",
            70,
            [
                (
                    "single",
                    "¿Qué área debe acordonar el primer respondiente?",
                    "Solo el lugar donde está el cuerpo\n*Un área más amplia de lo que parece necesario\n"
                    "La que indique el primer testigo",
                    "",
                    "0",
                    "Un perímetro amplio siempre puede reducirse; uno estrecho no puede ampliarse sin perder indicios.",
                ),
                (
                    "multiple",
                    "¿Cuáles son las tres formas de fijación?",
                    "*Fotografía\n*Croquis\nEntrevista al sospechoso\n*Descripción escrita",
                    "",
                    "0",
                    "Fotografía, croquis y descripción escrita se complementan.",
                ),
                (
                    "true_false",
                    "Conviene embalar juntos los indicios del mismo tipo para ahorrar tiempo.",
                    "",
                    "false",
                    "0",
                    "Cada indicio se embala por separado para evitar la contaminación cruzada.",
                ),
            ],
        ),
    ),
    (
        "ddhh-es",
        "CO",
        "es",
        "Derechos humanos y uso de la fuerza",
        "Los principios de legalidad, necesidad, proporcionalidad y rendición de cuentas en el servicio policial.",
        "cross_cutting",
        "basic",
        "8",
        "self_paced",
        "open",
        "public",
        "Todo el personal policial",
        "Aplicar los cuatro principios del uso de la fuerza\nDocumentar y reportar cada uso de la fuerza\n"
        "Reconocer las obligaciones del Estado en materia de derechos humanos",
        [
            (
                "Los cuatro principios",
                "Legalidad, necesidad, proporcionalidad y rendición de cuentas.",
                25,
                [
                    "Los Principios Básicos de las Naciones Unidas sobre el Empleo de la Fuerza y de Armas de Fuego "
                    "establecen que la fuerza solo se usa cuando otros medios resultan ineficaces.",
                    "Legalidad: el objetivo y el medio deben estar previstos en la ley. Necesidad: no hay una "
                    "alternativa menos lesiva. Proporcionalidad: el daño causado no supera el que se quiere evitar.",
                    "Rendición de cuentas: cada uso de la fuerza se informa y se revisa, aunque no haya heridos.",
                ],
            ),
            (
                "Armas de fuego: el último recurso",
                "Cuándo, y solo cuándo.",
                20,
                [
                    "Las armas de fuego solo se emplean en defensa propia o de otras personas frente a un peligro "
                    "inminente de muerte o lesiones graves, y cuando medidas menos extremas resultan insuficientes.",
                    "Antes de disparar, el agente se identifica y da una advertencia clara, salvo que ello ponga en "
                    "peligro su vida o la de terceros.",
                ],
            ),
        ],
        (
            "Uso de la fuerza: evaluación",
            80,
            [
                (
                    "multiple",
                    "¿Cuáles son principios del uso de la fuerza?",
                    "*Legalidad\n*Necesidad\nObediencia debida\n*Proporcionalidad",
                    "",
                    "0",
                    "La obediencia debida no justifica un uso ilegal de la fuerza.",
                ),
                (
                    "true_false",
                    "Un uso de la fuerza sin heridos no necesita informarse.",
                    "",
                    "false",
                    "0",
                    "Todo uso de la fuerza se informa y se revisa.",
                ),
            ],
        ),
    ),
    (
        "penitenciario-es",
        "GT",
        "es",
        "Gestión de crisis en centros penitenciarios",
        "Prevención y manejo de motines, toma de rehenes y emergencias en los centros de privación de libertad.",
        "prison",
        "advanced",
        "16",
        "cohort",
        "approval",
        "law_enforcement",
        "Mandos medios y directores de centros penitenciarios",
        "Elaborar un plan de contingencia del centro\nDirigir la primera respuesta ante un motín\n"
        "Coordinar con la policía y los servicios de emergencia",
        [
            (
                "Prevenir antes que contener",
                "Las señales que anuncian un motín.",
                30,
                [
                    "Los motines casi nunca son espontáneos: los preceden quejas acumuladas, cambios bruscos en las "
                    "rutinas, acaparamiento de alimentos o un silencio inusual en los pabellones.",
                    "Un sistema de quejas que funciona y personal que conoce a los internos detectan la tensión "
                    "antes de que estalle.",
                ],
            ),
            (
                "El plan de contingencia",
                "Quién hace qué cuando suena la alarma.",
                30,
                [
                    "Todo centro necesita un plan escrito y ensayado: cadena de mando, puntos de reunión, control de "
                    "llaves y armas, comunicación con la policía y con las familias.",
                    "En una toma de rehenes, la prioridad es la vida: se contiene, se aísla y se negocia. La "
                    "intervención táctica es el último recurso.",
                ],
            ),
        ],
        (
            "Gestión de crisis: evaluación",
            70,
            [
                (
                    "single",
                    "En una toma de rehenes, ¿cuál es la prioridad?",
                    "Recuperar el control del pabellón\n*Preservar la vida\nIdentificar a los cabecillas",
                    "",
                    "0",
                    "Contener, aislar y negociar: la vida es lo primero.",
                ),
                (
                    "short",
                    "¿Cómo se llama el documento escrito y ensayado que define quién hace qué en una emergencia?",
                    "",
                    "plan de contingencia|el plan de contingencia|plan de emergencia",
                    "0",
                    "El plan de contingencia se escribe y se ensaya.",
                ),
            ],
        ),
    ),
    (
        "ciberdelito-es",
        "AR",
        "es",
        "Introducción a la investigación del ciberdelito",
        "Evidencia digital, preservación de datos y cooperación internacional en delitos informáticos.",
        "police",
        "intermediate",
        "10",
        "self_paced",
        "open",
        "law_enforcement",
        "Investigadores y fiscales",
        "Preservar evidencia digital sin alterarla\nSolicitar datos a proveedores de servicios\n"
        "Usar los canales del Convenio de Budapest",
        [
            (
                "La evidencia digital es frágil",
                "Un clic puede borrar la prueba.",
                25,
                [
                    "Un teléfono encendido puede borrarse a distancia. Aíslelo de la red (modo avión o bolsa de "
                    "Faraday) y documente su estado antes de manipularlo.",
                    "Nunca examine el dispositivo original: se trabaja sobre una copia forense verificada con una "
                    "función hash, de modo que cualquier alteración sea detectable.",
                ],
            ),
            (
                "Datos en el extranjero",
                "Preservación rápida, solicitud formal después.",
                25,
                [
                    "Los datos de una cuenta suelen estar en otro país. La red 24/7 del Convenio de Budapest permite "
                    "pedir la preservación inmediata mientras se tramita la asistencia judicial.",
                    "Pida primero la preservación: los proveedores borran registros en semanas.",
                ],
            ),
        ],
        (
            "Ciberdelito: evaluación",
            70,
            [
                (
                    "single",
                    "¿Sobre qué se realiza el examen forense?",
                    "El dispositivo original\n*Una copia forense verificada con hash\nUna captura de pantalla",
                    "",
                    "0",
                    "El original no se toca; la copia verificada permite detectar alteraciones.",
                ),
                (
                    "numeric",
                    "La red de contactos del Convenio de Budapest atiende 24 horas, ¿cuántos días a la semana?",
                    "",
                    "7",
                    "0",
                    "Es la red 24/7.",
                ),
            ],
        ),
    ),
    (
        "victimas-es",
        "SV",
        "es",
        "Atención a víctimas de trata de personas",
        "Identificación, protección y derivación de víctimas de trata con enfoque de género y de niñez.",
        "cross_cutting",
        "intermediate",
        "9",
        "self_paced",
        "open",
        "public",
        "Policía de fronteras, migración y unidades de investigación",
        "Reconocer indicadores de trata\nEntrevistar a una posible víctima sin revictimizarla\n"
        "Activar el mecanismo nacional de derivación",
        [
            (
                "Indicadores de trata",
                "Lo que una víctima rara vez dice, pero muestra.",
                25,
                [
                    "Las víctimas de trata rara vez se identifican como tales. Observe: documentos retenidos por "
                    "otra persona, deudas impagables, no saber la dirección donde vive, miedo a las autoridades.",
                    "La presencia de un acompañante que responde por la persona es una señal de alerta.",
                ],
            ),
            (
                "Entrevista y derivación",
                "Proteger primero, investigar después.",
                25,
                [
                    "Entreviste a solas, con intérprete si es necesario, y explique los derechos de la víctima. "
                    "Una víctima de trata no es responsable de los delitos que fue obligada a cometer.",
                    "Active el mecanismo nacional de derivación: alojamiento seguro, atención médica y apoyo legal.",
                ],
            ),
        ],
        (
            "Trata de personas: evaluación",
            70,
            [
                (
                    "multiple",
                    "¿Cuáles son indicadores de trata?",
                    "*Documentos retenidos por otra persona\n*Deudas impagables\nTener un empleo formal\n"
                    "*Miedo a las autoridades",
                    "",
                    "0",
                    "Retención de documentos, servidumbre por deudas y miedo son indicadores frecuentes.",
                ),
                (
                    "true_false",
                    "Una víctima de trata es responsable de los delitos que fue obligada a cometer.",
                    "",
                    "false",
                    "0",
                    "El principio de no punición protege a las víctimas.",
                ),
            ],
        ),
    ),
    (
        "balistica-es",
        "CR",
        "es",
        "Balística forense básica",
        "Identificación de armas, vainas y proyectiles, y el registro balístico nacional.",
        "forensic",
        "basic",
        "7",
        "self_paced",
        "open",
        "state",
        "Peritos y técnicos de laboratorio del Estado",
        "Manipular armas y municiones con seguridad\nIdentificar marcas de clase e individuales\n"
        "Cargar muestras en el sistema de identificación balística",
        [
            (
                "Seguridad y manipulación",
                "Toda arma está cargada hasta que se demuestre lo contrario.",
                20,
                [
                    "Verifique la recámara y el cargador antes de cualquier examen y documente el estado en que se "
                    "recibió el arma. Nunca introduzca objetos en el cañón: se destruyen las marcas.",
                ],
            ),
            (
                "Marcas de clase e individuales",
                "Del calibre a la huella única del cañón.",
                25,
                [
                    "Las marcas de clase (calibre, número y sentido de estrías) reducen el universo de armas "
                    "posibles. Las marcas individuales, producidas por imperfecciones del cañón, permiten vincular "
                    "un proyectil con un arma concreta.",
                ],
            ),
        ],
        (
            "Balística: evaluación",
            70,
            [
                (
                    "single",
                    "¿Qué marcas permiten vincular un proyectil con un arma concreta?",
                    "Las de clase\n*Las individuales\nLas del fabricante de la munición",
                    "",
                    "0",
                    "Las marcas individuales son únicas de cada cañón.",
                ),
                (
                    "true_false",
                    "Está permitido introducir una varilla en el cañón para verificar que esté vacío.",
                    "",
                    "false",
                    "0",
                    "Se destruyen las marcas individuales.",
                ),
            ],
        ),
    ),
    (
        "cadeia-pt",
        "BR",
        "pt",
        "Cadeia de custódia no processo penal",
        "Os procedimentos da cadeia de custódia previstos no Código de Processo Penal, do reconhecimento ao descarte.",
        "forensic",
        "basic",
        "8",
        "self_paced",
        "open",
        "law_enforcement",
        "Policiais, peritos e servidores de centrais de custódia",
        "Descrever as etapas da cadeia de custódia\nPreencher o registro de cada transferência\n"
        "Identificar falhas que comprometem a prova",
        [
            (
                "As etapas da cadeia de custódia",
                "Do reconhecimento ao descarte.",
                25,
                [
                    "A lei distingue dez etapas: reconhecimento, isolamento, fixação, coleta, acondicionamento, "
                    "transporte, recebimento, processamento, armazenamento e descarte.",
                    "Cada etapa deixa um registro. A ausência de registro em qualquer delas pode levar o juiz a "
                    "considerar a prova não confiável.",
                ],
            ),
            (
                "Central de custódia",
                "Onde os vestígios esperam o processo.",
                20,
                [
                    "A central de custódia controla a entrada e a saída de cada vestígio, com data, hora e "
                    "identificação de quem o entregou e de quem o retirou.",
                    "O acesso é restrito e registrado; nenhum vestígio sai sem requisição da autoridade competente.",
                ],
            ),
        ],
        (
            "Cadeia de custódia: avaliação",
            70,
            [
                (
                    "numeric",
                    "Quantas etapas da cadeia de custódia a lei distingue?",
                    "",
                    "10",
                    "0",
                    "São dez etapas, do reconhecimento ao descarte.",
                ),
                (
                    "single",
                    "Qual é a primeira etapa?",
                    "Coleta\n*Reconhecimento\nTransporte",
                    "",
                    "0",
                    "Tudo começa por reconhecer o elemento como de interesse para a prova.",
                ),
                (
                    "true_false",
                    "Um vestígio pode sair da central de custódia sem requisição, se for urgente.",
                    "",
                    "false",
                    "0",
                    "Nenhum vestígio sai sem requisição da autoridade competente.",
                ),
            ],
        ),
    ),
    (
        "penal-pt",
        "BR",
        "pt",
        "Gestão prisional e reintegração social",
        "Educação, trabalho e assistência como ferramentas de segurança e de redução da reincidência.",
        "prison",
        "intermediate",
        "12",
        "cohort",
        "open",
        "law_enforcement",
        "Policiais penais e gestores de unidades prisionais",
        "Planejar a oferta de educação e trabalho na unidade\nAplicar a remição de pena\n"
        "Preparar a saída da pessoa presa",
        [
            (
                "Educação e trabalho",
                "A rotina que protege.",
                25,
                [
                    "Unidades com oferta regular de estudo e trabalho registram menos conflitos. A rotina ocupa o "
                    "tempo, cria vínculos e dá perspectiva.",
                    "A remição permite descontar um dia de pena a cada três dias de trabalho ou a cada doze horas de "
                    "estudo, o que incentiva a participação.",
                ],
            ),
            (
                "Preparar a saída",
                "A reintegração começa no primeiro dia.",
                25,
                [
                    "Documentos de identidade, contato com a família e encaminhamento a programas de emprego devem "
                    "estar prontos antes da saída. Os primeiros dias em liberdade são os de maior risco de reincidência.",
                ],
            ),
        ],
        (
            "Gestão prisional: avaliação",
            70,
            [
                (
                    "numeric",
                    "Pela remição, quantos dias de trabalho descontam um dia de pena?",
                    "",
                    "3",
                    "0",
                    "Um dia de pena a cada três dias de trabalho.",
                ),
                (
                    "true_false",
                    "Os primeiros dias em liberdade são os de maior risco de reincidência.",
                    "",
                    "true",
                    "0",
                    "Por isso a saída se prepara com antecedência.",
                ),
            ],
        ),
    ),
    (
        "policiamento-pt",
        "BR",
        "pt",
        "Policiamento orientado para a solução de problemas",
        "O método SARA aplicado à criminalidade local: analisar, responder e avaliar com a comunidade.",
        "police",
        "basic",
        "6",
        "self_paced",
        "open",
        "public",
        "Policiais de patrulha e comandantes de área",
        "Aplicar o método SARA a um problema local\nUsar dados para escolher prioridades\n"
        "Avaliar o resultado de uma intervenção",
        [
            (
                "O método SARA",
                "Sondagem, análise, resposta e avaliação.",
                25,
                [
                    "SARA organiza o trabalho em quatro passos: sondagem (identificar o problema recorrente), análise "
                    "(entender por que ocorre ali), resposta (agir sobre as causas) e avaliação (medir o efeito).",
                    "Um problema é um conjunto de ocorrências semelhantes, não um caso isolado.",
                ],
            ),
            (
                "Trabalhar com a comunidade",
                "Quem vive o problema conhece suas causas.",
                20,
                [
                    "Moradores, comerciantes e escolas conhecem horários, lugares e pessoas. Reuniões regulares e "
                    "canais de contato simples tornam a comunidade parceira da análise e da resposta.",
                ],
            ),
        ],
        (
            "Policiamento orientado: avaliação",
            70,
            [
                (
                    "short",
                    "Qual é o nome do método de quatro passos apresentado no curso?",
                    "",
                    "SARA|método SARA",
                    "0",
                    "Sondagem, análise, resposta e avaliação.",
                ),
                (
                    "single",
                    "O que é um “problema” neste método?",
                    "Um caso grave isolado\n*Um conjunto de ocorrências semelhantes\nUma reclamação na imprensa",
                    "",
                    "0",
                    "O método trata padrões recorrentes.",
                ),
            ],
        ),
    ),
    (
        "proximite-fr",
        "HT",
        "fr",
        "Police de proximité et relations avec la population",
        "Construire la confiance entre la police et les habitants : présence, écoute et résolution de problèmes.",
        "police",
        "basic",
        "6",
        "self_paced",
        "open",
        "public",
        "Agents de police et chefs de commissariat",
        "Organiser une patrouille de proximité\nConduire une réunion avec les habitants\n"
        "Traiter une plainte avec respect et efficacité",
        [
            (
                "La confiance se construit",
                "Être présent, être connu, être joignable.",
                20,
                [
                    "La police de proximité repose sur des agents affectés durablement à un même quartier, connus des "
                    "habitants et joignables. La confiance se gagne par la régularité, pas par des opérations ponctuelles.",
                    "Une patrouille à pied, à heures régulières, permet des échanges que la patrouille motorisée ne "
                    "permet pas.",
                ],
            ),
            (
                "Accueillir une plainte",
                "Chaque plainte est une occasion de montrer le service.",
                20,
                [
                    "Écoutez jusqu'au bout, reformulez, expliquez la suite de la procédure et remettez une copie ou "
                    "un numéro de suivi. Une personne bien accueillie reviendra et parlera à ses voisins.",
                ],
            ),
        ],
        (
            "Police de proximité : évaluation",
            70,
            [
                (
                    "true_false",
                    "La confiance de la population se gagne surtout par des opérations ponctuelles spectaculaires.",
                    "",
                    "false",
                    "0",
                    "Elle se gagne par la régularité et la présence durable.",
                ),
                (
                    "single",
                    "Que remettre à une personne qui dépose plainte ?",
                    "Rien, pour protéger l'enquête\n*Une copie ou un numéro de suivi\nLe nom du suspect",
                    "",
                    "0",
                    "La personne doit pouvoir suivre sa plainte.",
                ),
            ],
        ),
    ),
    (
        "genre-fr",
        "HT",
        "fr",
        "Violences basées sur le genre : accueil et enquête",
        "Accueillir les victimes, recueillir la preuve et orienter vers les services, avec une approche centrée sur la victime.",
        "cross_cutting",
        "intermediate",
        "8",
        "self_paced",
        "open",
        "law_enforcement",
        "Enquêteurs et agents d'accueil",
        "Accueillir une victime sans la revictimiser\nRecueillir et préserver la preuve médico-légale\n"
        "Orienter vers les services d'aide",
        [
            (
                "L'accueil de la victime",
                "Un lieu calme, du temps, de la confiance.",
                20,
                [
                    "Recevez la victime dans un lieu séparé, présentez-vous et expliquez chaque étape. Laissez-la "
                    "raconter à son rythme et évitez les questions qui la rendent responsable.",
                ],
            ),
            (
                "La preuve médico-légale",
                "Le temps compte.",
                25,
                [
                    "Après une agression sexuelle, l'examen médico-légal doit se faire le plus tôt possible, "
                    "idéalement dans les 72 heures. Conseillez à la victime de ne pas se laver et de conserver "
                    "ses vêtements dans un sac en papier.",
                ],
            ),
        ],
        (
            "VBG : évaluation",
            70,
            [
                (
                    "numeric",
                    "Dans combien d'heures, idéalement, l'examen médico-légal doit-il être fait ?",
                    "",
                    "72",
                    "0",
                    "Idéalement dans les 72 heures.",
                ),
                (
                    "single",
                    "Dans quel contenant conserver les vêtements ?",
                    "Un sac en plastique fermé\n*Un sac en papier\nUn seau d'eau",
                    "",
                    "0",
                    "Le papier préserve l'ADN.",
                ),
            ],
        ),
    ),
    (
        "prison-fr",
        "HT",
        "fr",
        "Droits des personnes détenues",
        "Les règles Nelson Mandela et la gestion quotidienne d'un établissement pénitentiaire.",
        "prison",
        "basic",
        "5",
        "cohort",
        "open",
        "law_enforcement",
        "Agents pénitentiaires",
        "Appliquer les règles Nelson Mandela au quotidien\nTenir le registre d'écrou\n"
        "Réduire la détention préventive prolongée",
        [
            (
                "Le registre d'écrou",
                "Personne ne doit être détenu sans titre.",
                20,
                [
                    "Chaque entrée est inscrite au registre : identité, motif, autorité qui a ordonné la détention, "
                    "date et heure. Un registre tenu à jour est la première protection contre la détention arbitraire.",
                ],
            ),
            (
                "Santé et dignité",
                "Les soins en prison sont ceux de la communauté.",
                20,
                [
                    "Les règles Nelson Mandela exigent un examen médical à l'admission et un accès aux soins "
                    "équivalent à celui de la communauté. La surpopulation n'excuse pas l'absence de soins.",
                ],
            ),
        ],
        (
            "Droits des détenus : évaluation",
            70,
            [
                (
                    "multiple",
                    "Que doit indiquer le registre d'écrou ?",
                    "*L'identité\n*Le motif de la détention\nLa religion\n*L'autorité qui a ordonné la détention",
                    "",
                    "0",
                    "La religion n'a pas sa place au registre d'écrou.",
                ),
                (
                    "true_false",
                    "Un examen médical est prévu à l'admission.",
                    "",
                    "true",
                    "0",
                    "Règle 30 des règles Nelson Mandela.",
                ),
            ],
        ),
    ),
]
