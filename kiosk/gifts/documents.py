"""The gift papers: the receipt list (danh sách ký nhận) per package as PDF and
.xlsx for the accountant, and the recipients' slips with their QR codes."""

from __future__ import annotations


from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from printing.gifts import PackageReceipt, ReceiptLine, Slip, receipt_list_pdf, slips_pdf
from printing.money import amount_in_words, format_number

from kiosk.delegates.documents import event_info
from kiosk.workbooks import append, saved, sheet_title
from kiosk.gifts import service
from kiosk.gifts.models import FUNDING_SOURCES, RECIPIENT_CATEGORIES

KINDS = ("receipts", "slips")
# Excel refuses these in a sheet's name ("Quà Tết: gạo, dầu" is a fine package name).


def receipts(event) -> list[PackageReceipt]:
    made = []
    for package in service.packages_of(event):
        people = sorted(package.recipients, key=lambda r: (r.position, r.id))
        made.append(PackageReceipt(
            package=package.name, funding_source=FUNDING_SOURCES.get(package.funding_source, package.funding_source),
            unit_value=package.unit_value,
            lines=[ReceiptLine(name=r.name, address=r.address, category=RECIPIENT_CATEGORIES.get(r.category, ""),
                               value=package.unit_value, handed=r.handed_at is not None,
                               received_by=f"{r.received_by} ({r.relationship_to_recipient})" if r.received_by else "")
                   for r in people]))
    return made


def render(event, kind: str) -> bytes:
    if kind == "receipts":
        return receipt_list_pdf(event_info(event), receipts(event))
    slips = [Slip(name=r.name, address=r.address, category=RECIPIENT_CATEGORIES.get(r.category, ""),
                  package=r.package.name if r.package else "", value=r.package.unit_value if r.package else 0,
                  code=service.code_for(event, r))
             for r in service.recipients_of(event)]
    return slips_pdf(event_info(event), slips)


def receipts_xlsx(event) -> bytes:
    """The same receipt lists as a workbook: one sheet per package, totals in figures and words."""
    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="999999")
    for number, receipt in enumerate(receipts(event), start=1):
        sheet = book.create_sheet(sheet_title(f"{number}. {receipt.package}"))
        append(sheet, [event.organizing_body.upper()])
        append(sheet, ["DANH SÁCH KÝ NHẬN QUÀ"])
        # Dots between the thousands of the value only: a comma in the package's name stays one.
        append(sheet, [f"{receipt.package} — {receipt.funding_source} — {format_number(receipt.unit_value)} đ/suất"])
        append(sheet, ["STT", "Họ và tên", "Địa chỉ", "Đối tượng", "Số tiền (đ)", "Đã nhận", "Người nhận thay", "Ký nhận"])
        for cell in sheet[4]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for index, line in enumerate(receipt.lines, start=1):
            append(sheet, [index, line.name, line.address, line.category, line.value, "x" if line.handed else "",
                          line.received_by, ""])
        total = sum(line.value for line in receipt.lines)
        append(sheet, ["", "Cộng", "", "", total])
        append(sheet, [f"Bằng chữ: {amount_in_words(total)}."])
        for row in sheet.iter_rows(min_row=4, max_row=sheet.max_row - 1, max_col=8):
            for cell in row:
                cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        for letter, width in zip("ABCDEFGH", (6, 28, 22, 24, 14, 9, 24, 22)):
            sheet.column_dimensions[letter].width = width
        for row in sheet.iter_rows(min_row=5, min_col=5, max_col=5):
            row[0].number_format = "#,##0"
        sheet.cell(row=sheet.max_row - 1, column=2).font = Font(bold=True)
    if not book.sheetnames:
        append(book.create_sheet("Quà"), ["Chưa có suất quà nào."])
    return saved(book)  # names stay text, never formulas
