"""Sphinx extension: an anchor at each place a page uses a fact, and each source page's &#8617; link
pointed at the place where its number is used rather than at the top of a chapter.

A use is a link to a fact in a page's HTML (a glued number, `data-fact="…"`, or a table row's link
to `#fact-…`). Each gets an id, `use-<fact id>` for its first use on the page and `use-<fact id>-2`,
… for later ones. A source page writes its back-links as `<a class="fact-back" data-fact-back="…"
href="<the fact's chapter>">`; when the pages are written, each href gains the anchor of the fact's
first use in that chapter, else in another chapter, else on another page (a profile, the landing
page); a fact used nowhere keeps the link to its chapter."""

from __future__ import annotations

import re

USES_ATTR = "eastwest_fact_uses"  # on the build environment: fact id -> [(docname, nth use, anchor), ...]
LINK_TAG = re.compile(r"<a\b[^>]*>")
FACT_IN_TAG = re.compile(r'data-fact="([^"]+)"|href="[^"]*#fact-([0-9A-Za-z][0-9A-Za-z_-]*)"')
BACK_LINK = re.compile(r'(<a class="fact-back" data-fact-back="([^"]+)" href=")([^"#]*)(")')
SOURCE_PAGES = "sources/"


def use_anchor(fact_id: str, nth: int) -> str:
    return f"use-{fact_id}" if nth == 1 else f"use-{fact_id}-{nth}"


def anchor_uses(html: str, seen: dict[str, int]) -> tuple[str, list[tuple[str, int, str]]]:
    """The HTML with an id on each link to a fact, and the (fact id, nth use, anchor) it added;
    `seen` counts each fact's uses so far on the page."""
    added: list[tuple[str, int, str]] = []

    def mark(tag: re.Match) -> str:
        text = tag.group(0)
        found = FACT_IN_TAG.search(text)
        if not found or re.search(r"\sid=", text):
            return text
        fact_id = found.group(1) or found.group(2)
        seen[fact_id] = seen.get(fact_id, 0) + 1
        anchor = use_anchor(fact_id, seen[fact_id])
        added.append((fact_id, seen[fact_id], anchor))
        return f'<a id="{anchor}"' + text[2:]

    return LINK_TAG.sub(mark, html), added


def _uses(env) -> dict[str, list[tuple[str, int, str]]]:
    if not hasattr(env, USES_ATTR):
        setattr(env, USES_ATTR, {})
    return getattr(env, USES_ATTR)


def _collect(app, doctree) -> None:
    from docutils import nodes

    docname = app.env.docname
    if docname.startswith(SOURCE_PAGES):
        return
    seen: dict[str, int] = {}
    uses = _uses(app.env)
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        html, added = anchor_uses(raw.astext(), seen)
        if added:
            raw.replace_self(nodes.raw(raw.rawsource, html, format=raw["format"]))
            for fact_id, nth, anchor in added:
                uses.setdefault(fact_id, []).append((docname, nth, anchor))


def best_use(uses: list[tuple[str, int, str]], chapter: str) -> tuple[str, str] | None:
    """The use a back-link goes to: in the fact's own chapter, else another chapter, else any page."""
    ranked = sorted(uses, key=lambda use: (use[0] != chapter, not use[0].startswith("chapters/"), use))
    return (ranked[0][0], ranked[0][2]) if ranked else None


def _point_back_links(app, doctree, docname) -> None:
    from docutils import nodes

    if not docname.startswith(SOURCE_PAGES):
        return
    uses = _uses(app.env)

    def repoint(link: re.Match) -> str:
        head, fact_id, href, tail = link.groups()
        chapter = "chapters/" + href.rsplit("/", 1)[-1].removesuffix(".html") if href else ""
        use = best_use(uses.get(fact_id, []), chapter)
        if use is None:
            return link.group(0)
        return f"{head}{app.builder.get_relative_uri(docname, use[0])}#{use[1]}{tail}"

    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if 'class="fact-back"' in text:
            raw.replace_self(nodes.raw(raw.rawsource, BACK_LINK.sub(repoint, text), format=raw["format"]))


def _purge(app, env, docname) -> None:
    uses = _uses(env)
    for fact_id in list(uses):
        uses[fact_id] = [use for use in uses[fact_id] if use[0] != docname]
        if not uses[fact_id]:
            del uses[fact_id]


def _merge(app, env, docnames, other) -> None:
    uses = _uses(env)
    for fact_id, found in _uses(other).items():
        uses.setdefault(fact_id, []).extend(use for use in found if use[0] in docnames)


def _source_pages_to_rewrite(app, env) -> list[str]:
    """A chapter read again may move a number: rewrite every source page's back-links too."""
    return sorted(d for d in env.found_docs if d.startswith(SOURCE_PAGES))


def setup(app):
    app.connect("doctree-read", _collect, priority=900)  # after MyST-NB has pasted glued numbers
    app.connect("doctree-resolved", _point_back_links)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-updated", _source_pages_to_rewrite)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
