import hashlib

import pytest
import yaml

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT
from eastwest.sources.provenance import check_seeds_match_records, load_records, read_seed

pytestmark = pytest.mark.fast


def test_every_seed_has_a_valid_record_and_matching_checksum():
    records = load_records()
    checked = check_seeds_match_records(records)
    assert checked >= 1
    assert checked == len(list(PROJECT.seeds.glob("*.txt")))
    for record in records:
        assert record.sha256 == hashlib.sha256(PROJECT.seed_file(record.source_id).read_bytes()).hexdigest()


def test_seed_without_record_is_an_error(project_copy):
    (project_copy.seeds / "999_extra.txt").write_text("正文。", encoding="utf-8")
    with pytest.raises(DataError, match=r"no provenance record for seed\(s\) seeds/999_extra.txt"):
        check_seeds_match_records(load_records(project_copy), project_copy)


def test_record_without_seed_is_an_error(project_copy):
    project_copy.seed_file("003_2c630117eaa85b35").unlink()
    with pytest.raises(DataError, match="record\\(s\\) without a seed file: 003_2c630117eaa85b35"):
        check_seeds_match_records(load_records(project_copy), project_copy)


def test_edited_seed_fails_its_checksum(project_copy):
    seed = project_copy.seed_file("000_88e38dd8f2b9872c")
    seed.write_bytes(seed.read_bytes() + b"\n")
    with pytest.raises(DataError, match=r"seeds/000_88e38dd8f2b9872c\.txt: sha256 .* differs"):
        check_seeds_match_records(load_records(project_copy), project_copy)


def test_record_breaking_the_schema_names_the_record_and_field(project_copy):
    raw = yaml.safe_load(project_copy.provenance.read_text(encoding="utf-8"))
    raw["sources"][1]["genre"] = "blog"
    project_copy.provenance.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match="record 001_df563195e5b4e080: genre"):
        load_records(project_copy)


def test_seed_that_is_not_utf8_names_file_and_byte_offset(tmp_path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("张家港".encode() + "沿河".encode("gbk"))
    with pytest.raises(DataError, match=r"gbk.txt: not valid UTF-8 at byte offset 9 .*iconv"):
        read_seed(bad)


def test_a_page_path_is_completed_only_with_a_recorded_site_and_its_evidence():
    from eastwest.sources.provenance import SourceRecord

    base = dict(
        source_id="x_1",
        sha256="0" * 64,
        title_zh=None,
        title_en="T",
        outlet="O",
        author=None,
        published=None,
        date_status="undated",
        date_evidence="e",
        date_estimate=None,
        genre="news_report",
        script="simplified",
        language="zh",
        pairings=["zhangjiagang-yanhe"],
        reliability="r",
    )
    path = SourceRecord(**base, url="/a/1.shtml", url_kind="page_path", site="news.example.com", site_evidence="why")
    assert path.address() == "https://news.example.com/a/1.shtml"
    assert SourceRecord(**base, url="/a/1.shtml", url_kind="page_path").address() is None  # a bare path is not an address
    assert SourceRecord(**base, url="https://x.example.org/p", url_kind="url").address() == "https://x.example.org/p"
    for bad in [
        dict(url="/a/1.shtml", url_kind="page_path", site="https://news.example.com", site_evidence="why"),
        dict(url="/a/1.shtml", url_kind="page_path", site="news.example.com"),  # no evidence
        dict(url=None, url_kind="none", site="news.example.com", site_evidence="why"),
        dict(url="javascript:alert(1)", url_kind="url"),
    ]:
        with pytest.raises(ValueError):
            SourceRecord(**base, **bad)


@pytest.mark.parametrize(
    "outlet",
    ["北方网 (news portal reprint of 西青区融媒体中心)", "荔枝网", "某县人民政府网 (某县 county portal)"],
)
def test_an_outlet_without_an_english_name_names_the_record(project_copy, outlet):
    raw = yaml.safe_load(project_copy.provenance.read_text(encoding="utf-8"))
    raw["sources"][0]["outlet"] = outlet
    project_copy.provenance.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"outlet.*Chinese characters"):
        load_records(project_copy)
