"""Who may do what. Every page, API call and Socket.IO event names a permission;
this table is the one place that says which roles hold it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    ORGANIZER = "organizer"  # Ban Tổ chức
    DESK = "desk"  # check-in, award and gift desks
    MC = "mc"  # người dẫn chương trình
    SCREEN = "screen"  # the big screen in the hall


ROLE_LABELS = {
    Role.ADMIN: "Quản trị",
    Role.ORGANIZER: "Ban Tổ chức",
    Role.DESK: "Bàn tiếp đón / trao quà",
    Role.MC: "Người dẫn chương trình",
    Role.SCREEN: "Màn hình hội trường",
}


class Permission(StrEnum):
    MANAGE_INSTALLATION = "manage_installation"  # events, accounts
    RUN_EVENT = "run_event"  # programme control, moderation, undo, edits
    VIEW_DASHBOARD = "view_dashboard"
    WORK_DESK = "work_desk"  # any desk: the staff's live figures, what all desks share; then each desk's own:
    CHECK_IN = "check_in"  # the gate: check-ins, walk-ins, finding a delegate
    AWARD_DESK = "award_desk"  # the stage marshal: award hand-outs, the stage's batches, call sheets
    GIFT_DESK = "gift_desk"  # a gift desk: hand-outs, the gift stage, receipt lists
    COUNT_VISITORS = "count_visitors"  # a phần hội station's +1
    READ_PROGRAMME = "read_programme"  # MC page: scripts, names to read
    VIEW_SCREEN = "view_screen"  # public display


# Everything a desk account may do; a paired tablet gets one station's share (STATIONS below).
DESK_WORK = frozenset({Permission.WORK_DESK, Permission.CHECK_IN, Permission.AWARD_DESK, Permission.GIFT_DESK,
                       Permission.COUNT_VISITORS})

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ORGANIZER: frozenset(
        {
            Permission.RUN_EVENT,
            Permission.VIEW_DASHBOARD,
            *DESK_WORK,
            Permission.READ_PROGRAMME,
            Permission.VIEW_SCREEN,
        }
    ),
    Role.DESK: frozenset({*DESK_WORK, Permission.VIEW_SCREEN}),
    Role.MC: frozenset({Permission.READ_PROGRAMME, Permission.VIEW_SCREEN}),
    Role.SCREEN: frozenset({Permission.VIEW_SCREEN}),
}


@dataclass(frozen=True)
class Station:
    """What a paired tablet is for: its role, the narrower share of that role's
    permissions it holds, and the page it opens on (an endpoint)."""

    role: Role
    label: str
    permissions: frozenset[Permission]
    landing: str


def _desk(own: Permission) -> frozenset[Permission]:
    return frozenset({Permission.WORK_DESK, own, Permission.VIEW_SCREEN})


# A paired tablet's work, chosen when it is paired. Each share lies within its role's grant.
STATIONS: dict[str, Station] = {
    "checkin": Station(Role.DESK, "Cổng điểm danh đại biểu", _desk(Permission.CHECK_IN), "delegates.checkin"),
    "gifts": Station(Role.DESK, "Bàn trao quà", _desk(Permission.GIFT_DESK), "gifts.desk"),
    "awards": Station(Role.DESK, "Sân khấu trao khen thưởng", _desk(Permission.AWARD_DESK), "awards.stage"),
    "counters": Station(Role.DESK, "Quầy phần hội (đếm lượt)", _desk(Permission.COUNT_VISITORS), "reports.counters"),
    "mc": Station(Role.MC, "Trang người dẫn chương trình", GRANTS[Role.MC], "programme.mc"),
    "screen": Station(Role.SCREEN, "Màn hình hội trường", GRANTS[Role.SCREEN], "event.screen"),
}


def role_has(role: str, permission: Permission) -> bool:
    try:
        return permission in GRANTS[Role(role)]
    except ValueError:
        return False
