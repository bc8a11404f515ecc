"""The QI report of a Hexithon: the numbers, as a dataclass, JSON and a PDF with vector charts.

`build_report(store, event_id)` gathers, for one event: participants, new members (people who
were not already Hexitime members), offers and requests by category and by region, matches
made, activities per participant, the feedback quoted, and a run chart across every event on
this laptop (activities generated per event over time, with the median line), the way QI
teams track change.

`write_pdf(report, path)` draws it with reportlab; charts are reportlab graphics (vectors).
"""

from __future__ import annotations

import io
import json
import logging
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import func, select

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.i18n import N_, _, ngettext
from hexikit.records.domain import CATEGORIES, REGIONS, Kind
from hexikit.store import Store, StoreError
from hexikit.store.models import Activity, Event, Feedback, Match, Participant

log = logging.getLogger(__name__)

NO_CATEGORY = N_("No category")
NO_REGION = N_("No region")
#: What the region chart says when no entry names a region (nor its author one).
NO_REGION_ENTRIES = N_("No entries by region yet")
REPORT_VERSION = 1


@dataclass(frozen=True)
class KindCounts:
    """Offers and requests under one label (a category or a region).

    `label` is the stable key (the English name; JSON keeps it): `label_text` shows it."""

    label: str
    offers: int
    requests: int

    @property
    def total(self) -> int:
        return self.offers + self.requests


@dataclass(frozen=True)
class RunPoint:
    """One event on the run chart."""

    event_id: str
    title: str
    date: str
    activities: int


@dataclass(frozen=True)
class FeedbackQuote:
    worked: str
    even_better_if: str
    rating: int | None


