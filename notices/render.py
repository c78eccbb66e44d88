"""The printable notice (P9): `render_notice(facts)` gives the PDF's bytes.

Why reportlab: it writes PDF in pure Python with no system libraries (WeasyPrint needs Pango
and Cairo, wkhtmltopdf a browser engine), its platypus layout wraps Chinese text by character
(`wordWrap="CJK"`) and flows a long reason over as many pages as it needs, and it ships the
Adobe Asian font metrics: `STSong-Light` is a CID font every PDF reader provides, so no font
file is installed, shipped or embedded (a Chinese TTF would add megabytes to each notice).

Pure: no file, clock or database. `invariant=True` pins the creation date and the document id
reportlab would otherwise take from the clock, so the same facts give the same bytes. The
document's metadata holds the title and the issuing township only: no personal data beyond
what the printed text carries.
"""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable

from notices.facts import NoticeFacts
from notices.rules import PROGRAM_NAME, TITLE, plain

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
_TITLE = ParagraphStyle("title", _BODY, fontSize=18, leading=28, alignment=TA_CENTER)
_RIGHT = ParagraphStyle("right", _BODY, alignment=TA_RIGHT)
_ITEM = ParagraphStyle("item", _BODY, leftIndent=12 * mm, firstLineIndent=-8 * mm)


def cn_date(day: date) -> str:
    """A date as a Chinese document writes it: 2026年7月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def yuan(amount: Decimal) -> str:
    """A monthly amount in yuan, two decimals: 1234.50元."""
    return f"{amount.quantize(Decimal('0.01'))}元"


def title(facts: NoticeFacts) -> str:
    return TITLE[facts.kind].format(program=PROGRAM_NAME[facts.program])


def facts_sentence(facts: NoticeFacts) -> str:
    """What happened, in one sentence per kind (P3, P7, P10)."""
    program = PROGRAM_NAME[facts.program]
    decided = cn_date(facts.decided_on)
    if facts.kind == "not_accepted":
        assert facts.applied_on is not None  # NoticeFacts checked it
        return (
            f"你于{cn_date(facts.applied_on)}向{facts.township}提出的{program}申请，"
            f"经审查，于{decided}决定不予受理。"
        )
    if facts.kind == "refusal":
        assert facts.applied_on is not None
        return (
            f"你于{cn_date(facts.applied_on)}向{facts.township}提出的{program}申请，"
            f"经调查核实，于{decided}决定不予批准。"
        )
    assert facts.effective_from is not None
    start = cn_date(facts.effective_from)
    if facts.kind == "decrease":
        assert facts.old_amount is not None
        assert facts.new_amount is not None
        return (
            f"经复核，于{decided}决定：你享受的{program}月救助金额自{start}起"
            f"由{yuan(facts.old_amount)}调整为{yuan(facts.new_amount)}。"
        )
    return f"经复核，于{decided}决定：你享受的{program}自{start}起终止。"


def appeal_sentence(facts: NoticeFacts) -> str:
    """P9: the right to 行政复议 within 60 days (行政复议法 第二十条) or 行政诉讼 within 6
    months (行政诉讼法 第四十六条). The reconsideration body is named through the township,
    as the county-level people's government above it, since the notice knows no more."""
    return (
        "如对本决定不服，可以自收到本告知书之日起60日内，"
        f"向{facts.township}所在的县（市、区）人民政府申请行政复议；"
        "也可以自收到本告知书之日起6个月内，依法向人民法院提起行政诉讼。"
    )


def _text(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    """A paragraph of plain text: platypus reads markup, so `<` and `&` are escaped."""
    return Paragraph(escape(text), style)


def _story(facts: NoticeFacts) -> Iterator[Flowable]:
    yield _text(title(facts), _TITLE)
    yield _text(f"编号：{facts.case_id}", _RIGHT)
    yield Spacer(0, 4 * mm)
    yield _text(f"{facts.name}（身份证号：{facts.masked_id}）：")
    yield _text(facts_sentence(facts))
    yield _text(f"理由：{facts.reason}")
    yield _text("依据：")
    for rule in facts.rules:
        yield _text(f"{rule}　{plain(rule)}", _ITEM)
    yield _text(appeal_sentence(facts))
    yield Spacer(0, 10 * mm)
    yield _text(f"{facts.township}（盖章）", _RIGHT)
    yield _text(cn_date(facts.issued_on), _RIGHT)
    yield Spacer(0, 10 * mm)
    yield _text("签收人：＿＿＿＿＿＿　　签收日期：＿＿＿＿年＿＿月＿＿日")


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """Each page says which it is, so that a multi-page notice is handed over whole."""
    canvas.saveState()
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 12 * mm, f"第 {doc.page} 页")
    canvas.restoreState()


def render_notice(facts: NoticeFacts) -> bytes:
    """The notice as an A4 PDF in Chinese: title, addressee, what was decided, the reason,
    each rule id with its plain-Chinese text, the right of appeal, issuer and date (P9)."""
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        title=title(facts),
        author=facts.township,
        subject="",
        creator="household-graph",
        invariant=True,
    )
    doc.build(list(_story(facts)), onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()
