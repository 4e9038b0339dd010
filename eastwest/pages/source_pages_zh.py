"""The Chinese source pages in zh/sources/ (never edited by hand): the counterpart of each page
eastwest.pages.source_pages writes, with the same highlights and the same anchors (a chapter's link
`../sources/src-….html#fact-…` opens the same sentence in either book), Chinese furniture and the
facts worded by eastwest.reader.wording_zh. Called by `pages.generate.write_pages`."""

from __future__ import annotations

from html import escape

import pandas as pd

from eastwest.core.files import write_text
from eastwest.core.paths import ProjectPaths
from eastwest.core.plaintext import markdown_text
from eastwest.dataset import load
from eastwest.pages.render import render
from eastwest.pages.source_pages import HighlightWords, highlighted_text, nested_count
from eastwest.reader import pages_zh, wording_zh
from eastwest.reader.links import bib_key, fact_anchor, source_page
from eastwest.sources.cleaning import GARBLED_MARK, rule_reason_zh

ZH_DIR = "zh"


def fact_label_zh(row: pd.Series) -> str:
    """A highlight's label: '计划1.2亿元左右 · 帮扶资金 · 2016—2020年'."""
    return f"{wording_zh.value_with_status_zh(row)} · {wording_zh.what_counted_zh(row)} · {wording_zh.period_text_zh(row)}"


HIGHLIGHT_WORDS_ZH = HighlightWords(
    label=fact_label_zh,
    shown=wording_zh.value_with_status_zh,
    back=lambda f: pages_zh.BACK_TO_USE_ZH.format(chapter=wording_zh.THEME_LABELS_ZH[f["theme"]]),
    lang="zh-Hans",
)


def fact_words_zh(fact_id: str, facts: pd.DataFrame) -> str:
    """A fact as a link names it: '1.2亿元 · 帮扶资金'; its id only where it is not at hand."""
    found = facts[facts.fact_id == fact_id] if "fact_id" in facts else facts.iloc[0:0]
    if found.empty:
        return fact_id
    f = found.iloc[0]
    if pd.isna(f["value"]):
        status = wording_zh.status_text_zh(f)
        what = wording_zh.what_counted_zh(f)
        return f"{what}（{status}）" if status else what
    return f"{wording_zh.value_with_status_zh(f)} · {wording_zh.what_counted_zh(f)}"


def untitled_or_title(row: pd.Series) -> str:
    """A source's Chinese title; for an article the copy gives untitled, its outlet and date, said so."""
    return str(row["title_zh"] or f"无标题文章 · {pages_zh.source_label_zh(row)}")


def _provenance_table(row: pd.Series, pairing_names: dict[str, str]) -> str:
    url, kind, site = row["url"] or "", row["url_kind"], row.get("site") or ""
    if kind == "url" and url:
        address = f'<a class="reference external" href="{escape(url)}">{escape(url)}</a>'
    elif kind == "page_path" and site:
        full = f"https://{site}{url}"
        address = (
            f'<a class="reference external" href="{escape(full)}">{escape(full)}</a><br>'
            '<span class="address-note">网站域名为推断，非原文所载（依据见英文版页面）</span>'
        )
    elif kind == "page_path" and url:
        address = f"仅有网页路径 {escape(url)}，网站不详"
    else:
        address = "所得文本未载原文地址，可凭上列信息查找"
    pairings = [p for p in str(row["pairings"]).split(";") if p]
    fields = [
        ("中文标题", escape(row["title_zh"] or "（所存文本无标题）")),
        ("发布媒体", pages_zh.outlet_html_zh(row["outlet"], row["genre"])),
        ("作者", escape(pages_zh.author_zh(row["author"]))),
        ("页面所载日期", escape(wording_zh.date_zh(row["published"]) if row["published"] else "无")),
        ("日期性质", escape(pages_zh.DATE_STATUS_ZH.get(row["date_status"], row["date_status"]))),
        ("撰写日期", escape(pages_zh.source_date_zh(row))),
        ("原文地址", address),
        ("文章类型", escape(pages_zh.GENRE_ZH.get(row["genre"], row["genre"]))),
        ("原始文件文字", escape(pages_zh.SCRIPT_ZH.get(row["script"], row["script"]))),
        ("涉及的结对", escape("、".join(pairing_names.get(p, p) for p in pairings) or "无")),
        ("原始文件及校验值", f"seeds/{escape(row['source_id'])}.txt · sha256 {escape(row['sha256'])}"),
    ]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in fields)
    return f'<table class="provenance">{body}</table>'


