"""Propose annotations for a new source: `python -m eastwest draft SOURCE_ID`.

The draft holds one proposed fact per numeric mention the coverage audit finds (and per number in
`extra_mentions`), and one proposed exclusion per mention that is not a fact and that the build
does not already exclude by itself. A person reviews it; everything uncertain carries a `check:`
note, and the build never reads a draft (`<id>.draft.yml`).

Each proposal is read with small rules kept in data/reference/draft_rules.yml (never in this
module): the number and its qualifier by eastwest.annotate.numerals (cn2an), the unit from the counter and
the noun it counts, status, scope and period from cue words relative to the article's date, the
places from places.yml, the indicator from keywords near the number. Cue words of one character
count only as whole words of jieba's segmentation (taught the programme's terms), so 将 in 将近 is
not the future tense.

`agreement()` drafts every curated source from scratch (in memory) and compares the proposals with
the curated annotations, the answer key: `make bench` prints it and writes it for the method page.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import yaml

from eastwest.annotate.annotations import FACT_FIELDS, validate_fact
from eastwest.annotate.mentions import scan
from eastwest.annotate.numerals import PREFIX_QUALIFIERS, NumberFormatError, ParsedNumber, parse_number
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.reference.vocabulary import Vocabulary, load_vocabulary
from eastwest.sources.cleaning import CleanResult, clean_seed
from eastwest.sources.provenance import SourceRecord, load_records, read_seed

CHECK = "check"  # the draft-only key holding review notes
SENTENCE_END = "。！？!?"
PART_END = SENTENCE_END + "；;"
CLAUSE_END = PART_END + "，,"
OPENING, CLOSING = "(（《【「", ")）》】」"
QUOTES = '“”"「」‘’'
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SUFFIX_QUALIFIER_WORDS = ("左右", "以上", "以内")  # after a mention; 余/多 are inside it already
_NP_STOP = re.compile(r"[与和及、，,。；;：:！？!?为在到于将已均分别共之\d]")


# --- Rules ------------------------------------------------------------------------------------


class Rules:
    """data/reference/draft_rules.yml with its patterns compiled; {east}/{west} expanded."""

    def __init__(self, raw: dict, vocab: Vocabulary, path: Path):
        self.path = path
        self.raw = raw
        self.vocab = vocab
        self.place_names = _place_names(vocab)
        roles = {"east": [], "west": []}
        for name, place_id in self.place_names:
            role = vocab.places[place_id]["role"]
            if role in roles:
                roles[role].append(re.escape(name))
        self._roles = {k: "(?:" + "|".join(v or ["(?!)"]) + ")" for k, v in roles.items()}
        try:
            q = raw["quote"]
            self.delimiters = set(q["delimiters"])
            self.min_other_chars = int(q["min_other_chars"])
            self.extra_mentions = [re.compile(p) for p in raw.get("extra_mentions") or []]
            self.exclusions = [self._compile(r, ("mention", "before", "after", "not_after", "phrase")) for r in raw["exclusions"]]
            self.units = [self._compile(r, ("counter", "noun")) for r in raw["units"]]
            self.status = raw["status"]
            self.scope = raw["scope"]
            t = raw["time"]
            self.relative_years = {str(k): int(v) for k, v in t["relative_years"].items()}
            self.half_years = {str(k): tuple(v) for k, v in t["half_years"].items()}
            self.since = re.compile(t["since"])
            self.until = re.compile(t["until"])
            self.years_since = re.compile(t["years_since"])
            self.now = re.compile(t["now"])
            self.months_ago = re.compile(t["months_ago"])
            self.indicators = []
            for r in raw["indicators"]:
                if r["indicator"] not in vocab.indicators:
                    raise DataError(f"{path}: unknown indicator {r['indicator']!r} in a rule")
                self.indicators.append(
                    {
                        "indicator": r["indicator"],
                        "all": [self._re(p) for p in r.get("all") or []],
                        "none": [self._re(p) for p in r.get("none") or []],
                    }
                )
            self.themes = []
            for r in raw["themes"]:
                vocab.check("themes", r["theme"], f"{path}: themes")
                self.themes.append((r["theme"], self._re(r["words"])))
            self.quota_verbs = self._re(self.status["quota"]["verbs"])
            self.share_rule_after = self._re(self.status["share_rule_after"])
        except (KeyError, TypeError) as exc:
            raise DataError(f"{path}: missing or malformed section {exc}") from exc
        except re.error as exc:
            raise DataError(f"{path}: bad pattern {exc.pattern!r}: {exc}") from exc
        for r in self.units:
            vocab.check("units", r["unit"], f"{path}: units")
        for r in self.exclusions:
            vocab.check("exclusion_reasons", r["reason"], f"{path}: exclusions")

    def _re(self, pattern: str) -> re.Pattern:
        return re.compile(pattern.replace("{east}", self._roles["east"]).replace("{west}", self._roles["west"]))

    def _compile(self, rule: dict, keys: tuple[str, ...]) -> dict:
        out = dict(rule)
        for key in keys:
            if rule.get(key) is not None:
                out[key] = self._re(str(rule[key]))
        return out


def _place_names(vocab: Vocabulary) -> list[tuple[str, str]]:
    """(name, place id), longest name first: full names and short forms without 市/县/区/省..."""
    names = {}
    for place in vocab.places.values():
        full = str(place["name_zh"])
        names.setdefault(full, place["id"])
        short = re.sub(r"(?:土家族|藏族|维吾尔)?(?:自治县|自治州|自治区|市|县|区|省|镇|乡|村)$", "", full)
        if len(short) >= 2 and short != full:
            names.setdefault(short, place["id"])
    return sorted(names.items(), key=lambda kv: (-len(kv[0]), kv[0]))


def load_rules(paths: ProjectPaths = PROJECT, vocab: Vocabulary | None = None) -> Rules:
    path = paths.reference / "draft_rules.yml"
    if not path.exists():
        raise DataError(f"{path}: the drafting rules are missing")
    return Rules(load_yaml(path), vocab or load_vocabulary(paths), path)


class Words:
    """jieba, with its own dictionary taught the programme's terms (the global one is left alone)."""

    def __init__(self, root: Path):
        import logging

        import jieba

        from eastwest.reference.terms import programme_terms

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        for term in programme_terms(root):
            self.tokenizer.add_word(term, freq=100_000)

    def cues(self, text: str, cues: list[str]) -> list[tuple[int, str]]:
        """(end position, cue) of each cue in text: one-character cues only as whole words."""
        found = []
        long_cues = [c for c in cues if len(c) > 1]
        for cue in long_cues:
            for m in re.finditer(re.escape(cue), text):
                found.append((m.end(), cue))
        short = {c for c in cues if len(c) == 1}
        if short:
            pos = 0
            for word in self.tokenizer.cut(text):
                pos += len(word)
                if word in short:
                    found.append((pos, word))
        return sorted(found)


