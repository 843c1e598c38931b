"""The hostile-input corpus (Fixtures/hostile/ and the large cases generated below): each case is
built in a throwaway project under a 30 s deadline and a 3 GiB address-space limit, and must end
with exit 1 and an error located in its file, or exit 0 with a page that runs no script (opened
in headless Chromium: no dialog, no console message), names no absolute path and holds nothing
read from outside Content/."""
import os
import pathlib
import re
import resource
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import REPO

BINARY = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))
FIXTURES = pathlib.Path(__file__).parent / "Fixtures" / "hostile"
DEADLINE = 30
MEMORY = 3 << 30


def bomb(levels=9, width=9):
    lines = ['a0: &a0 [' + ",".join(['"lol"'] * width) + ']']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def note(title, body):
    return f"---\ntitle: {title}\n---\n{body}\n"


def fixture(path):
    return (FIXTURES / path).read_text()


def complete_graph(n):
    return "graph {\n" + "".join(f"n{a} -- n{b}\n" for a in range(n) for b in range(a + 1, n)) + "}"


# name, files to write under Content/ (path -> text), deployment.yaml lines to uncomment, raw_html,
# expected: ("error", file, message part) or ("ok", page path under _site, [texts that must be on it])
CASES = [
    ("dot-xss", {"notes/dot-xss.md": fixture("notes/dot-xss.md")}, [], "false",
     ("ok", "notes/dot-xss/index.html", ["Scoring API", "The end."])),
    ("dot-image", {"notes/dot-image.md": fixture("notes/dot-image.md")}, [], "false",
     ("error", "Content/notes/dot-image.md:8", "attribute `image` is not allowed")),
    ("dot-layout", {"notes/dot-layout.md": fixture("notes/dot-layout.md")}, [], "false",
     ("error", "Content/notes/dot-layout.md:6", "attribute `layout` is not allowed")),
    ("dot-spans", {"notes/dot-spans.md": fixture("notes/dot-spans.md")}, [], "false",
     ("error", "Content/notes/dot-spans.md:6", "rowspan=65535")),
    ("dot-sides", {"notes/dot-sides.md": fixture("notes/dot-sides.md")}, [], "false",
     ("error", "Content/notes/dot-sides.md:5", "`sides=100000000`")),
    ("dot-label-50k-lines", {"notes/label.md": note("Long label", "```dot\ndigraph { a [label=\"" + "x\\n" * 50_000 + "\"] }\n```")},
     [], "false", ("error", "Content/notes/label.md:5", "a label of 50001 lines")),
    ("dot-record-100k-deep", {"notes/record.md": note("Deep record", "```dot\ndigraph { a [shape=record label=\"" + "{" * 100_000 + "}" * 100_000 + "\"] }\n```")},
     [], "false", ("error", "Content/notes/record.md:5", "nested 100000 deep")),
    ("dot-complete-50", {"notes/complete.md": note("Complete graph", "```dot\n" + complete_graph(50) + "\n```")},
     [], "false", ("error", "Content/notes/complete.md", "diagram too large: 601 edges")),
    ("dot-100k-nodes", {"notes/nodes.md": note("Many nodes", "```dot\ndigraph {" + "".join(f"n{i};" for i in range(100_000)) + "}\n```")},
     [], "false", ("error", "Content/notes/nodes.md", "diagram too large")),
    ("dot-20k-self-loops", {"notes/loops.md": note("Self loops", "```dot\ndigraph {" + "a -> a;" * 20_000 + "}\n```")},
     [], "false", ("error", "Content/notes/loops.md", "diagram too large")),
    ("raw-html-xss", {"notes/raw-html-xss.md": fixture("notes/raw-html-xss.md")}, [], "true",
     ("ok", "notes/raw-html-xss/index.html", ["The end.", "Goal"])),
    ("front-matter-bomb", {"notes/front-matter-bomb.md": fixture("notes/front-matter-bomb.md")}, [], "false",
     ("error", "Content/notes/front-matter-bomb.md", "YAML expands to more than")),
    ("deployment-bomb", {"deployment.yaml": fixture("yaml/deployment-bomb.yaml")}, [], "false",
     ("error", "Content/deployment.yaml", "YAML expands to more than")),
    ("site-bomb", {"site.yaml": "title: Bomb\n" + bomb()}, [], "false",
     ("error", "Content/site.yaml", "YAML expands to more than")),
    ("dashboard-bomb", {"dashboard.yaml": bomb()}, [], "false",
     ("error", "Content/dashboard.yaml", "YAML expands to more than")),
    ("architecture-bomb", {"architecture.yaml": bomb()}, [], "false",
     ("error", "Content/architecture.yaml", "YAML expands to more than")),
    ("azureml-bomb", {"azureml/deployment.yml": fixture("imports/azureml-bomb.yml")}, ["azureml"], "false",
     ("error", "Content/azureml/deployment.yml", "YAML expands to more than")),
    ("mlmodel-bomb", {"models/MLmodel": "artifact_path: model\n" + bomb()}, ["mlmodel"], "false",
     ("error", "Content/models/MLmodel", "YAML expands to more than")),
    ("openapi-bomb", {"api/swagger.json": "openapi: 3.0.3\n" + bomb()}, ["openapi"], "false",
     ("error", "Content/api/swagger.json", "YAML expands to more than")),
    ("openapi-ref-fan-out", {"api/swagger.json": fixture("imports/openapi-fanout.yaml")}, ["openapi"], "false",
     ("ok", "api/index.html", ['S6 (as in <a href="#', "<code>p0.p0.p0.p0.p0.p0</code></a>)"])),
    ("model-card-100k-deep", {"models/card.json": "[" * 100_000 + "]" * 100_000}, ["model_card"], "false",
     ("error", "Content/models/card.json", "")),
    ("monitoring-json-200k-deep", {"monitoring/deep.json": '{"status":"success","data":' + "[" * 200_000 + "]" * 200_000 + "}"},
     [], "false", ("error", "Content/monitoring/deep.json:1:1", "")),
    ("monitoring-json-200k-deep-objects", {"monitoring/deep.json": '{"a":' * 200_000 + "1" + "}" * 200_000},
     [], "false", ("error", "Content/monitoring/deep.json:1:1", "")),
    ("table-40000-columns", {"notes/wide.md": note("Wide table", "|" + " x |" * 40_000 + "\n|" + "---|" * 40_000)},
     [], "false", ("error", "Content/notes/wide.md:4", "table row with more than 256 columns")),
]


def limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.fixture(scope="module")
def starter():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-hostile-starter-"))
    assert subprocess.run([BINARY, "init", str(folder)], capture_output=True).returncode == 0
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def make_project(starter, files, imports, raw_html):
    project = pathlib.Path(tempfile.mkdtemp(prefix="handover-hostile-"))
    shutil.copytree(starter / "Content", project / "Content")
    content = project / "Content"
    site = content / "site.yaml"
    site.write_text(re.sub(r"(?m)^raw_html:.*$", f"raw_html: {raw_html}", site.read_text()))
    deployment = content / "deployment.yaml"
    text = deployment.read_text()
    for key in imports:
        text = re.sub(rf"(?m)^(\s*)# ({key}: \S+)", r"\1\2", text)
        path = re.search(rf"(?m)^\s*{key}: (\S+)", text).group(1)
        assert path in files, f"{key} names {path}"
    deployment.write_text(text)
    for path, body in files.items():
        target = content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body)
    return project


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(case, starter, driver):
    name, files, imports, raw_html, expected = case
    project = make_project(starter, files, imports, raw_html)
    try:
        started = time.monotonic()
        result = subprocess.run([BINARY, "build", str(project)], capture_output=True, text=True, timeout=DEADLINE,
                                preexec_fn=limits, env=dict(os.environ, SOURCE_DATE_EPOCH="1795651200"))
        seconds = time.monotonic() - started
        print(f"{name}: exit {result.returncode} in {seconds:.2f} s")
        assert result.returncode in (0, 1), f"{name} crashed: {result.returncode}\n{result.stderr[-2000:]}"
        kind = expected[0]
        if kind == "error":
            _, location, message = expected
            assert result.returncode == 1, result.stderr[-2000:]
            located = [line for line in result.stderr.splitlines() if line.startswith(location) and ": error: " in line]
            assert located, f"no error at {location}:\n{result.stderr[-2000:]}"
            assert any(message in line for line in located), "\n".join(located)
            assert not (project / "_site").exists()
            return
        _, page, texts = expected
        assert result.returncode == 0, result.stderr[-2000:]
        site = project / "_site"
        html = (site / page).read_text()
        for text in texts:
            assert text in html, text
        assert len(html) < 2_000_000, f"{page} is {len(html)} bytes"
        for path in site.rglob("*"):
            if path.suffix in (".html", ".svg", ".json", ".xml", ".js") and path.is_file():
                body = path.read_text(errors="replace")
                assert str(project) not in body and "/etc/passwd" not in body and "root:x:0:0" not in body, path
        assert_no_script_runs(driver, site / page)
    finally:
        shutil.rmtree(project, ignore_errors=True)


def assert_no_script_runs(driver, page):
    from selenium.common.exceptions import NoAlertPresentException
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.as_uri())
    # Click every link and button and hover every element, as a curious reader would.
    driver.execute_script("""
        for (const e of document.querySelectorAll('main *, article *')) {
          for (const type of ['mouseover', 'focus', 'toggle']) e.dispatchEvent(new Event(type));
        }
        for (const a of document.querySelectorAll('a, button')) {
          const href = a.getAttribute('href') || a.getAttribute('xlink:href') || '';
          if (!/^(https?:|\\.|\\/|#|$)/i.test(href) || a.tagName === 'BUTTON') a.click();
        }""")
    time.sleep(0.3)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    messages = [entry for entry in driver.get_log("browser") if "alert" in entry["message"] or entry["level"] == "SEVERE"
                and "favicon" not in entry["message"] and "missing.png" not in entry["message"]]
    driver.get("about:blank")
    driver.get_log("browser")  # the shared browser's log goes on clean
    assert not messages, messages
