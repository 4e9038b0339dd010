"""The source pages in sources/ (never edited by hand): one page per source with its provenance,
the cleaning it needed and its clean text with every fact highlighted and anchored, and the
sources index. Called by `pages.generate.write_pages`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd

from eastwest.core.files import write_text
from eastwest.core.paths import ProjectPaths
from eastwest.core.plaintext import markdown_text
from eastwest.dataset import load
from eastwest.pages.render import render
from eastwest.reader import wording
from eastwest.reader.links import bib_key, fact_anchor, source_page
from eastwest.reader.wording import fact_label, value_with_status
from eastwest.sources.cleaning import GARBLED_MARK


def _chapter_link(chapter: str) -> str:
    return f"../chapters/{chapter}.html"


def _anchors(facts: pd.DataFrame) -> list[tuple[int, int, pd.Series]]:
    """Each fact's span in the clean text (its number, else its quote), in text order."""
    anchors = []
    for _, f in facts.iterrows():
        if pd.notna(f["number_start"]):
            anchors.append((int(f["number_start"]), int(f["number_end"]), f))
        else:
            anchors.append((int(f["quote_start"]), int(f["quote_end"]), f))
    anchors.sort(key=lambda a: (a[0], a[1], a[2]["fact_id"]))
    return anchors


def nested_count(facts: pd.DataFrame) -> int:
    """How many facts start inside an earlier fact's highlight: they get an anchor, not a highlight."""
    nested, cursor = 0, 0
    for start, end, _ in _anchors(facts):
        if start >= cursor:
            cursor = end
        else:
            nested += 1
    return nested


@dataclass(frozen=True)
class HighlightWords:
    """How a highlight words its fact, in one language: its label (title), the value shown beside
    it, the ↩ link's name and the language of both."""

    label: Callable[[pd.Series], str] = fact_label
    shown: Callable[[pd.Series], str] = value_with_status
    back: Callable[[pd.Series], str] = lambda f: wording.BACK_TO_USE.format(chapter=wording.THEME_LABELS[f["theme"]])
    lang: str = "en"


def highlighted_text(text: str, facts: pd.DataFrame, words: HighlightWords = HighlightWords()) -> str:
    anchors = _anchors(facts)
    out, cursor = [], 0
    for start, end, f in anchors:
        label = words.label(f)
        used = escape(words.back(f))
        # the href names the fact's chapter; eastwest.sphinx_ext.fact_uses adds the place it is used
        back = (
            f'<a class="fact-back" data-fact-back="{escape(f["fact_id"])}" href="{_chapter_link(f["chapter"])}" '
            f'title="{used}" aria-label="{used}" lang="{words.lang}">&#8617;</a>'
        )
        if start >= cursor:
            out.append(escape(text[cursor:start]))
            cls = "fact fact-missing" if pd.isna(f["value"]) else "fact"
            out.append(
                f'<mark class="{cls}" id="{fact_anchor(f["fact_id"])}" title="{escape(label)}" '
                f'data-theme="{escape(f["theme"])}">{escape(text[start:end])}</mark>'
                f'<sup class="fact-label" lang="{words.lang}">{escape(words.shown(f))}</sup>{back}'
            )
            cursor = end
        else:  # overlaps the previous highlight: keep a separate anchor right after it
            out.append(f'<span class="fact-anchor" id="{fact_anchor(f["fact_id"])}" title="{escape(label)}"></span>')
    out.append(escape(text[cursor:]))
    html = "".join(out).replace(escape(GARBLED_MARK), f'<span class="garbled">{escape(GARBLED_MARK)}</span>')
    paragraphs = [p for p in html.split("\n\n") if p.strip()]
    return '<div class="source-text" lang="zh-Hans">\n' + "\n".join(f"<p>{p.strip()}</p>" for p in paragraphs) + "\n</div>"


class Markup(str):
    """HTML built here from escaped parts, placed in a table cell as it is."""


def _address_html(row: pd.Series) -> Markup:
    """The original's address as a link where it is known; a page path completed with its outlet's
    site is marked as such, with the evidence; otherwise what the copy gives, said plainly."""
    url, kind, site = row["url"] or "", row["url_kind"], row.get("site") or ""
    if kind == "url" and url:
        return Markup(f'<a class="reference external" href="{escape(url)}">{escape(url)}</a>')
    if kind == "page_path" and site:
        full = f"https://{site}{url}"
        return Markup(
            f'<a class="reference external" href="{escape(full)}">{escape(full)}</a><br>'
            f'<span class="address-note">Site inferred, not from the copy: {escape(row.get("site_evidence") or "")}</span>'
        )
    if kind == "page_path" and url:
        return Markup(f"Only a page path, {escape(url)}, on an unrecorded site")
    return Markup("Not given in the copy received; the outlet and title above are the way to find it")


def _provenance_table(row: pd.Series) -> str:
    fields = [
        ("Chinese title", row["title_zh"] or "(untitled in the source)"),
        ("English title", row["title_en"]),
        ("Outlet", row["outlet"]),
        ("Author", row["author"] or "not named"),
        ("Date on the page", row["published"] or "none"),
        ("What that date is", row["date_status"].replace("_", " ")),
        ("Best estimate of the date", row["date_estimate"] or "none"),
        ("How the date was established", row["date_evidence"]),
        ("Address of the original", _address_html(row)),
        ("Genre", row["genre"].replace("_", " ")),
        ("Script of the raw file", row["script"]),
        ("Pairings covered", row["pairings"].replace(";", ", ")),
        ("Reliability", row["reliability"]),
        ("Raw file and checksum", f"seeds/{row['source_id']}.txt · sha256 {row['sha256']}"),
    ]
    body = "".join(f"<tr><th>{escape(k)}</th><td>{v if isinstance(v, Markup) else escape(str(v))}</td></tr>" for k, v in fields)
    return f'<table class="provenance">{body}</table>'


