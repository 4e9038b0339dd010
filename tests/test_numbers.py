"""The number parser: every normalisation rule the dataset relies on."""

from decimal import Decimal

import pytest

from eastwest.annotate.numerals import NumberFormatError, parse_number

pytestmark = pytest.mark.fast


@pytest.mark.parametrize(
    ("text", "value", "high", "qualifiers", "units"),
    [
        ("2.4亿元", "240000000", None, set(), {"yuan"}),
        ("6594万元", "65940000", None, set(), {"yuan"}),  # 6594萬元 after OpenCC conversion
        ("两期", "2", None, set(), None),
        ("三届", "3", None, set(), {"edition"}),
        ("1.8万株", "18000", None, set(), {"plant"}),
        ("260余名", "260", None, {"over"}, {"person"}),
        ("500多万元", "5000000", None, {"over"}, {"yuan"}),
        ("80余万元", "800000", None, {"over"}, {"yuan"}),
        ("超3000万元", "30000000", None, {"over"}, {"yuan"}),
        ("近45亿元", "4500000000", None, {"nearly"}, {"yuan"}),
        ("4-8倍", "4", "8", {"range"}, {"times"}),
        ("97.64%", "97.64", None, set(), {"percent"}),
        ("超四成", "40", None, {"over"}, {"percent"}),
        ("十分之一多", "10", None, {"over"}, {"percent"}),
        ("前三", "1", "3", {"range"}, {"rank"}),
        ("1680人次", "1680", None, set(), {"person_time"}),
        ("6.18平方公里", "6.18", None, set(), {"km2"}),
        # two neighbouring digits are "two or three", a range, never 23
        ("两三元", "2", "3", {"range"}, {"yuan"}),
        ("三四百人", "300", "400", {"range"}, {"person"}),
        ("七八十万元", "700000", "800000", {"range"}, {"yuan"}),
        ("十五六人", "15", "16", {"range"}, {"person"}),
        ("二十三人", "23", None, set(), {"person"}),
    ],
)
def test_parse_number(text, value, high, qualifiers, units):
    parsed = parse_number(text)
    assert parsed.value == Decimal(value)
    assert parsed.value_high == (Decimal(high) if high else None)
    assert set(parsed.qualifiers) == qualifiers
    assert parsed.allowed_units == units


@pytest.mark.parametrize("text", ["左右", "", "元"])
def test_text_without_a_number_is_an_error(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)