# --- Reading one number -------------------------------------------------------------------------


@dataclass
class Spot:
    """One numeric mention and the text around it."""

    start: int
    end: int
    text: str  # the clean text
    para_start: int
    para_end: int

    @property
    def mention(self) -> str:
        return self.text[self.start : self.end]

    def _bounds(self, ends: str) -> tuple[int, int]:
        left = self.para_start
        for i in range(self.start - 1, self.para_start - 1, -1):
            if self.text[i] in ends:
                left = i + 1
                break
        right = self.para_end
        for i in range(self.end, self.para_end):
            if self.text[i] in ends:
                right = i
                break
        return left, right

    @cached_property
    def sentence_bounds(self) -> tuple[int, int]:
        return self._bounds(SENTENCE_END)

    @property
    def sentence(self) -> str:
        a, b = self.sentence_bounds
        return self.text[a:b]

    @property
    def part(self) -> str:
        a, b = self._bounds(PART_END)
        return self.text[a:b]

    @property
    def clause(self) -> str:
        a, b = self._bounds(CLAUSE_END)
        return self.text[a:b]

    @property
    def before(self) -> str:
        """The sentence before the mention."""
        return self.text[self.sentence_bounds[0] : self.start]

    @property
    def clause_before(self) -> str:
        return self.text[self._bounds(CLAUSE_END)[0] : self.start]

    @property
    def after(self) -> str:
        return self.text[self.end : self.para_end]

    def windows(self) -> list[str]:
        return [self.clause, self.part, self.sentence]


@dataclass
class Proposal:
    spot: Spot
    number: str
    parsed: ParsedNumber
    number_start: int
    fact: dict = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _spot(text: str, start: int, end: int) -> Spot:
    return Spot(start, end, text, *_paragraph_bounds(text, start))


def exclusion_reason(spot: Spot, rules: Rules) -> str | None:
    """The reason a mention is not a fact, by the rules' exclusions; None if it may be one."""
    mention, after = spot.mention, spot.after
    before = spot.text[spot.para_start : spot.start]
    for rule in rules.exclusions:
        if "quoted_max" in rule:
            if _inside_short_quote(spot, int(rule["quoted_max"])):
                return rule["reason"]
            continue
        if "phrase" in rule:
            if any(
                m.start() < spot.end and spot.start < m.end()
                for m in rule["phrase"].finditer(spot.text, spot.para_start, spot.para_end)
            ):
                return rule["reason"]
            continue
        if "mention" in rule and not rule["mention"].search(mention):
            continue
        if "after" in rule and not rule["after"].search(after):
            continue
        if "not_after" in rule and rule["not_after"].search(after):
            continue
        if "before" in rule and not rule["before"].search(before):
            continue
        return rule["reason"]
    return None


def _inside_short_quote(spot: Spot, max_chars: int) -> bool:
    text = spot.text
    left = max(text.rfind(q, spot.para_start, spot.start) for q in '“"「')
    if left < 0:
        return False
    closing = [i for i in (text.find(q, spot.end, spot.para_end) for q in '”"」') if i >= 0]
    if not closing:
        return False
    right = min(closing)
    inner = text[left + 1 : right]
    return len(inner) <= max_chars and not any(q in inner for q in QUOTES)


def number_text(spot: Spot) -> tuple[str, int]:
    """The mention with its qualifier words (近…, …左右) and a counter after a space; its start."""
    text, start, end = spot.text, spot.start, spot.end
    for word in sorted(PREFIX_QUALIFIERS, key=len, reverse=True):
        if text[max(spot.para_start, start - len(word)) : start] == word:
            start -= len(word)
            break
    counter = re.match(r"\s+(?:个|名|人|户|项|家|所|村)", text[end : spot.para_end])
    if counter and re.fullmatch(r"[\d.]+", spot.mention):  # "14 个": the counter after a space
        end += counter.end()
    fraction = (
        re.match(r"[一二三四五六七八九十百\d]+(?:多|强|左右)?", text[end : spot.para_end])
        if text[start:end].endswith("分之")
        else None
    )
    if fraction:
        end += fraction.end()
    for word in _SUFFIX_QUALIFIER_WORDS:
        if text.startswith(word, end):
            end += len(word)
            break
    return text[start:end], start


# --- Fields ---------------------------------------------------------------------------------------


def _counted_noun(spot: Spot, number_end: int) -> str:
    after = spot.text[number_end : spot.para_end]
    stop = _NP_STOP.search(after)
    return after[: stop.start() if stop else min(len(after), 12)][:12]


