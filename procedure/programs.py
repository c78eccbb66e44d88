"""The programmes an application may ask for (RULES P1) and the families the rules group
them in. Temporary relief (R) and `other` (M5) have procedures of their own."""

from typing import Final, Literal, get_args

Program = Literal["dibao", "single_person_dibao", "tekun", "marginal", "expenditure_hardship"]
PROGRAMS: Final[frozenset[str]] = frozenset(get_args(Program))

# P7 "dibao family 10, tekun 15 working days": every programme but tekun is decided under the
# dibao procedure (民发〔2021〕57号; GD 条例 第十八条), tekun under 民发〔2021〕43号.
DIBAO_FAMILY: Final[frozenset[str]] = PROGRAMS - {"tekun"}
