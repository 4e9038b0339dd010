"""Command line: `python -m eastwest build` rebuilds data/; `python -m eastwest check ID` checks one source;
`python -m eastwest draft ID` proposes annotations for a new source; `python -m eastwest clean
--explain [ID ...] [--raw PATH]` shows what each cleaning rule removed; `python -m eastwest update
data|pages|book` runs what `make data|pages|book` run: each step only when its inputs changed;
`python -m eastwest edition cut VERSION --date YYYY-MM-DD` cuts a new edition (CHANGELOG.md);
`python -m eastwest publish` writes the archive of the built edition (`make publish`)."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from eastwest.build.execute import NotebookFailed
from eastwest.core.errors import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eastwest")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="clean the seeds and build every table in data/")
    check = sub.add_parser("check", help="validate one source's annotations; writes nothing but a new source's clean text")
    check.add_argument("source_id")
    clean = sub.add_parser(
        "clean",
        help="print the clean text of seeds or raw articles, or with --explain what each cleaning rule removed (writes nothing)",
    )
    clean.add_argument(
        "source_ids", nargs="*", metavar="SOURCE_ID", help="seeds to clean (default: every seed, unless --raw is given)"
    )
    clean.add_argument(
        "--explain", action="store_true", help="list the lines each rule removed and a rule x article table of counts"
    )
    clean.add_argument(
        "--raw",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="a raw article not yet in seeds/, or a folder of them (*.txt)",
    )
    clean.add_argument(
        "--script", choices=["simplified", "traditional"], default="simplified", help="script of the --raw articles"
    )
    sub.add_parser("pages", help="generate the book's source pages and bibliography from data/")
    sub.add_parser("figures", help="draw every chart the chapters show into figures/ (PNG copies too with EASTWEST_PNG=1)")
    draft = sub.add_parser("draft", help="propose annotations for a source: writes data/annotations/<ID>.draft.yml for review")
    draft.add_argument("source_id")
    draft.add_argument("--force", action="store_true", help="overwrite an existing draft (the curated <ID>.yml is never touched)")
    draft.add_argument("--out", type=Path, help="write the draft here instead of data/annotations/<ID>.draft.yml")
    measure = sub.add_parser(
        "agreement",
        help="draft the curated sources and the development and held-out article sets from scratch and print "
        "how far the drafts agree with the hand-made annotations",
    )
    measure.add_argument("sets", nargs="*", type=Path, help="article-set folders to measure (default: the project's sets)")
    measure.add_argument("--per-source", action="store_true", help="also print each article's shares")
    measure.add_argument(
        "--differences",
        action="store_true",
        help="with --per-source: each field a draft got wrong, drafted beside curated (never for the held-out set)",
    )
    update = sub.add_parser(
        "update",
        help="bring data/, the generated pages or the whole book up to date, "
        "running each step only when its inputs changed (eastwest.build.update)",
    )
    update.add_argument("target", choices=["data", "pages", "book"])
    update.add_argument("--jobs", type=int, help="notebooks executed at once (default: one per core, or EASTWEST_JOBS)")
    translated = sub.add_parser(
        "translations", help="name the Chinese pages (zh/) whose English page's words changed since they were translated"
    )
    translated.add_argument(
        "--done", nargs="+", metavar="PAGE", help="record PAGE (e.g. chapters/03_labour.ipynb) as following its English page"
    )
    edition = sub.add_parser(
        "edition", help="cut a new edition of the report, or preview what it would record (eastwest.pages.changelog)"
    )
    edition_sub = edition.add_subparsers(dest="action", required=True)
    cut = edition_sub.add_parser(
        "cut", help="record the edition's facts, add its entry to CHANGELOG.md, set its version and date in CITATION.cff"
    )
    cut.add_argument("version", help="the new edition's version, greater than the current one (e.g. 0.6.0)")
    cut.add_argument("--date", required=True, help="the edition's release date, YYYY-MM-DD (never taken from the clock)")
    cut.add_argument("--notes", default="", help="what changed in the book, for the CHANGELOG entry (Markdown)")
    cut.add_argument(
        "--notes-zh", default="", help="the same in Chinese, for the Chinese edition's zh/CHANGELOG.md entry (Markdown)"
    )
    edition_sub.add_parser("changes", help="print what changed in the data since the latest recorded edition (writes nothing)")
    sub.add_parser(
        "publish", help="write the dated, versioned archive of the built site, PDF and data under _build/publish/ (make publish)"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from eastwest.build.update import print_build_report
            from eastwest.dataset.builder import build

            print_build_report(build())
        elif args.command == "clean":
            from eastwest.sources import explain

            files = [f for path in args.raw for f in explain.raw_files(path)]
            cleaned = explain.clean_sources(args.source_ids) if args.source_ids or not files else []
            cleaned += explain.clean_files(files, args.script)
            sys.stdout.write(explain.explain(cleaned) if args.explain else explain.clean_texts(cleaned))
        elif args.command == "figures":
            from eastwest.charts import gallery

            drawn = gallery.draw_all()
            print(f"{len(drawn)} charts drawn into figures/")
        elif args.command == "check":
            from eastwest.draft.checklist import print_review, review_source

            return print_review(review_source(args.source_id))
        elif args.command == "agreement":
            from eastwest.draft.agreement_report import print_agreement

            print_agreement(args.sets, per_source=args.per_source or args.differences, differences=args.differences)
        elif args.command == "draft":
            from eastwest.draft.propose import CHECK, write_draft

            path, document = write_draft(args.source_id, force=args.force, out=args.out)
            to_check = sum(CHECK in f for f in document["facts"]) + sum(CHECK in e for e in document["exclusions"])
            print(
                f"{path}: {len(document['facts'])} proposed facts, {len(document['exclusions'])} proposed exclusions, "
                f"{to_check} with a `check:` note"
            )
            print(f"review it, save it as data/annotations/{args.source_id}.yml, then run: make check ID={args.source_id}")
        elif args.command == "pages":
            from eastwest.pages.generate import write_pages

            write_pages()
        elif args.command == "edition":
            from eastwest.pages import changelog

            if args.action == "cut":
                changes = changelog.cut(args.version, args.date, notes=args.notes, notes_zh=args.notes_zh)
                from eastwest.core.paths import PROJECT

                if (PROJECT.root / "zh" / "CHANGELOG.md").exists() and (args.notes_zh or not args.notes):
                    from eastwest.build import translations  # the Chinese entry says all the English one does

                    translations.record(PROJECT.root, ["CHANGELOG.md"])
                print(
                    f"edition {args.version} of {args.date} cut: {len(changes.added)} facts added, {len(changes.corrected)} "
                    f"corrected, {len(changes.removed)} removed; see CHANGELOG.md, data/editions/{args.version}.csv, CITATION.cff"
                )
            else:
                print(changelog.preview())
        elif args.command == "publish":
            from eastwest.build.publish import main as publish

            return publish()
        elif args.command == "translations":
            from eastwest.build import translations
            from eastwest.core.paths import ROOT

            if args.done:
                translations.record(ROOT, args.done)
            behind = translations.stale(ROOT)
            print(
                "\n".join(f"zh/{rel}: its English page's words changed since it was translated" for rel in behind)
                or "every Chinese page follows its English page"
            )
            return 1 if behind else 0
        elif args.command == "update":
            from eastwest.build.update import update_book, update_data, update_pages
            from eastwest.core.paths import ROOT

            if isinstance(sys.stdout, io.TextIOWrapper):
                sys.stdout.reconfigure(line_buffering=True)  # in order with jupyter-book's output

            if args.target == "data":
                update_data(ROOT)
            elif args.target == "pages":
                update_data(ROOT)
                update_pages(ROOT)
            else:
                update_book(ROOT, jobs=args.jobs)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except NotebookFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:  # run by a Python outside the project's .venv
        print(
            f"error: {sys.executable} has no module {exc.name!r}: the project's packages are in .venv "
            "(`make env`); run `make draft ID=…`, `make check ID=…` or `.venv/bin/python -m eastwest …`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
