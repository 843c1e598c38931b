"""What real tools write, read by the `handover` binary: the OpenMetrics exposition of the official
Python client (PyPI `prometheus_client`, installed by `make test`), with every type it has, reads
strictly without a word; the same exposition with one rule broken is an error at its line."""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from openmetrics_client import exposition  # noqa: E402

BINARY = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")
NAME = "scoring-20261125T233000Z.om"


@pytest.fixture()
def project():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-real-tools-"))
    assert subprocess.run([BINARY, "init", str(folder)], capture_output=True).returncode == 0
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def check(project, text):
    (project / "Content" / "monitoring").mkdir(exist_ok=True)
    (project / "Content" / "monitoring" / NAME).write_bytes(text)
    return subprocess.run([BINARY, "check", str(project)], capture_output=True, text=True, env=ENV, timeout=60)


def test_the_python_clients_openmetrics_reads_strictly(project):
    text = exposition()
    assert text.endswith(b"# EOF\n")
    for kind in ("counter", "histogram", "gauge", "summary", "info", "stateset"):
        assert f"# TYPE ".encode() in text and f" {kind}\n".encode() in text, kind
    assert b" # {trace_id=" in text, "the client wrote exemplars"
    result = check(project, text)
    assert result.returncode == 0, result.stderr
    assert NAME not in result.stderr, result.stderr


@pytest.mark.parametrize("break_rule, message", [
    (lambda t: t.replace(b"# EOF\n", b""), "must end with `# EOF`"),
    (lambda t: re.sub(rb'le="\+Inf"', b'le="9"', t), "no `le=\"+Inf\"` bucket"),
    (lambda t: t.replace(b"model_info{", b"model{", 1), "not a sample name of info model"),
    (lambda t: t.replace(b'endpoint_state{endpoint_state="running"} 1.0', b'endpoint_state{endpoint_state="running"} 2.0'), "must be 0 or 1"),
])
def test_a_broken_rule_is_an_error_at_its_line(project, break_rule, message):
    result = check(project, break_rule(exposition()))
    assert result.returncode == 1, result.stderr
    located = [line for line in result.stderr.splitlines() if re.match(rf"Content/monitoring/{NAME}:\d+:\d+: error: ", line)]
    assert any(message in line for line in located), result.stderr
