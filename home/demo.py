"""Home pages in four languages and a page for each member state."""

from accounts.api import member_states

from . import services

# Content (not interface text): written in each language, as an editor would in the admin.
HOME = {
    "en": (
        "Capacitas",
        "Training for the citizen-security institutions of the Americas: curricula, distance courses and "
        "instructor exchange.",
        "<h2>Why Capacitas</h2><p>In the Declaration of San Salvador on Citizen Security in the Americas (2011) "
        "and its Hemispheric Plan of Action, the member states of the OAS agreed to train the people who "
        "keep the public safe: police officers, prison staff, forensic experts and prosecutors. Capacitas "
        "is where they do it together.</p><p>A state publishes a curriculum; another adopts and adapts it. "
        "An agency needs an instructor in cybercrime or gender-based violence; another state's instructor "
        "comes to teach. An officer in a small post takes a course on a phone. Every course counts, by "
        "state, discipline and gender, so that the member states can follow up on what they promised.</p>",
    ),
    "es": (
        "Capacitas",
        "Formación para las instituciones de seguridad ciudadana de las Américas: currículos, cursos a "
        "distancia e intercambio de instructores.",
        "<h2>Por qué Capacitas</h2><p>En la Declaración de San Salvador sobre Seguridad Ciudadana en las "
        "Américas (2011) y su Plan de Acción Hemisférico, los Estados miembros de la OEA acordaron formar a "
        "quienes protegen a la población: policías, personal penitenciario, peritos forenses y fiscales. "
        "Capacitas es el lugar donde lo hacen juntos.</p><p>Un Estado publica un currículo; otro lo adopta y "
        "lo adapta. Una institución necesita un instructor en ciberdelito o en violencia de género; viene "
        "a enseñar el instructor de otro Estado. Un agente de un puesto pequeño sigue un curso en su "
        "teléfono. Cada curso cuenta, por Estado, disciplina y género, para que los Estados miembros puedan "
        "dar seguimiento a lo que prometieron.</p>",
    ),
    "pt": (
        "Capacitas",
        "Formação para as instituições de segurança cidadã das Américas: currículos, cursos a distância e "
        "intercâmbio de instrutores.",
        "<h2>Por que Capacitas</h2><p>Na Declaração de San Salvador sobre Segurança Cidadã nas Américas "
        "(2011) e no seu Plano de Ação Hemisférico, os Estados membros da OEA concordaram em formar quem "
        "protege a população: policiais, agentes penitenciários, peritos forenses e promotores. Capacitas "
        "é onde eles fazem isso juntos.</p><p>Um Estado publica um currículo; outro o adota e adapta. Uma "
        "instituição precisa de um instrutor em crimes cibernéticos ou violência de gênero; vem ensinar o "
        "instrutor de outro Estado. Um agente de um posto pequeno faz um curso no celular. Cada curso conta, "
        "por Estado, disciplina e gênero, para que os Estados membros acompanhem o que prometeram.</p>",
    ),
    "fr": (
        "Capacitas",
        "La formation des institutions de sécurité citoyenne des Amériques : programmes, cours à distance et "
        "échange de formateurs.",
        "<h2>Pourquoi Capacitas</h2><p>Dans la Déclaration de San Salvador sur la sécurité citoyenne dans "
        "les Amériques (2011) et son Plan d'action hémisphérique, les États membres de l'OEA se sont engagés "
        "à former celles et ceux qui protègent la population : policiers, personnel pénitentiaire, experts "
        "en criminalistique et procureurs. Capacitas est le lieu où ils le font ensemble.</p><p>Un État "
        "publie un programme ; un autre l'adopte et l'adapte. Une institution a besoin d'un formateur en "
        "cybercriminalité ou en violence fondée sur le genre ; le formateur d'un autre État vient "
        "enseigner. Un agent d'un petit poste suit un cours sur son téléphone. Chaque cours compte, par État, "
        "discipline et genre, pour que les États membres puissent suivre ce qu'ils ont promis.</p>",
    ),
}


def load(*, stdout) -> None:
    homes = services.home_pages_ensure()
    for code, page in homes.items():
        title, intro, body = HOME[code]
        if (page.title, page.intro, page.body) != (title, intro, body):
            page.title, page.intro, page.body = title, intro, body
            page.save_revision().publish()
    for state in member_states():
        services.state_pages_ensure(state=state)
    stdout.write(f"  {len(homes)} home pages, {member_states().count()} member states in each language")
