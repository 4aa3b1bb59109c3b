"""An account whose buckets change between two scans (usage: history_scenario.py ENDPOINT setup|change).

setup: history (300000000011) has three buckets: history-fixed-me and history-stays without versioning
(aws-s3-003 fails on both), history-versioned with it.
change: history-fixed-me gets versioning (one finding fixed) and history-new-one is created without it (one new).

Prints {scenario: account}.
"""
import json
import sys

from seeding import clients, session

ACCOUNT = "300000000011"

c = clients(session(ACCOUNT))
s3 = c("s3")
if sys.argv[2] == "setup":
    for name in ("history-fixed-me", "history-stays", "history-versioned"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket="history-versioned", VersioningConfiguration={"Status": "Enabled"})
elif sys.argv[2] == "change":
    s3.put_bucket_versioning(Bucket="history-fixed-me", VersioningConfiguration={"Status": "Enabled"})
    s3.create_bucket(Bucket="history-new-one")
else:
    raise SystemExit(f"unknown step {sys.argv[2]}")
print(json.dumps({"history": ACCOUNT}))
