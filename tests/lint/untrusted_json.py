#!/usr/bin/env python3
"""Issue 17 item 4: data from outside (files the user chooses, IndexedDB, test-hook commands)
reaches ui/ and wasm/ only through checked readers. In the browser build a throw is an abort, and
nlohmann's value(), at(), get_to() and get<>() throw on a missing member or a wrong type.

Checked here, over ui/ and wasm/ (C++):
  - no json.value("key", default)  → json_read::text_or / read_string …
  - no json.at(…) and no get_to(…)
  - json::parse only in its non-throwing form (…, nullptr, false) → or json_read::parse_text
  - get<>() only where it was reviewed to follow a type check: at most the count below per file.
    A new one: read through domain/json_read.hpp instead, or review it and raise the count here,
    saying why in the commit.
Exit status 1 with one line per finding.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])

# Reviewed get<>() per file (each after an is_…() check of the same value).
GET_ALLOWED = {
    "ui/applicant/app_ops.cpp": 2,
    "ui/applicant/applicant_undo.cpp": 7,   # undo records the app wrote itself, checked on read
    "ui/cases/case_actions.cpp": 19,
    "ui/cases/case_summary.cpp": 6,
    "ui/cases/panel_case.cpp": 9,
    "ui/cases/panel_deliberate.cpp": 3,
    "ui/data/backup.cpp": 12,
    "ui/notices/app_notices.cpp": 1,
    "ui/settings/panel_settings.cpp": 3,
    "ui/shell/app_core.cpp": 1,
    "ui/shell/commands.cpp": 1,
}

RULES = [
    (re.compile(r'\.value\(\s*"'), 'json value("key", …) throws on a wrong type: use json_read::text_or or a reader'),
    (re.compile(r'\.at\(\s*"'), 'json at("key") throws: use a json_read reader'),
    (re.compile(r'\bget_to\('), 'get_to() throws on a wrong type: use a json_read reader'),
]
PARSE = re.compile(r'json::parse\(')

findings = []
files = sorted(p for d in ("ui", "wasm") for p in (ROOT / d).rglob("*") if p.suffix in (".cpp", ".hpp"))
if not files:
    print(f"no sources under {ROOT}/ui and {ROOT}/wasm", file=sys.stderr)
    sys.exit(2)
for path in files:
    rel = path.relative_to(ROOT).as_posix()
    text = path.read_text(encoding="utf-8")
    gets = 0
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("//", 1)[0]
        for rx, why in RULES:
            if rx.search(code):
                findings.append(f"{rel}:{n}: {why}")
        if PARSE.search(code) and "nullptr, false" not in code:
            findings.append(f"{rel}:{n}: json::parse without (…, nullptr, false) throws: use json_read::parse_text")
        gets += code.count(".get<")
    allowed = GET_ALLOWED.get(rel, 0)
    if gets > allowed:
        findings.append(f"{rel}: {gets} get<>() calls, {allowed} reviewed: read through domain/json_read.hpp "
                        "(or review the new one and raise the count in tests/lint/untrusted_json.py)")
for f in findings:
    print(f)
print(f"untrusted_json: {len(files)} files checked, {len(findings)} findings")
sys.exit(1 if findings else 0)