def _fact_words(fact_id: str, facts: pd.DataFrame | None) -> str:
    """A fact as a link names it for a reader: its value and what it counts ('¥120 m · Aid funds
    of all kinds secured'); its id only where the fact is not at hand."""
    found = facts[facts.fact_id == fact_id] if facts is not None and "fact_id" in facts else None
    if found is None or found.empty:
        return fact_id
    f = found.iloc[0]
    what = f["indicator_label"] + (f" ({f['breakdown']})" if f["breakdown"] else "")
    if pd.isna(f["value"]):  # listed as a number the source lost: what it counts says which
        status = wording.status_text(f)
        return what + (f" ({status})" if status else "")
    return f"{value_with_status(f)} · {what}"


def _cleaning_summary(log: dict, fact_page: str = "", facts: pd.DataFrame | None = None) -> str:
    """What cleaning did; `fact_page` is the source page's file name when listed on another page,
    `facts` the source's facts (a link to one is named by its value and what it counts)."""
    items = [
        f"<li>{len(log['lines_removed'])} raw lines removed: "
        + ", ".join(f"{escape(rule.replace('_', ' '))} ({n})" for rule, n in log["lines_removed_by_rule"].items())
        + "</li>"
    ]
    if log.get("byte_order_mark_stripped"):
        items.append("<li>a byte-order mark at the start of the file removed (it would have shifted every offset)</li>")
    if log["pinyin_glosses_stripped"]:
        items.append(f"<li>{log['pinyin_glosses_stripped']} pinyin glosses stripped</li>")
    if log["script_conversion"]:
        items.append(
            f"<li>converted to simplified characters with OpenCC ({escape(log['script_conversion'])}; "
            f"{log['characters_converted']} characters changed)</li>"
        )
    for run in log["garbled_runs"]:
        items.append(
            f"<li>garbled run on raw line {run['line']} shown as {escape(GARBLED_MARK)}: <code>{escape(run['text'])}</code></li>"
        )
    for entry in log.get("numbers_missing_in_source", []):
        items.append(
            f'<li>number missing in the source: <a href="{fact_page}#{fact_anchor(entry["fact_id"])}">'
            f"{escape(_fact_words(entry['fact_id'], facts))}</a></li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def source_page_markdown(row: pd.Series, facts: pd.DataFrame, text: str, log: dict) -> str:
    return render(
        "source_page",
        title=markdown_text(row["title_zh"] or row["title_en"]),  # a Markdown heading and emphasis
        title_en=markdown_text(row["title_en"]),
        key=bib_key(row["source_id"]),
        facts_sentence=wording.highlighted_count(len(facts), nested_count(facts)),
        provenance=_provenance_table(row),
        cleaning=_cleaning_summary(log, facts=facts),
        removed_lines=_removed_lines_table(log),
        years_stripped=_years_stripped(facts),
        text=highlighted_text(text, facts),
    )


def sources_index_markdown(sources: pd.DataFrame) -> str:
    rows = "".join(
        f'<tr><td><a href="{source_page(r["source_id"])}.html">{escape(r["title_zh"] or r["title_en"])}</a><br>'
        # the English title under the Chinese one; a source with no Chinese title shows it once
        + (f"<small>{escape(r['title_en'])}</small>" if r["title_zh"] else "<small>(no Chinese title in the source)</small>")
        + f"</td><td>{escape(r['outlet'])}</td>"
        # an undated page says 'undated' once
        f"<td>{escape(r['published'] or 'undated')}<br><small>{escape(r['date_status'].replace('_', ' ')) if r['date_status'] != 'undated' else ''}</small></td>"
        f"<td>{escape(r['genre'].replace('_', ' '))}</td><td>{escape(r['facts'])}</td></tr>"
        for _, r in sources.iterrows()
    )
    return render("sources_index", rows=rows)


def _removed_lines_table(entry: dict) -> str:
    removed = "".join(
        f"<tr><td>{r['line']}</td><td>{escape(r['rule'].replace('_', ' '))}</td><td>{escape(r['reason'])}</td><td>{r['chars']}</td></tr>"
        for r in entry["lines_removed"]
    )
    return (
        f'<table class="quality"><thead><tr><th>raw line</th><th>rule</th><th>why</th><th>characters</th></tr></thead>'
        f"<tbody>{removed}</tbody></table>"
    )


def _years_stripped(facts: pd.DataFrame, page: str = "") -> str:
    """The facts of one source whose dates lost their year, linked to their highlights."""
    flagged = facts[facts["flags"].str.contains("year_missing_in_source")]
    if not len(flagged):
        return ""
    items = "".join(
        f'<li><a href="{page}#{fact_anchor(f["fact_id"])}">{escape(_fact_words(f["fact_id"], facts))}</a>: '
        f'<span lang="zh">{escape(f["quote"])}</span></li>'
        for _, f in flagged.iterrows()
    )
    return f"<p>Years stripped from dates ({len(flagged)} facts):</p><ul>{items}</ul>\n"


def write_source_pages(paths: ProjectPaths, sources: pd.DataFrame, facts: pd.DataFrame, log: dict) -> None:
    """Write one page per source and the index into sources/ (which `write_pages` has emptied)."""
    out = paths.source_pages
    for _, row in sources.iterrows():
        sid = row["source_id"]
        page = source_page_markdown(row, facts[facts.source_id == sid], load.clean_text(sid, paths), log[sid])
        write_text(out / f"{source_page(sid)}.md", page)
    write_text(out / "index.md", sources_index_markdown(sources))
