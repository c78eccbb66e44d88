// Reasons in the officer's language (issue 13 item 12). Every verdict of the API carries its
// reasons twice: `reasons` (plain English text) and `explanations` ([{rule, code, params}],
// CONTRACT §3). Each code of the back end's closed set (scoring/explain.py) has a Chinese and an
// English template here; the English one is the text of `reasons` itself. A template's
// {name} is filled with its param, shown as officers read it (dates, enum labels, lists);
// {rule} is the rule id. The result is a string that the views put in a text node.

import { fmtDate, label, lang } from "./i18n.js";

export const REASONS = {
  e1_members: {
    zh: "E1：{as_of}计算人口 {count} 人",
    en: "E1: {count} members on {as_of}",
  },
  e1_one_member: {
    zh: "E1：{as_of}计算人口 1 人",
    en: "E1: 1 member on {as_of}",
  },
  e1_no_members: {
    zh: "E1：{as_of}无计算人口，各项救助均不适用",
    en: "E1: no members on {as_of}: no programme applies",
  },
  e1_not_counted: {
    zh: "E1：不计入人口：{person_id}（{excluded_as}）",
    en: "E1: not counted: {person_id} ({excluded_as})",
  },
  e2_per_capita: {
    zh: "E2：家庭年收入 {income} 元 ÷ 12 ÷ {count} 人 = 人均月收入 {per_capita} 元",
    en: "E2: {income} / 12 / {count} = {per_capita} per person per month",
  },
  e7_standard: {
    zh: "E7：适用{region_name}（{region_code}）{effective_from}起的标准：城市低保 {urban} 元/月，农村低保 {rural} 元/月",
    en: "E7: {region_name} ({region_code}) standard from {effective_from}: urban {urban}, rural {rural}",
  },
  e7_no_standard: {
    zh: "E7：{as_of}村（社区）{village}及其上级区划均无有效的地方标准",
    en: "E7: no local standard in force on {as_of} for village {village} or any region above it",
  },
  e3_below: {
    zh: "E3：人均月收入 {per_capita} 元低于{region_name}{hukou}低保标准 {line} 元（{effective_from}起）",
    en: "E3: {per_capita} < {line} ({region_name} {hukou} standard from {effective_from})",
  },
  e3_not_below: {
    zh: "E3：人均月收入 {per_capita} 元不低于{region_name}{hukou}低保标准 {line} 元（{effective_from}起）",
    en: "E3: {per_capita} is not below {line} ({region_name} {hukou} standard from {effective_from})",
  },
  assets_ok: {
    zh: "{rule}：家庭财产状况符合当地规定",
    en: "{rule}: assets within the local rule",
  },
  assets_not_ok: {
    zh: "{rule}：家庭财产状况超出当地规定",
    en: "{rule}: assets beyond the local rule",
  },
  e4_dibao: {
    zh: "E4：已符合低保条件（E3），不属于低保边缘家庭",
    en: "E4: eligible for dibao under E3, so not marginal",
  },
  e4_below: {
    zh: "E4：人均月收入 {per_capita} 元低于 {line} 元（{region_name}城市低保标准 {urban} 元的 {multiplier} 倍，{effective_from}起）",
    en: "E4: {per_capita} < {line} ({multiplier} × {urban} {region_name} urban standard from {effective_from})",
  },
  e4_not_below: {
    zh: "E4：人均月收入 {per_capita} 元不低于 {line} 元（{region_name}城市低保标准 {urban} 元的 {multiplier} 倍，{effective_from}起）",
    en: "E4: {per_capita} is not below {line} ({multiplier} × {urban} {region_name} urban standard from {effective_from})",
  },
  e5_seed: {
    zh: "E5：适用{law_from}以前的规定（广东省方案）：刚性支出不低于家庭收入的规定比例",
    en: "E5: the seed's test (as of before {law_from}): rigid spending at or above the ratio of household income",
  },
  e5_law: {
    zh: "E5：适用《社会救助法》（{law_from}起）：人均收入低于当地上年度人均可支配收入，家庭财产符合当地规定，且刚性支出高于家庭收入的规定比例",
    en: "E5: the Social Assistance Law's test (as of {law_from} or later): per-capita income below last year's local per-capita disposable income, assets within the local rule, and rigid spending above the ratio of household income",
  },
  e5_zero_income: {
    zh: "E5：家庭无收入，刚性支出 {rigid} 元大于 0",
    en: "E5: zero household income and rigid spending {rigid} > 0",
  },
  e5_nothing: {
    zh: "E5：家庭既无收入，也无刚性支出",
    en: "E5: neither household income nor rigid spending",
  },
  e5_rigid_meets: {
    zh: "E5：刚性支出 {rigid} 元不低于 {line} 元（家庭收入 {income} 元的 {ratio} 倍）",
    en: "E5: rigid spending {rigid} >= {line} ({ratio} × household income {income})",
  },
  e5_rigid_short: {
    zh: "E5：刚性支出 {rigid} 元低于 {line} 元（家庭收入 {income} 元的 {ratio} 倍）",
    en: "E5: rigid spending {rigid} < {line} ({ratio} × household income {income})",
  },
  e5_rigid_above: {
    zh: "E5：刚性支出 {rigid} 元高于 {line} 元（家庭收入 {income} 元的 {ratio} 倍）",
    en: "E5: rigid spending {rigid} > {line} ({ratio} × household income {income})",
  },
  e5_rigid_not_above: {
    zh: "E5：刚性支出 {rigid} 元不高于 {line} 元（家庭收入 {income} 元的 {ratio} 倍）",
    en: "E5: rigid spending {rigid} is not above {line} ({ratio} × household income {income})",
  },
  e5_income_below: {
    zh: "E5：人均年收入 {per_capita} 元低于上年度人均可支配收入 {line} 元（{region_name}标准，{effective_from}起）",
    en: "E5: per-capita annual income {per_capita} < {line} (last year's per-capita disposable income, {region_name} standard from {effective_from})",
  },
  e5_income_not_below: {
    zh: "E5：人均年收入 {per_capita} 元不低于上年度人均可支配收入 {line} 元（{region_name}标准，{effective_from}起）",
    en: "E5: per-capita annual income {per_capita} is not below {line} (last year's per-capita disposable income, {region_name} standard from {effective_from})",
  },
  e6_severe: {
    zh: "E6：{disability_type}残疾{grade}级",
    en: "E6: disability grade {grade} ({disability_type})",
  },
  e6_severe_any_type: {
    zh: "E6：残疾{grade}级（未登记残疾类别；一、二级不论类别）",
    en: "E6: disability grade {grade} (type not recorded; any type)",
  },
  e6_intellectual_or_mental: {
    zh: "E6：{disability_type}残疾{grade}级",
    en: "E6: grade {grade} {disability_type} disability",
  },
  e6_major_disease: {
    zh: "E6：患有重大疾病",
    en: "E6: recognised major disease",
  },
  e6_untyped_grade: {
    zh: "E6：残疾{grade}级未登记类别：三、四级只计智力或精神残疾",
    en: "E6: grade {grade} disability of no recorded type: at grades 3–4 only an intellectual or mental disability counts",
  },
  e6_no_condition: {
    zh: "E6：无一、二级残疾，无三、四级智力或精神残疾，也未患重大疾病",
    en: "E6: no grade 1–2 disability, grade 3–4 intellectual or mental disability, or major disease",
  },
  e6_marginal: {
    zh: "E6：家庭属于低保边缘家庭（E4）",
    en: "E6: the household is marginal under E4",
  },
  e6_not_marginal: {
    zh: "E6：家庭不属于低保边缘家庭（E4）",
    en: "E6: the household is not marginal under E4",
  },
  t2_aged_60: {
    zh: "T2：无劳动能力：{age}周岁（年满60周岁）",
    en: "T2: no capacity to work: aged {age} (60 or over)",
  },
  t2_under_16: {
    zh: "T2：无劳动能力：{age}周岁（未满16周岁）",
    en: "T2: no capacity to work: aged {age} (under 16)",
  },
  t2_minor_16_17: {
    zh: "T2：无劳动能力：{age}周岁（16至17周岁，不以本人劳动收入为主要生活来源）",
    en: "T2: no capacity to work: aged {age} (16–17, not living on own earnings)",
  },
  t2_intellectual_or_mental: {
    zh: "T2：无劳动能力：{disability_type}残疾{grade}级",
    en: "T2: no capacity to work: {disability_type} disability of grade {grade}",
  },
  t2_physical: {
    zh: "T2：无劳动能力：肢体残疾{grade}级",
    en: "T2: no capacity to work: physical disability of grade {grade}",
  },
  t2_visual: {
    zh: "T2：无劳动能力：视力残疾1级",
    en: "T2: no capacity to work: visual disability of grade 1",
  },
  t2_own_earnings: {
    zh: "T2：{age}周岁，以本人劳动收入为主要生活来源（{income} 元 ≥ 12 × {line} 元，{region_name}{hukou}低保标准，{effective_from}起）",
    en: "T2: aged {age}, lives on own earnings ({income} ≥ 12 × {line}, {region_name} {hukou} standard from {effective_from})",
  },
  t2_able: {
    zh: "T2：有劳动能力（{age}周岁，无符合条件的残疾）",
    en: "T2: has capacity to work (aged {age}, no qualifying disability)",
  },
  t2_untyped_disability: {
    zh: "T2：有劳动能力（{age}周岁；残疾{grade}级未登记类别，而各项条件均限定残疾类别）",
    en: "T2: has capacity to work (aged {age}; a grade {grade} disability of no recorded type meets no clause: each names its type)",
  },
  t3_no_household: {
    zh: "T3：无现居家庭户，无可比较的地方标准",
    en: "T3: no current household, so no local standard to compare with",
  },
  t3_no_standard: {
    zh: "T3：家庭户所在区划无有效的地方标准（E7）",
    en: "T3: no local standard in force for the household's region (E7)",
  },
  t3_not_below: {
    zh: "T3：本人月收入 {monthly} 元不低于{region_name}{hukou}低保标准 {line} 元（{effective_from}起）",
    en: "T3: own income {monthly}/month is not below the dibao standard {line} ({region_name} {hukou} standard from {effective_from})",
  },
  t3_assets_not_ok: {
    zh: "T3：本人月收入 {monthly} 元低于{region_name}{hukou}低保标准 {line} 元（{effective_from}起），但家庭财产超出规定",
    en: "T3: own income {monthly}/month < {line} ({region_name} {hukou} standard from {effective_from}), but household assets exceed the rule",
  },
  t3_no_means: {
    zh: "T3：无生活来源：本人月收入 {monthly} 元低于{region_name}{hukou}低保标准 {line} 元（{effective_from}起），家庭财产符合规定",
    en: "T3: no means of living: own income {monthly}/month < {line} ({region_name} {hukou} standard from {effective_from}), assets within the rule",
  },
  t456_none_able: {
    zh: "T4–T6：无有履行能力的法定义务人（列出法定义务人 {count} 人）",
    en: "T4–T6: no legal supporter able to support ({count} legal supporters listed)",
  },
  t456_able: {
    zh: "T4–T6：有履行能力的法定义务人：{relation}（{order}）",
    en: "T4–T6: able legal supporter: {relation} ({order})",
  },
  t1_dead: {
    zh: "T1：不符合：已于{date}死亡",
    en: "T1: not eligible: died on {date}",
  },
  t1_eligible: {
    zh: "T1：符合特困供养条件（T2、T3，且无有履行能力的义务人），类别：{category}",
    en: "T1: eligible (T2, T3 and no able supporter), category {category}",
  },
  t1_not_met: {
    zh: "T1：不符合：{failing}不满足",
    en: "T1: not eligible: {failing} not met",
  },
  t4_spouse: {
    zh: "T4（民法典第一千零五十九条）：配偶",
    en: "T4 (民法典 1059): spouse",
  },
  t4_parent: {
    zh: "T4（民法典第一千零六十七条）：未成年子女或不能独立生活的成年子女的父母",
    en: "T4 (民法典 1067): parent of a minor or of an adult child unable to live alone",
  },
  t4_child: {
    zh: "T4（民法典第一千零六十七条）：成年子女",
    en: "T4 (民法典 1067): adult child",
  },
  t5_grandparent: {
    zh: "T5（民法典第一千零七十四条）：父母已经死亡或者无力抚养的未成年孙子女、外孙子女的祖父母、外祖父母",
    en: "T5 (民法典 1074): grandparent of a minor whose parents are dead or unable",
  },
  t5_grandchild: {
    zh: "T5（民法典第一千零七十四条）：子女已经死亡或者无力赡养的祖父母、外祖父母的成年孙子女、外孙子女",
    en: "T5 (民法典 1074): adult grandchild of a person whose children are dead or unable",
  },
  t5_sibling: {
    zh: "T5（民法典第一千零七十五条）：父母已经死亡或者无力抚养的未成年弟、妹的成年兄、姐",
    en: "T5 (民法典 1075): adult elder sibling of a minor whose parents are dead or unable",
  },
  t6_able: {
    zh: "T6：有履行义务能力",
    en: "T6: able",
  },
  t6_dead: {
    zh: "T6：已于{date}死亡",
    en: "T6: died on {date}",
  },
  t6_dead_fixed: {
    zh: "T6：已死亡",
    en: "T6: deceased",
  },
  t6_tekun: {
    zh: "T6：本人为特困人员",
    en: "T6: is destitute (enrolled in tekun)",
  },
  t6_dibao_aged_60: {
    zh: "T6：{age}周岁，为低保对象",
    en: "T6: aged {age} and in dibao",
  },
  t6_dibao_aged_60_fixed: {
    zh: "T6：为低保对象，达到规定年龄",
    en: "T6: in dibao, at or above the age the rule names",
  },
  t6_aged_70_low_income: {
    zh: "T6：{age}周岁（年满70周岁），本人收入 {income} 元低于当地上年度人均可支配收入 {line} 元，家庭财产符合当地规定",
    en: "T6: aged {age} (70 or over), own income {income} below the local per-capita disposable income {line}, household assets within the local rule",
  },
  t6_aged_70_low_income_fixed: {
    zh: "T6：达到规定年龄，本人收入低于当地上年度人均可支配收入，家庭财产符合当地规定",
    en: "T6: at or above the age the rule names, own income below the local per-capita disposable income, household assets within the local rule",
  },
  t6_disabled_low_income: {
    zh: "T6：{disability_type}残疾{grade}级，本人收入 {income} 元低于当地上年度人均可支配收入 {line} 元，家庭财产符合当地规定",
    en: "T6: {disability_type} disability of grade {grade}, own income {income} below the local per-capita disposable income {line}, household assets within the local rule",
  },
  t6_disabled_any_type_low_income: {
    zh: "T6：残疾{grade}级（未登记类别；一、二级不论类别），本人收入 {income} 元低于当地上年度人均可支配收入 {line} 元，家庭财产符合当地规定",
    en: "T6: disability of grade {grade} (type not recorded; any type), own income {income} below the local per-capita disposable income {line}, household assets within the local rule",
  },
  t6_disabled_low_income_fixed: {
    zh: "T6：属于规定的残疾情形，本人收入低于当地上年度人均可支配收入，家庭财产符合当地规定",
    en: "T6: a disability the rule names, own income below the local per-capita disposable income, household assets within the local rule",
  },
  t6_incapacitated: {
    zh: "T6：无民事行为能力",
    en: "T6: legally incapacitated",
  },
  t6_missing: {
    zh: "T6：被宣告失踪",
    en: "T6: declared missing",
  },
  t6_imprisoned: {
    zh: "T6：正在服刑",
    en: "T6: imprisoned",
  },
  t6_minor: {
    zh: "T6：未成年人（{age}周岁）",
    en: "T6: a minor (aged {age})",
  },
  t6_minor_fixed: {
    zh: "T6：未成年人",
    en: "T6: a minor",
  },
  t6_supporter_event: {
    zh: "T6：义务人 {supporter_id} 有“{indicator}”事件（{event_key}）",
    en: "T6: supporter {supporter_id} has a {indicator} event ({event_key})",
  },
  t1_now_meets: {
    zh: "T1：现符合特困供养条件",
    en: "T1: now meets the destitute conditions",
  },
  t1_does_not_meet: {
    zh: "T1：现不符合特困供养条件",
    en: "T1: does not meet the destitute conditions",
  },
  gap_household: {
    zh: "{rule}：{as_of}本户符合{program}条件，但既未纳入也未申请",
    en: "{rule}: the household is eligible for {program} on {as_of}, but is neither enrolled in it nor applying for it",
  },
  gap_person: {
    zh: "{rule}：{as_of}{person_id}符合{program}条件，但既未纳入也未申请",
    en: "{rule}: {person_id} is eligible for {program} on {as_of}, but is neither enrolled in it nor applying for it",
  },
  overlap_x2_person: {
    zh: "X2：{person_id}于{from_day}至{to_day}同时享受特困供养和单人保，两者不能同时享受",
    en: "X2: {person_id} was enrolled in tekun and in single-person dibao at once, {from_day} to {to_day}: the two exclude each other",
  },
  overlap_x2_household: {
    zh: "X2：本户于{from_day}至{to_day}同时享受低保和低保边缘待遇，两者不能同时享受",
    en: "X2: the household was enrolled in dibao and in marginal at once, {from_day} to {to_day}: the two exclude each other",
  },
  overlap_p11_done: {
    zh: "P11：同一需求“{need}”转办给了{departments}，且均已办结",
    en: 'P11: the need "{need}" was referred to {departments}, and each reported it done',
  },
  overlap_r4_cause: {
    zh: "R4：同一对象同一事由（{cause}）于{year}年内两次获临时救助（{from_day}、{to_day}），第二次未经签署的个案会商",
    en: "R4: the cause {cause} was relieved twice for one subject in {year} ({from_day} and {to_day}), the second without a signed case conference lifting it",
  },
};

