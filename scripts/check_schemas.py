#!/usr/bin/env python3
"""Checks docs/schemas/*.schema.json with an independent validator (Python's jsonschema,
draft 2020-12): every ```json example of docs/protocol.md must pass the schema of its
message, and hostile bodies the server's strict decoder refuses must fail.

Prints one line per check and at the end `N passed, M failed`; exits 1 if any failed.
Uses the standard library and jsonschema only."""

import copy
import json
import re
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"
PROTOCOL = ROOT / "docs" / "protocol.md"
NAMES = ["intake", "transition", "reply", "dispatch", "followup", "event", "dead-letter-replay"]
FOLLOWUP_TYPES = {"notification", "escalation", "callback"}

passed = 0
failed = 0


def report(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    print(("ok    " if ok else "FAIL  ") + what + (": " + detail if detail else ""))


def message_type(body):
    """Which message a body is, from its keys (the same choice as SchemaTests.swift)."""
    if "kind" in body and "household" in body and "channel" in body:
        return "intake"
    if "status" in body:
        return "reply"
    if "event" in body and isinstance(body.get("actor"), dict) and "state" not in body:
        return "transition"
    if "department" in body:
        return "dispatch"
    if body.get("type") in FOLLOWUP_TYPES:
        return "followup"
    if "detail" in body:
        return "event"
    if "original_message_id" in body:
        return "dead-letter-replay"
    return None


def first_error(validator, body):
    """The most relevant error, in one line, or None when the body is valid."""
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "(body)"
    message = error.message if len(error.message) <= 100 else error.message[:100] + "…"
    return f"{where}: {message}"


def load_validators():
    validators = {}
    for name in NAMES:
        path = SCHEMAS / f"{name}.schema.json"
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as error:
            report(False, f"schema {path.relative_to(ROOT)}", str(error).splitlines()[0])
            continue
        validators[name] = jsonschema.Draft202012Validator(schema)
        report(True, f"schema {path.relative_to(ROOT)} is a valid draft 2020-12 schema")
    return validators


def json_examples(text):
    """(line number, text) of each ```json fence."""
    for match in re.finditer(r"^```json[ \t]*\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        yield text.count("\n", 0, match.start()) + 1, match.group(1)


def check_examples(validators):
    checked = 0
    for line, source in json_examples(PROTOCOL.read_text(encoding="utf-8")):
        where = f"docs/protocol.md:{line}"
        try:
            body = json.loads(source)
        except ValueError:
            print(f"skip  example {where}: not valid JSON (an elided example)")
            continue
        if not isinstance(body, dict) or "schema_version" not in body:
            print(f"skip  example {where}: not a message body")
            continue
        name = message_type(body)
        if name is None:
            report(False, f"example {where}", "cannot tell which message it is from its keys")
            continue
        if name not in validators:
            report(False, f"example {where} ({name})", "its schema did not load")
            continue
        error = first_error(validators[name], body)
        report(error is None, f"example {where} is a valid {name}", error or "")
        checked += 1
    report(checked >= 6, f"checked {checked} examples of docs/protocol.md (at least 6)")


BASE_INTAKE = {
    "schema_version": 1,
    "kind": "repair",
    "site": "NJ-01",
    "household": {"building": "5", "unit": "2", "room": "301"},
    "owner": {"name": "张三", "phone": "13812345678"},
    "channel": "phone",
    "subject": "water leak",
    "content": "kitchen pipe leaking\nunder the sink",
    "recorded_by": {"id": "cs-12", "role": "cs_staff"},
    "fields": {"mode": "immediate", "category": "leak"},
}

BASE_TRANSITION = {
    "schema_version": 1,
    "order_id": "R-20261123-3F9A2C01",
    "event": "completed",
    "actor": {"id": "tech-7", "role": "technician"},
    "fields": {"owner_accepted": True},
}


def changed(base, change):
    body = copy.deepcopy(base)
    change(body)
    return body


def hostile_cases():
    """(what, schema name, body): each must be refused."""
    return [
        ("NUL in site", "intake", changed(BASE_INTAKE, lambda b: b.update(site="NJ\u000001"))),
        ("a 300-character subject", "intake", changed(BASE_INTAKE, lambda b: b.update(subject="x" * 300))),
        ("schema_version 2", "intake", changed(BASE_INTAKE, lambda b: b.update(schema_version=2))),
        ("kind laundry", "intake", changed(BASE_INTAKE, lambda b: b.update(kind="laundry"))),
        ("role system in recorded_by", "intake", changed(BASE_INTAKE, lambda b: b["recorded_by"].update(role="system"))),
        ("a newline inside subject", "intake", changed(BASE_INTAKE, lambda b: b.update(subject="water\nleak"))),
        ("a newline ending subject", "intake", changed(BASE_INTAKE, lambda b: b.update(subject="water leak\n"))),
        ("an order_id of 200 characters", "transition", changed(BASE_TRANSITION, lambda b: b.update(order_id="R" * 200))),
        ("missing actor", "transition", changed(BASE_TRANSITION, lambda b: b.pop("actor"))),
    ]


def check_hostile(validators):
    for name, body in (("intake", BASE_INTAKE), ("transition", BASE_TRANSITION)):
        if name in validators:
            error = first_error(validators[name], body)
            report(error is None, f"control: the base {name} of the hostile cases is valid", error or "")
    for what, name, body in hostile_cases():
        if name not in validators:
            report(False, f"hostile {name}: {what}", "its schema did not load")
            continue
        error = first_error(validators[name], body)
        report(error is not None, f"hostile {name} refused: {what}", error or "the schema let it through")


def main():
    validators = load_validators()
    check_examples(validators)
    check_hostile(validators)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
