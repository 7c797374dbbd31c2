"""The demo event: a village site of Cẩm Tân commune on the 2024 plan (seed 002),
with its 12-item programme, delegates of every level, award decisions, gift
packages and some citizens' opinions. Deterministic: the same names each time.
It is dated the day `kiosk demo` is run (in Việt Nam), so the demo is "today":
the programme's clock, over/under and projected end behave as on the day."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from kiosk.auth import service as accounts
from kiosk.auth.models import EventLink, User
from kiosk.auth.roles import Role
from kiosk.awards import service as award_service
from kiosk.awards.models import AwardDecision, AwardRecipient
from kiosk.delegates.service import add_delegate
from kiosk.events import service as events
from kiosk.events.models import Event
from kiosk.extensions import db
from kiosk.forum.models import Opinion
from kiosk.gifts import service as gift_service
from kiosk.programme.models import FestivalActivity
from kiosk.programme.service import apply_template
from kiosk.transactions import writes

SLUG = "demo"
TIMEZONE = "Asia/Ho_Chi_Minh"
CAND_FOUNDED = 1945  # Ngày truyền thống Công an nhân dân: 19/8/1945


def today_in_vietnam() -> date:
    return datetime.now(ZoneInfo(TIMEZONE)).date()

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Quách", "Đinh"]
MIDDLE_MALE = ["Văn", "Đức", "Hữu", "Quang", "Minh", "Đình", "Xuân", "Thành"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Phương"]
GIVEN_MALE = ["Hùng", "Dũng", "Cường", "Thắng", "Tuấn", "Long", "Sơn", "Hải", "Nghĩa", "Quyết", "Tiến", "Đạt", "Lực", "Khải"]
GIVEN_FEMALE = ["Hương", "Lan", "Hằng", "Nga", "Thủy", "Yến", "Ngọc", "Huyền", "Trang", "Duyên", "Nhung"]

# (level, group, position, organization, how many)
DELEGATE_PLAN = [
    ("trung_uong", "police", "Phó Cục trưởng", "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an", 1),
    ("trung_uong", "police", "Cán bộ", "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an", 1),
    ("tinh", "party", "Phó Bí thư Tỉnh ủy", "Tỉnh ủy Thanh Hóa", 1),
    ("tinh", "ubnd", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", 1),
    ("tinh", "police", "Phó Giám đốc Công an tỉnh", "Công an tỉnh Thanh Hóa", 2),
    ("tinh", "police", "Trưởng phòng", "Phòng Tham mưu, Công an tỉnh", 2),
    ("tinh", "mttq", "Phó Chủ tịch", "Ủy ban MTTQ Việt Nam tỉnh", 1),
    ("tinh", "press", "Phóng viên", "Báo Thanh Hóa", 2),
    ("huyen", "party", "Bí thư Huyện ủy", "Huyện ủy Cẩm Thủy", 1),
    ("huyen", "party", "Phó Bí thư Thường trực Huyện ủy", "Huyện ủy Cẩm Thủy", 1),
    ("huyen", "hdnd", "Chủ tịch HĐND huyện", "HĐND huyện Cẩm Thủy", 1),
    ("huyen", "ubnd", "Chủ tịch UBND huyện", "UBND huyện Cẩm Thủy", 1),
    ("huyen", "ubnd", "Phó Chủ tịch UBND huyện", "UBND huyện Cẩm Thủy", 2),
    ("huyen", "mttq", "Chủ tịch Ủy ban MTTQ huyện", "Ủy ban MTTQ Việt Nam huyện Cẩm Thủy", 1),
    ("huyen", "police", "Trưởng Công an huyện", "Công an huyện Cẩm Thủy", 1),
    ("huyen", "police", "Phó Trưởng Công an huyện", "Công an huyện Cẩm Thủy", 3),
    ("huyen", "steering", "Thành viên Ban Chỉ đạo 138 huyện", "Ban Chỉ đạo 138 huyện Cẩm Thủy", 8),
    ("huyen", "army", "Chỉ huy trưởng", "Ban Chỉ huy Quân sự huyện Cẩm Thủy", 1),
    ("huyen", "mass_org", "Chủ tịch", "Hội Nông dân huyện Cẩm Thủy", 2),
    ("xa", "party", "Bí thư Đảng ủy xã", "Đảng ủy xã Cẩm Tân", 1),
    ("xa", "party", "Phó Bí thư Đảng ủy xã", "Đảng ủy xã Cẩm Tân", 1),
    ("xa", "hdnd", "Chủ tịch HĐND xã", "HĐND xã Cẩm Tân", 1),
    ("xa", "ubnd", "Chủ tịch UBND xã", "UBND xã Cẩm Tân", 1),
    ("xa", "ubnd", "Phó Chủ tịch UBND xã", "UBND xã Cẩm Tân", 2),
    ("xa", "mttq", "Chủ tịch Ủy ban MTTQ xã", "Ủy ban MTTQ Việt Nam xã Cẩm Tân", 1),
    ("xa", "police", "Trưởng Công an xã", "Công an xã Cẩm Tân", 1),
    ("xa", "police", "Phó Trưởng Công an xã", "Công an xã Cẩm Tân", 2),
    ("xa", "police", "Cán bộ", "Công an xã Cẩm Tân", 6),
    ("xa", "steering", "Thành viên Ban Chỉ đạo ANTT xã", "Ban Chỉ đạo ANTT xã Cẩm Tân", 10),
    ("xa", "mass_org", "Chủ tịch", "Hội Liên hiệp Phụ nữ xã Cẩm Tân", 1),
    ("xa", "mass_org", "Chủ tịch", "Hội Cựu chiến binh xã Cẩm Tân", 1),
    ("xa", "mass_org", "Bí thư", "Đoàn Thanh niên xã Cẩm Tân", 1),
    ("xa", "former_cadre", "Nguyên Trưởng Công an xã", "Hội Cựu Công an nhân dân xã", 3),
    ("xa", "religious", "Linh mục quản xứ", "Giáo xứ Cẩm Tân", 1),
    ("co_so", "village", "Bí thư Chi bộ", "Thôn Eo Lê", 1),
    ("co_so", "village", "Trưởng thôn", "Thôn Eo Lê", 1),
    ("co_so", "village", "Bí thư Chi bộ", "Thôn Phiến Thôn", 1),
    ("co_so", "village", "Trưởng thôn", "Thôn Phiến Thôn", 1),
    ("co_so", "mass_org", "Chi hội trưởng", "Chi hội Phụ nữ thôn Eo Lê", 2),
    ("co_so", "prestigious", "Người có uy tín", "Thôn Eo Lê", 4),
    ("co_so", "honoree", "Tổ trưởng Tổ an ninh trật tự", "Tổ bảo vệ ANTT thôn Eo Lê", 6),
    ("co_so", "steering", "Thành viên Tổ bảo vệ ANTT", "Tổ bảo vệ ANTT thôn Phiến Thôn", 12),
    ("co_so", "citizen", "Đại diện hộ gia đình", "Thôn Eo Lê", 35),
    ("co_so", "citizen", "Đại diện hộ gia đình", "Thôn Phiến Thôn", 25),
]


@dataclass
class DemoLogins:
    event: Event
    passwords: dict[str, str]  # username -> password
    screen_key: str
    mc_key: str


def person(rng: random.Random) -> tuple[str, str]:
    """A Vietnamese full name and the honorific that goes with it."""
    if rng.random() < 0.7:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}", "Ông"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}", "Bà"


@writes
def build_demo(reset: bool = False, today: date | None = None) -> DemoLogins:
    """The demo event, dated `today` (default: today in Việt Nam) when it is made."""
    day = today or today_in_vietnam()
    existing = events.find_event(SLUG)
    if existing is not None:
        if not reset:
            date_demo(existing, day)
            return DemoLogins(existing, demo_accounts(existing), *demo_links(existing))
        db.session.execute(delete(User).where(User.event_id == existing.id))
        db.session.delete(existing)
        db.session.flush()

    rng = random.Random(2024)
    year = day.year
    event = events.create_event(
        slug=SLUG,
        organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
        place="Thôn Eo Lê, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa",
        event_date=day,
        slogans=demo_slogans(year),
    )
    event.backdrop_top = "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN"
    event.backdrop_bottom = demo_backdrop_bottom(day)
    event.ceremony_start = time(7, 30)
    apply_template(event, "cam-tan-2024")

    delegates = []
    for level, group, position, organization, count in DELEGATE_PLAN:
        for n in range(count):
            name, honorific = person(rng)
            if level != "co_so" or group in ("village", "steering", "honoree"):
                honorific = "Đồng chí"
            if group == "religious":
                honorific = "Linh mục"
            delegates.append(
                add_delegate(event, full_name=name, level=level, group=group, position=position,
                             organization=organization, honorific=honorific,
                             seat=f"{'ABCDEFGH'[len(delegates) // 20]}{len(delegates) % 20 + 1}",
                             phone=f"09{rng.randrange(10**7, 10**8)}")
            )
    db.session.flush()

    forms = award_service.ensure_forms(event)
    db.session.add_all(forms)
    db.session.flush()
    district = AwardDecision(event_id=event.id, form=forms[4], number="1856/QĐ-UBND", signed_on=day - timedelta(days=10),
                             authority="Chủ tịch UBND huyện Cẩm Thủy")
    commune = AwardDecision(event_id=event.id, form=forms[4], number="215/QĐ-UBND", signed_on=day - timedelta(days=7),
                            authority="Chủ tịch UBND xã Cẩm Tân")
    db.session.add_all([district, commune])
    honorees = [d for d in delegates if d.group in ("honoree", "steering") and d.level == "co_so"]
    for decision, collectives, individuals in ((district, 6, 14), (commune, 4, 8)):
        position = 0
        for village in ["Thôn Eo Lê", "Thôn Phiến Thôn", "Công an xã Cẩm Tân", "Hội Cựu chiến binh xã",
                        "Tổ bảo vệ ANTT thôn Eo Lê", "Đoàn Thanh niên xã"][:collectives]:
            position += 1
            rep, _ = person(rng)
            decision.recipients.append(AwardRecipient(
                position=position, kind="collective", name=village, representative=rep,
                achievement=f"Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ năm {year}"))
        for _ in range(individuals):
            position += 1
            delegate = honorees.pop() if honorees else None
            name = delegate.full_name if delegate else person(rng)[0]
            decision.recipients.append(AwardRecipient(
                position=position, kind="individual", name=name,
                job_title=delegate.position if delegate else "Công an viên",
                organization=delegate.organization if delegate else "Công an xã Cẩm Tân",
                delegate_id=delegate.id if delegate else None,
                achievement="Tích cực tham gia phát hiện, tố giác tội phạm, giữ gìn ANTT ở cơ sở"))

    # Seed 003: each commune site 5 packages of 500.000 đ; and a sponsor's rice and oil.
    commune_gift = gift_service.create_package(event, {
        "name": "Suất quà của UBND xã", "kind": "cash", "unit_value": 500_000, "quantity": 5,
        "funding_source": "commune", "presenter": "Chủ tịch UBND xã Cẩm Tân"})
    sponsor_gift = gift_service.create_package(event, {
        "name": "Suất quà nhà tài trợ (gạo, dầu ăn)", "kind": "goods", "unit_value": 300_000, "quantity": 10,
        "funding_source": "sponsor", "presenter": "Trưởng Công an huyện Cẩm Thủy"})
    categories = ["policy_family", "poor_household", "poor_student", "injured_volunteer", "security_force"]
    for n in range(15):
        name, _ = person(rng)
        gift_service.add_recipient(event, {
            "name": name, "category": categories[n % len(categories)],
            "kind": "household" if categories[n % len(categories)] in ("poor_household", "policy_family") else "individual",
            "address": rng.choice(["Thôn Eo Lê", "Thôn Phiến Thôn"]),
            "package_id": commune_gift.id if n < 5 else sponsor_gift.id})

    for topic, text in [
        ("security", "Đề nghị Công an xã tăng cường tuần tra ban đêm khu vực cầu Eo Lê, thời gian gần đây có trộm gà vịt."),
        ("traffic", "Thanh niên chạy xe máy tốc độ cao trên đường liên thôn vào buổi tối, đề nghị xử lý."),
        ("paperwork", "Cho tôi hỏi làm lại căn cước cho người cao tuổi không đi lại được thì làm thế nào?"),
        ("paperwork", "Kích hoạt tài khoản định danh điện tử mức 2 có mất phí không?"),
        ("social_evils", "Có dấu hiệu tụ tập đánh bạc ở khu vực bãi sông, mong Công an kiểm tra."),
        ("police_conduct", "Cảm ơn Công an xã đã hỗ trợ bà con làm thủ tục tận nhà."),
    ]:
        name, _ = person(rng)
        db.session.add(Opinion(event_id=event.id, topic=topic, text=text, original_text=text, author_name=name,
                               address=rng.choice(["Thôn Eo Lê", "Thôn Phiến Thôn"])))
    for name, kind, place, starts, ends, counted in [
        ("Kích hoạt tài khoản định danh điện tử VNeID", "service", "Nhà văn hóa thôn Eo Lê", time(7, 0), time(11, 30),
         "người được kích hoạt"),
        ("Làm thủ tục cấp Căn cước tại chỗ", "service", "Nhà văn hóa thôn Eo Lê", time(7, 0), time(11, 30), "hồ sơ"),
        ("Khám bệnh, cấp thuốc miễn phí", "service", "Trạm y tế xã", time(7, 30), time(11, 0), "người được khám"),
        ("Tiếp nhận vũ khí, vật liệu nổ, công cụ hỗ trợ", "service", "Công an xã", time(7, 0), time(17, 0),
         "hiện vật tiếp nhận"),
        ("Thi tìm hiểu pháp luật", "quiz", "Sân văn hóa", time(9, 30), time(10, 30), "người dự thi"),
        ("Giao hữu bóng chuyền", "sport", "Sân thể thao thôn", time(14, 0), time(16, 30), "người tham gia"),
    ]:
        db.session.add(FestivalActivity(event_id=event.id, name=name, kind=kind, place=place,
                                        starts_at=starts, ends_at=ends, count_label=counted))
    db.session.flush()
    return DemoLogins(event, demo_accounts(event), *demo_links(event))


def demo_slogans(year: int) -> list[str]:
    return [
        "Bảo vệ Tổ quốc Việt Nam xã hội chủ nghĩa là sự nghiệp của toàn dân",
        "Tham gia phong trào toàn dân bảo vệ an ninh Tổ quốc là trách nhiệm và quyền lợi của toàn dân",
        (f"Nhiệt liệt chào mừng kỷ niệm {year - CAND_FOUNDED} năm Ngày truyền thống Công an nhân dân Việt Nam "
         f"và Ngày hội toàn dân bảo vệ ANTT năm {year}"),
        ("Phát huy tinh thần yêu nước và chủ nghĩa anh hùng cách mạng, "
         "bảo vệ vững chắc an ninh, trật tự của Tổ quốc"),
    ]


def demo_backdrop_bottom(day: date) -> str:
    return f"Cẩm Tân, ngày {day:%d} tháng {day:%m} năm {day.year}"


def date_demo(event: Event, day: date) -> None:
    """`kiosk demo` run again on a later day: the demo moves to that day (its
    date, year, backdrop and the slogan naming the year), the rest is kept."""
    if event.event_date == day:
        return
    event.event_date, event.year = day, day.year
    event.backdrop_middle = f"NGÀY HỘI\nTOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {day.year}"
    event.backdrop_bottom = demo_backdrop_bottom(day)
    event.slogans = demo_slogans(day.year)


DEMO_ACTOR = "kiosk demo"  # who the audit trail says made the demo's accounts and links
DEMO_ACCOUNTS = [
    ("demo-admin", Role.ADMIN, "Quản trị (demo)", False),
    ("demo-btc", Role.ORGANIZER, "Ban Tổ chức", True),
    ("demo-cong1", Role.DESK, "Cổng 1", True),
    ("demo-mc", Role.MC, "Người dẫn chương trình", True),
]


def demo_accounts(event: Event) -> dict[str, str]:
    """Demo accounts with fresh passwords, printed to whoever ran `kiosk demo`."""
    passwords = {}
    for username, role, display_name, limited in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            accounts.add_user(username, password, role, display_name=display_name, event=event if limited else None,
                              actor=DEMO_ACTOR)
        else:
            user.event_id = event.id if limited else None
            accounts.set_password(user, password, actor=DEMO_ACTOR)
        passwords[username] = password
    return passwords


def demo_links(event: Event) -> tuple[str, str]:
    """New screen and MC links; the demo's earlier ones stop working."""
    for link in db.session.scalars(select(EventLink).where(EventLink.event_id == event.id,
                                                           EventLink.revoked_at.is_(None))):
        accounts.revoke_link(link, actor=DEMO_ACTOR)
    return (accounts.create_link(event, Role.SCREEN, "Màn hình hội trường", actor=DEMO_ACTOR),
            accounts.create_link(event, Role.MC, "Máy tính bảng MC", actor=DEMO_ACTOR))