@dataclass
class Report:
    """The numbers of one event."""

    event_id: str
    title: str
    date: str
    venue: str
    region: str
    facilitator: str
    generated_at: str
    participants: int = 0
    new_members: int = 0
    existing_members: int = 0
    offers: int = 0
    requests: int = 0
    activities_without_participant: int = 0
    matches_confirmed: int = 0
    matches_dismissed: int = 0
    activities_per_participant: float | None = None
    most_activities_by_one_participant: int = 0
    participants_without_activities: int = 0
    by_category: list[KindCounts] = field(default_factory=list)
    by_region: list[KindCounts] = field(default_factory=list)
    feedback: list[FeedbackQuote] = field(default_factory=list)
    average_rating: float | None = None
    run_chart: list[RunPoint] = field(default_factory=list)
    run_chart_median: float | None = None

    @property
    def activities(self) -> int:
        return self.offers + self.requests

    @property
    def is_empty(self) -> bool:
        """Nothing was captured: no participants, no activities, no feedback."""
        return self.participants == 0 and self.activities == 0 and not self.feedback

    def summary_lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the headline numbers, for screen and PDF."""
        per_person = (
            f"{self.activities_per_participant:.1f}"
            if self.activities_per_participant is not None
            else "–"
        )
        rating = f"{self.average_rating:.1f} / 5" if self.average_rating is not None else "–"
        return [
            (_("Participants"), str(self.participants)),
            (_("New members (not already members)"), str(self.new_members)),
            (_("Activities generated"), str(self.activities)),
            (_("Offers"), str(self.offers)),
            (_("Requests"), str(self.requests)),
            (_("Matches made"), str(self.matches_confirmed)),
            (_("Activities per participant"), per_person),
            (_("Feedback entries"), str(len(self.feedback))),
            (_("Average rating"), rating),
        ]

    def empty_message(self) -> str:
        return _(
            "Nothing was captured for this event yet: no participants, no offers or requests "
            "and no feedback. Capture what the room said, then make the report again."
        )

    def to_json(self) -> dict[str, Any]:
        body = asdict(self)
        body["version"] = REPORT_VERSION
        body["activities"] = self.activities
        body["is_empty"] = self.is_empty
        return body

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False)


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _event_day(event: Event) -> str:
    if event.date:
        return event.date
    created = event.created_at
    return created.date().isoformat() if isinstance(created, datetime) else ""


def run_chart_points(store: Store) -> list[RunPoint]:
    """Every live event on this laptop with its activity count, oldest first."""
    with store.session() as session:
        counts: dict[str, int] = {
            str(event_id): int(count)
            for event_id, count in session.execute(
                select(Activity.event_id, func.count())
                .where(Activity.deleted_at.is_(None))
                .group_by(Activity.event_id)
            ).all()
        }
        events = list(session.scalars(select(Event).where(Event.deleted_at.is_(None))))
    events.sort(key=lambda e: (_event_day(e), e.created_at))
    return [
        RunPoint(
            event_id=e.id,
            title=e.title,
            date=_event_day(e),
            activities=int(counts.get(e.id, 0)),
        )
        for e in events
    ]


def build_report(store: Store, event_id: str) -> Report:
    """The report of `event_id`; StoreError when there is no such event."""
    with store.session() as session:
        event = session.get(Event, event_id)
        if event is None or event.deleted_at is not None:
            raise StoreError(
                _("There is no event with the id {event_id}.").format(event_id=event_id)
            )
        participants = list(
            session.scalars(
                select(Participant).where(
                    Participant.event_id == event_id, Participant.deleted_at.is_(None)
                )
            )
        )
        activities = list(
            session.scalars(
                select(Activity).where(Activity.event_id == event_id, Activity.deleted_at.is_(None))
            )
        )
        match_counts: dict[str, int] = {
            str(status): int(count)
            for status, count in session.execute(
                select(Match.status, func.count())
                .where(Match.event_id == event_id, Match.deleted_at.is_(None))
                .group_by(Match.status)
            ).all()
        }
        feedback = list(
            session.scalars(
                select(Feedback)
                .where(Feedback.event_id == event_id, Feedback.deleted_at.is_(None))
                .order_by(Feedback.created_at)
            )
        )
    report = Report(
        event_id=event.id,
        title=event.title,
        date=event.date,
        venue=event.venue,
        region=event.region,
        facilitator=event.facilitator,
        generated_at=store.clock.now().strftime("%Y-%m-%d %H:%M UTC"),
    )
    report.participants = len(participants)
    report.new_members = sum(1 for p in participants if not p.is_member)
    report.existing_members = report.participants - report.new_members
    report.offers = sum(1 for a in activities if a.kind == Kind.OFFER)
    report.requests = sum(1 for a in activities if a.kind == Kind.REQUEST)
    report.matches_confirmed = int(match_counts.get("confirmed", 0))
    report.matches_dismissed = int(match_counts.get("dismissed", 0))

    people = {p.id: p for p in participants}
    per_person = Counter(a.participant_id for a in activities if a.participant_id in people)
    report.activities_without_participant = sum(
        1 for a in activities if a.participant_id not in people
    )
    if participants:
        report.activities_per_participant = report.activities / len(participants)
        report.participants_without_activities = sum(
            1 for p in participants if not per_person[p.id]
        )
    report.most_activities_by_one_participant = max(per_person.values(), default=0)

    report.by_category = _count_by(
        activities, lambda a: list(a.categories or []), CATEGORIES, NO_CATEGORY
    )

    def places(activity: Activity) -> list[str]:
        if activity.regions:
            return list(activity.regions)
        author = people.get(activity.participant_id or "")
        return [author.region] if author is not None and author.region else []

    # Only the regions with entries: ten empty rows say nothing (unlike the categories, whose
    # empty rows show what was not offered).
    by_region = _count_by(activities, places, REGIONS, NO_REGION, keep_empty=False)
    # "No region" alone is no breakdown by region: the chart says there is none yet.
    report.by_region = by_region if any(r.label != NO_REGION for r in by_region) else []
    report.feedback = [
        FeedbackQuote(worked=f.worked, even_better_if=f.even_better_if, rating=f.rating)
        for f in feedback
    ]
    ratings = [f.rating for f in feedback if f.rating is not None]
    report.average_rating = sum(ratings) / len(ratings) if ratings else None
    report.run_chart = run_chart_points(store)
    report.run_chart_median = _median([p.activities for p in report.run_chart])
    return report


def label_text(key: str) -> str:
    """A category, a region or "No category" in the chosen language."""
    return _(key)


def _count_by(
    activities: list[Activity],
    labels_of: Any,
    known: tuple[str, ...],
    none_label: str,
    keep_empty: bool = True,
) -> list[KindCounts]:
    """Counts per label, every known label included (zero rows too, unless not
    `keep_empty`), unlabelled last.

    An activity with two categories counts under both: the chart answers "how much was
    offered in each category", not a partition of the activities.
    """
    offers: Counter[str] = Counter()
    requests: Counter[str] = Counter()
    for activity in activities:
        target = offers if activity.kind == Kind.OFFER else requests
        labels = labels_of(activity) or [none_label]
        for label in dict.fromkeys(labels):
            target[label] += 1
    order = list(known)
    order += sorted(label for label in set(offers) | set(requests) if label not in known)
    if none_label in order:
        order.remove(none_label)
    if offers[none_label] or requests[none_label]:
        order.append(none_label)
    rows = [KindCounts(label, offers[label], requests[label]) for label in order]
    return rows if keep_empty else [r for r in rows if r.offers or r.requests]


# ---------------------------------------------------------------- PDF

OFFER_COLOUR = "#1f6f8b"
REQUEST_COLOUR = "#e07a1f"
MEDIAN_COLOUR = "#b3261e"
INK = "#1a1a1a"


def _register_fonts() -> tuple[str, str]:
    """DejaVu from assets/ (names in any script) when present, else the built-in Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        from hexikit.base.resources import asset

        regular = asset("fonts", "DejaVuSans.ttf")
        bold = asset("fonts", "DejaVuSans-Bold.ttf")
        if regular.is_file() and bold.is_file():
            if "HexikitSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("HexikitSans", str(regular)))
                pdfmetrics.registerFont(TTFont("HexikitSans-Bold", str(bold)))
            return "HexikitSans", "HexikitSans-Bold"
    except (OSError, FileNotFoundError) as exc:  # pragma: no cover - depends on the install
        log.warning("report fonts unavailable (%s); using Helvetica", exc)
    return "Helvetica", "Helvetica-Bold"


