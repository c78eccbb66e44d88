"""Why a review is due, in rule ids and in Chinese (RULES P10, W3, X3; CONTRACT §4 `GET
/v1/reviews`, the added `why_rules` and `why_reason`).

`why` names the ground of the earliest date (`reviews.schedule.next_review`); a review can be
due on several grounds by the day the list is asked for: its schedule (P10), a warning of
blue or above that brought it forward (W3), and an integrity finding X3 (enrolled but
failing E3, E4, E5 or T1 on the day checked: due that day). Each ground keeps its rule ids
and one Chinese sentence, so that an officer reads, e.g., that a review is overdue on its
schedule and that X3 also found the household no longer meeting E3.
"""

from dataclasses import dataclass
from datetime import date
from typing import Final

from notices import PROGRAM_NAME
from notices.render import cn_date
from reviews.schedule import NextReview, Why

__all__ = ["Ground", "ground", "reason_of", "rules_of"]

# X3's rules in plain words (RULES §9 X3 and §2, §3).
RULE_WORDS: Final[dict[str, str]] = {
    "E3": "最低生活保障条件（家庭人均月收入低于当地低保标准且财产状况符合规定）",
    "E4": "低保边缘家庭条件（不符合低保条件，人均月收入低于当地规定倍数的城市低保标准）",
    "E5": "刚性支出困难家庭条件",
    "T1": "特困人员条件（无劳动能力、无生活来源、无有履行能力的法定义务人）",
}


@dataclass(frozen=True, slots=True)
class Ground:
    """One ground a review is due on: the date, its kind (`why`), its rule ids and the
    Chinese sentence saying it."""

    due_on: date
    why: Why
    rules: tuple[str, ...]
    reason: str


def ground(
    candidate: NextReview,
    *,
    program: str,
    start: date,
    months: int,
    x3_rule: str | None,
) -> Ground:
    """The ground of one of `reviews.schedule.review_grounds`: `start` and `months` are what
    the schedule counts from and by; `x3_rule` the rule an X3 finding found failing."""
    due = cn_date(candidate.due_on)
    if candidate.why == "scheduled":
        reason = f"定期核查（P10）：自{cn_date(start)}起每{months}个月核查一次，应于{due}核查"
        return Ground(candidate.due_on, "scheduled", ("P10",), reason)
    if candidate.why == "warning":
        reason = f"预警提前（P10、W3）：蓝色及以上预警的入户核查期限为{due}，核查提前至该日"
        return Ground(candidate.due_on, "warning", ("P10", "W3"), reason)
    rule = x3_rule or ""
    name = PROGRAM_NAME.get(program, program)
    words = RULE_WORDS.get(rule, rule)
    reason = f"信息比对X3（{rule}）：已纳入{name}，但{due}不再符合{words}，核查即时到期"
    return Ground(candidate.due_on, "X3", ("X3", rule) if rule else ("X3",), reason)


def rules_of(grounds: tuple[Ground, ...]) -> list[str]:
    """The rule ids of every ground, each once, in the grounds' order."""
    return list(dict.fromkeys(r for g in grounds for r in g.rules))


def reason_of(grounds: tuple[Ground, ...]) -> str:
    """The grounds' Chinese sentences, earliest first."""
    return "；".join(g.reason for g in grounds)
