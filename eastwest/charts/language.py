"""The language a chart is drawn in: every chart is drawn by one call in English (figures/<name>.svg)
and in Chinese (figures/zh/<name>.svg), the Chinese with one CJK font, the same on every machine.

The font is Noto Sans CJK SC from the `mplfonts` package (pinned in pyproject.toml), registered by
its path and no other of the package's fonts; Chinese text is measured, wrapped and drawn with it,
and the SVG names the CJK fonts a reader has (eastwest.charts.style.FONT_STACK_ZH). What a chart
says in each language is chosen with eastwest.reader.languages.pick, inside `drawing_in`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from eastwest.charts import fitting
from eastwest.reader import languages

CJK_FAMILY = "Noto Sans CJK SC"
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
# The name the file is registered under as well: a machine may have its own Noto Sans CJK SC (a
# system .ttc, another version, a bold face), which matplotlib would prefer to the same family name;
# drawn and measured by this name, a Chinese chart uses this one file everywhere (the SVG then names
# FONT_STACK_ZH, never this name). Bold text is measured with the regular face.
CJK_DRAWN = "Eastwest Noto Sans CJK SC"
LATIN_FAMILY = "DejaVu Sans"
# A Chinese chart is shown in the first of these CJK fonts the reader has, all of one width per character.
FONT_STACK_ZH = f"'{CJK_FAMILY}', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
ZH_FOLDER = "zh"  # figures/zh/<name>.svg, figures/zh/pairings/<name>.svg


@functools.lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """The CJK font's file, registered with matplotlib once (the only font of mplfonts used)."""
    spec = find_spec("mplfonts")
    if spec is None or spec.origin is None:
        raise RuntimeError("the Chinese charts need the mplfonts package (pyproject.toml): run `make env`")
    path = Path(spec.origin).parent / "fonts" / CJK_FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"the Chinese charts' font is missing: {path}")
    manager = font_manager.fontManager
    face = font_manager.ttfFontProperty(FT2Font(str(path)))
    for weight in (400, 700):  # bold text too is measured and rasterised with the regular face
        manager.ttflist.append(dataclasses.replace(face, name=CJK_DRAWN, weight=weight))
    manager.addfont(str(path))  # which also clears matplotlib's cache of fonts found by name
    return path


def family() -> str:
    """The family the current language's text is drawn and measured with."""
    if languages.current() == languages.CHINESE:
        cjk_font_path()
        return CJK_DRAWN
    return LATIN_FAMILY


@contextmanager
def drawing_in(language: str) -> Iterator[None]:
    """Draw in `language`: its words (languages.in_language) and, for Chinese, the CJK font for
    every text of the figure (rcParams), so that what is measured is what is drawn."""
    with languages.in_language(language):
        if language == languages.CHINESE:
            cjk_font_path()
            with plt.rc_context({"font.family": [CJK_DRAWN]}):
                yield
        else:
            yield


def language_directory(directory: Path, language: str) -> Path:
    """Where a chart's drawing in `language` goes: English in `directory`; Chinese in figures/zh/,
    the same folder under it (figures/pairings -> figures/zh/pairings), or `directory`/zh where the
    directory is not in a figures folder."""
    if language == languages.ENGLISH:
        return directory
    if directory.name == "figures":
        return directory / ZH_FOLDER
    if directory.parent.name == "figures":
        return directory.parent / ZH_FOLDER / directory.name
    return directory / ZH_FOLDER


# A wrap token: a run of Latin letters and digits (a number with its decimals and sign, '2017—2020',
# a word), or one other character; closing punctuation sticks to the token before it and opening
# punctuation to the token after it, so that no line starts with '，' or ends with '（'.
_TOKEN = re.compile(r"[(（《“‘\[]*(?:[0-9A-Za-z][0-9A-Za-z.,%:+\-—–/×]*|\S|\s)[)）》”’\]，。、；：！？%·…]*")


def wrap_tokens(text: str) -> list[str]:
    """The pieces between which a Chinese line may break, in order; joined they give `text`."""
    return _TOKEN.findall(text)


def wrap_chinese(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Chinese wrapped to `width` (inches, by `measure`) between characters, not at spaces; a number
    with its decimals, a Latin word and closing punctuation stay on their line (wrap_tokens), and a
    token wider than a line is broken (fitting.word_pieces). Explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for token in wrap_tokens(paragraph):
            trial = current + token
            if measure(trial.rstrip()) <= width or not trial.strip():
                current = trial
                continue
            if current.strip():
                lines.append(current.rstrip())
            pieces = fitting.word_pieces(token.strip(), width, measure)  # a token wider than a line is broken
            lines.extend(pieces[:-1])
            current = pieces[-1]
        lines.append(current.rstrip())
    return lines
