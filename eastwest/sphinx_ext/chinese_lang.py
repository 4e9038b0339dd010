"""Sphinx extension: mark Chinese on English pages as Chinese (issue 19, finding 10). The site is
English (`<html lang="en">`), so a screen reader voices 东西部扶贫协作 or a quoted sentence with
English rules unless the text says otherwise: every run of Chinese in a written page's body that
is not already inside an element with a Chinese `lang` is wrapped in `<span lang="zh">`. Done on
the written files at the end of the build, so the theme's own furniture (sidebar, page contents,
print title, previous/next links) is covered as well as the content. Text that scripts write
later (the explorer's menus, search snippets) is not.

The body is HTML from Sphinx, MyST and the notebooks' outputs; only its text between tags is
touched, never attributes (alt texts, titles), scripts, styles or code."""

from __future__ import annotations

import re
from pathlib import Path

from eastwest.reader import languages

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A run of Chinese, with the digits, spaces and Chinese punctuation between its characters
# ("2020年张家港市已采购…500多万元" is one run, not three).
CHINESE_RUN = re.compile(rf"[{CJK}“”‘’·]+(?:[0-9０-９.,%\s·“”‘’-]*[{CJK}]+)*[“”‘’]?")
HAS_CJK = re.compile(rf"[{CJK}]")
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*?)(/)?\s*>", re.S)
LANG = re.compile(r"""\blang\s*=\s*["']?([A-Za-z-]+)""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNTOUCHED = {"script", "style", "code", "pre", "textarea", "svg", "math", "kbd", "samp"}


def mark_chinese(html: str) -> str:
    """`html` with every run of Chinese outside a Chinese-language element in <span lang="zh">."""
    if not HAS_CJK.search(html):
        return html
    out: list[str] = []
    stack: list[tuple[str, bool, bool]] = []  # (tag, inside Chinese, untouched)
    for token in TOKEN.split(html):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            tag = TAG.match(token)
            if tag is None or token.startswith("<!"):
                continue
            closing, name, attributes, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
            if closing:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
            elif name not in VOID and not self_closing:
                lang = LANG.search(attributes)
                parent_zh, parent_untouched = (stack[-1][1], stack[-1][2]) if stack else (False, False)
                inside_zh = lang.group(1).lower().startswith("zh") if lang else parent_zh
                stack.append((name, inside_zh, parent_untouched or name in UNTOUCHED))
            continue
        inside_zh, untouched = (stack[-1][1], stack[-1][2]) if stack else (False, False)
        if inside_zh or untouched or not HAS_CJK.search(token):
            out.append(token)
        else:
            out.append(CHINESE_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', token))
    return "".join(out)


BODY = re.compile(r"(<body[^>]*>)(.*)(</body>)", re.S)


def mark_page(html: str) -> str:
    """A written page with its body's Chinese marked (mark_chinese); the head is left alone."""
    return BODY.sub(lambda m: m.group(1) + mark_chinese(m.group(2)) + m.group(3), html, count=1)


def _mark_written_pages(app, exception) -> None:
    """Every written page, after the theme has added its furniture (sidebar, page contents,
    print title, previous and next links), which name chapters by their Chinese terms too."""
    if exception is not None or app.builder.format != "html":
        return
    if languages.of_sphinx(app.config.language) != languages.ENGLISH:
        return  # the Chinese book's pages are Chinese as a whole (<html lang="zh-CN">)
    outdir = Path(app.outdir)
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.relative_to(outdir).parts:
            continue
        html = page.read_text(encoding="utf-8")
        marked = mark_page(html)
        if marked != html:
            page.write_text(marked, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _mark_written_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
