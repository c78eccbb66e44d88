// Returns the legal supporters (法定扶养义务人) of persons on a date and the facts the
// destitute check (特困, T1–T3) needs about each: one row per person, none for a person who
// does not exist or lies outside the caller's region. Both person routes use this one query
// (with one id); screening passes a batch.
// Parameters: $person_ids (a list); $as_of (a date); $region_prefix (the caller's region).
// Returns: per person: person {facts of the person}, supporters [{facts, relation, obligation,
//   order}], no_labor_capacity, no_income_source, no_capable_supporter, eligible, category.
//   Facts of anyone: person_id, name, birth_date, death_date, age, annual_income,
//   legal_status, disability_grade, disability_type, household_id (null unless visible and
//   current), visible, hukou, assets_ok, dibao_line, income_line, standard_region,
//   standard_region_name, standard_from, unable (T6 clauses), no_labor (T2 clauses),
//   no_income (T3).
// Rules: T1–T7 (民发〔2021〕43号; 民法典 1059, 1067, 1072, 1074, 1075, 1111), E7.
//
// Duty edge (T4): a PARENT_OF edge carries a duty on $as_of when its basis is birth, adoptive
//   or step_raised (1072: a step_not_raised edge never does), its from/to range covers
//   $as_of, and, for a birth edge, the child has no adoptive parent edge covering $as_of
//   (1111: adoption ends the birth ties, in both directions). The test is one fragment,
//   fragments/duty_edge, included at each pattern that walks PARENT_OF with the variables of
//   the edge and of the child it points to (Cypher has no named predicates).
// Kinship edge (T5): grandparents, grandchildren and siblings are reached over birth and
//   adoptive edges only (a duty edge of basis birth or adoptive): a step_raised edge carries
//   the parent-child duty between its two persons and nobody else (1072).
// Spouse (T4, 1059): a SPOUSE_OF edge, either direction, whose range covers $as_of (divorce
//   sets `to`). Kin born after $as_of do not exist yet on that date.
// Ages (T2, T6): whole years (周岁) on $as_of; a person turns N on their birthday.
// Home and region: a person's home is the household of their latest membership begun on or
//   before $as_of. It is current when that membership is still open on $as_of; only a current
//   household gives hukou, assets and local standards (T3, T6). Visibility is decided by where
//   the person belongs TODAY, whatever $as_of (issue 14 item 7): the household of their latest
//   membership begun on or before today in China (UTC+8, the database's clock), even when it
//   ended (a person who died or left stays where they were last): visible when its region
//   code starts with $region_prefix; a person with no such membership is visible only to a
//   province-level caller (a 2-digit prefix).
// Local standards (E7): of the current household's region, the most specific region up the
//   IN chain that has a standard in force, and of its standards the latest effective_from on
//   or before $as_of.
UNWIND $person_ids AS person_id
MATCH (x:Person {person_id: person_id})
// Everyone T4 and T5 can reach, with the relation they have to x; x itself as 'self' so that
// its facts come from the same subquery as everyone else's.
CALL (x) {
  RETURN x AS k, 'self' AS relation
  UNION
  MATCH (x)-[s:SPOUSE_OF]-(k:Person)
  WHERE s.from <= $as_of AND (s.to IS NULL OR s.to >= $as_of)
  RETURN k, 'spouse' AS relation
  UNION
  // Up one duty edge: parents (1067), a step-parent who raised x among them (1072).
  MATCH (x)<-[r:PARENT_OF]-(k:Person)
  WHERE
    // include: fragments/duty_edge(edge: r, child: x)
  RETURN k, 'parent' AS relation
  UNION
  // Up two kinship edges: grandparents (1074). T5 runs over birth and adoptive edges only:
  // a step_raised edge carries the duty between its two persons and nobody else (1072).
  MATCH (x) ((c:Person)<-[r:PARENT_OF]-(p:Person)
             WHERE r.basis IN ['birth', 'adoptive'] AND
               // include: fragments/duty_edge(edge: r, child: c)
            ){2} (k:Person)
  RETURN k, 'grandparent' AS relation
  UNION
  // Down one duty edge: children (1067), a step-child x raised among them (1072).
  MATCH (x)-[r:PARENT_OF]->(k:Person)
  WHERE
    // include: fragments/duty_edge(edge: r, child: k)
  RETURN k, 'child' AS relation
  UNION
  // Down two kinship edges: grandchildren (1074), by birth and adoptive edges only (T5).
  MATCH (x) ((p:Person)-[r:PARENT_OF]->(c:Person)
             WHERE r.basis IN ['birth', 'adoptive'] AND
               // include: fragments/duty_edge(edge: r, child: c)
            ){2} (k:Person)
  RETURN k, 'grandchild' AS relation
  UNION
  // Siblings: another child of one of x's parents, both by birth or adoptive edges (1075,
  // T5: a step-parent's children are no siblings).
  MATCH (x)<-[r:PARENT_OF]-(:Person)-[d:PARENT_OF]->(k:Person)
  WHERE k <> x
    AND r.basis IN ['birth', 'adoptive'] AND
    // include: fragments/duty_edge(edge: r, child: x)
    AND d.basis IN ['birth', 'adoptive'] AND
    // include: fragments/duty_edge(edge: d, child: k)
  RETURN k, 'sibling' AS relation
}
WITH x, k, relation
WHERE k.birth_date <= $as_of OR relation = 'self'
// The facts of each reached person on $as_of.
CALL (k) {
  OPTIONAL CALL (k) {
    MATCH (k)-[m:MEMBER_OF]->(home:Household)
    WHERE m.from <= $as_of
    RETURN home, m.to IS NULL OR m.to >= $as_of AS current
    ORDER BY m.from DESC
    LIMIT 1
  }
  WITH k, home, CASE WHEN current THEN home END AS h
  // E7: the standards in force for the current household's region.
  OPTIONAL CALL (h) {
    MATCH path = (h)-[:IN]->(:Region)-[:IN*0..5]->(r:Region)<-[:FOR_REGION]-(s:Standard)
    WHERE s.effective_from <= $as_of
    RETURN s, r
    ORDER BY length(path), s.effective_from DESC
    LIMIT 1
  }
  WITH k, home, h, s, r AS standard_region,
       duration.between(k.birth_date, $as_of).years AS age,
       CASE h.hukou WHEN 'urban' THEN s.dibao_urban_monthly ELSE s.dibao_rural_monthly END
         AS dibao_line,
       s.per_capita_disposable_income_annual AS income_line,
       coalesce(
         COLLECT { MATCH (k)-[t:MEMBER_OF]->(today_home:Household)
                   WHERE t.from <= date({timezone: '+08:00'})
                   RETURN today_home.region_code ORDER BY t.from DESC LIMIT 1 }[0]
           STARTS WITH $region_prefix,
         size($region_prefix) = 2) AS visible
  WITH k, home, h, s, standard_region, age, dibao_line, income_line, visible,
       // T6: own income below last year's local per-capita disposable income, household
       // assets within the local rule; false where either is unknown.
       coalesce(k.annual_income < income_line AND h.assets_ok, false) AS below_income_line,
       // T6: tekun (特困) enrolment of the person, open on $as_of.
       EXISTS {
         (e:Enrollment {program: 'tekun'})-[:OF]->(k)
         WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
       } AS tekun,
       // T6: dibao (低保) enrolment of the person (alone: single_person_dibao 单人保 too) or
       // of their current household, open on $as_of.
       EXISTS {
         (e:Enrollment)-[:OF]->(k)
         WHERE e.program IN ['dibao', 'single_person_dibao']
           AND e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
       } OR EXISTS {
         (e:Enrollment {program: 'dibao'})-[:OF]->(h)
         WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
       } AS dibao
  RETURN {
    person_id: k.person_id, name: k.name, birth_date: k.birth_date,
    death_date: k.death_date, age: age, annual_income: k.annual_income,
    legal_status: k.legal_status, disability_grade: k.disability_grade,
    disability_type: k.disability_type,
    household_id: CASE WHEN visible THEN h.household_id END, visible: visible,
    hukou: h.hukou, assets_ok: h.assets_ok, dibao_line: dibao_line, income_line: income_line,
    standard_region: standard_region.code, standard_region_name: standard_region.name,
    standard_from: s.effective_from,
    // T6: unable to support (无履行义务能力), every clause that holds.
    unable: [clause IN [
      CASE WHEN k.death_date <= $as_of THEN 'dead' END,
      CASE WHEN tekun THEN 'tekun' END,
      CASE WHEN dibao AND age >= 60 THEN 'dibao_aged_60' END,
      CASE WHEN age >= 70 AND below_income_line THEN 'aged_70_low_income' END,
      CASE WHEN below_income_line
                AND (k.disability_grade <= 2
                     OR (k.disability_grade = 3
                         AND k.disability_type IN ['intellectual', 'mental']))
           THEN 'disabled_low_income' END,
      CASE WHEN k.legal_status IN ['incapacitated', 'missing', 'imprisoned']
           THEN k.legal_status END,
      CASE WHEN age < 18 THEN 'minor' END
    ] WHERE clause IS NOT NULL],
    // T2: no capacity to work (无劳动能力), every clause that holds.
    no_labor: [clause IN [
      CASE WHEN age >= 60 THEN 'aged_60' END,
      CASE WHEN age < 16 THEN 'under_16' END,
      // 16–17: covered unless living mainly on own earnings (>= 12 × the dibao standard).
      CASE WHEN 16 <= age < 18 AND NOT coalesce(k.annual_income >= 12.0 * dibao_line, false)
           THEN 'minor_16_17' END,
      CASE WHEN k.disability_type IN ['intellectual', 'mental'] AND k.disability_grade <= 3
           THEN 'intellectual_or_mental_1_3' END,
      CASE WHEN k.disability_type = 'physical' AND k.disability_grade <= 2
           THEN 'physical_1_2' END,
      CASE WHEN k.disability_type = 'visual' AND k.disability_grade = 1 THEN 'visual_1' END
    ] WHERE clause IS NOT NULL],
    // T3: no means of living (无生活来源).
    no_income: coalesce(k.annual_income / 12.0 < dibao_line AND h.assets_ok, false)
  } AS facts
}
WITH x, collect(facts {.*, relation: relation}) AS reached
WITH x, reached, [f IN reached WHERE f.relation = 'self'][0] AS me
WHERE me.visible
WITH me, reached,
     // T5 precondition: every parent of x is dead or unable (parents of a minor all owe).
     none(f IN reached WHERE f.relation = 'parent' AND size(f.unable) = 0) AS parents_unable,
     // T5 precondition: every child of x is dead or unable (a minor child always is).
     none(f IN reached WHERE f.relation = 'child' AND size(f.unable) = 0) AS children_unable
