"""The drafting rules (data/reference/draft_rules.yml, compiled) and the word segmenter for cues.

The rules are data, never code: the patterns of exclusions, units, status, scope, time and
indicators, with {east} and {west} expanded to the names of the places of that role. Cue words of
one character count only as whole words of jieba's segmentation (taught the programme's terms), so
将 in 将近 is not the future tense.
"""

from __future__ import annotations

import re
from pathlib import Path

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml
from eastwest.reference.vocabulary import Vocabulary, load_vocabulary


class Rules:
    """data/reference/draft_rules.yml with its patterns compiled; {east}/{west} expanded."""

    def __init__(self, raw: dict, vocab: Vocabulary, path: Path):
        self.path = path
        self.raw = raw
        self.vocab = vocab
        self.place_names = _place_names(vocab)
        roles: dict[str, list[str]] = {"east": [], "west": []}
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
            self.status_word_after = re.compile(raw["status"]["not_a_cue_after"])
            self.scope = dict(raw["scope"])
            for key in (
                "occasion_words",
                "fair_words",
                "year_on_year",
                "stock_verbs",
                "share_words",
                "strong_cumulative",
                "state_words",
                "event_verbs",
                "added_words",
                "allocation_words",
                "held_before",
                "state_after",
            ):
                self.scope[key] = re.compile(self.scope[key])
            t = raw["time"]
            self.relative_years = {str(k): int(v) for k, v in t["relative_years"].items()}
            self.half_years = {str(k): tuple(v) for k, v in t["half_years"].items()}
            self.five_year_plans = {str(k): (int(v[0]), int(v[1])) for k, v in t["five_year_plans"].items()}
            self.whole_year = re.compile(t["whole_year"])
            self.review_months = int(t["review_months"])
            self.plan_year_after = re.compile(t["plan_year_after"])
            self.event_name_after = re.compile(t["event_name_after"])
            self.comparison_before = re.compile(t["comparison"]["before"])
            self.comparison_after = re.compile(t["comparison"]["after"])
            self.since = re.compile(t["since"])
            self.until = re.compile(t["until"])
            self.years_since = re.compile(t["years_since"])
            self.now = re.compile(t["now"])
            self.heading = re.compile(t["heading"])
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
                        "subject": self._re(r["subject"]) if r.get("subject") else None,
                    }
                )
            self.themes = []
            for r in raw["themes"]:
                vocab.check("themes", r["theme"], f"{path}: themes")
                self.themes.append((r["theme"], self._re(r["words"])))
            places = raw["places"]
            self.place_example_after = self._re(places["example_after"])
            self.place_reference_before = self._re(places["reference_before"])
            self.place_own_state_themes = set(places["own_state_themes"])
            self.place_helped_themes = set(places["helped_themes"])
            self.place_helped_cue = self._re(places["helped_cue"])
            self.several_partners = self._re(places["several_partners"])
            self.place_respectively = self._re(places["respectively"])
            self.place_self_reference = self._re(places["self_reference"])
            self.one_counts_before = self._re(raw["one_counts"]["before"])
            self.one_counts_after = self._re(raw["one_counts"]["after"])
            self.part_of_total = self._re(raw["parts"]["cue"])
            self.breakdown_opens = self._re(raw["parts"]["opens"])
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
    names: dict[str, str] = {}
    for place in vocab.places.values():
        full = str(place["name_zh"])
        names.setdefault(full, place["id"])
        short = re.sub(r"(?:土家族|藏族|维吾尔)?(?:自治县|自治州|自治区|市|县|区|省|镇|乡|村)$", "", full)
        if len(short) >= 2 and short != full:
            names.setdefault(short, place["id"])
        # 黔东南苗族侗族自治州 -> 黔东南州, 黔东南: the peoples' names dropped
        autonomous = re.fullmatch(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,4}?族)+自治(州|县)", full)
        if autonomous:
            names.setdefault(autonomous[1] + autonomous[2], place["id"])
            names.setdefault(autonomous[1], place["id"])
        elif full.endswith("自治县") and len(full) >= 7:  # 塔什库尔干塔吉克自治县 -> 塔县: a long name's first character
            names.setdefault(full[0] + "县", place["id"])
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
