#!/usr/bin/env python3
"""Turn the Enron e-mail corpus of relmap's shared data (Priebe et al.; igraphdata, CC BY-SA 4.0)
into relmap's generic CSV: people.csv (184 employees with their titles) and interactions.csv
(one row per message: sender, To and Cc recipients; Bcc left out, as relmap does with mail).

    python3 examples/enron/convert.py ../shared/data/more/enron /tmp/enron
    relmap run --me EMAIL --out /tmp/enron-out people=/tmp/enron/people.csv interactions=/tmp/enron/interactions.csv

The data stays outside the repository: it is share-alike. Standard library only.
"""
import csv, gzip, os, sys
from collections import defaultdict

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
people = {}
with open(os.path.join(src, "nodes.csv"), newline="") as f:
    for row in csv.DictReader(f):
        note = row["Note"] if row["Note"] != "NA" else ""
        if row["Name"] == "NA":  # a few have no name: take it from the address
            row["Name"] = " ".join(w.capitalize() for w in row["Email"].replace("..", ".").split(".") if w)
        title = note.split(", ", 1)[1] if note.startswith("Employee, ") else ("" if note == "Employee" else note)
        people[row["id"]] = (row["Name"], row["Email"] + "@enron.com", title)
with open(os.path.join(dst, "people.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "name", "email", "company", "title"])
    for pid in sorted(people, key=int):
        name, email, title = people[pid]
        w.writerow([pid, name, email, "Enron", title])
msgs = defaultdict(lambda: {"to": [], "cc": []})
with gzip.open(os.path.join(src, "edges.csv.gz"), "rt", newline="") as f:
    for row in csv.DictReader(f):
        if row["Reciptype"] not in ("to", "cc") or row["from"] == row["to"]:
            continue
        m = msgs[(row["Time"], row["from"], row["Topic"])]
        if row["to"] not in m[row["Reciptype"]]:
            m[row["Reciptype"]].append(row["to"])
with open(os.path.join(dst, "interactions.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["time", "from", "to", "cc", "channel"])
    for (time, sender, _), m in sorted(msgs.items()):
        if not m["to"] and not m["cc"]:
            continue
        to = m["to"] or m["cc"][:1]
        cc = [c for c in m["cc"] if c not in to]
        w.writerow([time, sender, ";".join(to), ";".join(cc), "email"])
print(f"{len(people)} people, {len(msgs)} messages -> {dst}", file=sys.stderr)
