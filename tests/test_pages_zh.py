"""The generated pages of the Chinese book (zh/sources/, zh/pairings/, zh/explore/, zh/bibliography.md),
written by `python -m eastwest pages` beside the English ones: every English page has its Chinese
counterpart and no other; a source page keeps every anchor of its English page (a chapter's link
to a sentence works from either book); the visible text is Chinese but for an allowed list of
names; every value shown reads back to its fact's value; every relative link resolves. The pages
are built once, in a copy of the project."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from eastwest.analysis import headline
from eastwest.annotate.numerals import parse_number
from eastwest.core.paths import PROJECT
from eastwest.core.yamlio import load_yaml
from eastwest.dataset import builder, load
from eastwest.dataset.schema import FACT_COLUMNS
from eastwest.pages import generate, profiles_zh
from eastwest.reader import pages_zh, wording_zh

pytestmark = pytest.mark.fast

GENERATED = ("sources", "pairings", "explore")
ZH = "zh"
# Latin words a Chinese page may show: names of formats, standards, tools and the licence, which
# Chinese writes in Latin letters too.
ALLOWED_WORDS = {
    "CSV", "UTF", "ISO", "CC", "BY", "MB", "kB", "sha256", "axe", "core", "WCAG", "AA", "A", "Sphinx",
    "make", "book", "test", "unknown", "other_", "LICENSE",
}  # fmt: skip
STATUS_WORDS = sorted({*wording_zh.STATUS_WORDS_ZH.values(), wording_zh.RULE_WORD_ZH}, key=len, reverse=True)


@pytest.fixture(scope="module")
def built(shared_project_copy):
    paths = shared_project_copy
    builder.build(paths)
    for cached in (load._facts, load._places, load._indicators):  # the loader caches by project root
        cached.cache_clear()
    generate.write_pages(paths)
    return paths, load.facts(paths)


def pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for folder in GENERATED for p in (root / folder).glob("*.md")}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_english_page_has_its_chinese_counterpart_and_no_other(built):
    paths, _ = built
    english, chinese = pages(paths.root), pages(paths.root / ZH)
    assert english and english == chinese
    assert (paths.root / ZH / "bibliography.md").is_file() and (paths.root / ZH / "references.bib").is_file()


def test_a_source_removed_from_data_loses_its_page_in_both_books(built):
    paths, _ = built
    for folder in (paths.root / "sources", paths.root / ZH / "sources"):
        (folder / "src-999_gone.md").write_text("stale", encoding="utf-8")
    generate.write_pages(paths)
    assert not any((folder / "src-999_gone.md").exists() for folder in (paths.root / "sources", paths.root / ZH / "sources"))


def heading_ids(markdown: str) -> set[str]:
    """The ids Sphinx gives a page's headings ('## Text with every fact highlighted' -> text-with-…)."""
    return {
        re.sub(r"[^a-z0-9]+", "-", line.lstrip("#").strip().lower()).strip("-")
        for line in markdown.splitlines()
        if re.match(r"#{2,6} ", line)
    }