def choose_unit(p: Proposal, rules: Rules) -> str | None:
    allowed = p.parsed.allowed_units
    if allowed and len(allowed) == 1:
        return next(iter(allowed))
    counter = p.parsed.counter.strip()
    noun_after = _counted_noun(p.spot, p.number_start + len(p.number))
    tiers = [(3, noun_after), (2, p.spot.clause_before), (1, p.spot.before)]
    best, fallback = None, None
    for rule in rules.units:
        if not rule["counter"].search(counter):
            continue
        if "noun" not in rule:
            fallback = fallback or rule["unit"]
            continue
        for tier, text in tiers:
            matches = list(rule["noun"].finditer(text))
            if matches:
                key = (tier, matches[-1].end())
                if best is None or key > best[0]:
                    best = (key, rule["unit"])
                break
    if best:
        if best[0][0] < 3:
            p.checks.append(f"unit {best[1]} read from words before the number; is that what it counts?")
        return best[1]
    if fallback:
        if fallback == "item":
            p.checks.append("unit guessed as item (the counter names no kind of thing)")
        return fallback
    p.checks.append(f"no unit rule for the counter {counter or '(none)'!r}; choose the unit")
    return None


def choose_status(p: Proposal, rules: Rules, words: Words) -> str:
    s = rules.status
    before = p.spot.before
    quota = s["quota"]
    per_year = words.cues(before, quota["per_year"])
    if per_year and rules.quota_verbs.search(before[per_year[-1][0] :] + p.spot.after[:12]):
        return "quota"
    if p.fact.get("unit") == "percent" and rules.share_rule_after.search(
        p.spot.text[p.number_start + len(p.number) : p.spot.para_end]
    ):
        return "quota"
    found = []
    for status in ("achieved", "planned", "expected", "target"):
        for end, cue in words.cues(before, s[status]):
            found.append((end, status, cue))
    if not found:
        return "achieved"
    end, status, cue = max(found)
    if status != "achieved":
        clause_start = len(before) - len(p.spot.clause_before)
        if end <= clause_start:
            p.checks.append(f"status {status} from {cue!r} in an earlier clause; does it govern this number?")
        if cue == "将":
            p.checks.append("status planned from 将; is it a plan or a description?")
    return status


@dataclass
class TimeExpr:
    start: int
    end: int
    kind: str  # day, month, year, range, relative_years, half, years_since
    period: str
    inferred: bool
    year_stated: bool = True


_CN_NUM = "一二两三四五六七八九十"


def _int(token: str) -> int:
    if token.isdigit():
        return int(token)
    import cn2an

    return int(cn2an.cn2an(token, "smart"))


def _dated(m: re.Match, year: int, month: int | None, day: int | None, inferred: bool, year_kind: str = "year") -> TimeExpr:
    """The expression matched by `m` as a day, a month or (without a month) a year."""
    if month and day:
        return TimeExpr(m.start(), m.end(), "day", f"{year}-{month:02d}-{day:02d}", inferred)
    if month:
        return TimeExpr(m.start(), m.end(), "month", f"{year}-{month:02d}", inferred)
    return TimeExpr(m.start(), m.end(), year_kind, str(year), inferred)


def time_expressions(text: str, article: tuple[int, int], rules: Rules) -> list[TimeExpr]:
    """Time expressions in text, in order; periods relative to the article's (year, month)."""
    year0, month0 = article
    rel = "|".join(sorted(map(re.escape, rules.relative_years), key=len, reverse=True))
    half = "|".join(sorted(map(re.escape, rules.half_years), key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<y1>(?:19|20)\d\d)年?\s*(?:[、和及至到~\-—–]|年至|年到)\s*(?P<y2>(?:19|20)\d\d)年"
        rf"|(?P<y>(?:19|20)\d\d)年(?:度)?(?:(?P<m>\d{{1,2}})月(?:份)?(?:(?P<d>\d{{1,2}})[日号])?)?"
        rf"|(?P<ago>[{_CN_NUM}\d]+)年前的?(?:(?P<agom>\d{{1,2}})月(?:(?P<agod>\d{{1,2}})[日号])?)?"
        rf"|(?P<rel>{rel})(?P<half1>{half})?(?:(?P<rm>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月(?:份)?(?:(?P<rd>\d{{1,2}})[日号])?)?"
        rf"|(?P<half>{half})"
        rf"|(?<![\d年])(?P<mm>\d{{1,2}})月(?:份|初|中旬|下旬|底)?(?:(?P<dd>\d{{1,2}})(?:\s*[-~—–]\s*(?P<dd2>\d{{1,2}}))?[日号])?"
        rf"|(?P<since>{rules.years_since.pattern})"
        rf"|(?P<monthsago>{rules.months_ago.pattern})"
        rf"|(?P<now>{rules.now.pattern})"
    )
    quoted = _quoted_spans(text)
    out: list[TimeExpr] = []
    last_year: int | None = None
    for m in pattern.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue  # a year inside a title or a quoted name (“2017年国家级…”)
        if m["y1"]:
            out.append(TimeExpr(m.start(), m.end(), "range", f"{m['y1']}/{m['y2']}", False))
            last_year = int(m["y2"])
        elif m["y"]:
            last_year = int(m["y"])
            out.append(_dated(m, last_year, m["m"] and int(m["m"]), m["d"] and int(m["d"]), False))
        elif m["ago"]:
            last_year = year0 - _int(m["ago"])
            out.append(_dated(m, last_year, m["agom"] and int(m["agom"]), m["agod"] and int(m["agod"]), True))
        elif m["rel"]:
            y = last_year = year0 + rules.relative_years[m["rel"]]
            if m["half1"]:
                a, b = rules.half_years[m["half1"]]
                out.append(TimeExpr(m.start(), m.end(), "half", f"{y}-{a}/{y}-{b}", True))
            else:
                month = m["rm"] and _int(m["rm"])
                out.append(_dated(m, y, month, month and m["rd"] and int(m["rd"]), True, year_kind="relative_year"))
        elif m["half"]:
            a, b = rules.half_years[m["half"]]
            y = last_year or year0
            out.append(TimeExpr(m.start(), m.end(), "half", f"{y}-{a}/{y}-{b}", last_year is None))
        elif m["mm"]:
            month = int(m["mm"])
            if not 1 <= month <= 12:
                continue
            if last_year is not None:
                y, inferred, stated = last_year, False, True
            else:
                y = year0 if month <= month0 else year0 - 1
                inferred, stated = True, False
            if m["dd2"]:
                period = f"{y}-{month:02d}-{int(m['dd']):02d}/{y}-{month:02d}-{int(m['dd2']):02d}"
                kind = "day"
            elif m["dd"]:
                period, kind = f"{y}-{month:02d}-{int(m['dd']):02d}", "day"
            else:
                period, kind = f"{y}-{month:02d}", "month"
            out.append(TimeExpr(m.start(), m.end(), kind, period, inferred, stated))
        elif m["since"]:
            out.append(TimeExpr(m.start(), m.end(), "years_since", "", True))
        elif m["monthsago"]:
            back = _int(rules.months_ago.match(m["monthsago"])[1])
            y, mo = divmod(year0 * 12 + (month0 - 1) - back, 12)
            out.append(TimeExpr(m.start(), m.end(), "month", f"{y}-{mo + 1:02d}", True))
        elif m["now"]:
            out.append(TimeExpr(m.start(), m.end(), "now", f"{year0}-{month0:02d}", True))
    return out


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"“[^“”]{0,40}”|《[^《》]{0,60}》|「[^「」]{0,40}」", text)]


