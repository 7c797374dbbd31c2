"""The audit trail speaks Vietnamese: every action code the code base records
has its words (kiosk.reports.audit.ACTIONS), so do details keys (DETAILS); the
page and the workbook show words, not codes; the filters keep the codes; and
what was not recorded before is now (the big screen, MC messages, stage
batches, imports, delegate and programme edits, the code a refused scan tried)."""

import ast
import io
import re
from pathlib import Path

from openpyxl import load_workbook

from kiosk.awards import service as awards
from kiosk.awards.models import OUTCOMES
from kiosk.delegates import importer as delegate_importer
from kiosk.delegates import service as delegates
from kiosk.delegates.service import FIELD_LIMITS, MESSAGES
from kiosk.events.service import find_event
from kiosk.forum.service import TRANSITIONS
from kiosk.gifts import service as gifts
from kiosk.offline.service import AREAS as CONFLICT_AREAS
from kiosk.programme import service as programme
from kiosk.programme.service import COMMANDS
from kiosk.reports import audit
from kiosk.transactions import writing
from tests.awards.test_service import make_decision
from tests.factories import login, make_delegates, make_event, make_user
from tests.gifts.test_service import setup as gift_setup
from tests.reports.test_report import day  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2] / "kiosk"
SNAKE = re.compile(r"[a-z_]+")


def constants(node) -> list[str]:
    """The string values an argument can have: "x", f"stage_{command}" (as a
    pattern), "a" if c else "b"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return constants(node.body) + constants(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)]
    return []


def recorded_in_source() -> tuple[set[tuple[str, str]], set[str]]:
    """Every (area, action) and details key the sources write with audit.record
    or auth's audited(), read from the code itself."""
    actions, keys = set(), set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "record" and len(node.args) >= 3 and path.name != "openapi.py":
                areas, codes, details = constants(node.args[1]), constants(node.args[2]), node.args[4:5]
                if not areas:  # the conflict's own area
                    areas = list(CONFLICT_AREAS)
                if not codes and areas == ["accounts"] and path.name == "service.py":
                    continue  # audited() passing its action on: its callers are read below
                if not codes and areas == ["forum"] and isinstance(node.args[2], ast.Name):
                    codes = list(TRANSITIONS)  # the forum's moderation steps
                assert codes, f"{path}:{node.lineno}: an action the test cannot read"
            elif name == "audited" and node.args:
                areas, codes, details = ["accounts"], constants(node.args[0]), node.args[2:3]
                if not codes:
                    continue  # the definition's own call passing `action` on
            else:
                continue
            for area in areas:
                for code in codes:
                    if "{}" in code:  # f"stage_{command}": the stage commands
                        actions |= {(area, code.replace("{}", c)) for c in ("next", "previous", "goto")
                                    if area == "awards" or c != "goto"}
                    else:
                        actions.add((area, code))
            for detail in details:
                if isinstance(detail, ast.Dict):
                    keys |= {k.value for k in detail.keys if isinstance(k, ast.Constant)}
    return actions, keys


def test_every_action_recorded_anywhere_has_vietnamese_words():
    actions, keys = recorded_in_source()
    assert len(actions) > 40  # the scan really read the sources
    # The logs that are not AuditEntry rows: check-ins, hand-outs, programme commands.
    actions |= {("checkin", c) for c in ["ok", "already_checked_in", "undone", *MESSAGES]}
    actions |= {("programme", c) for c in COMMANDS}
    actions |= {("awards", c) for c in [*OUTCOMES, "undone", "conflict", "refused"]}
    actions |= {("gifts", c) for c in ("handed", "already_handed", "not_allocated", "conflict", "undone")}
    for area, code in sorted(actions):
        label = audit.ACTIONS.get(area, {}).get(code)
        assert label, f"no words for {area}/{code}"
        assert label != code and not SNAKE.fullmatch(label), (area, code, label)
        assert area in audit.AREAS
    # Details keys, written ones and edits' field names alike.
    keys |= set(FIELD_LIMITS) | {"level", "group", "rank_override", "is_leader", "invited"}
    keys |= {"title", "kind", "optional", "speaker", "speaker_delegate_id", "planned_seconds", "hard_start",
             "script", "cues", "notes", "expected_item", "seconds", "code_tried", "reason", "stand_in", "conflict"}
    for key in keys:
        assert key in audit.DETAILS and not SNAKE.fullmatch(audit.DETAILS[key]), key


