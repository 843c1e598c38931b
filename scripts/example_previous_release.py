#!/usr/bin/env python3
"""Writes releases/2.0.0/, the example's archive of its previous release, as `build --release`
made it on the day of that release: the project as it stood then (model 2.0.0 with MLflow
version 6's metrics, staging only, no production monitoring or incidents yet), built at
2026-10-06 18:00 UTC.

Usage: scripts/example_previous_release.py [HANDOVER]   (default .build/release/handover)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
handover = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/handover"))
released = 1791309600  # 2026-10-06T18:00:00Z

with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(os.path.join(root, "Content"), os.path.join(tmp, "Content"))
    content = os.path.join(tmp, "Content")
    # Nothing of production yet: no monitoring, no incidents, no registry pull of later versions.
    for folder in ("monitoring", "incidents", "mlflow"):
        shutil.rmtree(os.path.join(content, folder), ignore_errors=True)
    path = os.path.join(content, "deployment.yaml")
    text = open(path, encoding="utf-8").read()
    text = text.replace("  version: 2.1.0\n", "  version: 2.0.0\n", 1)
    text = re.sub(r"  - \{ version: 2\.1\.0,[^\n]*\n", "", text)
    for name, old, new in [
        ("AUC", "0.874", "0.869"),
        ("Recall at 20% alert rate", "0.71", "0.70"),
        ("Brier score", "0.083", "0.086"),
        ("Expected calibration error", "0.021", "0.034"),
    ]:
        text = text.replace("{ name: %s, value: %s," % (name, old), "{ name: %s, value: %s," % (name, new))
    # The chosen candidate is the model: its figures are 2.0.0's too.
    text = text.replace("{ name: lightgbm, chosen: true, metrics: { AUC: 0.874, Recall@20: 0.71, Brier: 0.083 } }",
                        "{ name: lightgbm, chosen: true, metrics: { AUC: 0.869, Recall@20: 0.70, Brier: 0.086 } }")
    assert "AUC: 0.869, Recall@20: 0.70" in text, "deployment.yaml's candidates changed: update this script"
    open(path, "w", encoding="utf-8").write(text)
    # The incident links of the acceptance page and notes point at pages that did not exist yet.
    for dirpath, _, files in os.walk(content):
        for f in files:
            if f.endswith(".md"):
                p = os.path.join(dirpath, f)
                t = open(p, encoding="utf-8").read()
                t2 = re.sub(r"\[([^\]]+)\]\([^)]*incidents/[^)]*\)", r"\1", t)
                t2 = re.sub(r", evidence: incidents/[^ }]*", "", t2)
                if t2 != t:
                    open(p, "w", encoding="utf-8").write(t2)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(released))
    subprocess.run([handover, "build", "--release", tmp], check=True, env=env)
    target = os.path.join(root, "releases", "2.0.0")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(os.path.join(tmp, "releases", "2.0.0"), target)
    print("wrote", os.path.relpath(target, root))
