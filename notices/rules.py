"""The plain-Chinese wording a notice uses for each rule id it may cite (P9).

P9 asks a notice to state "the rule ids in plain Chinese": the recipient reads one sentence
per rule, not an id. Each sentence restates RULES.md §2 (E, the means test), §3 (T, destitute
support) or §6 (P, the procedure) for a lay reader. Thresholds a city may change (the
marginal multiplier, the expenditure ratio, the day counts of §6) are settings, so the
sentences name them as "当地规定" rather than print a default that may not be the city's.

Also here: the Chinese names of the programmes and the titles of the four kinds of notice.
"""

from notices.errors import UnknownRule

RULE_TEXT: dict[str, str] = {
    # §2 the household means test (民发〔2021〕57号).
    "E1": "最低生活保障以家庭为单位审核，家庭成员为审核之日仍在本户的成员，"
    "正在服刑或者被宣告失踪的人员不计入。",
    "E2": "家庭人均月收入按全体家庭成员年收入之和除以十二、再除以家庭成员人数计算。",
    "E3": "家庭人均月收入低于当地城乡最低生活保障标准，且家庭财产状况符合当地规定的，"
    "方可纳入最低生活保障。",
    "E4": "不符合最低生活保障条件，但家庭人均月收入低于当地规定倍数的城市最低生活保障标准，"
    "且家庭财产状况符合当地规定的，可以认定为低保边缘家庭。",
    "E5": "因病、因灾、意外事故、就学等刚性支出超过家庭年收入当地规定比例的，"
    "可以认定为刚性支出困难家庭；《中华人民共和国社会救助法》施行后，"
    "还须家庭人均年收入低于当地上年度居民人均可支配收入，且家庭财产状况符合当地规定。",
    "E6": "低保边缘家庭中的一级、二级残疾人，三级、四级智力或者精神残疾人，"
    "以及患有重特大疾病的人员，可以单独申请最低生活保障（单人保）。",
    "E7": "适用的当地标准，为审核之日已经施行的、所在地区最具体一级的最新标准。",
    # §3 destitute support (民发〔2021〕43号, 民法典).
    "T1": "认定为特困人员，须同时具备无劳动能力、无生活来源，"
    "且无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力。",
    "T2": "无劳动能力是指：年满六十周岁、未满十六周岁"
    "（十六至十七周岁主要依靠本人劳动收入生活的除外），或者一至三级智力、精神残疾，一、二级肢体残疾，一级视力残疾。",
    "T3": "无生活来源是指：本人收入低于当地最低生活保障标准，且财产状况符合当地规定。",
    "T4": "法定义务人依次包括：配偶；未成年子女或者不能独立生活的成年子女的父母；成年子女。"
    "养父母子女、有抚养关系的继父母子女同样适用。",
    "T5": "上述义务人均已死亡或者无履行义务能力的，由有负担能力的祖父母、外祖父母、"
    "成年孙子女、外孙子女或者成年兄姐依法履行义务。",
    "T6": "义务人已死亡、本人为特困人员、为六十周岁以上的低保对象、"
    "为七十周岁以上或者重度残疾且收入低于当地上年度居民人均可支配收入、"
    "无民事行为能力、被宣告失踪、正在服刑或者为未成年人的，视为无履行义务能力。",
    "T7": "认定结论列明所依据的规则，以及每名义务人的关系、义务种类、顺序、"
    "是否具有履行能力及其理由。",
    # §6 the procedure (《中华人民共和国社会救助法》, 民发〔2021〕57号).
    "P1": "申请由申请人或者受其委托的人向家庭所在地乡镇人民政府（街道办事处）提出。",
    "P2": "共同生活的家庭成员须全部签署授权书，同意核查其家庭经济状况，申请方可受理。",
    "P3": "申请材料齐全、核查授权完整的，予以受理；不予受理的，书面告知理由。",
    "P5": "受理后，由两名以上工作人员入户调查核实家庭经济状况，并提出审核意见。",
    "P6": "拟批准的申请在村（居）务公开栏公示；公示期间有异议的，重新调查核实。",
    "P7": "审核确认机关根据调查核实和公示情况，作出批准或者不予批准的决定。",
    "P8": "最低生活保障金按当地标准与家庭人均收入的差额计发，特困人员供养金按当地规定标准计发，"
    "自作出决定的次月起发放。",
    "P10": "对救助对象定期复核；家庭人口、收入或者财产状况发生变化的，相应增发、减发或者停发，"
    "减发、停发前听取本人意见。",
}

PROGRAM_NAME: dict[str, str] = {
    "dibao": "最低生活保障",
    "single_person_dibao": "最低生活保障（单人保）",
    "tekun": "特困人员救助供养",
    "marginal": "低保边缘家庭认定",
    "expenditure_hardship": "刚性支出困难家庭认定",
    "temporary_relief": "临时救助",
}
# P8: only these programmes pay a monthly amount, so only they can be decreased.
CASH_PROGRAMS = frozenset({"dibao", "single_person_dibao", "tekun"})

TITLE: dict[str, str] = {
    "not_accepted": "{program}申请不予受理告知书",
    "refusal": "{program}申请不予批准告知书",
    "decrease": "{program}减发告知书",
    "termination": "{program}终止告知书",
}


def plain(rule_id: str) -> str:
    """The plain-Chinese sentence for `rule_id`; `UnknownRule` for an id without one."""
    try:
        return RULE_TEXT[rule_id]
    except KeyError:
        known = ", ".join(sorted(RULE_TEXT))
        raise UnknownRule(
            f"no plain-Chinese text for rule id {rule_id!r} (known: {known})"
        ) from None
