"""Monitoring's demo: nothing is typed in. The fact table is rebuilt from the demo records of
curricula, courses and instructors (which run before this loader), so the dashboards show what the
other apps' demo data holds, and nothing else."""

from django.db.models import Count, Sum

from .models import Fact, Measure
from .services import facts_rebuild


def load(*, stdout) -> None:
    refresh = facts_rebuild()
    totals = dict(Fact.objects.values_list("measure").annotate(total=Sum("value")).values_list("measure", "total"))
    states = Fact.objects.values("state").aggregate(n=Count("state", distinct=True))["n"]
    stdout.write(f"monitoring: fact table rebuilt, {refresh.rows} rows over {states} states")
    for measure in Measure:
        stdout.write(f"  {measure.label}: {totals.get(measure.value, 0):g}")
    empty = [str(m.label) for m in Measure if not totals.get(m.value)]
    if empty:
        stdout.write("  no demo records yet for: " + ", ".join(empty))
