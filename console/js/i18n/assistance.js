// Labels of the household's assistance chain (一户一条救助链, issue 18): the timeline of every
// enrolment, application, referral, discovery, relief case, standby-fund payment and case
// conference, its gaps and its overlaps. Chinese first.

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
  },
};

export const LABELS = {
  chain_kind: {
    enrollment: ["纳入救助", "enrolment"],
    application: ["申请", "application"],
    referral: ["转办", "referral"],
    discovery: ["主动发现", "discovery"],
    relief: ["临时救助", "temporary relief"],
    relief_payment: ["备用金先行支付", "standby-fund payment"],
    conference: ["个案会商", "case conference"],
  },
  chain_status: {
    open: ["享受中", "open"],
    ended: ["已终止", "ended"],
    closed: ["已办结", "closed"],
    paid: ["已支付", "paid"],
  },
};
