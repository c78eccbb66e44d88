"""The assistance chain of a household (一户一条救助链; CONTRACT §4): every enrolment,
application, referral, discovery, temporary relief case (by whichever township filed it, R1),
standby-fund payment (R3, R5) and case conference (R6) of the household and its members in
time order, with its gaps (eligible, not enrolled, not applying: E3, E4, E5, E6, T1) and
overlaps (X2, P11, R4). `chain` assembles it purely; `service` reads it from the graph."""

from assistance.chain import Chain, Eligible, Gap, Item, Overlap, assemble, eligible_on
from assistance.service import assistance_chain

__all__ = [
    "Chain",
    "Eligible",
    "Gap",
    "Item",
    "Overlap",
    "assemble",
    "assistance_chain",
    "eligible_on",
]
