"""An import job as people read it: its progress, then what it read, kept and refused, the
rejections per rule and the first rejected rows by row number, in the reader's language."""

from __future__ import annotations

from typing import Any

from layak.core.messages import CATALOGUE, Lang, msg
from layak.profil.models import ImportStatus, ProfilImport

SHOWN_ROWS = 50  # the first rejected rows listed on the page; the counts cover them all


def rule_name(rule: str, lang: Lang) -> str:
    key = f"profil.rule_name.{rule}"
    return msg(key).render(lang) if key in CATALOGUE else rule


def rule_text(rule: str, lang: Lang, first_row: object = None) -> str:
    """The rule as the reader's sentence; a duplicate names the row the NIK first came on."""
    key = f"profil.rule.{rule}"
    return msg(key, first_row=first_row or "?").render(lang) if key in CATALOGUE else rule


def job_context(job: ProfilImport, lang: Lang) -> dict[str, Any]:
    result: dict[str, Any] = job.result or {}
    rejections = [
        {"rule": rule, "name": rule_name(rule, lang), "count": count}
        for rule, count in sorted(
            (result.get("rejections") or {}).items(), key=lambda item: (-item[1], item[0])
        )
        if count
    ]
    rows = [
        {
            "row": item.get("row"),
            "rule": rule_name(str(item.get("rule", "")), lang),
            "text": rule_text(str(item.get("rule", "")), lang, item.get("first_row")),
        }
        for item in (result.get("rejected_rows") or [])[:SHOWN_ROWS]
    ]
    return {
        "job": job,
        "running": not job.finished,
        "done": job.status == ImportStatus.DONE,
        "result": result,
        "has_counts": "rows_read" in result,
        "rejections": rejections,
        "rejected_rows": rows,
        "more_rows": max(0, int(result.get("rows_rejected") or 0) - len(rows)),
        "problems": job.outcome(lang),
    }
