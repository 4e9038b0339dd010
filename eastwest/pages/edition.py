"""The edition of the report (version and release date from CITATION.cff) and the years its
sources cover, for the landing page's furniture."""

from __future__ import annotations

import pandas as pd

from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.site import base_url
from eastwest.core.yamlio import load_yaml
from eastwest.reader.links import CHANGELOG_PAGE
from eastwest.reader.wording import CHANGELOG_LINK_TEXT, mark_period


def citation(paths: ProjectPaths = PROJECT) -> dict:
    return load_yaml(paths.root / "CITATION.cff")


def source_years(sources: pd.DataFrame) -> tuple[str, str]:
    """First and last year the sources were written (best estimate where the page date is not); a
    year only an estimated date gives says so ('2017 (date estimated)')."""
    stated: set[str] = set()
    estimated: set[str] = set()
    for _, s in sources.iterrows():
        given = s["date_status"] == "as_given" and s["published"]
        date = s["published"] if given else (s["date_estimate"] or "")
        for part in str(date).split("/"):
            if part[:4].isdigit():
                (stated if given else estimated).add(part[:4])
    years = sorted(stated | estimated)
    if not years:
        return ("", "")

    def shown(year: str) -> str:
        return year if year in stated else mark_period(year, ["period_inferred"])

    return shown(years[0]), shown(years[-1])


def how_to_cite(paths: ProjectPaths = PROJECT) -> str:
    meta = citation(paths)
    authors = ", ".join(
        a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip() for a in meta["authors"]
    )
    text = f"{authors} ({str(meta['date-released'])[:4]}). {meta['title']}. Version {meta['version']}, released {meta['date-released']}."
    return f"{text} {base_url()}" if base_url() else text


def _authors(meta: dict) -> list[str]:
    return [a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ") for a in meta["authors"]]


def bibtex(paths: ProjectPaths = PROJECT) -> str:
    """The report as a BibTeX entry, from CITATION.cff (a group author in double braces, so
    BibTeX keeps it whole)."""
    meta = citation(paths)
    year = str(meta["date-released"])[:4]
    authors = " and ".join(f"{{{a}}}" if "," not in a else a for a in _authors(meta))
    fields = {
        "author": authors,
        "title": f"{{{meta['title']}}}",
        "year": year,
        "version": str(meta["version"]),
        "note": f"Version {meta['version']}, released {meta['date-released']}",
    }
    if base_url():  # the published site's address (EASTWEST_BASEURL); a local build has none
        fields["url"] = base_url()
    body = ",\n".join(f"  {key:<8}= {{{value}}}" for key, value in fields.items())
    return f"@misc{{eastwest_report_{year},\n{body}\n}}"


def citation_block(paths: ProjectPaths = PROJECT) -> str:
    """The landing page's citation block: the reference, the edition, BibTeX and the CFF file."""
    from html import escape

    meta = citation(paths)
    return (
        '<div class="citation-block" id="cite-this-report">'
        f"<p><strong>To cite this report:</strong> {escape(how_to_cite(paths))}</p>"
        f"<p>This is edition {escape(str(meta['version']))} of {escape(str(meta['date-released']))}; cite the edition you read, "
        "since numbers change as sources are added. The same reference in machine-readable form: "
        '<a href="CITATION.cff">CITATION.cff</a> (Citation File Format, read by GitHub, Zotero and reference managers). '
        f'See <a href="{CHANGELOG_PAGE}">{escape(CHANGELOG_LINK_TEXT)}</a>.</p>'
        f"<p>BibTeX:</p><pre>{escape(bibtex(paths))}</pre>"
        "</div>"
    )


def how_to_cite_zh(paths: ProjectPaths = PROJECT) -> str:
    """The Chinese edition cited the Chinese way (作者. 题名[R/OL]. 版本. 日期. 网址), its author and
    title as zh/_config.yml gives them, its edition and date from CITATION.cff."""
    from eastwest.core.yamlio import load_yaml

    meta, book = citation(paths), load_yaml(paths.root / "zh" / "_config.yml")
    released = str(meta["date-released"])
    date = f"{int(released[:4])}年{int(released[5:7])}月{int(released[8:10])}日" if len(released) >= 10 else released
    text = f"{book['author']}. {book['title']}[R/OL]. {meta['version']}版. {date}."
    return f"{text} {base_url().rstrip('/')}/zh/" if base_url() else text


def citation_block_zh(paths: ProjectPaths = PROJECT) -> str:
    """citation_block for the Chinese edition: the report cited in Chinese (how_to_cite_zh), then the
    same reference as the English edition gives it, the same BibTeX and file."""
    from html import escape

    meta = citation(paths)
    released = str(meta["date-released"])
    date = f"{int(released[:4])}年{int(released[5:7])}月{int(released[8:10])}日" if len(released) >= 10 else released
    return (
        '<div class="citation-block" id="cite-this-report">'
        f"<p><strong>引用本报告：</strong>{escape(how_to_cite_zh(paths))}</p>"
        f'<p>英文版的引用格式：<span lang="en">{escape(how_to_cite(paths))}</span></p>'
        f"<p>本版为{escape(str(meta['version']))}版，发布于{escape(date)}；数字会随新资料的加入而变化，请引用您所阅读的版本。"
        '机器可读的同一引用见<a href="../CITATION.cff">CITATION.cff</a>（引文文件格式，GitHub、Zotero等文献管理软件可读取）。'
        '各版变化见<a href="CHANGELOG.html">各版更新</a>。</p>'
        f"<p>BibTeX：</p><pre>{escape(bibtex(paths))}</pre>"
        "</div>"
    )
