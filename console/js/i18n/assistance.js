// Labels of the household's assistance chain (一户一条救助链, issue 18): the timeline of every
// enrolment, application, referral, discovery, temporary relief case, standby-fund payment and
// case conference, its gaps and its overlaps. Chinese first.

export const TEXT = {
  zh: {
    chain_title: "救助链（截至{date}）",
    chain_empty: "暂无救助记录。",
    chain_gaps: "救助缺口",
    chain_overlaps: "重复救助",
    chain_gap_badge: "缺口 {rule}",
    chain_overlap_badge: "重复 {rule}",
    chain_no_gaps: "无救助缺口。",
    chain_no_overlaps: "无重复救助。",
    chain_until: "至",
    chain_amount: "{v} 元/月",
    chain_total: "{v} 元",
  },
  en: {
    chain_title: "Assistance chain (as of {date})",
    chain_empty: "No assistance recorded.",
    chain_gaps: "Gaps",
    chain_overlaps: "Overlaps",
    chain_gap_badge: "gap {rule}",
    chain_overlap_badge: "overlap {rule}",
    chain_no_gaps: "No gaps.",
    chain_no_overlaps: "No overlaps.",
    chain_until: "to",
    chain_amount: "{v} yuan/month",
    chain_total: "{v} yuan",
  },
};

export const LABELS = {
  chain_kind: {
    enrollment: ["纳入救助", "enrolment"],
    application: ["申请", "application"],
    referral: ["转办", "referral"],
    discovery: ["主动发现", "discovery"],
    relief: ["临时救助", "temporary relief"],
    relief_payment: ["备用金支付", "standby-fund payment"],
    conference: ["个案会商", "case conference"],
  },
  chain_status: {
    open: ["享受中", "open"],
    ended: ["已终止", "ended"],
    closed: ["已办结", "closed"],
    paid: ["已支付", "paid"],
  },
  // A relief case's status on the as-of date (R2, R3, R7), its track (R2) and cause (R4).
  chain_relief_status: {
    filed: ["已受理", "filed"],
    advanced: ["已先行救助", "advance paid"],
    investigated: ["已调查核实", "investigated"],
    publicity: ["公示中", "on publicity"],
    granted: ["已批准救助", "granted"],
    refused: ["不予救助", "refused"],
    closed: ["已办结", "closed"],
  },
  chain_track: {
    emergency: ["急难型", "emergency"],
    expenditure: ["支出型", "expenditure"],
  },
  chain_cause: {
    accident: ["意外事故", "accident"],
    fire: ["火灾", "fire"],
    disaster: ["自然灾害", "disaster"],
    illness: ["突发疾病", "sudden illness"],
    other: ["其他", "other"],
  },
};