def _article_date(record: SourceRecord) -> tuple[str, tuple[int, int], bool]:
    """The article's date as YYYY-MM, (year, month), and whether it is an estimate."""
    estimated = not record.published or record.date_status in ("undated", "estimated", "repost_date")
    raw = (record.date_estimate or record.published) if estimated else (record.published or record.date_estimate)
    if not raw:
        return "", (0, 0), True
    first = raw.split("/")[0]
    parts = first.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    return f"{year}-{month:02d}" if len(parts) > 1 else str(year), (year, month), estimated


PARAGRAPH_KINDS = ("year", "relative_year", "range", "day", "month")


def choose_time(p: Proposal, ctx: SourceContext, rules: Rules) -> tuple[TimeExpr | None, str, str]:
    """The time expression that governs the number; whether it opens (since) or closes (until) a
    span; and where it was found (sentence or paragraph)."""
    spot = p.spot
    before = spot.before
    # 目前 (now) governs only its own part of the sentence (up to ；), so 目前 in one list item
    # does not date the next; a year or a date governs the rest of the sentence
    part_start = max((i + 1 for i, ch in enumerate(before) if ch in PART_END), default=0)
    exprs = [e for e in time_expressions(before, ctx.article_ym, rules) if e.kind != "now" or e.start >= part_start]
    where = "sentence"
    if not exprs:  # the paragraph before the sentence: a year that opens a run of sentences
        para_before = spot.text[spot.para_start : spot.sentence_bounds[0]]
        exprs = [e for e in time_expressions(para_before, ctx.article_ym, rules) if e.kind in PARAGRAPH_KINDS]
        before = para_before
        where = "paragraph"
    if not exprs:
        return None, "", ""
    expr = exprs[-1]
    role = ""
    if rules.until.search(before[: expr.start]):
        role = "until"
    elif expr.kind == "years_since" or rules.since.match(before[expr.end :] + spot.text[spot.start : spot.para_end]):
        role = "since"
    if where == "paragraph":
        p.checks.append("period from a time cue in an earlier sentence of the paragraph")
    return expr, role, where


def choose_scope_and_period(p: Proposal, ctx: SourceContext, rules: Rules, words: Words, indicator: str) -> tuple[str, str, bool]:
    """Scope, period and whether the period was inferred from the article's date."""
    sc = rules.scope
    before = p.spot.before
    status = p.fact["status"]
    expr, role, where = choose_time(p, ctx, rules)
    article, start = ctx.article, ctx.pairing_start
    running = f"{start}/{article}" if start else f"/{article}"
    stated = expr.period if expr and expr.kind not in ("years_since", "now") else ""
    inferred = expr.inferred if expr else True
    if status == "quota" or words.cues(before, sc["recurring"]):
        return "recurring", (stated if role != "until" and stated else article) or "unknown", not stated or inferred
    if status != "achieved":
        if stated and expr.kind in ("range", "half"):
            return "period_total", stated, inferred
        if stated and expr.kind in ("year", "relative_year") and role != "since":
            return "annual", stated, inferred
        p.checks.append(
            f"scope {sc['not_achieved']} for a {status} figure; is it one plan, a yearly rate or a total over a span?"
        )
        return sc["not_achieved"], (stated or article) + ("" if stated else "/"), not stated or inferred
    if p.fact.get("unit") in sc["stock_units"]:
        return "stock", (stated.split("/")[-1] if stated else article) or "unknown", not stated or inferred
    if expr is not None and role == "since" and stated and where == "sentence":
        return "cumulative", f"{stated.split('/')[0]}/{article}", True
    if indicator in sc["stock_indicators"] or p.fact.get("unit") in sc["stock_units"]:
        end = stated.split("/")[-1] if stated else article
        return "stock", end or "unknown", not stated or inferred
    if indicator in sc["event_indicators"]:
        if not stated or expr.kind not in ("day", "month"):
            p.checks.append("scope event: which event, and when?")
        return "event", stated or article, not stated or inferred
    if expr is not None and (role == "since" or expr.kind == "years_since"):
        begin = stated.split("/")[0] if stated else start
        return "cumulative", f"{begin}/{article}", True
    if expr is not None and (role == "until" or expr.kind == "now"):
        end = stated.split("/")[-1] if stated else article
        return "cumulative", (f"{start}/{end}" if start else f"/{end}"), inferred
    if expr is not None:
        if expr.kind in ("range", "half"):
            return "period_total", stated, inferred
        if expr.kind in ("day", "month"):
            if not expr.year_stated:
                p.checks.append("the year of this date is not stated; inferred from the article's date")
            return "event", stated, inferred
        return "annual", stated, inferred
    if words.cues(before, sc["cumulative"]):
        return "cumulative", running, True
    if words.cues(before, sc["stock"]) or p.fact.get("unit") in sc["default_stock_units"]:
        return "stock", article or "unknown", True
    p.checks.append("scope guessed as cumulative (no cue in the sentence)")
    return "cumulative", running, True