def test_page_and_workbook_show_words_and_resolved_names_not_codes(app, client, day):  # noqa: F811
    with app.app_context():
        event = find_event("cam-tan")
        first = programme.items(event)[0]
        delegates.check_in(event, code="KHONG-PHAI-MA", device="Cổng 2", actor="Cổng 2")
        organizer = make_user("organizer", event=event)
    login(client, organizer)
    page = client.get("/e/cam-tan/audit").get_data(as_text=True)
    cells = set(re.findall(r"<td>([^<]*)</td>", page))
    assert {"Bắt đầu buổi lễ", "Chuyển sang mục tiếp theo", "Điểm danh", "Đã trao thưởng", "Đã trao quà",
            "Thêm lượt", "Bớt lượt (hoàn tác)", "Đã trả lời tại chỗ", "Từ chối: mã không hợp lệ"} <= cells
    assert not cells & {"start", "next", "ok", "handed", "invalid", "counted", "answer", "expected_item"}
    assert f"Mục đang chạy: 1. {first.title}" in page
    assert "Mã đã quét: KHONG-PHAI-MA" in page
    assert "Từ: Mới; Sang: Đã trả lời; Người trả lời: Trưởng Công an xã" in page
    # The filters keep the codes; their dropdowns show the words.
    assert '<option value="checkin">Điểm danh</option>' in page
    assert '<option value="next">Chuyển sang mục tiếp theo</option>' in page
    refused = client.get("/e/cam-tan/audit?area=checkin&action=invalid").get_data(as_text=True)
    assert "KHONG-PHAI-MA" in refused and "Đại biểu 1" not in refused
    rows = client.get("/api/v1/events/cam-tan/audit?action=next").get_json()["changes"]
    assert [(r["action_code"], r["action"]) for r in rows] == [("next", "Chuyển sang mục tiếp theo")]
    # The workbook: the same words.
    book = load_workbook(io.BytesIO(client.get("/e/cam-tan/report.xlsx").data))
    log = list(book["Nhật ký"].iter_rows(min_row=2, values_only=True))
    actions = {row[3] for row in log}
    assert {"Bắt đầu buổi lễ", "Chuyển sang mục tiếp theo", "Từ chối: mã không hợp lệ", "Thêm lượt"} <= actions
    assert not actions & {code for codes in audit.ACTIONS.values() for code in codes}
    assert any(f"Mục đang chạy: 1. {first.title}" == row[7] for row in log)
    assert not {row[2] for row in log} & set(audit.AREAS)


def test_english_shows_the_translation_where_there_is_one(app, client, day):  # noqa: F811
    with app.app_context():
        organizer = make_user("organizer", event=find_event("cam-tan"))
    login(client, organizer)
    page = client.get("/e/cam-tan/audit?lang=en").get_data(as_text=True)
    assert "<td>next</td>" not in page and "<td>start</td>" not in page


def entries(event, area):
    return [(c.action, c.subject, c.details) for c in audit.trail(event, area=area)]


def test_the_big_screen_mc_messages_and_programme_edits_are_recorded(app):
    with app.app_context():
        event = make_event("cam-tan")
        programme.apply_template(event, "cam-tan-2024")
        items = programme.items(event)
        programme.set_screen(event, message="Xin mời đại biểu ổn định chỗ ngồi")
        programme.set_screen(event, blackout=True)
        programme.set_screen(event, blackout=True)  # no change: nothing recorded
        programme.set_screen(event, message="", blackout=False)
        programme.send_mc_message(event, "Đồng chí Phó Chủ tịch tỉnh vừa đến", author="BTC")
        programme.update_item(event, items[1].id, {"speaker": "Bí thư Đảng ủy xã", "planned_seconds": 600})
        programme.move_item(event, items[2].id, -1)
        added = programme.add_item(event, {"title": "Trao quà"})
        programme.delete_item(event, added.id)
        programme.set_ceremony_start(event, "07:30")
        found = entries(event, "programme")
        codes = [action for action, _, _ in reversed(found)]
        assert codes == ["template_applied", "screen_message", "blackout_on", "screen_message_cleared",
                         "blackout_off", "mc_message", "item_edited", "reordered", "item_added", "item_deleted",
                         "ceremony_start_set"]
        edited = next(details for action, _, details in found if action == "item_edited")
        assert "Người trình bày: ∅ → Bí thư Đảng ủy xã" in edited and "Thời lượng: 5:00 → 10:00" in edited
        assert ("mc_message", "Đồng chí Phó Chủ tịch tỉnh vừa đến") in [(a, s) for a, s, _ in found]
        assert next(c for c in audit.trail(event) if c.action == "mc_message").actor == "BTC"


