"""The township standby fund (备用金, RULES R5): one append-only ledger per township.

Allocations (by the county), payments (each linked to an advance of relief, R3) and returns,
each with a positive amount; the balance is allocations + returns − payments and never goes
below zero: a payment that would is refused (`Overdrawn`, a 409 naming R5). Every entry is
posted in one statement that first takes the fund node's write lock and reads the balance
after it (`cypher/funds/post_entry.cypher`), so concurrent payments are put in a row and the
check holds under any number of them (a test runs 50 at once). Entries are never changed or
deleted: no query of this project sets or deletes one.

`post` posts in a transaction of its own; `post_in` posts inside a caller's transaction (an
advance of relief, R3, writes its step and its payment as one: an overdraw rolls back both).
Both hold `posting_turn` around the transaction: postings of one process to one fund take
turns before they reach Neo4j's lock (`funds/turns.py` says why).
"""

from funds.ledger import Entry, Ledger, Overdrawn, ensure_fund, ledger, new_entry, post, post_in
from funds.turns import posting_turn

__all__ = [
    "Entry",
    "Ledger",
    "Overdrawn",
    "ensure_fund",
    "ledger",
    "new_entry",
    "post",
    "post_in",
    "posting_turn",
]
