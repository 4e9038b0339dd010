"""`python -m eastwest clean [--explain]`: what each cleaning rule removed, for seeds and for raw
articles not yet registered."""

import re

import pytest

from eastwest.__main__ import main
from eastwest.sources.provenance import load_records

pytestmark = pytest.mark.fast

BODY = "仓山区累计投入财政帮扶资金3200万元，实施帮扶项目46个，带动1800余人转移就业。"
RAW = "\n".join(
    [
        "当前位置：首页 >> 新闻中心",
        "索引号：11410000/2020-00123 发布机构：县扶贫办",
        "分享到：微信 微博 QQ空间",
        "",
        BODY,
        "分享到户的收益让每户贫困户年均增收2000元。",
        "亚洲_国产_精品_一区_二区",
        "【打印本页】【关闭窗口】",
    ]
)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["clean", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_explain_lists_every_seed_and_each_rule_it_used(capsys):
    from eastwest.sources.corpus import clean_corpus

    status, out, _ = _run(capsys, "--explain")
    assert status == 0
    _, results = clean_corpus()
    for sid, result in results.items():
        assert f"{sid}: " in out
        for rule, count in result.log()["lines_removed_by_rule"].items():
            assert f"  {rule} ({count})" in out
    assert "Lines removed by rule (rows) and article (columns):" in out


def test_explain_of_one_seed_names_only_it(capsys):
    first, *others = [r.source_id for r in load_records()]
    status, out, _ = _run(capsys, "--explain", first)
    assert status == 0 and f"#1 {first}" in out
    assert not any(sid in out for sid in others)


def test_explain_of_a_raw_file_shows_removed_lines_by_rule(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(RAW, encoding="utf-8")
    status, out, _ = _run(capsys, "--explain", "--raw", str(article))
    assert status == 0
    for rule, line in [("breadcrumb_location", 1), ("disclosure_header", 2), ("share_buttons", 3), ("page_tools", 8)]:
        assert re.search(rf"  {rule} \(1\)\n +{line}  ", out), rule
    assert "分享到户" not in out, "a body sentence is not listed as removed"
    assert "亚洲" not in out and "(text not shown" in out, "spam is counted, not printed"
    table = out.split("Lines removed by rule")[1]
    assert re.search(r"\nshare_buttons +1 +1\n", table)


def test_clean_of_a_raw_file_prints_its_clean_text(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(RAW, encoding="utf-8")
    status, out, _ = _run(capsys, "--raw", str(article))
    assert status == 0
    assert out == f"{BODY}\n\n分享到户的收益让每户贫困户年均增收2000元。\n"


def test_a_folder_of_raw_articles_and_traditional_script(tmp_path, capsys):
    for name, text in [("a", "當前位置：首頁 > 新聞中心\n" + "倉山區累計投入幫扶資金3200萬元。"), ("b", RAW)]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(text, encoding="utf-8")
    status, out, _ = _run(capsys, "--explain", "--raw", str(tmp_path), "--script", "traditional")
    assert status == 0
    assert "#1 " in out and "#2 " in out and "当前位置：首页 > 新闻中心" in out


def test_a_record_beside_a_fixture_article_gives_its_title_and_script(tmp_path, capsys):
    (tmp_path / "article.txt").write_text("臨洮縣協作成效明顯\n" + "倉山區累計投入幫扶資金3200萬元。\n", encoding="utf-8")
    (tmp_path / "source.yml").write_text("title_zh: 臨洮縣協作成效明顯\nscript: traditional\nauthor: null\n", encoding="utf-8")
    status, out, _ = _run(capsys, "--raw", str(tmp_path / "article.txt"))
    assert status == 0 and out == "仓山区累计投入帮扶资金3200万元。\n"


def test_hostile_lines_do_not_crash_it(tmp_path, capsys):
    article = tmp_path / "hostile.txt"
    article.write_text("(?P<x>.*)+[\\1 **\n\x1b[31m红色\x07\n" + "大 " * 300 + "X\n" + BODY + "\n", encoding="utf-8")
    status, out, _ = _run(capsys, "--explain", "--raw", str(article))
    assert status == 0
    assert "\x1b" not in out and "\x07" not in out


def test_an_article_with_nothing_left_is_reported_not_fatal(tmp_path, capsys):
    article = tmp_path / "furniture.txt"
    article.write_text("分享到：微信 微博\n【打印本页】【关闭窗口】\n", encoding="utf-8")
    status, out, _ = _run(capsys, "--explain", "--raw", str(article))
    assert status == 0 and "no article body left" in out


@pytest.mark.parametrize("argv", [["--raw", "no/such/article.txt"], ["no_such_source"]])
def test_a_bad_argument_is_a_plain_error(capsys, argv):
    status, _, err = _run(capsys, "--explain", *argv)
    assert status == 1 and err.startswith("error: ") and "Traceback" not in err