def _bar_chart(
    rows: list[KindCounts], title: str, width: float, font: str, bold: str, empty_text: str = ""
) -> Any:
    """Horizontal grouped bars (offers, requests) per label, as a reportlab Drawing; with no
    rows and an `empty_text`, the title and that sentence."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    if not rows and empty_text:
        drawing = Drawing(width, 40)
        drawing.add(
            String(0, 26, title, fontName=bold, fontSize=12, fillColor=colors.HexColor(INK))
        )
        drawing.add(
            String(0, 6, empty_text, fontName=font, fontSize=10, fillColor=colors.HexColor(INK))
        )
        return drawing

    bar_rows = max(len(rows), 1)
    plot_height = 18 * bar_rows
    height = plot_height + 70
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 14, title, fontName=bold, fontSize=12, fillColor=colors.HexColor(INK))
    )
    chart = HorizontalBarChart()
    chart.x = 150
    chart.y = 30
    chart.width = int(width - 170)
    chart.height = plot_height
    # reportlab draws the first category at the bottom: reverse so the list reads top-down.
    ordered = list(reversed(rows)) or [KindCounts("–", 0, 0)]
    chart.data = [[r.requests for r in ordered], [r.offers for r in ordered]]
    chart.categoryAxis.categoryNames = [_shorten(label_text(r.label), 28) for r in ordered]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    top = max([r.offers for r in rows] + [r.requests for r in rows] + [1])
    chart.valueAxis.valueMax = _nice_top(top)
    chart.valueAxis.valueStep = _nice_step(chart.valueAxis.valueMax)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.bars[0].fillColor = colors.HexColor(REQUEST_COLOUR)
    chart.bars[1].fillColor = colors.HexColor(OFFER_COLOUR)
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 5
    drawing.add(chart)
    legend = Legend()
    legend.x = 150
    legend.y = height - 24
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = font
    legend.fontSize = 8
    legend.dx = 8
    legend.dy = 8
    legend.deltax = 80
    legend.colorNamePairs = [
        (colors.HexColor(OFFER_COLOUR), _("Offers")),
        (colors.HexColor(REQUEST_COLOUR), _("Requests")),
    ]
    drawing.add(legend)
    return drawing


def nice_axis(top: float) -> tuple[float, float]:
    """A count axis's top and step, both whole numbers (1, 2, 5, 10… steps) at or above
    `top`: 13 gives (14, 2), never 3.25 / 6.5 / 9.75."""
    nice = _nice_top(max(top, 1))
    return nice, _nice_step(nice)


def _nice_step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if top / step <= 8:
            return float(step)
    return float(int(top / 8) + 1)


def _nice_top(top: float) -> float:
    step = _nice_step(top)
    return float(step * (int(top / step) + (0 if top % step == 0 else 1)))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _run_chart(
    points: list[RunPoint],
    median: float | None,
    current_id: str,
    width: float,
    font: str,
    bold: str,
) -> Any:
    """Activities per event over time, with the median as a dashed line: a QI run chart."""
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Circle, Drawing, Line, String
    from reportlab.lib import colors

    height = 230.0
    drawing = Drawing(width, height)
    drawing.add(
        String(
            0,
            height - 14,
            _("Run chart: activities generated per event"),
            fontName=bold,
            fontSize=12,
            fillColor=colors.HexColor(INK),
        )
    )
    plot = LinePlot()
    plot.x = 40
    plot.y = 40
    plot.width = int(width - 60)
    plot.height = int(height - 90)
    values = [p.activities for p in points]
    series = [(float(i + 1), float(v)) for i, v in enumerate(values)] or [(1.0, 0.0)]
    plot.data = [series]
    plot.lines[0].strokeColor = colors.HexColor(OFFER_COLOUR)
    plot.lines[0].strokeWidth = 1.5 if len(points) < 60 else 0.8
    if len(points) <= 60:
        from reportlab.graphics.widgets.markers import Marker

        # What makeMarker("FilledCircle", size=...) builds, but typed (its stub is not).
        plot.lines[0].symbol = Marker(kind="FilledCircle", size=4 if len(points) < 30 else 2.5)
    plot.xValueAxis.valueMin = 0.5
    plot.xValueAxis.valueMax = max(len(points), 1) + 0.5
    plot.xValueAxis.valueStep = _nice_step(max(len(points), 1))
    plot.xValueAxis.labels.fontName = font
    plot.xValueAxis.labels.fontSize = 8
    plot.xValueAxis.labelTextFormat = "%d"
    drawing.add(
        String(
            plot.x + plot.width,
            plot.y - 24,
            _("event number"),
            fontName=font,
            fontSize=8,
            fillColor=colors.HexColor("#555555"),
            textAnchor="end",
        )
    )
    top = _nice_top(max([*values, 1]))
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = top
    plot.yValueAxis.valueStep = _nice_step(top)
    plot.yValueAxis.labels.fontName = font
    plot.yValueAxis.labels.fontSize = 8
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#e4e4e4")
    drawing.add(plot)
    x_span = plot.xValueAxis.valueMax - plot.xValueAxis.valueMin

    def to_x(value: float) -> float:
        return float(plot.x + (value - plot.xValueAxis.valueMin) / x_span * plot.width)

    def to_y(value: float) -> float:
        return float(plot.y + value / top * plot.height)

    if median is not None:
        y = to_y(median)
        drawing.add(
            Line(
                plot.x,
                y,
                plot.x + plot.width,
                y,
                strokeColor=colors.HexColor(MEDIAN_COLOUR),
                strokeWidth=1.2,
                strokeDashArray=[5, 3],
            )
        )
        drawing.add(
            String(
                plot.x + 4,
                y + 4,
                _("median {value:g}").format(value=median),
                fontName=font,
                fontSize=8,
                fillColor=colors.HexColor(MEDIAN_COLOUR),
                textAnchor="start",
            )
        )
    for index, point in enumerate(points):
        if point.event_id == current_id:
            drawing.add(
                Circle(
                    to_x(index + 1),
                    to_y(point.activities),
                    5,
                    fillColor=None,
                    strokeColor=colors.HexColor(REQUEST_COLOUR),
                    strokeWidth=1.5,
                )
            )
    first = points[0].date if points else ""
    last = points[-1].date if points else ""
    axis_note = _(
        "Events in date order ({first} to {last}); the ringed point is this event."
    ).format(first=first or "–", last=last or "–")
    drawing.add(
        String(
            plot.x, 8, axis_note, fontName=font, fontSize=8, fillColor=colors.HexColor("#555555")
        )
    )
    return drawing


def write_pdf(report: Report, path: Path) -> Path:
    """Write the report as a PDF at `path` (atomically: a temporary file, then rename)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    font, bold = _register_fonts()
    heading = ParagraphStyle("heading", fontName=bold, fontSize=20, leading=24, spaceAfter=6)
    subheading = ParagraphStyle(
        "sub", fontName=bold, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4
    )
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13)
    quote = ParagraphStyle("quote", parent=body, leftIndent=10, spaceAfter=4)
    muted = ParagraphStyle("muted", parent=body, textColor=colors.HexColor("#555555"))

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Hexithon report: {title}").format(title=report.title),
        author="Hexikit",
    )
    width = doc.width
    story: list[Any] = [
        Paragraph(escape(_("Hexithon report: {title}").format(title=report.title)), heading)
    ]
    details = [
        d
        for d in (report.date, report.venue, label_text(report.region) if report.region else "")
        if d
    ]
    if report.facilitator:
        details.append(_("facilitated by {name}").format(name=report.facilitator))
    if details:
        story.append(Paragraph(escape(" · ".join(details)), muted))
    story.append(
        Paragraph(escape(_("Made by Hexikit on {when}.").format(when=report.generated_at)), muted)
    )
    story.append(Spacer(1, 8))
    if report.is_empty:
        story.append(Paragraph(escape(report.empty_message()), subheading))
    rows = [
        [Paragraph(escape(label), body), Paragraph(escape(value), body)]
        for label, value in report.summary_lines()
    ]
    table = Table(rows, colWidths=[width * 0.6, width * 0.4])
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#cccccc")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)
    extra = []
    if report.most_activities_by_one_participant:
        extra.append(
            _("The most activities from one participant: {count}.").format(
                count=report.most_activities_by_one_participant
            )
        )
    if report.participants_without_activities:
        extra.append(
            ngettext(
                "{count} participant has no activity recorded.",
                "{count} participants have no activity recorded.",
                report.participants_without_activities,
            ).format(count=report.participants_without_activities)
        )
    if report.activities_without_participant:
        extra.append(
            ngettext(
                "{count} activity has no participant attached.",
                "{count} activities have no participant attached.",
                report.activities_without_participant,
            ).format(count=report.activities_without_participant)
        )
    for line in extra:
        story.append(Paragraph(escape(line), muted))
    story.append(Spacer(1, 10))
    story.append(
        KeepTogether(
            [
                _bar_chart(
                    report.by_category, _("Offers and requests by category"), width, font, bold
                )
            ]
        )
    )
    story.append(Spacer(1, 8))
    story.append(
        KeepTogether(
            [
                _bar_chart(
                    report.by_region,
                    _("Offers and requests by region"),
                    width,
                    font,
                    bold,
                    empty_text=_(NO_REGION_ENTRIES),
                )
            ]
        )
    )
    story.append(Spacer(1, 8))
    story.append(
        KeepTogether(
            [
                _run_chart(
                    report.run_chart, report.run_chart_median, report.event_id, width, font, bold
                )
            ]
        )
    )
    story.append(Paragraph(escape(_("Feedback")), subheading))
    if report.average_rating is not None:
        story.append(
            Paragraph(
                escape(
                    _("Average rating: {value:.1f} out of 5.").format(value=report.average_rating)
                ),
                body,
            )
        )
    if not report.feedback:
        story.append(Paragraph(escape(_("No feedback was recorded for this event.")), muted))
    worked_label = escape(_("What worked:"))
    better_label = escape(_("Even better if:"))
    for entry in report.feedback:
        parts = []
        if entry.worked:
            parts.append(f"<b>{worked_label}</b> “{escape(entry.worked)}”")
        if entry.even_better_if:
            parts.append(f"<b>{better_label}</b> “{escape(entry.even_better_if)}”")
        if entry.rating is not None:
            parts.append(escape(_("Rating {rating}/5").format(rating=entry.rating)))
        story.append(Paragraph("<br/>".join(parts), quote))

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, _("Page {number}").format(number=doc_.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    atomic_write_bytes(path, buffer.getvalue())
    return path
