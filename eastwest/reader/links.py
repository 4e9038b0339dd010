"""Citations: one BibTeX entry per seed and per outside source, and the links from a fact to
the highlighted sentence on its source page."""
from __future__ import annotations

import csv
import re
from typing import TYPE_CHECKING

from eastwest.core.files import write_text
from eastwest.core.paths import PROJECT, ProjectPaths

if TYPE_CHECKING:  # provenance imports pydantic, which only writing the bibliography needs
    from eastwest.sources.provenance import SourceRecord

SOURCE_PAGE_PREFIX = "src-"


def bib_key(source_id: str) -> str:
    return "src" + source_id.split("_")[0]


def context_key(outlet: str, published: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "", outlet.lower().split("(")[0])[:18] or "outside"
    return f"ctx-{slug}-{published or 'nd'}"


def cite(*source_ids: str) -> str:
    """MyST citation role for one or more sources: {cite}`src000,src002`."""
    keys = ",".join(dict.fromkeys(bib_key(s) for s in source_ids))
    return "{cite:p}`" + keys + "`"


def source_page(source_id: str) -> str:
    return f"{SOURCE_PAGE_PREFIX}{source_id}"


def fact_anchor(fact_id: str) -> str:
    return f"fact-{fact_id}"


def source_href(source_id: str, from_dir: str = "chapters") -> str:
    """Relative link from a page in `from_dir` ("" for the book's root) to a source page."""
    up = "../" if from_dir else ""
    return f"{up}sources/{source_page(source_id)}.html"


def fact_href(fact_id: str, source_id: str, from_dir: str = "chapters") -> str:
    """Relative link from a page in `from_dir` to the fact's highlighted sentence."""
    return f"{source_href(source_id, from_dir)}#{fact_anchor(fact_id)}"


def _bib_escape(text: str) -> str:
    return text.replace("\\", "").replace("{", "(").replace("}", ")").replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


def _year(record: SourceRecord) -> str:
    date = record.published or record.date_estimate or ""
    return date[:4] if date else "n.d."


def reader_label(source) -> str:
    """The label a citation shows: the reader's name of the source without its comma ('Litchi News
    2021-02-27', 'China News Service 2020-10-10'), so that '[A, B]' still reads as two sources."""
    from eastwest.dataset.load import source_label

    return source_label(source).replace(", ", " ")


def seed_entry(record: SourceRecord) -> str:
    author = record.author.split(" (")[0].split(",")[0] if record.author else record.outlet.split(" (")[0]
    title = record.title_zh or record.title_en
    fields = {
        "author": "{" + _bib_escape(author) + "}",
        "title": "{" + _bib_escape(title) + "}",  # braces keep the capitals pybtex would lower
        "howpublished": _bib_escape(record.outlet),
        "year": _year(record),
        "note": _bib_escape(
            f"{record.title_en}. In Chinese. Date: {record.published or 'undated'} ({record.date_status.replace('_', ' ')}"
            + (f"; best estimate {record.date_estimate}" if record.date_estimate and record.date_estimate != record.published else "")
            + f"). Genre: {record.genre.replace('_', ' ')}. Seed file seeds/{record.source_id}.txt"
            + (f"; page path {record.url}" if record.url and record.url_kind == "page_path" else "")
            + (f" (address inferred from the outlet's site: {record.address()})" if record.site else "")
            + (f"; address {record.url}" if record.url_kind == "url" and record.url else "")
        ),
        "language": "Chinese",
        "shortname": _bib_escape(reader_label(record.model_dump())),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@misc{{{bib_key(record.source_id)},\n{body}\n}}\n"


def context_entries(paths: ProjectPaths) -> list[str]:
    path = paths.reference / "national_context.csv"
    if not path.exists():
        return []
    seen = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = context_key(row["outlet"], row["published"])
            seen.setdefault(key, row)
    entries = []
    for key, row in sorted(seen.items()):
        fields = {
            "author": "{" + _bib_escape(row["outlet"]) + "}",
            "title": "{" + _bib_escape(f"Outside context figures reported by {row['outlet']}") + "}",
            "year": row["published"][:4] if row["published"] else "n.d.",
            "note": _bib_escape(f"Published {row['published'] or 'undated'}; reliability: {row['reliability']}. "
                                "Read in a stored copy; see data/reference/national_context.csv"),
            "shortname": _bib_escape(reader_label({"outlet": row["outlet"], "date_status": "as_given",
                                                   "published": row["published"]})),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return entries


def write_bibliography(paths: ProjectPaths = PROJECT) -> None:
    from eastwest.sources.provenance import load_records

    records = load_records(paths)
    header = "% Generated by `python -m eastwest pages` from seeds/sources.yml and data/reference/national_context.csv.\n\n"
    write_text(paths.bibliography, header + "\n".join([*(seed_entry(r) for r in records), *context_entries(paths)]))