def choose_indicator(p: Proposal, rules: Rules, vocab: Vocabulary) -> tuple[str, str]:
    unit = p.fact.get("unit")
    windows = p.spot.windows()
    for n, window in enumerate(windows):
        for rule in rules.indicators:
            indicator = vocab.indicators[rule["indicator"]]
            if indicator.unit != unit:
                continue
            if all(r.search(window) for r in rule["all"]) and not any(r.search(window) for r in rule["none"]):
                if n > 0:
                    p.checks.append(f"indicator {indicator.id} from words outside the number's clause")
                return indicator.id, indicator.theme
    for window in windows:
        for theme, words_re in rules.themes:
            if words_re.search(window):
                p.checks.append(f"no indicator rule fits; other_{theme} from the word {words_re.search(window)[0]!r}")
                return f"other_{theme}", theme
    p.checks.append("no indicator or theme rule fits; other_context is a placeholder")
    return "other_context", "context"


def choose_places(p: Proposal, ctx: SourceContext, rules: Rules) -> tuple[str | None, str | None]:
    spot = p.spot
    found: dict[str, list[tuple[int, str]]] = {"east": [], "west": []}
    a, b = spot.sentence_bounds
    sentence = spot.text[a:b]
    taken = [False] * len(sentence)
    for name, place_id in rules.place_names:  # longest names first; a short form inside a long one is not counted
        for m in re.finditer(re.escape(name), sentence):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            role = rules.vocab.places[place_id]["role"]
            if role in found:
                found[role].append((abs(a + m.start() - spot.start), place_id))
    east = min(found["east"])[1] if found["east"] else None
    west = min(found["west"])[1] if found["west"] else None
    pairing = ctx.pairing_for(east, west)
    if pairing:
        east = east or pairing["east"]
        west = west or pairing["west"]
    elif not (east or west):
        p.checks.append("no place named in the sentence and the source covers several pairings; set east and west")
    return east, west


# --- A source ------------------------------------------------------------------------------------


@dataclass
class SourceContext:
    record: SourceRecord
    clean: CleanResult
    vocab: Vocabulary
    pairings: list[dict]
    article: str
    article_ym: tuple[int, int]
    article_estimated: bool

    @property
    def pairing_start(self) -> str:
        starts = {str(p.get("start_date") or "")[:7] for p in self.pairings}
        return starts.pop() if len(starts) == 1 else ""

    def pairing_for(self, east: str | None, west: str | None) -> dict | None:
        def family(place_id):
            out = set()
            while place_id:
                out.add(place_id)
                place_id = self.vocab.places.get(place_id, {}).get("parent")
            return out

        candidates = [
            pr
            for pr in self.pairings
            if (east is None or pr["east"] in family(east)) and (west is None or pr["west"] in family(west))
        ]
        if len(candidates) == 1 or (candidates and not (east or west) and len(self.pairings) == 1):
            return candidates[0]
        return None


def clean_source(record: SourceRecord, paths: ProjectPaths) -> CleanResult:
    """Clean one seed in memory with the build's cleaning (nothing is written)."""
    seed = paths.seed_file(record.source_id)
    if not seed.exists():
        raise DataError(f"{seed}: no seed file for source {record.source_id}")
    return clean_seed(read_seed(seed), record, seed)


def _context(record: SourceRecord, clean: CleanResult, vocab: Vocabulary, paths: ProjectPaths) -> SourceContext:
    raw = load_yaml(paths.pairings_input) or {}
    by_id = {p["id"]: p for p in raw.get("pairings", [])}
    pairings = [by_id[p] for p in record.pairings if p in by_id]
    article, ym, estimated = _article_date(record)
    return SourceContext(record, clean, vocab, pairings, article, ym, estimated)


def _quote(text: str, start: int, end: int, rules: Rules, exact_once: bool = True) -> str | None:
    """The shortest run of clauses around [start, end) that occurs once in text."""
    para_start, para_end = _paragraph_bounds(text, start)
    cuts, depth = [para_start], 0
    for i in range(para_start, para_end):
        ch = text[i]
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        elif ch in rules.delimiters and depth == 0:
            cuts.append(i)
    cuts.append(para_end)
    pieces = []  # (start, end) of each clause's text, delimiters excluded
    for a, b in itertools.pairwise(cuts):
        a = a if a == para_start else a + 1
        pieces.append((a, b))
    index = next(i for i, (a, b) in enumerate(pieces) if a <= start < b or (a <= start and end <= b))
    lo = hi = index

    def span() -> tuple[int, int]:
        a, b = pieces[lo][0], pieces[hi][1]
        while a < start and text[a] in " \u3000" + QUOTES:
            a += 1
        while b > end and text[b - 1] in " \u3000":
            b -= 1
        return a, b

    def says_what(a: int, b: int) -> bool:
        other = text[a:start] + text[end:b]
        return len(_CJK.findall(other)) >= rules.min_other_chars

    step = 0
    while True:
        a, b = span()
        if says_what(a, b) and text.count(text[a:b]) == 1:
            return text[a:b]
        if lo == 0 and hi == len(pieces) - 1:
            return text[a:b] if not exact_once else None
        if (not says_what(a, b) and lo > 0) or (step % 2 == 0 and lo > 0):
            lo -= 1
        elif hi < len(pieces) - 1:
            hi += 1
        else:
            lo -= 1
        step += 1


