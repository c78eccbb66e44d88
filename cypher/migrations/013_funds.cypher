// The township standby funds (备用金, R5, issue 18): one Fund node per township (the node
// whose lock serialises its entries), entry ids unique.
// Rules: R5.
CREATE CONSTRAINT fund_township IF NOT EXISTS
FOR (f:Fund) REQUIRE f.township_code IS UNIQUE;

CREATE CONSTRAINT fund_entry_id IF NOT EXISTS
FOR (e:FundEntry) REQUIRE e.entry_id IS UNIQUE;
