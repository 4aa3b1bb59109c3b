#!/usr/bin/env python3
"""Trims pathfinding.cloud's paths.json to what cloud-audit reads, into src/CloudAudit.Access/Escalation/Data.

Usage: python3 tools/pathfinding/trim.py PATH/TO/pathfinding-cloud   (the folder holding paths.json and SOURCE)

Keeps each AWS path's id, name, category, services, parent id and required permissions (with their resource
constraints). Paths cloud-audit modelled from an earlier snapshot that the new one no longer has are kept from the
current trimmed file, marked "retired" with the snapshot they came from.
"""
import json
import pathlib
import shutil
import sys

source = pathlib.Path(sys.argv[1])
target = pathlib.Path(__file__).resolve().parents[2] / "src/CloudAudit.Access/Escalation/Data"
current = json.loads((target / "pathfinding-paths.json").read_text())
previous = {p["id"]: p for p in current["paths"]}
paths = []
for p in json.loads((source / "paths.json").read_text()):
    if "cloud" in p or p["id"].startswith(("gcp-", "azure-")):
        continue
    parent = p.get("parent")
    paths.append({
        "id": p["id"],
        "name": p["name"],
        "category": p["category"],
        "services": p["services"],
        "parent": parent["id"] if isinstance(parent, dict) else parent,
        "required": [r["permission"] for r in p["permissions"]["required"]],
        "constraints": [r.get("resourceConstraints") for r in p["permissions"]["required"]],
    })
ids = {p["id"] for p in paths}
for id, p in previous.items():
    if id not in ids and (p.get("retired") or not id.startswith("ca-")):
        kept = dict(p)
        kept.setdefault("retired", current["source"] if not p.get("retired") else p["retired"])
        kept.setdefault("constraints", [None] * len(kept["required"]))
        paths.append(kept)
paths.sort(key=lambda p: p["id"])
first_line = (source / "SOURCE").read_text().splitlines()[0]
out = {
    "source": first_line + " — see SOURCE beside this file for the commits",
    "license": "Apache-2.0 (see LICENSE and NOTICE beside this file)",
    "note": "Trimmed to each path's identifier, name, category, services, parent path and required permissions with their resource constraints; 'retired' paths are from an earlier snapshot and no longer upstream.",
    "paths": paths,
}
(target / "pathfinding-paths.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
shutil.copy(source / "SOURCE", target / "SOURCE")
for name in ("LICENSE", "NOTICE"):
    shutil.copy(source / name, target / name)
print(f"{len(paths)} paths ({sum(1 for p in paths if p.get('retired'))} retired) written to {target}")