def _slug(indicator: str) -> str:
    return indicator.replace("_", "-")


def draft_document(
    record: SourceRecord, clean: CleanResult, vocab: Vocabulary, rules: Rules, words: Words, paths: ProjectPaths
) -> dict:
    """The draft annotation document for one source: {'source_id', 'facts', 'exclusions'}."""
    ctx = _context(record, clean, vocab, paths)
    text = clean.text
    matches = [(m.start(), m.end(), auto) for m, auto in scan(text)]
    covered = [(s, e) for s, e, _ in matches]
    for pattern in rules.extra_mentions:
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in covered):
                try:
                    parse_number(m.group(0))
                except NumberFormatError:
                    continue
                matches.append((m.start(), m.end(), None))
    matches.sort()
    facts, exclusions, used_ids = [], [], set()
    for start, end, auto in matches:
        if auto:
            continue  # the build excludes dates, clock times, ordinals and 一 as an article itself
        spot = _spot(text, start, end)
        reason = exclusion_reason(spot, rules)
        if reason:
            context = _context_for(text, start, end, rules)
            entry = {"mention": spot.mention, "context": context, "reason": reason}
            if context is None:
                entry["context"] = spot.sentence
                entry[CHECK] = "no unique context found; lengthen it"
            exclusions.append(entry)
            continue
        facts.append(_propose_fact(spot, ctx, rules, words, used_ids))
    return {"source_id": record.source_id, "facts": facts, "exclusions": exclusions}


def _context_for(text: str, start: int, end: int, rules: Rules) -> str | None:
    """A unique context for an exclusion whose first occurrence of the mention is this one."""
    mention = text[start:end]
    quote = _quote(text, start, end, rules)
    if quote is None:
        return None
    q_start = text.find(quote)
    if quote.find(mention) == start - q_start:
        return quote
    # the mention also occurs earlier in the quote: start the context at the mention
    for right in range(end, _paragraph_bounds(text, start)[1] + 1):
        candidate = text[start:right]
        if text.count(candidate) == 1:
            return candidate
    return None


def _propose_fact(spot: Spot, ctx: SourceContext, rules: Rules, words: Words, used_ids: set[str]) -> dict:
    text = spot.text
    number, number_start = number_text(spot)
    try:
        parsed = parse_number(number)
    except NumberFormatError:
        parsed = ParsedNumber(Decimal(0), None, frozenset(), "")
    p = Proposal(spot, number, parsed, number_start)
    quote = _quote(text, number_start, number_start + len(number), rules)
    if quote is None:
        quote = spot.sentence
        p.checks.append("no unique clause around the number; lengthen the quote")
    q_start = text.find(quote)
    # the number must occur once in its quote: lengthen it with the words after it if needed
    while quote.count(number) > 1 or quote.find(number) != number_start - q_start:
        nxt = number_start + len(number)
        if nxt >= q_start + len(quote) or text[nxt] in rules.delimiters:
            p.checks.append("the number occurs twice in its quote; choose a longer number text")
            break
        number += text[nxt]
    p.number = number

    unit = choose_unit(p, rules)
    p.fact["unit"] = unit
    qualifiers = sorted(parsed.qualifiers)
    if len(qualifiers) > 1:
        prefix_q = next(
            (PREFIX_QUALIFIERS[w] for w in sorted(PREFIX_QUALIFIERS, key=len, reverse=True) if number.startswith(w)), None
        )
        qualifier = prefix_q if prefix_q in qualifiers else qualifiers[0]
        p.checks.append(f"{number!r} reads as {' and '.join(qualifiers)}; {qualifier} chosen")
    else:
        qualifier = qualifiers[0] if qualifiers else "exact"
    status = choose_status(p, rules, words)
    p.fact["status"] = status
    indicator, theme = choose_indicator(p, rules, ctx.vocab)
    scope, period, inferred = choose_scope_and_period(p, ctx, rules, words, indicator)
    east, west = choose_places(p, ctx, rules)
    flags = []
    if inferred:
        flags.append("period_inferred")
        if ctx.article_estimated and period != "unknown":
            p.checks.append(f"period worked out from an estimated article date ({ctx.article})")
    if _part_of_total(spot):
        flags.append("part_of_total")
    if "[garbled]" in spot.sentence:
        flags.append("garbled_nearby")
    if parsed.value == 0 and not re.search(r"[0〇零]", number):
        p.checks.append(f"the number parser cannot read {number!r}; fix number and value")

    slug = f"{ctx.record.fact_prefix}-{_slug(indicator)}"
    fact_id, n = slug, 2
    while fact_id in used_ids:
        fact_id, n = f"{slug}-{n}", n + 1
    used_ids.add(fact_id)
    label = ctx.vocab.indicators[indicator].label_en
    fact = {
        "id": fact_id,
        "quote": quote,
        "number": number,
        "value": _plain(parsed.value),
        "value_high": _plain(parsed.value_high),
        "unit": unit,
        "qualifier": qualifier,
        "status": status,
        "indicator": indicator,
        "breakdown": "",
        "description": f"{label} (draft: say what is counted, where and when)",
        "theme": theme,
        "east": east,
        "west": west,
        "period": period,
        "scope": scope,
        "flags": flags,
    }
    if p.checks:
        fact[CHECK] = "; ".join(dict.fromkeys(p.checks))
    return fact


