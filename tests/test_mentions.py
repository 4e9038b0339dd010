"""The coverage audit's automatic exclusions: the parts of numeric dates and clock times."""

import pytest

from eastwest.annotate.mentions import scan

pytestmark = pytest.mark.fast


def reasons(text: str) -> dict[str, str | None]:
    return {m.group(0): reason for m, reason in scan(text)}


@pytest.mark.parametrize(
    ("text", "mention", "reason"),
    [
        ("某县融媒体中心 2020-11-06 转载", "06", "date"),
        ("发布时间：2019/08/23 浏览", "23", "date"),
        ("发布时间：2019-08-23 09:15 浏览", "15", "clock_time"),
        ("发布时间：2019-08-23 09:15 浏览", "09", "clock_time"),
    ],
)
def test_the_day_of_a_numeric_date_and_the_minutes_of_a_time_are_not_facts(text, mention, reason):
    assert reasons(text)[mention] == reason


@pytest.mark.parametrize(
    ("text", "mention"), [("帮扶资金5-8万元", "5-8万元"), ("培训12:30名学员", "30名"), ("共有2019名学员", "2019名")]
)
def test_look_alike_counts_stay_mentions(text, mention):
    assert reasons(text)[mention] is None
