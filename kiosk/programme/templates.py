"""The ceremony programmes of the official plans (../shared/seeds), as templates
an event's programme is filled from. Item numbers come from the order."""

from __future__ import annotations


def item(title, kind, minutes, *, optional=False, speaker="", script="", cues=()):
    return {
        "title": title,
        "kind": kind,
        "planned_seconds": minutes * 60,
        "optional": optional,
        "speaker": speaker,
        "script": script,
        "cues": list(cues),
    }


FLAG_SALUTE = item(
    "Lễ chào cờ",
    "flag_salute",
    5,
    script="Kính mời toàn thể các vị đại biểu và Nhân dân đứng dậy làm Lễ chào cờ. Nghiêm! "
    "Chào cờ, chào! Quốc ca. Xin mời các vị đại biểu ngồi.",
    cues=("Nhạc Quốc ca", "Cờ"),
)
INTRODUCTION = item(
    "Tuyên bố lý do, giới thiệu đại biểu",
    "introduction",
    7,
    script="Thực hiện Quyết định số 521/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ về việc lấy "
    "ngày 19/8 hằng năm là “Ngày hội toàn dân bảo vệ an ninh Tổ quốc”, hôm nay chúng tôi long trọng "
    "tổ chức Ngày hội. Đến dự Ngày hội hôm nay, chúng tôi trân trọng giới thiệu:",
    cues=("Micro bục phát biểu",),
)
SPEECH_OPENING = item(
    "Diễn văn khai mạc",
    "speech",
    15,
    speaker="Lãnh đạo đơn vị tổ chức",
    script="Trân trọng kính mời đồng chí ... lên trình bày Diễn văn khai mạc Ngày hội.",
    cues=("Micro bục phát biểu", "Slide"),
)
AWARDS = item(
    "Công bố Quyết định và trao thưởng",
    "awards",
    15,
    script="Ghi nhận những thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc, "
    "xin trân trọng công bố Quyết định khen thưởng.",
    cues=("Nhạc trao thưởng", "Khay bằng khen"),
)

PROGRAMME_TEMPLATES: dict[str, dict] = {
    "bac-giang-2024": {
        "name": "Bắc Giang 2024 (9 mục)",
        "items": [
            FLAG_SALUTE,
            INTRODUCTION,
            item(
                "Diễn văn kỷ niệm",
                "speech",
                15,
                speaker="Lãnh đạo đơn vị tổ chức",
                script="Trân trọng kính mời đồng chí ... trình bày Diễn văn kỷ niệm, ôn lại vị trí, ý nghĩa "
                "của phong trào toàn dân bảo vệ an ninh Tổ quốc.",
            ),
            item("Thảo luận, trao đổi kinh nghiệm xây dựng phong trào", "discussion", 20),
            {**AWARDS, "title": "Công bố quyết định và trao thưởng", "optional": True},
            item("Đại biểu cấp trên phát biểu", "speech", 10, speaker="Đại biểu cấp trên"),
            item("Phát biểu đáp từ của người đứng đầu đơn vị tổ chức", "speech", 5),
            item("Ra mắt mô hình hoặc ký kết giao ước thi đua", "signing", 10, optional=True),
            item("Tuyên bố kết thúc phần lễ", "closing", 2),
        ],
    },
    "cam-tan-2024": {
        "name": "Cẩm Tân 2024 (12 mục)",
        "items": [
            item("Văn nghệ chào mừng", "performance", 15, cues=("Âm thanh sân khấu",)),
            FLAG_SALUTE,
            INTRODUCTION,
            item(
                "Thông báo chương trình ngày hội",
                "other",
                3,
                script="Chương trình Ngày hội hôm nay gồm phần lễ và phần hội.",
            ),
            SPEECH_OPENING,
            item("Trình chiếu phóng sự", "video", 8, optional=True, cues=("Máy chiếu", "Âm thanh")),
            item("Tọa đàm, thảo luận, trao đổi kinh nghiệm", "discussion", 20),
            AWARDS,
            item(
                "Đại biểu cấp trên phát biểu và tặng quà",
                "gifts",
                15,
                speaker="Đại biểu cấp trên",
                cues=("Nhạc trao quà",),
            ),
            item("Phát biểu, đáp từ của người đứng đầu đơn vị tổ chức", "speech", 5),
            item("Ký kết giao ước thi đua", "signing", 10, optional=True),
            item(
                "Tuyên bố kết thúc buổi lễ",
                "closing",
                2,
                script="Xin trân trọng cảm ơn các vị đại biểu và toàn thể Nhân dân. "
                "Phần lễ của Ngày hội đến đây là kết thúc.",
            ),
        ],
    },
    "thanh-hoa-2023": {
        "name": "Thanh Hóa 2023 (11 mục)",
        "items": [],  # filled below: Cẩm Tân's programme without the video item
    },
}
PROGRAMME_TEMPLATES["thanh-hoa-2023"]["items"] = [
    i for i in PROGRAMME_TEMPLATES["cam-tan-2024"]["items"] if i["kind"] != "video"
]