def _part_of_total(spot: Spot) -> bool:
    """其中 (of which) opens the number's clause, or stands alone as the clause before it."""
    clauses = re.split(r"[，,；;]", spot.before)
    return "其中" in clauses[-1] or (len(clauses) > 1 and clauses[-2].strip() == "其中")


def _plain(value: Decimal | None):
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


# --- Writing and reading drafts ----------------------------------------------------------------

HEADER = """\
# DRAFT annotations proposed by `python -m eastwest draft {source_id}`: review every entry.
# The build never reads this file. To use it: copy it to {source_id}.yml (keep this draft beside
# it while you review: `python -m eastwest check {source_id}` then also lists what review changed),
# fix or delete each fact, resolve and delete every `check:` note, write each `description`, set
# `breakdown` where a fact counts a part or a side, and list what the build still reports as
# unaccounted. Rules: data/annotations/README.md; drafting rules: data/reference/draft_rules.yml.
"""


def dump_draft(document: dict) -> str:
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
    return HEADER.format(source_id=document["source_id"]) + body


def _load_context(paths: ProjectPaths, source_id: str):
    records = {r.source_id: r for r in load_records(paths)}
    if source_id not in records:
        raise DataError(f"unknown source id {source_id!r}: add its provenance record to {paths.provenance} first")
    vocab = load_vocabulary(paths)
    return records[source_id], vocab


def draft_source(source_id: str, paths: ProjectPaths = PROJECT) -> dict:
    """The draft document for one source with a provenance record, in memory (nothing written)."""
    record, vocab = _load_context(paths, source_id)
    return draft_document(record, clean_source(record, paths), vocab, load_rules(paths, vocab), Words(paths.root), paths)


def write_draft(source_id: str, paths: ProjectPaths = PROJECT, force: bool = False, out: Path | None = None) -> tuple[Path, dict]:
    """Clean the seed, write data/clean/<id>.txt and the draft; return the draft's path and document."""
    from eastwest.core.files import write_text
    from eastwest.dataset.builder import SourceBuild, write_new_clean_text

    record, vocab = _load_context(paths, source_id)
    target = out or paths.annotation_draft(source_id)
    if target.exists() and not force:
        raise DataError(f"{target} exists; pass --force to overwrite it (the curated {source_id}.yml is never touched)")
    if target.resolve() == paths.annotation_file(source_id).resolve():
        raise DataError(f"refusing to write a draft over the curated {target}")
    clean = clean_source(record, paths)
    write_new_clean_text(SourceBuild(record, clean, [], [], []), paths)  # like `check`: a new source's text only
    document = draft_document(record, clean, vocab, load_rules(paths, vocab), Words(paths.root), paths)
    write_text(target, dump_draft(document))
    return target, document


# --- What review changed ---------------------------------------------------------------------------

DIFF_FIELDS = tuple(f for f in FACT_FIELDS if f not in ("id",))


def review_diff(draft: dict, reviewed: dict) -> list[str]:
    """Lines saying how the reviewed facts differ from the draft's: added, removed, fields changed."""
    old = list(draft.get("facts") or [])
    new = list(reviewed.get("facts") or [])

    def key_number(f):
        return (str(f.get("quote")), str(f.get("number")))

    def same_spot(a, b) -> bool:  # the same number in overlapping quotes (review often trims or lengthens them)
        (qa, na), (qb, nb) = key_number(a), key_number(b)
        return (qa in qb or qb in qa) and (na in nb or nb in na) and "None" not in (na, nb)

    matched, lines = [], []
    old_by_id = {f.get("id"): f for f in old}
    old_by_quote = {key_number(f): f for f in old}
    used = set()
    for f in new:
        partner = old_by_id.get(f.get("id"))
        if partner is None or id(partner) in used:
            partner = old_by_quote.get(key_number(f))
        if partner is None or id(partner) in used:
            partner = next((o for o in old if id(o) not in used and same_spot(o, f)), None)
        if partner is None or id(partner) in used:
            lines.append(f"added {f.get('id')}: {f.get('number')} in {f.get('quote')!r}")
            continue
        used.add(id(partner))
        matched.append((partner, f))
    for f in old:
        if id(f) not in used:
            lines.append(f"removed {f.get('id')}: {f.get('number')} in {f.get('quote')!r}")
    for before, after in matched:
        changes = []
        if before.get("id") != after.get("id"):
            changes.append(f"id {before.get('id')} → {after.get('id')}")
        for name in DIFF_FIELDS:
            a, b = before.get(name), after.get(name)
            if name == "flags":
                a, b = sorted(a or []), sorted(b or [])
            elif name in ("value", "value_high"):
                a = None if a in (None, "") else Decimal(str(a))
                b = None if b in (None, "") else Decimal(str(b))
            elif name == "breakdown":
                a, b = a or "", b or ""
            if a != b:
                changes.append("description" if name == "description" else f"{name} {_short(a)} → {_short(b)}")
        if changes:
            lines.append(f"changed {after.get('id')}: " + "; ".join(changes))
    old_ex = {(e.get("mention"), e.get("context")) for e in draft.get("exclusions") or []}
    new_ex = {(e.get("mention"), e.get("context")) for e in reviewed.get("exclusions") or []}
    if new_ex - old_ex or old_ex - new_ex:
        lines.append(f"exclusions: {len(new_ex - old_ex)} added, {len(old_ex - new_ex)} removed")
    return lines


def _short(value) -> str:
    text = "null" if value is None else str(value) if not isinstance(value, list) else "[" + ", ".join(map(str, value)) + "]"
    return text if len(text) <= 40 else text[:37] + "…"


# --- Agreement with the curated annotations -------------------------------------------------------

MEASURED = ("value", "unit", "qualifier", "status", "scope", "theme", "indicator", "period", "east", "west")
TARGETS = {"value": 95.0, "unit": 95.0, "qualifier": 95.0, "status": 90.0, "scope": 90.0, "theme": 85.0, "indicator": 70.0}


