"""Charts drawn on the server as small inline SVG (no JavaScript library): bars, a trend line and a
hemispheric view of the states. Every chart has a <title> and <desc> for screen readers and sits
beside the table it draws, which remains the accessible source of the figures. Cells hidden to
protect small counts are not drawn; their label says "<5" or "x" as in the table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import Table

INK, MUTED, BAR, BAR_ALT, GRID = "#1b1f24", "#4a5563", "#0b4f8a", "#a33b00", "#d0d7de"
SUBREGION_COLOURS = ["#0b4f8a", "#1a6b35", "#a33b00", "#6b3fa0"]


def _frame(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _describe(pairs: list[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in pairs)


def bars(table: Table, *, row_index: int | None = None, chart_id: str = "") -> SafeString:
    """Horizontal bars of one row of a table (its columns but the total)."""
    index = table.series_row if row_index is None else row_index
    index = index if index is not None else len(table.rows) - 1
    row = table.rows[index]
    items = list(zip(table.columns[:-1], row.cells[:-1], strict=False))
    chart_id = chart_id or f"chart-{table.key}"
    label_w, width, bar_h, gap = 230, 640, 22, 8
    height = 20 + len(items) * (bar_h + gap)
    top = max([c.value for _l, c in items if c.shown] + [1])
    body = []
    for n, (label, cell) in enumerate(items):
        y = 10 + n * (bar_h + gap)
        body.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" fill="{INK}">{escape(_short(label))}</text>'
        )
        if cell.shown:
            w = (width - label_w - 70) * cell.value / top
            body.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{BAR}"/>')
            body.append(f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" fill="{INK}">{cell.display}</text>')
        else:
            body.append(f'<text x="{label_w + 6}" y="{y + bar_h * 0.7:.1f}" fill="{MUTED}">{cell.display}</text>')
    title = f"{row.label} — {table.title}"
    desc = _describe([(label, cell.display) for label, cell in items])
    return _frame(chart_id, title, desc, width, height, body)


def trend(table: Table, *, row_index: int = 0, chart_id: str = "") -> SafeString:
    """A line over the periods of one row of a trend table."""
    row = table.rows[row_index]
    chart_id = chart_id or f"chart-{table.key}-{row_index}"
    width, height, left, right, top_pad, bottom = 640, 240, 60, 40, 24, 40
    shown = [c.value for c in row.cells if c.shown]
    top = max(shown + [1])
    n = len(row.cells)
    step = (width - left - right) / max(n - 1, 1)

    def y_of(value: float) -> float:
        return top_pad + (height - top_pad - bottom) * (1 - value / top)

    body = [
        f'<line x1="{left}" y1="{y_of(0):.1f}" x2="{width - right}" y2="{y_of(0):.1f}" stroke="{GRID}"/>',
        f'<text x="{left - 6}" y="{y_of(top) + 4:.1f}" text-anchor="end" fill="{MUTED}">{escape(_fmt(top))}</text>',
        f'<text x="{left - 6}" y="{y_of(0) + 4:.1f}" text-anchor="end" fill="{MUTED}">0</text>',
    ]
    points = []
    for i, (label, cell) in enumerate(zip(table.columns, row.cells, strict=False)):
        x = left + i * step
        body.append(f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle" fill="{INK}">{escape(label)}</text>')
        if cell.shown:
            points.append((x, y_of(cell.value)))
            body.append(f'<circle cx="{x:.1f}" cy="{y_of(cell.value):.1f}" r="4" fill="{BAR}"/>')
            body.append(
                f'<text x="{x:.1f}" y="{y_of(cell.value) - 8:.1f}" text-anchor="middle" fill="{INK}">{cell.display}</text>'
            )
        else:
            body.append(
                f'<text x="{x:.1f}" y="{y_of(0) - 8:.1f}" text-anchor="middle" fill="{MUTED}">{cell.display}</text>'
            )
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.insert(3, f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2.5"/>')
    title = _("%(indicator)s over time") % {"indicator": row.label}
    desc = _describe([(label, cell.display) for label, cell in zip(table.columns, row.cells, strict=False)])
    return _frame(chart_id, title, desc, width, height, body)


def states(
    table: Table, *, subregion_of: dict[str, str], subregion_labels: dict[str, str], chart_id: str = ""
) -> SafeString:
    """The hemispheric view: every state's total as a bar, grouped and coloured by subregion."""
    chart_id = chart_id or f"chart-{table.key}"
    inner = [row for row in table.rows if row.kind == "inner"]
    label_w, width, bar_h, gap, head = 190, 640, 14, 4, 24
    order = list(subregion_labels)
    groups = {code: [r for r in inner if subregion_of.get(r.url) == code] for code in order}
    height = 10 + sum(head + len(rows) * (bar_h + gap) for rows in groups.values() if rows)
    top = max([r.cells[-1].value for r in inner if r.cells[-1].shown] + [1])
    body, y = [], 10
    for n, code in enumerate(order):
        rows = groups[code]
        if not rows:
            continue
        colour = SUBREGION_COLOURS[n % len(SUBREGION_COLOURS)]
        body.append(f'<text x="0" y="{y + 16}" font-weight="700" fill="{INK}">{escape(subregion_labels[code])}</text>')
        y += head
        for row in rows:
            cell = row.cells[-1]
            body.append(
                f'<text x="{label_w - 6}" y="{y + bar_h - 2}" text-anchor="end" fill="{INK}" font-size="12">{escape(_short(row.label, 26))}</text>'
            )
            if cell.shown:
                w = (width - label_w - 60) * cell.value / top
                body.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
                body.append(
                    f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 2}" fill="{INK}" font-size="12">{cell.display}</text>'
                )
            else:
                body.append(
                    f'<text x="{label_w + 4}" y="{y + bar_h - 2}" fill="{MUTED}" font-size="12">{cell.display}</text>'
                )
            y += bar_h + gap
    title = _("Hemispheric view: %(title)s") % {"title": table.title}
    desc = _describe([(row.label, row.cells[-1].display) for row in inner])
    return _frame(chart_id, title, desc, width, height, body)


def _short(label: str, limit: int = 30) -> str:
    """Chart labels are kept short; the full label is in the chart's description and the table."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
