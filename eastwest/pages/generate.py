"""Generate the book's data-driven pages (never edited by hand): references.bib; in sources/ one
page per source and the sources index (pages.source_pages), the data page with downloads and
dictionary (pages.data_page) and the data-quality appendix (pages.quality_page); the fact
explorer (pages.explorer); and the pairing profiles in pairings/ (pages.profiles). Each page is
written twice: in English, and in Chinese at the same place under zh/ (the `*_zh` modules)."""

from __future__ import annotations

from eastwest.core.files import write_text
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.dataset import load
from eastwest.pages.bibliography import write_bibliography, write_bibliography_zh
from eastwest.pages.data_page import data_page_markdown
from eastwest.pages.data_pages_zh import data_page_markdown_zh, quality_page_markdown_zh
from eastwest.pages.explorer import write_explorer
from eastwest.pages.profiles import write_profiles
from eastwest.pages.profiles_zh import write_profiles_zh
from eastwest.pages.quality_page import quality_page_markdown
from eastwest.pages.source_pages import write_source_pages
from eastwest.pages.source_pages_zh import ZH_DIR, write_source_pages_zh


def write_pages(paths: ProjectPaths = PROJECT) -> None:
    write_bibliography(paths)
    write_bibliography_zh(paths)
    out = paths.source_pages
    zh_out = paths.root / ZH_DIR / out.relative_to(paths.root)
    for folder in (out, zh_out):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.md"):  # a source removed from data/ loses its page in both books
            stale.unlink()
    sources = load.sources(paths)
    facts = load.facts(paths)
    log = load.quality_log(paths)
    write_source_pages(paths, sources, facts, log)
    write_source_pages_zh(paths, sources, facts, log)
    write_text(out / "data.md", data_page_markdown(paths))
    write_text(out / "quality.md", quality_page_markdown(sources, log, facts))
    write_text(zh_out / "data.md", data_page_markdown_zh(paths))  # after the English page, which writes the downloads
    write_text(zh_out / "quality.md", quality_page_markdown_zh(sources, log, facts))
    write_explorer(paths)
    write_profiles(paths)
    write_profiles_zh(paths)  # after the English pages: it links the chart data they publish