def _span(text: str, quote: str, number: str | None) -> tuple[int, int] | None:
    if not number:
        return None
    q = text.find(quote)
    if q < 0:
        return None
    n = quote.find(str(number))
    return (q + n, q + n + len(str(number))) if n >= 0 else None


def _same_value(a, b) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return Decimal(str(a)) == Decimal(str(b))


def agreement(paths: ProjectPaths = PROJECT) -> dict:
    """Draft every curated source from scratch (in memory) and compare with its curated facts.

    Proposals are matched to curated facts by number span: the curated `number` located in its
    `quote` in the clean text, overlapping the proposal's number. A curated fact no proposal
    overlaps counts as wrong on every field. Returns shares in percent and the counts behind them.
    """
    vocab = load_vocabulary(paths)
    rules = load_rules(paths, vocab)
    words = Words(paths.root)
    totals = {f: 0 for f in MEASURED}
    curated_n = with_number = matched_n = proposals_n = extra = not_verbatim = passes_build = 0
    excl_agree = excl_n = 0
    per_source = {}
    for record in load_records(paths):
        path = paths.annotation_file(record.source_id)
        if not path.exists():
            continue
        curated = load_yaml(path) or {}
        clean = clean_source(record, paths)
        text = clean.text
        document = draft_document(record, clean, vocab, rules, words, paths)
        proposals = document["facts"]
        proposals_n += len(proposals)
        spans = []
        for f in proposals:
            quote, number = f["quote"], f["number"]
            ok = text.count(quote) == 1 and quote.count(number) == 1 and "\n" not in quote
            not_verbatim += not ok
            spans.append(_span(text, quote, number))
            probe = {k: v for k, v in f.items() if k != CHECK}
            try:
                validate_fact(probe, text, vocab, record.fact_prefix, path)
                passes_build += 1
            except DataError:
                pass
        for e in document["exclusions"]:
            ok = text.count(e["context"]) == 1 and e["mention"] in e["context"]
            not_verbatim += not ok
        used = set()
        source_hits = {f: 0 for f in MEASURED}
        source_with_number = 0
        for fact in curated.get("facts") or []:
            curated_n += 1
            span = _span(text, str(fact.get("quote")), fact.get("number"))
            if span is None:
                continue  # a number lost by the source: nothing to draft from
            with_number += 1
            source_with_number += 1
            hit = next((i for i, s in enumerate(spans) if s and s[0] < span[1] and span[0] < s[1]), None)
            if hit is None:
                continue
            used.add(hit)
            matched_n += 1
            proposal = proposals[hit]
            right = {
                "value": _same_value(proposal["value"], fact.get("value"))
                and _same_value(proposal["value_high"], fact.get("value_high")),
                **{k: proposal.get(k) == fact.get(k) for k in MEASURED if k not in ("value", "period")},
                "period": str(proposal.get("period")) == str(fact.get("period")),
            }
            for k, ok in right.items():
                totals[k] += ok
                source_hits[k] += ok
        extra += len(proposals) - len(used)
        curated_excl = [(e.get("mention"), e.get("context"), e.get("reason")) for e in curated.get("exclusions") or []]
        for e in document["exclusions"]:
            start = text.find(e["context"]) + e["context"].find(e["mention"])
            excl_n += 1
            for mention, context, reason in curated_excl:
                c = text.find(str(context))
                if c < 0:
                    continue
                s = c + str(context).find(str(mention))
                if s < start + len(e["mention"]) and start < s + len(str(mention)):
                    excl_agree += reason == e["reason"]
                    break
        per_source[record.source_id] = {
            "curated_facts_with_number": source_with_number,
            **{k: _pct(v, source_with_number) for k, v in source_hits.items()},
        }
    shares = {k: _pct(v, with_number) for k, v in totals.items()}
    return {
        "shares_percent": shares,
        "targets_percent": TARGETS,
        "targets_met": {k: shares[k] >= t for k, t in TARGETS.items()},
        "curated_facts": curated_n,
        "curated_facts_with_number": with_number,
        "curated_facts_matched": matched_n,
        "proposed_facts": proposals_n,
        "proposals_not_curated_facts": extra,
        "proposals_passing_build_checks": passes_build,
        "proposals_not_verbatim": not_verbatim,
        "proposed_exclusions": excl_n,
        "proposed_exclusions_same_reason_as_curated": excl_agree,
        "per_source": per_source,
        "sources": len(per_source),
    }


def _pct(n: int, d: int) -> float:
    return round(100.0 * n / d, 1) if d else 0.0


def agreement_markdown(result: dict, measured_on: str) -> str:
    """The agreement as a short markdown table for the method page (written by `make bench`)."""
    s = result["shares_percent"]
    rows = [
        ("value", "value"),
        ("unit", "unit"),
        ("qualifier", "qualifier"),
        ("status", "status"),
        ("scope", "scope"),
        ("theme", "theme"),
        ("indicator", "indicator"),
        ("period", "period"),
    ]
    lines = [
        f"Measured on {measured_on} by `make bench` over the {result['sources']} curated sources: "
        f"{result['curated_facts_with_number']} curated facts with a number, of which the draft proposed "
        f"{result['curated_facts_matched']} at the same place in the text; it also proposed "
        f"{result['proposals_not_curated_facts']} facts that the curated files exclude or do not have. "
        f"Quotes or numbers not verbatim: {result['proposals_not_verbatim']}.",
        "",
        "| Field | Curated facts the draft got right | Target |",
        "|---|---|---|",
    ]
    for key, label in rows:
        target = TARGETS.get(key)
        lines.append(f"| {label} | {s[key]:.1f} % | {f'≥ {target:.0f} %' if target else '—'} |")
    return "\n".join(lines) + "\n"