def test_stage_batches_and_their_planning_are_recorded(app):
    with app.app_context():
        event = make_event("cam-tan")
        make_delegates(event, ["Nguyễn Văn A"], level="huyen", group="ubnd", position="Chủ tịch UBND huyện")
        make_decision(event, 3, "12/QĐ-CAT", 2, 3)
        awards.plan_batches(event, 2)
        batches = awards.batches_of(event)
        awards.stage_command(event, "next", expected_batch=None)
        awards.stage_command(event, "next", expected_batch=batches[0].id)
        (package,), _ = gift_setup(event)
        gifts.stage_command(event, "next", expected_batch=0)
        found = entries(event, "awards")
        assert [a for a, _, _ in reversed(found)] == ["batches_planned", "stage_next", "stage_next"]
        assert "Số đợt: 3; Số người mỗi đợt: 2; Số người nhận: 5" in found[-1][2]
        assert found[0][1].startswith("Đợt 2") and "Từ đợt: Đợt 1" in found[0][2]
        assert [(a, s) for a, s, _ in entries(event, "gifts")] == [("stage_next", "Đợt 1")]


def test_imports_and_delegate_edits_are_recorded(app):
    with app.app_context():
        event = make_event("cam-tan")
        (person,) = make_delegates(event, ["Trần Thị B"], level="xa", group="ubnd", organization="UBND xã")
        data = ("Họ và tên,Chức vụ,Đơn vị,Số ghế\n"
                "Trần Thị B,Chủ tịch UBND xã,UBND xã,A1\n"
                "Lê Văn C,Trưởng Công an xã,Công an xã,A2\n").encode()
        with writing():
            plan = delegate_importer.plan_import(event, data, "danh-sach-dai-bieu.csv")
            delegate_importer.apply_import(event, plan)
        delegates.update_delegate(event, person.id, {"seat": "B5", "level": "huyen"})
        delegates.reissue_code(event, person.id)
        found = entries(event, "delegates")
        assert [(a, s) for a, s, _ in reversed(found)][:1] == [("imported", "danh-sach-dai-bieu.csv")]
        assert "Thêm mới: 1; Cập nhật: 1; Giữ nguyên: 0" in found[-1][2]
        edited = next(d for a, _, d in found if a == "delegate_edited")
        assert "Số ghế: A1 → B5" in edited and "Cấp: Xã → Huyện" in edited
        assert "code_reissued" in [a for a, _, _ in found]


def test_the_import_page_names_the_chosen_file(app, client):
    with app.app_context():
        event = make_event("cam-tan")
        organizer = make_user("organizer", event=event)
    login(client, organizer)
    data = "Họ và tên,Đơn vị\nPhạm Văn D,UBND xã\n".encode()
    preview = client.post("/e/cam-tan/delegates/import", data={"file": (io.BytesIO(data), "khach-moi 19-8.csv")},
                          content_type="multipart/form-data").get_data(as_text=True)
    action = re.search(r'<form method="post" action="(/e/cam-tan/delegates/import/[^"]+)"', preview).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', preview))
    assert fields["filename"] == "khach-moi 19-8.csv"
    done = client.post(action, data=fields, follow_redirects=True).get_data(as_text=True)
    assert "Đã nhập: 1 đại biểu mới" in done, (action, fields, re.findall(r'class="flash[^"]*">([^<]*)', done))
    with app.app_context():
        (change,) = audit.trail(find_event("cam-tan"), area="delegates", action="imported")
        assert change.subject == "khach-moi 19-8.csv" and "Thêm mới: 1" in change.details


def test_a_refused_scan_keeps_the_code_it_tried(app):
    with app.app_context():
        event = make_event("cam-tan")
        delegates.check_in(event, code="NHK9.rac-ruoi", device="Cổng 1", actor="Cổng 1")
        (change,) = audit.trail(event, area="checkin")
        assert change.action == "invalid" and change.details == "Mã đã quét: NHK9.rac-ruoi"
        assert change.row(event)["action"] == "Từ chối: mã không hợp lệ"
        assert audit.trail(event, query="rac-ruoi") == [change]
