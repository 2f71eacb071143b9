#!/usr/bin/env python3
"""Writes the boundary fuzzer's seed corpus (Fuzz/corpus/): well-formed intakes of every
kind and transitions with the fields the engine reads, in the input layout of
Sources/wo-fuzz/BoundaryFuzzer.swift (byte 0: route and kind, byte 1: seed order)."""
import json, os

KINDS = ["complaint", "repair", "paid_service", "help", "renovation", "move_in"]
HOUSEHOLD = {"building": "5", "unit": "2", "room": "301"}
OWNER = {"name": "张三", "phone": "13812345678"}
T = 1795500000000

def intake(kind, subject, fields):
    return {"schema_version": 1, "kind": kind, "site": "NJ-01", "household": HOUSEHOLD, "owner": OWNER,
            "channel": "phone", "subject": subject, "content": "厨房水管漏水\n地面是湿的",
            "recorded_by": {"id": "cs-12", "role": "cs_staff"}, "fields": fields}

INTAKES = [
    intake("complaint", "neighbour_behaviour", {}),
    intake("complaint", "public_repair", {"households": 6}),
    intake("repair", "tap", {"mode": "immediate", "category": "emergency"}),
    intake("repair", "leak", {"mode": "appointment", "category": "leak", "appointment_at": T}),
    intake("paid_service", "cleaning", {"service": "cleaning", "monthly": True}),
    intake("help", "help", {"help_type": "medical", "floor": "5"}),
    intake("help", "fees", {"help_type": "consultation", "topic": "fees"}),
    intake("help", "help", {"help_type": "repair", "mode": "immediate", "category": "other"}),
    intake("renovation", "kitchen", {"applicant": "owner", "structural_change": False}),
    intake("move_in", "move-in", {"buyer": "owner"}),
]

ROLES = ["technician", "cs_staff", "cs_supervisor", "site_director", "engineering_supervisor"]
EVENTS = [
    ("on_site", {}), ("completed", {"owner_accepted": True, "owner_signature": "张三", "summary": "done", "fee_fen": 1200}),
    ("classified", {"class": "effective", "severity": "minor"}), ("contacted", {"agreed_reply_at": T}),
    ("extension_granted", {"deadline": "reply", "new_deadline": T, "reason": "parts"}),
    ("escalated", {"to": "gm", "reason": "late", "level": 2}), ("owner_absent", {"new_appointment_at": T, "note_left": True}),
    ("materials_quoted", {"items": ["pipe"], "amount_fen": 5000, "owner_agreed": True}), ("fee_fixed", {"amount_fen": 100}),
    ("callback_reached", {"form": "phone", "script_followed": True, "satisfaction": "satisfied"}),
    ("callback_not_reached", {"note": "no answer"}), ("quoted", {"items": ["a"], "scheduled_at": T, "fee_fen": 100}),
    ("visit_scheduled", {"visit_at": T}), ("reinspection_booked", {"at": T}),
    ("collective_reported", {"reply_at": T, "incident_report": "IR-1"}), ("repeat_reported", {"order": "R-1"}),
    ("fees_collected", {"fees": {"property_fee": 120000}}), ("inspected", {"meters": {"water": 12, "electricity": 305.5}, "defects": []}),
    ("permit_issued", {"passes": ["P1"], "deposit_fen": 200000}),
]

def write(name, selector, order, body):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([selector, order]) + json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
os.makedirs(OUT, exist_ok=True)
for i, body in enumerate(INTAKES):
    write(f"intake-{i:02d}-{body['kind']}", 2 * KINDS.index(body["kind"]), 0, body)
for i, (event, fields) in enumerate(EVENTS):
    for order in range(9):
        role = ROLES[(i + order) % len(ROLES)]
        body = {"schema_version": 1, "order_id": "F-20261201-1", "event": event, "actor": {"id": "staff-1", "role": role}, "fields": fields}
        write(f"transition-{i:02d}-{event}-{order}", 1, order, body)