WITH me, [f IN reached WHERE
       // T4 (1059): the spouse.
       f.relation = 'spouse'
       // T4 (1067): parents of a minor, or of an adult who cannot live on their own (T2).
       OR (f.relation = 'parent' AND (me.age < 18 OR size(me.no_labor) > 0))
       // T4 (1067): adult children.
       OR (f.relation = 'child' AND f.age >= 18)
       // T5 (1074): grandparents of a minor whose parents are all dead or unable.
       OR (f.relation = 'grandparent' AND me.age < 18 AND parents_unable)
       // T5 (1074): adult grandchildren of a person whose children are all dead or unable.
       OR (f.relation = 'grandchild' AND f.age >= 18 AND children_unable)
       // T5 (1075): adult elder siblings of a minor whose parents are all dead or unable.
       OR (f.relation = 'sibling' AND f.age >= 18 AND f.birth_date < me.birth_date
           AND me.age < 18 AND parents_unable)
     ] AS owing
// T7: obligation (赡养 / 抚养 / 扶养) and order of each supporter.
WITH me, [f IN owing | f {.*,
       obligation: CASE f.relation
         WHEN 'spouse' THEN 'support_spouse'
         WHEN 'sibling' THEN 'support_sibling'
         WHEN 'parent' THEN 'raise_child'
         WHEN 'grandparent' THEN 'raise_child'
         ELSE 'support_parent' END,
       order: CASE WHEN f.relation IN ['spouse', 'parent', 'child'] THEN 'primary'
                   ELSE 'secondary' END}] AS supporters
WITH me, supporters,
     size(me.no_labor) > 0 AS no_labor_capacity,
     me.no_income AS no_income_source,
     none(f IN supporters WHERE size(f.unable) = 0) AS no_capable_supporter
// T1: eligible when all three hold (and the person is alive on $as_of).
WITH me, supporters, no_labor_capacity, no_income_source, no_capable_supporter,
     no_labor_capacity AND no_income_source AND no_capable_supporter
       AND NOT coalesce(me.death_date <= $as_of, false) AS eligible
RETURN me AS person, supporters,
       no_labor_capacity, no_income_source, no_capable_supporter, eligible,
       CASE WHEN NOT eligible THEN null
            WHEN me.age >= 60 THEN 'elderly'
            WHEN me.age < 18 THEN 'minor'
            ELSE 'disabled' END AS category