def _cleaning_summary(log: dict, facts: pd.DataFrame) -> str:
    rules = "、".join(f"{escape(rule_reason_zh(rule))}（{n}行）" for rule, n in log["lines_removed_by_rule"].items())
    items = [f"<li>删除原始文本{len(log['lines_removed'])}行" + (f"：{rules}" if rules else "") + "</li>"]
    if log.get("byte_order_mark_stripped"):
        items.append("<li>删除文件开头的字节顺序标记（否则每个位置都会偏移）</li>")
    if log["pinyin_glosses_stripped"]:
        items.append(f"<li>删除拼音注音{log['pinyin_glosses_stripped']}处</li>")
    if log["script_conversion"]:
        items.append(f"<li>繁体字转为简体字（改动{log['characters_converted']}个字）</li>")
    for run in log["garbled_runs"]:
        items.append(
            f"<li>原始第{run['line']}行有乱码，文中以<code>{escape(GARBLED_MARK)}</code>标示：<code>{escape(run['text'])}</code></li>"
        )
    for entry in log.get("numbers_missing_in_source", []):
        items.append(
            f'<li>原文缺数字：<a href="#{fact_anchor(entry["fact_id"])}">{escape(fact_words_zh(entry["fact_id"], facts))}</a></li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def _removed_lines_table(entry: dict) -> str:
    removed = "".join(
        f"<tr><td>{r['line']}</td><td>{escape(rule_reason_zh(r['rule']))}</td><td>{r['chars']}</td></tr>"
        for r in entry["lines_removed"]
    )
    return (
        '<table class="quality"><thead><tr><th>原始行号</th><th>删除原因</th><th>字数</th></tr></thead>'
        f"<tbody>{removed}</tbody></table>"
    )


def _years_stripped(facts: pd.DataFrame) -> str:
    flagged = facts[facts["flags"].str.contains("year_missing_in_source")]
    if not len(flagged):
        return ""
    items = "".join(
        f'<li><a href="#{fact_anchor(f["fact_id"])}">{escape(fact_words_zh(f["fact_id"], facts))}</a>：{escape(f["quote"])}</li>'
        for _, f in flagged.iterrows()
    )
    return f"<p>日期中的年份被删去（{len(flagged)}条数据）：</p><ul>{items}</ul>\n"


def source_page_markdown_zh(row: pd.Series, facts: pd.DataFrame, text: str, log: dict, pairing_names: dict[str, str]) -> str:
    return render(
        "zh/source_page",
        title=markdown_text(untitled_or_title(row)),
        key=bib_key(row["source_id"]),
        facts_sentence=pages_zh.highlighted_count_zh(len(facts), nested_count(facts)),
        provenance=_provenance_table(row, pairing_names),
        cleaning=_cleaning_summary(log, facts),
        removed_lines=_removed_lines_table(log),
        years_stripped=_years_stripped(facts),
        text=highlighted_text(text, facts, HIGHLIGHT_WORDS_ZH),
    )


def _date_note_zh(source) -> str:
    """Under a source's date: how it was established; for a repost or a page date named by the
    estimated date of writing, the page's own date too ('转载日期：2020年6月29日')."""
    status = pages_zh.DATE_STATUS_ZH.get(source["date_status"], "")
    if source["date_status"] != "as_given" and source["published"] and status:
        return f"{status}：{wording_zh.date_zh(source['published'])}"
    return status


def sources_index_markdown_zh(sources: pd.DataFrame) -> str:
    rows = "".join(
        f'<tr><td><a href="{source_page(r["source_id"])}.html">{escape(untitled_or_title(r))}</a></td>'
        f"<td>{pages_zh.outlet_html_zh(r['outlet'], r['genre'])}</td>"
        f"<td>{escape(pages_zh.source_date_zh(r))}<br><small>{escape(_date_note_zh(r))}</small></td>"
        f"<td>{escape(pages_zh.GENRE_ZH.get(r['genre'], r['genre']))}</td><td>{escape(r['facts'])}</td></tr>"
        for _, r in sources.iterrows()
    )
    return render("zh/sources_index", rows=rows)


def write_source_pages_zh(paths: ProjectPaths, sources: pd.DataFrame, facts: pd.DataFrame, log: dict) -> None:
    """Write zh/sources/: one page per source and the index (the folder emptied by `write_pages`)."""
    out = paths.root / ZH_DIR / paths.source_pages.relative_to(paths.root)
    places = load.places(paths).set_index("id", drop=False)
    names = {p["pairing_id"]: pages_zh.pairing_label_zh(p, places) for _, p in load.pairings(paths).iterrows()}
    for _, row in sources.iterrows():
        sid = row["source_id"]
        page = source_page_markdown_zh(row, facts[facts.source_id == sid], load.clean_text(sid, paths), log[sid], names)
        write_text(out / f"{source_page(sid)}.md", page.replace(GARBLED_MARK, pages_zh.GARBLED_MARK_ZH))
    write_text(out / "index.md", sources_index_markdown_zh(sources))