const HUKOU = { urban: ["城市", "urban"], rural: ["农村", "rural"] };
const DATE_PARAMS = new Set(["as_of", "effective_from", "law_from", "date", "from_day", "to_day"]);
// Params that hold an enum value of the API, and the i18n.js label kind of each.
const LABEL_PARAMS = {
  disability_type: "disability_type",
  excluded_as: "excluded",
  relation: "relation",
  order: "order",
  category: "category",
  indicator: "indicator",
  program: "program",
  departments: "department",
  cause: "chain_cause",
};

function shown(name, value) {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value))
    return value.map((v) => shown(name, v)).join(lang() === "en" ? ", " : "、");
  if (DATE_PARAMS.has(name)) return fmtDate(String(value));
  if (name === "hukou") return (HUKOU[value] ?? [value, value])[lang() === "en" ? 1 : 0];
  if (LABEL_PARAMS[name]) return label(LABEL_PARAMS[name], value);
  return String(value);
}

/** One explanation in the current language, or null for a code this console does not know. */
export function explain(explanation) {
  const entry = REASONS[explanation?.code];
  if (!entry) return null;
  const params = explanation.params ?? {};
  return entry[lang()].replace(/\{(\w+)\}/g, (_, name) =>
    name === "rule" ? explanation.rule : shown(name, params[name]),
  );
}

/** The reasons to show: each explanation rendered, the plain text where a code is unknown. */
export function reasonTexts(reasons, explanations) {
  const texts = reasons ?? [];
  if (!Array.isArray(explanations)) return texts;
  return explanations.map((e, i) => explain(e) ?? texts[i] ?? "");
}
