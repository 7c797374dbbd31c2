"""kill -9 in the middle of the day: the server and its workers are killed at
once during a burst of check-ins and gift hand-outs from several tablets.
After a restart every write a tablet saw acknowledged is there, once; the
writes it did not see answered are resent with their keys (as the tablets'
outboxes do) and land exactly once; the programme resumes at its item with
its clock."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime

import requests
from sqlalchemy import create_engine, text

from tests.processes import demo_server


class Tablet(threading.Thread):
    """Sends one write after another until the server stops answering."""

    def __init__(self, server, token: str, writes: list[tuple[str, dict]]):
        super().__init__(daemon=True)
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.url = f"{server.base_url}/api/v1/events/demo"
        self.writes = writes
        self.acknowledged: list[tuple[str, dict, dict]] = []
        self.unanswered: list[tuple[str, dict]] = []

    def run(self) -> None:
        for index, (path, body) in enumerate(self.writes):
            try:
                response = self.session.post(self.url + path, json=body, timeout=10)
            except requests.RequestException:
                self.unanswered = self.writes[index:]
                return
            assert response.status_code == 200, response.text
            self.acknowledged.append((path, body, response.json()))


def api(server, token: str, method: str, path: str, body=None):
    response = requests.request(method, f"{server.base_url}/api/v1/events/demo{path}", json=body, timeout=15,
                                headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 300, response.text
    return response.json()


def duplicates(database_url: str) -> list:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        found = connection.execute(text(
            "SELECT 'checkin', delegate_id, count(*) FROM checkin_scans WHERE status = 'ok' GROUP BY delegate_id "
            "HAVING count(*) > 1 UNION ALL "
            "SELECT 'gift', recipient_id, count(*) FROM gift_handouts WHERE status = 'handed' GROUP BY recipient_id "
            "HAVING count(*) > 1")).all()
    engine.dispose()
    return found


def test_nothing_acknowledged_is_lost_when_the_server_is_killed(database_url, tmp_path):
    server = demo_server(database_url, tmp_path, "--workers", "1").start()
    try:
        organizer = server.token("demo-btc")
        absent = [d["id"] for d in api(server, organizer, "GET", "/delegates?limit=1000")["delegates"]
                  if not d["checked_in_at"]]
        waiting = [r["id"] for r in api(server, organizer, "GET", "/gifts")["recipients"] if not r["handed_at"]]
        assert len(absent) >= 60 and len(waiting) >= 8

        # The programme is running its third item when the power goes.
        state = api(server, organizer, "POST", "/programme/commands", {"command": "start", "expected_item": None})
        for _ in range(2):
            current = state["programme"]["live"]["current_item_id"]
            state = api(server, organizer, "POST", "/programme/commands", {"command": "next", "expected_item": current})
        before = state["programme"]["live"]

        opinion = {"text": "Đề nghị lắp thêm camera ở ngã ba chợ.", "request_id": str(uuid.uuid4())}
        sent_opinion = api(server, organizer, "POST", "/opinions", opinion)

        gates = [Tablet(server, organizer, [("/checkins", {"delegate_id": d, "scan_id": str(uuid.uuid4()),
                                                           "device": f"Cổng {n}"}) for d in absent[n::3]])
                 for n in range(3)]
        gift_desk = Tablet(server, organizer, [(f"/gifts/{r}/handout", {"request_id": str(uuid.uuid4()),
                                                                        "desk": "Bàn quà 1"}) for r in waiting])
        tablets = [*gates, gift_desk]
        for tablet in tablets:
            tablet.start()
        time.sleep(0.8)
        server.kill()
        for tablet in tablets:
            tablet.join(timeout=30)

        acknowledged = [write for tablet in tablets for write in tablet.acknowledged]
        unanswered = [write for tablet in tablets for write in tablet.unanswered]
        assert acknowledged, "the burst was killed before any write was answered"
        assert unanswered, "the server was killed after the burst had ended"

        server.start()
        delegates = {d["id"]: d for d in api(server, organizer, "GET", "/delegates?limit=1000")["delegates"]}
        recipients = {r["id"]: r for r in api(server, organizer, "GET", "/gifts")["recipients"]}
        for path, body, answer in acknowledged:
            if path == "/checkins":
                assert answer["status"] == "ok"
                assert delegates[body["delegate_id"]]["checked_in_at"] == answer["checked_in_at"]
            else:
                recipient = int(path.split("/")[2])
                assert recipients[recipient]["handed_at"], f"gift to {recipient} acknowledged, then lost"
        assert any(o["id"] == sent_opinion["id"] for o in api(server, organizer, "GET", "/opinions")["opinions"])

        # The tablets resend what they never saw answered, with the same keys: each lands once.
        resent = Tablet(server, organizer, unanswered)
        resent.run()
        assert not resent.unanswered and len(resent.acknowledged) == len(unanswered)
        assert all(answer.get("status") == "ok" for _, _, answer in resent.acknowledged), \
            [answer for _, _, answer in resent.acknowledged if answer.get("status") != "ok"]
        assert duplicates(database_url) == []
        present = sum(1 for d in api(server, organizer, "GET", "/delegates?limit=1000")["delegates"]
                      if d["checked_in_at"])
        assert present == len(delegates) - len(absent) + sum(len(t.writes) for t in gates)

        # The programme resumes at its item; its clock still counts from when the item began.
        after = api(server, organizer, "GET", "/programme")
        assert after["live"]["current_item_id"] == before["current_item_id"]
        assert after["live"]["status"] == before["status"] == "running"
        assert after["live"]["clock_started_at"] == before["clock_started_at"]
        started = datetime.fromisoformat(before["clock_started_at"])
        elapsed = (datetime.now(started.tzinfo) - started).total_seconds()
        expected_remaining = after["timing"]["current_duration"] - elapsed
        assert abs(after["timing"]["current_remaining"] - expected_remaining) < 5
    finally:
        server.stop()