def html_ids(markdown: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', markdown))


def test_every_anchor_of_an_english_source_page_is_on_its_chinese_page(built):
    paths, _ = built
    for page in sorted((paths.root / "sources").glob("src-*.md")):
        english = read(page)
        chinese = read(paths.root / ZH / "sources" / page.name)
        wanted = html_ids(english) | heading_ids(english)
        assert wanted - html_ids(chinese) == set(), page.name
        # and the same highlights, in the same order
        assert re.findall(r'<mark class="[^"]*" id="([^"]+)"', english) == re.findall(
            r'<mark class="[^"]*" id="([^"]+)"', chinese
        )


def visible_text(markdown: str, allowed_names: list[str]) -> str:
    """What a reader sees of a page: no comments, tags, attributes other than titles and alt
    texts, code, roles' targets, link targets, directive options or file names."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"```\{\w+\} \S+", "", text)  # a figure's path
    text = re.sub(r":width: .*|:alt:", "", text)
    text = re.sub(r"\{(download|doc)\}`([^<`]*)<[^>`]*>`", r"\2", text)
    text = re.sub(r"\{cite:p\}`[^`]*`", "", text)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    soup = BeautifulSoup(text, "html.parser")
    for quoted in soup.select('div.source-text, code, [lang="en"]'):  # the article itself, raw text, English records
        quoted.decompose()
    titles = " ".join(str(tag.get("title", "")) + " " + str(tag.get("aria-label", "")) for tag in soup.find_all(True))
    text = soup.get_text(" ") + " " + titles
    text = re.sub(r"https?://\S+|\b[0-9a-f]{32,}\b", "", text)  # addresses and checksums
    for name in allowed_names:
        text = text.replace(name, "")
    text = re.sub(r"[\w./-]*[./_][\w./-]*", "", text)  # file names, fact and source ids, dotted names
    return text


def test_the_chinese_pages_show_no_latin_letters_but_allowed_names(built):
    paths, _ = built
    names = sorted({o.split(" (")[0] for o in load.sources(paths).outlet if not pages_zh.outlet_zh(o)}, key=len, reverse=True)
    problems = []
    for rel in [*sorted(pages(paths.root / ZH)), "bibliography.md"]:
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", visible_text(read(paths.root / ZH / rel), names)))
        if words - ALLOWED_WORDS:
            problems.append(f"zh/{rel}: {sorted(words - ALLOWED_WORDS)[:12]}")
    assert not problems, "\n".join(problems)


def reads_back(text: str, fact) -> bool:
    for word in STATUS_WORDS:
        text = text.removeprefix(word)
    parsed = parse_number(text.removeprefix("第"))
    return parsed.value == Decimal(repr(float(fact["value"])))


def test_every_value_on_a_chinese_page_reads_back_to_its_fact(built):
    paths, facts = built
    by_anchor = {f"fact-{f['fact_id']}": f for _, f in facts.iterrows()}
    checked, problems = 0, []
    for page in sorted((paths.root / ZH / "sources").glob("src-*.md")):
        soup = BeautifulSoup(read(page), "html.parser")
        for mark in soup.select("mark.fact"):
            fact, label = by_anchor[mark["id"]], mark.find_next_sibling("sup").get_text()
            if fact["value"] != fact["value"]:
                assert wording_zh.NUMBER_MISSING_ZH in label, mark["id"]
            elif not reads_back(label, fact):
                problems.append(f"{page.name}: {mark['id']} shows {label}")
            checked += 1
    for page in sorted((paths.root / ZH / "pairings").glob("*-*.md")):
        for link in BeautifulSoup(read(page), "html.parser").select("a.fact-link, a.key-number-value"):
            fact = by_anchor[link["href"].split("#")[1]]
            if fact["value"] == fact["value"] and not reads_back(link.get_text(), fact):
                problems.append(f"{page.name}: {fact['fact_id']} shows {link.get_text()}")
            checked += 1
    assert checked > len(facts) and not problems, "\n".join(problems)


def links(markdown: str) -> list[str]:
    found = re.findall(r'(?:href|src)="([^"#:]+)(?:#[^"]*)?"', markdown)
    found += re.findall(r"\]\(([^)#:]+)\)", markdown)
    found += re.findall(r"\{download\}`[^<`]*<([^>]+)>`", markdown)
    found += re.findall(r"```\{figure\} (\S+)", markdown)
    return [f for f in found if f]


def resolves(page: Path, target: str, root: Path) -> bool:
    """As `resolved_in`, in the built copy or, for the files no build writes (chapters, _static/,
    data/LICENSE.md), in the project itself."""
    relative = page.relative_to(root)
    return resolved_in(page, target, root) or resolved_in(PROJECT.root / relative, target, PROJECT.root)


def resolved_in(page: Path, target: str, root: Path) -> bool:
    """A link from a Chinese page resolves in the Chinese book (zh/…, a page written by hand there
    being the English page's counterpart), in the files both books share (_static/, whose copy the
    Chinese book publishes; data/, figures/ outside zh/), or, for a Chinese drawing the chart code
    writes beside the English one, where the English drawing is."""
    zh = root / ZH
    resolved = (page.parent / target).resolve()
    candidates = [resolved, resolved.with_suffix(".md"), resolved.with_suffix(".ipynb")]
    if resolved.is_relative_to(zh.resolve()):
        inside = resolved.relative_to(zh.resolve())
        english = root / inside
        candidates += [english, english.with_suffix(".md"), english.with_suffix(".ipynb")]
        if inside.parts[0] == "_static":
            candidates.append(root / inside)
    if "figures/zh/" in resolved.as_posix():
        english = Path(resolved.as_posix().replace("figures/zh/", "figures/"))
        candidates.append(english)
    return any(c.exists() for c in candidates)


def test_every_relative_link_of_a_chinese_page_resolves(built):
    paths, _ = built
    problems = []
    for rel in sorted(pages(paths.root / ZH)):
        page = paths.root / ZH / rel
        problems += [f"zh/{rel}: {t}" for t in links(read(page)) if not resolves(page, t, paths.root)]
    assert not problems, "\n".join(problems[:20])


def test_pairing_pages_show_the_chinese_drawings_one_folder_further_up(built):
    paths, _ = built
    for page in sorted((paths.root / ZH / "pairings").glob("*-*.md")):
        english = re.findall(r"```\{figure\} (\S+)", read(paths.root / "pairings" / page.name))
        chinese = re.findall(r"```\{figure\} (\S+)", read(page))
        assert chinese == ["../" + f.replace("figures/", "figures/zh/", 1) for f in english], page.name


def test_the_chinese_explorer_has_its_own_index_and_says_so_to_the_script(built):
    paths, _ = built
    page = read(paths.root / ZH / "explore" / "index.md")
    assert 'data-lang="zh"' in page and "generated/explorer-data-zh.js" in page
    index = read(paths.root / "_static" / "generated" / "explorer-data-zh.js")
    assert "已实现" in index and '"achieved"' not in index


def test_every_facts_column_has_its_chinese_meaning():
    assert list(pages_zh.FACT_COLUMNS_ZH) == list(FACT_COLUMNS)


def test_every_key_number_question_has_its_chinese_words():
    assert set(profiles_zh.QUESTIONS_ZH) == set(headline.HEADLINE)


def test_every_comparability_class_has_its_chinese_words():
    assert set(pages_zh.COMPARABILITY_ZH) == set(load_yaml(PROJECT.indicators)["comparability"])


def test_a_term_without_chinese_words_is_a_clear_error_naming_it():
    from eastwest.core.errors import DataError
    from eastwest.pages import data_pages_zh

    with pytest.raises(DataError, match="new_term"):
        data_pages_zh._meanings(["industry", "new_term"], wording_zh.THEME_LABELS_ZH, "themes")
