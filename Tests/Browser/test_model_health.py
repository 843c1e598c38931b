"""Model health from the real tools: a real MLflow tracking server (PyPI `mlflow`, started here on
a free loopback port with a local SQLite store and artifact folder) that `handover pull mlflow`
reads, and Evidently reports written by the real `evidently` package; both built into a site."""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request

import pytest

from conftest import REPO

BINARY = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")
for name in ("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"):
    ENV.pop(name, None)
MODEL = "churn-classifier"

LOG_RUNS = textwrap.dedent("""
    import sys, mlflow, numpy as np, pandas as pd
    from mlflow.models import infer_signature
    from sklearn.linear_model import LogisticRegression
    mlflow.set_tracking_uri(sys.argv[1])
    mlflow.set_experiment("churn")
    rng = np.random.default_rng(7)
    X = pd.DataFrame({"tenure": rng.integers(1, 60, 200).astype("int64"), "monthly_charges": rng.normal(70, 20, 200)})
    y = (X.tenure < 12).astype(int)
    for i, c in enumerate([0.5, 2.0]):
        with mlflow.start_run(run_name=f"logreg-C{c}"):
            model = LogisticRegression(C=c).fit(X, y)
            mlflow.log_params({"C": c, "solver": "lbfgs"})
            mlflow.log_metrics({"auc": 0.81 + 0.05 * i, "accuracy": 0.77 + 0.04 * i})
            mlflow.log_input(mlflow.data.from_pandas(X, name="churn-train-2026-11"), context="training")
            mlflow.sklearn.log_model(model, name="model", signature=infer_signature(X, model.predict(X)),
                                     registered_model_name=sys.argv[2])
    client = mlflow.MlflowClient()
    client.set_registered_model_alias(sys.argv[2], "champion", "2")
    client.set_registered_model_alias(sys.argv[2], "challenger", "1")
""")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_mlflow(folder, *extra):
    port = free_port()
    log = open(folder / "server.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "mlflow", "server", "--host", "127.0.0.1", "--port", str(port),
         "--backend-store-uri", f"sqlite:///{folder}/mlflow.db", "--artifacts-destination", str(folder / "artifacts"),
         "--workers", "1", *extra],
        stdout=log, stderr=subprocess.STDOUT, cwd=folder,
        env=dict(os.environ, MLFLOW_AUTH_CONFIG_PATH=str(folder / "auth.ini"), MLFLOW_FLASK_SERVER_SECRET_KEY="handover-test-only"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/health", timeout=2)
            return process, url
        except Exception:
            if process.poll() is not None:
                break
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("mlflow server did not start: " + (folder / "server.log").read_text()[-2000:])


@pytest.fixture(scope="module")
def mlflow_server():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-mlflow-"))
    process, url = start_mlflow(folder)
    try:
        logged = subprocess.run([sys.executable, "-c", LOG_RUNS, url, MODEL], capture_output=True, text=True, timeout=300, cwd=folder)
        assert logged.returncode == 0, logged.stderr[-3000:]
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def project():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-model-health-"))
    assert subprocess.run([BINARY, "init", str(folder)], capture_output=True).returncode == 0
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def pull(project, url, *args, env=ENV):
    return subprocess.run([BINARY, "pull", "mlflow", "--url", url, "--project", str(project), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def build(project):
    result = subprocess.run([BINARY, "build", str(project)], capture_output=True, text=True, env=ENV, timeout=120)
    assert result.returncode == 0, result.stderr
    return project / "_site"


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pulled_versions_runs_and_lineage_are_in_the_report_and_architecture(mlflow_server, project):
    result = pull(project, mlflow_server, "--model", MODEL, "--alias", "champion")
    assert result.returncode == 0, result.stderr
    assert "2 versions (deployed: 2), 2 runs" in result.stderr
    folder = project / "Content" / "mlflow" / MODEL
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert [f for f in files if not f.startswith("runs/")] == [
        "model-versions.json", "registered-model.json", "registry.yaml", "versions/1/MLmodel", "versions/2/MLmodel"]
    assert len([f for f in files if f.startswith("runs/")]) == 2
    registered = json.loads((folder / "registered-model.json").read_text())
    assert {a["alias"]: a["version"] for a in registered["registered_model"]["aliases"]} == {"champion": "2", "challenger": "1"}
    assert 'version: "2"' in (folder / "registry.yaml").read_text()

    site = build(project)
    report = (site / "report" / "index.html").read_text()
    assert '<h2 id="model-versions">Model versions</h2>' in report
    assert "2 registered versions of <code>churn-classifier</code>" in report
    assert "<strong>v2</strong> (alias <code>champion</code>) is deployed" in report
    assert 'id="model-versions-chart' in report, "the metrics are charted across versions"
    assert "logreg-C2.0" in report and "logreg-C0.5" in report
    assert f'href="{mlflow_server}/#/experiments/' in report, "each version links back to its run"
    assert "<code>churn-train-2026-11</code> (training), 200 rows" in report
    assert "takes tenure, monthly_charges" in report
    row = report.split('id="model-version-2"')[1].split("</tr>")[0]
    assert "0.86" in row and "score, nightly-scoring" in row
    # The deployed version's MLmodel is the report's signature when deployment.yaml names none.
    assert '<h2 id="signature">Model signature</h2>' in report
    architecture = (site / "architecture" / "index.html").read_text()
    lineage = architecture.split('<h2 id="lineage">')[1].split("</table>")[0]
    assert "logreg-C2.0" in lineage and "churn-classifier v2" in lineage and "@champion" in lineage and "nightly-scoring" in lineage
    assert not (site / "mlflow").exists(), "the pulled answers are data, not published files"


def test_a_failed_pull_names_the_problem_and_writes_nothing(mlflow_server, project):
    assert pull(project, mlflow_server, "--model", MODEL, "--version", "1").returncode == 0
    folder = project / "Content" / "mlflow" / MODEL
    before = snapshot(project / "Content")
    cases = [
        (("--model", "no-such-model"), "has no registered model `no-such-model`"),
        (("--model", MODEL, "--alias", "production"), "has no alias `production`"),
        (("--model", MODEL, "--version", "9"), "has no version 9"),
    ]
    for args, message in cases:
        result = pull(project, mlflow_server, *args)
        assert result.returncode == 1, result.stderr
        assert message in result.stderr and "nothing was written" in result.stderr, result.stderr
    assert "aliases: `challenger`, `champion`" in pull(project, mlflow_server, "--model", MODEL, "--alias", "x").stderr
    closed = f"http://127.0.0.1:{free_port()}"
    result = pull(project, closed, "--model", MODEL, "--retries", "0")
    assert result.returncode == 1 and "cannot reach MLflow at" in result.stderr and "connection refused" in result.stderr, result.stderr
    assert snapshot(project / "Content") == before, "a failed pull leaves the last good one as it was"
    assert 'version: "1"' in (folder / "registry.yaml").read_text()


def test_wrong_credentials_are_a_clear_error():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-mlflow-auth-"))
    (folder / "auth.ini").write_text(textwrap.dedent(f"""
        [mlflow]
        default_permission = READ
        database_uri = sqlite:///{folder}/auth.db
        admin_username = admin
        admin_password = handover-test-password
        authorization_function = mlflow.server.auth:authenticate_request_basic_auth
    """))
    process, url = start_mlflow(folder, "--app-name", "basic-auth")
    project = folder / "project"
    try:
        assert subprocess.run([BINARY, "init", str(project)], capture_output=True).returncode == 0
        wrong = dict(ENV, MLFLOW_TRACKING_USERNAME="admin", MLFLOW_TRACKING_PASSWORD="wrong")
        result = pull(project, url, "--model", MODEL, env=wrong)
        assert result.returncode == 1, result.stderr
        assert "MLflow refused the credentials (HTTP 401)" in result.stderr, result.stderr
        assert "MLFLOW_TRACKING_USERNAME" in result.stderr
        right = dict(ENV, MLFLOW_TRACKING_USERNAME="admin", MLFLOW_TRACKING_PASSWORD="handover-test-password")
        result = pull(project, url, "--model", MODEL, env=right)
        assert "has no registered model" in result.stderr, "right credentials get past authentication"
        assert not (project / "Content" / "mlflow").exists()
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def test_evidently_reports_show_drift_on_the_dashboard_and_judge_the_model(project):
    monitoring = project / "Content" / "monitoring"
    generated = subprocess.run([sys.executable, str(REPO / "scripts" / "evidently_reports.py"), str(monitoring), "--end", "2026-11-25T22:00:00Z"],
                               capture_output=True, text=True, timeout=300)
    assert generated.returncode == 0, generated.stderr[-3000:]
    deployment = project / "Content" / "deployment.yaml"
    lines = deployment.read_text().splitlines(keepends=True)
    model = next(line.split(":", 1)[1].split("#")[0].strip() for line in lines if line.strip().startswith("name:"))
    objective = f"  - {{ component: {model}, name: data drift share, series: 'evidently_drift_share{{report=\"data-drift\"}}', aggregate: last, below: 0.4, window: 7d }}\n"
    at = next(i for i, line in enumerate(lines) if line.startswith("objectives:"))
    deployment.write_text("".join(lines[:at + 1] + [objective] + lines[at + 1:]))
    site = build(project)
    dashboard = (site / "dashboard" / "index.html").read_text()
    assert '<h2 id="drift">Data and prediction drift</h2>' in dashboard
    section = dashboard.split('<h3 id="drift-data-drift">')[1].split("</section>")[0]
    assert "2 of 4 columns drifted (50%)" in section, section[:600]
    assert "3 runs since 2026-11-23 22:00 UTC" in section
    for column in ("tenure", "monthly_charges", "prediction", "contract"):
        assert f"<th scope=\"row\">{column}</th>" in section
    assert section.count("Drifted</span>") == 2 and section.count("Stable</span>") == 2
    assert "K-S p_value" in section and "chi-square p_value" in section
    assert "Tests: 3 of 5 failed" in section
    quality = dashboard.split('<h3 id="drift-data-quality">')[1].split("</section>")[0]
    assert "The Number of Missing Values" in quality and "Evidently legacy report (evidently 0.7.23)" in quality
    component = dashboard.split(f'<h3 id="component-{model}">')[1].split("</section>")[0]
    assert "data drift share" in component and "Outage" in component, "the model's health reflects its drift"


@pytest.fixture(scope="module")
def prometheus_server():
    binary = shutil.which("prometheus") or "/usr/bin/prometheus"
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-prometheus-"))
    port = free_port()
    (folder / "prometheus.yml").write_text(
        "global: { scrape_interval: 1s }\n"
        f"scrape_configs: [ {{ job_name: prometheus, static_configs: [ {{ targets: ['127.0.0.1:{port}'] }} ] }} ]\n")
    process = subprocess.Popen(
        [binary, f"--config.file={folder}/prometheus.yml", f"--storage.tsdb.path={folder}/data",
         f"--web.listen-address=127.0.0.1:{port}", "--log.level=error"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                answer = json.load(urllib.request.urlopen(url + "/api/v1/query?query=up", timeout=2))
                if answer["data"]["result"]:
                    break
            except Exception:
                pass
            time.sleep(0.5)
        time.sleep(3)  # a few scrapes
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def test_the_readmes_ci_recipe_runs_against_the_real_tools(mlflow_server, prometheus_server, project):
    """pull mlflow + pull prometheus + an Evidently report, then build with the real time."""
    env = dict(ENV)
    env.pop("SOURCE_DATE_EPOCH")
    assert pull(project, mlflow_server, "--model", MODEL, "--alias", "champion", env=env).returncode == 0
    pulled = subprocess.run(
        [BINARY, "pull", "prometheus", "--url", prometheus_server, "--project", str(project), "--query", "up",
         "--range", "5m", "--step", "1s", "-o", str(project / "Content" / "monitoring" / "prometheus.json")],
        capture_output=True, text=True, env=env, timeout=120)
    assert pulled.returncode == 0, pulled.stderr
    generated = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "evidently_reports.py"), str(project / "Content" / "monitoring"), "--runs", "1",
         "--end", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())], capture_output=True, text=True, timeout=300)
    assert generated.returncode == 0, generated.stderr[-3000:]
    assert len(list((project / "Content" / "monitoring").glob("data-drift-*.json"))) == 1
    built = subprocess.run([BINARY, "build", str(project)], capture_output=True, text=True,
                           env=dict(env, SOURCE_DATE_EPOCH=str(int(time.time()))), timeout=120)
    assert built.returncode == 0, built.stderr
    site = project / "_site"
    assert '<h2 id="model-versions">' in (site / "report" / "index.html").read_text()
    dashboard = (site / "dashboard" / "index.html").read_text()
    assert '<h2 id="drift">' in dashboard and 'id="drift-data-drift"' in dashboard
    assert "Data as of" in dashboard, "the pulled Prometheus data is the dashboard's"
