// Labels of the integrity-findings screen (信息比对, RULES §9 X1–X8): each rule's short name
// (docs/glossary.md) and its rule in plain words, the findings' details from their code and
// values, and the next steps. Chinese first, English second.

export const TEXT = {
  zh: {
    nav_integrity: "信息比对",
    integrity_title: "信息比对",
    integrity_rule: "比对规则",
    integrity_as_of: "比对日期",
    integrity_filter: "查询",
    integrity_more: "更多",
    integrity_count: "已显示 {n} 条比对发现",
    integrity_count_more: "已显示 {n} 条比对发现，还有更多",
    integrity_empty: "没有比对发现。",
    integrity_all_rules: "全部规则（逐条实时比对，较慢）",
    integrity_scans: "最近一次扫描",
    integrity_scan_count: "{n} 条",
    integrity_scanned_on: "{date}扫描",
    integrity_never_scanned: "尚未扫描",
    col_rule: "规则",
    col_finding_subject: "对象",
    col_finding_township: "转交乡镇（街道）",
    col_finding: "发现",
    col_next_step: "下一步",
    integrity_due: "应于 {date} 核查",
    integrity_no_link: "（无可打开的页面）",
    integrity_reasons: "依据",
    // The detail of each finding code (integrity/findings.py TEMPLATES) in Chinese; in
    // English the screen shows the API's own `detail`.
    integrity_detail_x1_person: "{program}（{from}起）在{person_id}于{died_on}死亡后仍在享受",
    integrity_detail_x1_household:
      "{program}（{from}起）仍在享受，但家庭{household_id}成员均已死亡（最后一人{died_on}）",
    integrity_detail_x2_exclusive:
      "{subject}同时享受{first}（{first_from}起）和{second}（{second_from}起），自{overlap_from}起重叠",
    integrity_detail_x3_failing: "已纳入{program}（{from}起），但{as_of}已不符合{rule}",
    integrity_detail_x4_unenrolled: "{as_of}符合{rule}，但{subject}未纳入{program}",
    integrity_detail_x5_ungranted:
      "{program}（{from}起）没有获批的申请（审批流程自{workflow_from}起施行）",
    integrity_detail_x6_unfiled:
      "成员{member_id}是经办人员{official_id}（{role}，{region_code}）的{relation}，未登记备案",
    integrity_detail_x7_duplicate:
      "{person_id}与{other_id}姓名均为{name}，出生日期均为{birth_date}，且{shared}",
    integrity_detail_x8_over_limits:
      "临时救助{relief_id}（{cause}，{year}年）{over}，{county_code}未经个案会商",
  },
  en: {
    nav_integrity: "Integrity checks",
    integrity_title: "Integrity checks",
    integrity_rule: "Rule",
    integrity_as_of: "Checked on",
    integrity_filter: "Show",
    integrity_all_rules: "Every rule (each a live scan: slow)",
    integrity_scans: "Last recorded scan",
    integrity_scan_count: "{n} found",
    integrity_scanned_on: "scanned {date}",
    integrity_never_scanned: "not scanned yet",
    integrity_more: "More",
    integrity_count: "{n} findings shown",
    integrity_count_more: "{n} findings shown, more to come",
    integrity_empty: "No findings.",
    col_rule: "Rule",
    col_finding_subject: "Subject",
    col_finding_township: "Routed to township",
    col_finding: "Finding",
    col_next_step: "Next step",
    integrity_due: "review due {date}",
    integrity_no_link: "(no screen to open)",
    integrity_reasons: "Reasons",
  },
};

export const LABELS = {
  // RULES §9, the short names of docs/glossary.md.
  integrity_rule: {
    X1: ["死亡人员仍享受待遇", "enrolled after death"],
    X2: ["重复享受", "exclusive enrolments at once"],
    X3: ["应退未退", "enrolled but no longer eligible"],
    X4: ["应保未保", "eligible but not enrolled"],
    X5: ["未经审批", "no granted case behind it"],
    X6: ["近亲属未备案", "official's relative not filed"],
    X7: ["重复人员", "possible duplicate persons"],
    X8: ["超限额未会商", "relief over the limits without a conference"],
  },
  // Each rule in plain words (RULES §9).
  integrity_rule_text: {
    X1: [
      "救助对象死亡后仍在享受救助，或家庭成员均已死亡的家庭仍在享受救助",
      "an enrolment open after its person's death, or a household's whose members are all dead",
    ],
    X2: [
      "同一人同时享受特困供养和单人保，或同一家庭同时享受低保和低保边缘",
      "tekun with single-person dibao for one person, or dibao with marginal for one household",
    ],
    X3: [
      "已纳入救助但在比对日期已不符合条件（低保E3、低保边缘E4、支出型困难E5、特困T1），应立即核查",
      "enrolled but failing its rule on the date (E3, E4, E5, T1): the review is due now",
    ],
    X4: [
      "符合低保、单人保或特困条件但未纳入救助（应救尽救）",
      "eligible for dibao, single-person dibao or tekun but not enrolled",
    ],
    X5: [
      "救助没有经过申请、调查和审批",
      "an enrolment with no application, investigation and decision behind it",
    ],
    X6: [
      "享受救助的家庭有经办人员的近亲属，但未单独登记备案",
      "an enrolled household with an official's relative and no filing",
    ],
    X7: [
      "姓名和出生日期相同、且有共同父母、配偶或家庭的两个身份号码，可能为同一人",
      "two ids with one name and birth date sharing a parent, a spouse or a household",
    ],
    X8: [
      "临时救助超过规定限额或同一事由一年内重复救助，且未经个案会商",
      "relief over R4's limits, or the same cause twice a year, without a case conference",
    ],
  },
  // The next steps of CONTRACT §4 `next_step.kind`.
  integrity_step: {
    end_enrolment: ["核查并停止救助", "review to end the enrolment"],
    review: ["核查", "review"],
    application: ["开启救助申请", "open an application"],
    check_decision: ["核对审批记录", "check the decision"],
    filing: ["登记备案", "file the relative"],
    merge: ["核对是否同一人", "check for a merge"],
    conference: ["个案会商", "case conference"],
  },
  integrity_shared: {
    parent: ["共同父母", "a parent"],
    spouse: ["共同配偶", "a spouse"],
    household: ["同一家庭", "a household"],
  },
};
