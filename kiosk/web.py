"""What every page shares: error pages in Vietnamese, formats, the language switch."""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from kiosk.i18n import format_date, format_money, format_time
from kiosk.offices import office

def N_(message: str) -> str:
    """Marks a message for the catalogue; translated where it is shown."""
    return message


ERROR_MESSAGES = {
    400: N_("Yêu cầu không hợp lệ."),
    401: N_("Cần đăng nhập."),
    403: N_("Bạn không có quyền thực hiện thao tác này."),
    404: N_("Không tìm thấy trang hoặc sự kiện này."),
    405: N_("Thao tác không được hỗ trợ."),
    413: N_("Tệp tải lên quá lớn."),
    500: N_("Máy chủ gặp lỗi. Thao tác chưa được lưu, vui lòng thử lại."),
}
ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 500: "server_error"}


def init_app(app: Flask) -> None:
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["date_vn"] = format_date
    app.jinja_env.filters["time_vn"] = format_time
    app.jinja_env.globals["office"] = office  # position + organization as one phrase

    @app.context_processor
    def page_globals():
        return {"current_locale": str(get_locale()), "languages": app.config["KIOSK_LANGUAGES"]}

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response

    def error_page(code: int, message: str | None = None, error: str | None = None):
        message = message or ERROR_MESSAGES[code]
        if request.path.startswith("/api/"):
            return jsonify(error=error or ERROR_CODES[code], message=message), code
        return render_template("errors/error.html", code=code, message=message), code

    for code in ERROR_MESSAGES:
        app.register_error_handler(code, lambda error, code=code: error_page(code))

    @app.errorhandler(413)
    def too_large(error):
        """Over the route's own limit (kiosk.wsgi, kiosk.uploads): say how much is allowed."""
        from kiosk.uploads import size_text

        limit = request.max_content_length
        if not limit:
            return error_page(413)
        if getattr(app.view_functions.get(request.endpoint), "upload_limit", None):
            return error_page(413, _("Tệp tải lên quá lớn: tối đa %(size)s.", size=size_text(limit)))
        return error_page(413, _("Nội dung gửi lên quá lớn: tối đa %(size)s.", size=size_text(limit)))

    from kiosk import uploads

    uploads.init_app(app)

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        # Its own code: a tablet's queue of offline actions keeps them and asks for a fresh token.
        return error_page(400, N_("Phiên làm việc đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang."),
                          error="csrf_failed")


def instance_folder(name: str):
    """A folder of the venue's instance folder (media, imports, backups), made if missing."""
    from pathlib import Path

    from flask import current_app

    folder = Path(current_app.instance_path) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


FILE_TYPES = {".pdf": "application/pdf",
              ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              ".csv": "text/csv; charset=utf-8"}


def file_response(data: bytes, filename: str):
    """A generated document: PDFs open in the tablet's viewer, spreadsheets download."""
    suffix = filename[filename.rfind("."):]
    response = make_response(data)
    response.headers["Content-Type"] = FILE_TYPES[suffix]
    disposition = "inline" if suffix == ".pdf" else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
