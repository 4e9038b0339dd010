"""Provenance records for the raw seeds (`seeds/sources.yml`), validated against a schema."""
from __future__ import annotations

import hashlib
import datetime
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from eastwest.reader.wording import outlet_en
from eastwest.core import plaintext
from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT, ProjectPaths
from eastwest.core.yamlio import load_yaml

GENRES = ("news_report", "news_feature", "signed_article_by_official", "repost", "wechat_post")
DATE_STATUSES = ("as_given", "repost_date", "undated", "estimated")
def _real_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a month and day that exist."""
    year, month, day = (int(p) for p in (text.split("-") + ["1", "1"])[:3])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


class SourceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source_id: str
    sha256: str
    title_zh: Optional[str]
    title_en: str
    outlet: str
    author: Optional[str]
    published: Optional[str]
    date_status: Literal[DATE_STATUSES]  # type: ignore[valid-type]
    date_evidence: str
    date_estimate: Optional[str]
    url: Optional[str]
    url_kind: Literal["url", "page_path", "none"]
    # Where the copy gives only a page path: the outlet's site, and why it is that site. Never a
    # guess from the title; the source page shows the address as inferred, with this evidence.
    site: Optional[str] = None
    site_evidence: Optional[str] = None
    genre: Literal[GENRES]  # type: ignore[valid-type]
    script: Literal["simplified", "traditional"]
    language: Literal["zh"]
    pairings: list[str]
    reliability: str

    @field_validator("source_id")
    @classmethod
    def _id_is_a_file_stem(cls, value: str) -> str:
        if not re.fullmatch(r"[0-9A-Za-z_\-]+", value):
            raise ValueError("must be a file stem of letters, digits, '_' or '-'")
        return value

    @field_validator("site")
    @classmethod
    def _bare_host(cls, value):
        if value is not None and not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", value):
            raise ValueError("must be a bare host name such as news.example.com (no scheme, no path)")
        return value

    @model_validator(mode="after")
    def _site_completes_a_path(self):
        if self.site is not None and not (self.url_kind == "page_path" and self.url and self.url.startswith("/")):
            raise ValueError("site is given only for a url_kind: page_path whose url starts with '/'")
        if self.url_kind == "url" and not re.fullmatch(r"https?://[^\s\"'<>]+", self.url or ""):
            raise ValueError("a url of url_kind: url starts with http:// or https:// (no spaces or quotes)")
        if (self.site is None) != (self.site_evidence is None):
            raise ValueError("site and site_evidence go together: say how the site is known")
        return self

    def address(self) -> str | None:
        """The article's full address: the url as given, or the page path on its recorded site."""
        if self.url_kind == "url":
            return self.url
        if self.site:
            return f"https://{self.site}{self.url}"
        return None

    @field_validator("title_zh", "title_en", "outlet", "author", "date_evidence", "url", "reliability", "site_evidence")
    @classmethod
    def _plain_text(cls, value):
        trouble = plaintext.problem(value)
        if trouble:
            raise ValueError(trouble)
        return value

    @field_validator("outlet")
    @classmethod
    def _outlet_has_an_english_name(cls, value: str) -> str:
        # Tables, captions and charts name a source by its outlet's English name (charts have no
        # Chinese font): '荔枝网 (Litchi News, Jiangsu Broadcasting Corporation)'.
        shown = outlet_en(value)
        if re.search(r"[\u3400-\u9fff]", shown):
            raise ValueError(
                f"the reader's name of the outlet, {shown!r}, has Chinese characters: write it as "
                "'中文名 (English name, what it is; notes)', with no Chinese before the first ';' or ',' in the parentheses"
            )
        return value

    @field_validator("sha256")
    @classmethod
    def _sha256_hex(cls, value: str) -> str:
        if not re.fullmatch(r"[0-9a-f]{64}", value):
            raise ValueError("must be 64 lowercase hex digits")
        return value

    @field_validator("published", "date_estimate")
    @classmethod
    def _date_like(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _DATE.fullmatch(value):
            raise ValueError("must look like YYYY, YYYY-MM, YYYY-MM-DD or a start/end range of these")
        if value is not None:
            parts = value.split("/")
            for part in parts:
                if not _real_date(part):
                    raise ValueError(f"{part!r} is not a real date (months 01–12, days that the month has)")
            if len(parts) == 2 and parts[1] < parts[0][: len(parts[1])]:
                raise ValueError(f"the range ends ({parts[1]}) before it starts ({parts[0]})")
        return value

    @field_validator("pairings")
    @classmethod
    def _pairings_non_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("list at least one pairing id")
        return value

    @property
    def fact_prefix(self) -> str:
        """Facts from this source have ids starting with this prefix (the stem's first part)."""
        return self.source_id.split("_")[0]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_records(paths: ProjectPaths = PROJECT) -> list[SourceRecord]:
    raw = load_yaml(paths.provenance)
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise DataError(f"{paths.provenance}: expected a mapping with a 'sources' list")
    records = []
    for index, entry in enumerate(raw["sources"]):
        label = entry.get("source_id", f"entry #{index + 1}") if isinstance(entry, dict) else f"entry #{index + 1}"
        try:
            records.append(SourceRecord.model_validate(entry))
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()
            )
            raise DataError(f"{paths.provenance}: record {label}: {problems}") from exc
    ids = [r.source_id for r in records]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataError(f"{paths.provenance}: duplicate source_id {', '.join(duplicates)}")
    # The number names the source's citation key (src005) and starts its fact ids (005-…): one per source.
    by_number: dict[str, str] = {}
    for record in sorted(records, key=lambda r: r.source_id):
        number = record.fact_prefix
        if number in by_number:
            free = max(int(n) for n in by_number if n.isdigit()) + 1 if any(n.isdigit() for n in by_number) else 0
            raise DataError(
                f"{paths.provenance}: sources {by_number[number]} and {record.source_id} share the number {number}, which "
                f"names each source's citation key and starts its fact ids; give {record.source_id} the next free "
                f"number ({free:03d}): rename its seed file, its record's source_id and its annotation file to match"
            )
        by_number[number] = record.source_id
    return sorted(records, key=lambda r: r.source_id)


