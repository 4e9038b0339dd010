import re

import pytest

from eastwest.core.errors import DataError
from eastwest.core.paths import PROJECT
from eastwest.dataset import load
from eastwest.sources.cleaning import GARBLED_MARK, PINYIN_GLOSS, clean_raw, clean_seed, find_garbled
from eastwest.sources.corpus import clean_corpus
from eastwest.sources.provenance import load_records, read_seed

pytestmark = pytest.mark.fast

SPAM_WORDS = ["波多野结衣", "亚洲少妇", "国产日韩欧美", "熟女"]
FURNITURE = [
    "字号变大",
    "字号变小",
    "点击:正在获取",
    "下载荔枝新闻APP",
    "快乐分享",
    "猜你喜欢",
    "猜你喜歡",
    "900字范文",
    "相关推荐",
    "网友评论",
    "本内容不代表本网观点",
    "责任编辑",
    "编辑丨",
    "赞赏",
    "标签:",
    "内容时间",
    "d9efda15b6a94441927805fdd7d2ba33",
    "关键词",
    "辽宁红沿河核电站",
]


@pytest.fixture(scope="module")
def cleaned():
    _, results = clean_corpus()
    return results


def test_clean_texts_on_disk_match_a_fresh_cleaning(cleaned):
    on_disk = load.clean_corpus()
    assert set(on_disk) == set(cleaned)
    for sid, result in cleaned.items():
        assert on_disk[sid] == result.text


def test_no_pinyin_gloss_survives(cleaned):
    toned = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
    for result in cleaned.values():
        assert not toned.search(result.text)


def test_all_478_glosses_of_002_are_counted(cleaned):
    assert cleaned["002_05c06ed6353804a0"].glosses_stripped == 478


def test_real_parentheses_are_kept(cleaned):
    assert "张家港10个镇(区)与沿河22个乡镇街道" in cleaned["002_05c06ed6353804a0"].text
    assert "中共张家港经开区(杨舍镇)善港村" in cleaned["000_88e38dd8f2b9872c"].text


def test_gloss_pattern_leaves_chinese_and_untoned_parentheses_alone():
    assert PINYIN_GLOSS.sub("", "堅(jiān)持(区)众合乐创(买趣网)APP(beta)") == "堅持(区)众合乐创(买趣网)APP(beta)"


def test_spam_and_furniture_are_gone(cleaned):
    for sid, result in cleaned.items():
        for word in SPAM_WORDS + FURNITURE:
            assert word not in result.text, f"{word!r} left in {sid}"


def test_spam_line_is_logged_without_its_text(cleaned):
    log = cleaned["002_05c06ed6353804a0"].log()
    spam = [r for r in log["lines_removed"] if r["rule"] == "spam_keywords"]
    assert [r["line"] for r in spam] == [1]
    assert "text" not in spam[0]


def test_002_is_simplified(cleaned):
    text = cleaned["002_05c06ed6353804a0"].text
    assert "张家港" in text and "張家港" not in text
    assert "协作" in text and "協作" not in text


def test_paragraph_bodies_survive(cleaned):
    spot_checks = {
        "000_88e38dd8f2b9872c": "张家港累计安排扶贫协作资金2.4亿元实施173个产业项目",
        "001_df563195e5b4e080": "碧江区累计脱贫6278户22896人,贫困发生率降至1.25%",
        "002_05c06ed6353804a0": "累计落实帮扶资金6594万元,重点支持63个项目",
        "003_2c630117eaa85b35": "其中-年项目20个,带动建档立卡贫困户近户",
        "004_c29e945638e12640": "青白江区2018年拨付对口帮扶资金1050万",
    }
    for sid, sentence in spot_checks.items():
        assert sentence in cleaned[sid].text


def test_every_line_is_kept_or_its_removal_logged(cleaned):
    """Cleaning drops a line of the seed only by a logged rule: whatever an article's length or shape,
    every non-blank line is either a paragraph of the clean text or in the log, never both."""
    for sid, result in cleaned.items():
        lines = {n for n, line in enumerate(read_seed(PROJECT.seed_file(sid)).splitlines(), start=1) if line.strip()}
        kept = [n for n, _ in result.paragraphs]
        removed = [r.line for r in result.removed]
        assert kept, f"{sid}: no paragraph kept"
        assert sorted(kept + removed) == sorted(lines), (
            f"{sid}: lines neither kept nor logged: {sorted(lines - set(kept) - set(removed))}"
        )


def test_garbled_runs_are_detected_marked_and_logged(cleaned):
    result = cleaned["002_05c06ed6353804a0"]
    assert [g.line for g in result.garbled] == [23, 29, 31, 41]
    assert result.text.count(GARBLED_MARK) == 4
    assert "?" not in result.text
    assert "任务分解[garbled]挑千斤担" in result.text
    for other in ("000_88e38dd8f2b9872c", "001_df563195e5b4e080", "004_c29e945638e12640"):
        assert not cleaned[other].garbled


def test_find_garbled_ignores_a_genuine_question_mark():
    assert find_garbled("What is this? A test.") == []
    assert find_garbled("斩?cái)嘭毨ТH传递") == [(1, 10)]


def test_a_seed_with_no_body_left_is_an_error(tmp_path):
    record = load_records()[0]
    with pytest.raises(DataError, match=r"empty\.txt: no article body left after cleaning"):
        clean_seed("字号变大| 字号变小\n\n快乐分享\n", record, tmp_path / "empty.txt")


def test_cleaning_does_not_depend_on_the_file_name():
    """The method page says nothing in cleaning branches on a file name: the same raw text under
    another id and path cleans to the same text, removing the same lines by the same rules."""
    for record in load_records(PROJECT):
        raw = read_seed(PROJECT.seed_file(record.source_id))
        own = clean_seed(raw, record, PROJECT.seed_file(record.source_id))
        renamed = clean_raw(
            raw,
            "999_0000000000000000",
            PROJECT.root / "elsewhere.txt",
            script=record.script,
            title_zh=record.title_zh,
            author=record.author,
        )
        assert renamed.text == own.text, record.source_id
        assert [(r.line, r.rule) for r in renamed.removed] == [(r.line, r.rule) for r in own.removed], record.source_id
