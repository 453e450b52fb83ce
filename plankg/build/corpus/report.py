"""What a corpus build prints at its end: the per-document table, the totals line and the
note on files of other types."""
from __future__ import annotations

from collections.abc import Callable

from .run import CorpusReport
from .walk import Walk


def summary_table(report: CorpusReport, width: Callable[[str], int] | None = None) -> str:
    """The per-document table printed at the end of a corpus build."""
    if width is None:
        from wcwidth import wcswidth

        def width(text: str) -> int:
            w = wcswidth(text)
            return w if w >= 0 else len(text)
    rows = [("#", "document", "tasks", "entities", "mentions", "warnings", "status")]
    for r in report.results:
        status = ("cached" if r.cached else "built") if r.ok else "FAILED"
        rows.append((str(r.index + 1), _cut(r.source, 48, width), str(r.tasks) if r.ok else "-",
                     str(r.entities) if r.ok else "-", str(r.mentions) if r.ok else "-",
                     str(len(r.warnings)) if r.ok else "-", status))
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - width(cell))
            cells.append(cell + pad if i in (1, 6) else pad + cell)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _cut(text: str, limit: int, width: Callable[[str], int]) -> str:
    if width(text) <= limit:
        return text
    while width("…" + text) > limit:
        text = text[1:]
    return "…" + text


def totals_line(report: CorpusReport) -> str:
    """The last line of a corpus build: documents, quads, entities, speed and memory."""
    built, failed = report.built, report.failed
    chars = sum(r.chars for r in built)
    seconds = max(report.seconds, 1e-9)
    own, workers = report.peak_rss
    return (f"{len(report.results)} documents: {len(built)} built ({report.cached} from cache), "
            f"{len(failed)} failed, {sum(len(r.warnings) for r in built)} warnings; "
            f"{report.quads:,} quads, {report.entities:,} shared entities; "
            f"{chars:,} characters in {report.seconds:.1f} s ({len(report.results) / seconds:.1f} documents/s, "
            f"{chars / seconds:,.0f} chars/s); peak memory {own / 2**20:.0f} MB"
            + (f" (largest worker {workers / 2**20:.0f} MB)" if report.jobs > 1 and workers else ""))


def ignored_note(walk_report: Walk) -> str | None:
    """A note on the files of other types a folder walk did not read, or None."""
    if not walk_report.ignored:
        return None
    kinds = ", ".join(f"{ext} ×{n}" if n > 1 else ext for ext, n in sorted(walk_report.ignored.items()))
    total = sum(walk_report.ignored.values())
    return f"{total} file{'s' if total != 1 else ''} of other types not read ({kinds})"