def check_seeds_match_records(records: list[SourceRecord], paths: ProjectPaths = PROJECT) -> int:
    """Every seed has a record, every record a seed, and checksums agree. Returns seeds checked."""
    seed_ids = {p.stem for p in paths.seeds.glob("*.txt")}
    record_ids = {r.source_id for r in records}
    if seed_ids - record_ids:
        raise DataError(
            f"{paths.provenance}: no provenance record for seed(s) "
            + ", ".join(f"seeds/{s}.txt" for s in sorted(seed_ids - record_ids))
        )
    if record_ids - seed_ids:
        raise DataError(
            f"{paths.provenance}: record(s) without a seed file: " + ", ".join(sorted(record_ids - seed_ids))
        )
    for record in records:
        actual = sha256_of(paths.seed_file(record.source_id))
        if actual != record.sha256:
            raise DataError(
                f"seeds/{record.source_id}.txt: sha256 {actual} differs from its provenance record "
                f"({record.sha256}); raw seeds must never be edited"
            )
    return len(records)


def check_pairings_defined(record: SourceRecord, defined: set[str], paths: ProjectPaths = PROJECT) -> None:
    """A source may list only pairings data/reference/pairings.yml defines: a misspelt id would
    drop the source from that pairing's page, or draft it as if it had fewer pairings."""
    unknown = [p for p in record.pairings if p not in defined]
    if unknown:
        raise DataError(
            f"{paths.provenance}: source {record.source_id} lists pairing {unknown[0]!r}, which {paths.pairings_input} does not define"
        )


def read_seed(path: Path) -> str:
    """Decode a raw seed strictly: a non-UTF-8 file is an error, never silent mojibake."""
    data = path.read_bytes()
    if not data.strip():
        raise DataError(f"{path}: the seed is empty ({len(data)} bytes); save the article's text in it")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{path}: not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}). "
            "Convert it first, e.g. `iconv -f GB18030 -t UTF-8 in.txt > out.txt` for a GB-encoded page, "
            "then put the converted file's checksum (`sha256sum`) in its record's `sha256` in seeds/sources.yml "
            "and say in its `reliability` text that it was converted from GB18030"
        ) from exc
