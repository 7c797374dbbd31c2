"""Who may do what. Every page, API call and Socket.IO event names a permission;
this table is the one place that says which roles hold it."""

from __future__ import annotations

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
    WORK_DESK = "work_desk"  # check-in, hand-outs
    READ_PROGRAMME = "read_programme"  # MC page: scripts, names to read
    VIEW_SCREEN = "view_screen"  # public display


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ORGANIZER: frozenset(
        {
            Permission.RUN_EVENT,
            Permission.VIEW_DASHBOARD,
            Permission.WORK_DESK,
            Permission.READ_PROGRAMME,
            Permission.VIEW_SCREEN,
        }
    ),
    Role.DESK: frozenset({Permission.WORK_DESK, Permission.VIEW_SCREEN}),
    Role.MC: frozenset({Permission.READ_PROGRAMME, Permission.VIEW_SCREEN}),
    Role.SCREEN: frozenset({Permission.VIEW_SCREEN}),
}


def role_has(role: str, permission: Permission) -> bool:
    try:
        return permission in GRANTS[Role(role)]
    except ValueError:
        return False
