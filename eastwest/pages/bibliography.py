"""The bibliography (references.bib): one BibTeX entry per seed and per outside source."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from eastwest.core.files import write_text
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.reader.languages import CHINESE, FOLDER
from eastwest.reader.links import bib_key, context_key
from eastwest.reader.wording import label_suffixes, source_date_text, source_label
from eastwest.reference.context import check_context, context_path

if TYPE_CHECKING:  # provenance imports pydantic, which only writing the bibliography needs
    from eastwest.sources.provenance import SourceRecord


def _bib_escape(text: str) -> str:
    return text.replace("\\", "").replace("{", "(").replace("}", ")").replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


def _year(record: SourceRecord) -> str:
    """The year of publication the page gives; an undated page's estimate is said to be one, so the
    entry never shows a guessed year as the publication's ('n.d. [c. 2017, estimated]')."""
    if record.published:
        return record.published[:4]
    if record.date_estimate:
        return f"n.d. [c. {record.date_estimate[:4]}, estimated]"
    return "n.d."


def reader_label(source) -> str:
    """The label a citation shows: the reader's name of the source without its comma ('Litchi News
    2021-02-27', 'China News Service 2020-10-10'), so that '[A, B]' still reads as two sources."""
    return source_label(source).replace(", ", " ")


def seed_entry(record: SourceRecord, label_suffix: str = "") -> str:
    author = record.author.split(" (")[0].split(",")[0] if record.author else record.outlet.split(" (")[0]
    title = record.title_zh or record.title_en
    fields = {
        "author": "{" + _bib_escape(author) + "}",
        "title": "{" + _bib_escape(title) + "}",  # braces keep the capitals pybtex would lower
        "howpublished": _bib_escape(record.outlet),
        "year": _year(record),
        "note": _bib_escape(
            (f"{record.title_en}. " if record.title_zh else "")
            + f"In Chinese. Date: {source_date_text(record.published, record.date_status, record.date_estimate)}"
            + f". Genre: {record.genre.replace('_', ' ')}. Seed file seeds/{record.source_id}.txt"
            + (f"; page path {record.url}" if record.url and record.url_kind == "page_path" else "")
            + (f" (address inferred from the outlet's site: {record.address()})" if record.site else "")
            + (f"; address {record.url}" if record.url_kind == "url" and record.url else "")
        ),
        "language": "Chinese",
        "shortname": _bib_escape(reader_label({**record.model_dump(), "label_suffix": label_suffix})),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@misc{{{bib_key(record.source_id)},\n{body}\n}}\n"


def context_entries(paths: ProjectPaths) -> list[str]:
    path = context_path(paths)
    if not path.exists():
        return []
    check_context(paths)
    seen: dict[str, dict[str, str]] = {}  # one entry per outlet and date: the first row
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
            "note": _bib_escape(
                f"Published {row['published'] or 'undated'}; reliability: {row['reliability']}. "
                "Read in a stored copy; see data/reference/national_context.csv"
            ),
            "shortname": _bib_escape(
                reader_label({"outlet": row["outlet"], "date_status": "as_given", "published": row["published"]})
            ),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return entries


def context_entries_zh(paths: ProjectPaths) -> list[str]:
    """The outside outlets for the Chinese book: the same keys, each outlet by its Chinese name
    (national_context.csv `outlet_zh`, else as written) and Chinese notes."""
    from eastwest.reader import page_words_zh, wording_zh

    path = context_path(paths)
    if not path.exists():
        return []
    check_context(paths)
    seen: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            seen.setdefault(context_key(row["outlet"], row["published"]), row)
    entries = []
    for key, row in sorted(seen.items()):
        outlet = (row.get("outlet_zh") or "").strip() or row["outlet"]
        date = wording_zh.date_zh(row["published"]) if row["published"] else wording_zh.DATE_NOT_GIVEN_ZH
        reliability = page_words_zh.RELIABILITY_ZH.get(row["reliability"], row["reliability"])
        fields = {
            "author": "{" + _bib_escape(outlet) + "}",
            "title": "{" + _bib_escape(f"外部背景数字（{outlet}）") + "}",
            "year": row["published"][:4] if row["published"] else "未注明",
            "note": _bib_escape(
                f"发布日期：{date}；来源性质：{reliability}。据存档副本阅读；见 data/reference/national_context.csv"
            ),
            "shortname": _bib_escape(f"{outlet} {date}"),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@misc{{{key},\n{body}\n}}\n")
    return entries


def write_bibliography(paths: ProjectPaths = PROJECT) -> None:
    from eastwest.sources.provenance import load_records

    records = load_records(paths)
    header = "% Generated by `python -m eastwest pages` from seeds/sources.yml and data/reference/national_context.csv.\n\n"
    suffixes = label_suffixes([r.model_dump() for r in records])
    entries = [seed_entry(r, suffixes[r.source_id]) for r in records]
    write_text(paths.bibliography, header + "\n".join([*entries, *context_entries(paths)]))


# --- The Chinese book's bibliography ----------------------------------------------------------------

BIBLIOGRAPHY_PAGE_ZH = """<!-- Generated by `python -m eastwest pages` from data/. Do not edit. -->
# 参考文献

每篇资料都以媒体和日期称呼，图注和表格也用同一名称。文章之后列出本项目外部背景数字表（`data/reference/national_context.csv`）所用的媒体，均标明为外部资料：全部列出，但各页只引用其中一部分，且仅作背景。每篇文章的完整来源信息见[资料来源](sources/index.md)中该文的页面。

```{bibliography}
:all:
```
"""


def seed_entry_zh(record: SourceRecord, label_suffix: str = "") -> str:
    """A seed's entry for the Chinese book: the same key, its Chinese title, outlet and date, and the
    label a Chinese citation shows ('荔枝网 2021年2月27日')."""
    from eastwest.reader.pages_zh import GENRE_ZH, author_zh, outlet_zh, source_label_zh

    source = {**record.model_dump(), "label_suffix": label_suffix}
    author = author_zh(record.author or "")
    unnamed = f"{GENRE_ZH.get(record.genre, '资料')}（发布者不详）"  # an outlet the record names only in English
    fields = {
        "author": "{" + _bib_escape(author if author != "未署名" else outlet_zh(record.outlet) or unnamed) + "}",
        "title": "{" + _bib_escape(record.title_zh or "（所存文本无标题）") + "}",
        "howpublished": _bib_escape(outlet_zh(record.outlet) or unnamed),
        "year": record.published[:4]
        if record.published
        else f"约{record.date_estimate[:4]}年（推断）"
        if record.date_estimate
        else "未注明",
        "note": _bib_escape(
            f"中文。日期：{source_label_zh(source).split('，', 1)[-1]}。类型：{GENRE_ZH.get(record.genre, record.genre)}。"
            f"原始文件 seeds/{record.source_id}.txt"
            + (f"；网址{'（由媒体网站推断）' if record.site else ''} {record.address()}" if record.address() else "")
        ),
        "language": "Chinese",
        "shortname": _bib_escape(source_label_zh(source).replace("，", " ")),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@misc{{{bib_key(record.source_id)},\n{body}\n}}\n"


def write_bibliography_zh(paths: ProjectPaths = PROJECT) -> None:
    """zh/references.bib (the seeds with Chinese labels, the outside sources as in English) and
    zh/bibliography.md, the Chinese book's bibliography page."""
    from eastwest.sources.provenance import load_records

    records = load_records(paths)
    suffixes = label_suffixes([r.model_dump() for r in records])
    header = "% Generated by `python -m eastwest pages` for the Chinese book (zh/): the seeds' Chinese labels.\n\n"
    entries = [seed_entry_zh(r, suffixes[r.source_id]) for r in records]
    folder = paths.root / FOLDER[CHINESE]
    write_text(folder / "references.bib", header + "\n".join([*entries, *context_entries_zh(paths)]))
    write_text(folder / "bibliography.md", BIBLIOGRAPHY_PAGE_ZH)
