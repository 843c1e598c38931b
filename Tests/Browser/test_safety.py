"""Nothing the user owns is ever lost, and the preview is safe: the `handover` binary run on
throwaway folders holding sentinel files, each case asserting that every sentinel survives."""
import http.client
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
from html.parser import HTMLParser

import pytest

from conftest import REPO

BINARY = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")


def run(*args, timeout=60, cwd=None):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=ENV, cwd=cwd)


@pytest.fixture()
def tmp():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-safety-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def new_project(folder):
    assert run("init", folder).returncode == 0
    sentinels = [folder / "Content" / "notes" / "sentinel.md", folder / "notebook.ipynb", folder / "Content" / "SENTINEL.bin"]
    sentinels[0].write_text("---\ntitle: Sentinel\n---\nkeep me\n")
    for path in sentinels[1:]:
        path.write_text("keep me\n")
    return sentinels


def assert_refused(result, sentinels):
    assert result.returncode == 2, result.stderr
    assert "refusing to write the site" in result.stderr
    assert "nothing was written" in result.stderr
    for path in sentinels:
        assert path.read_text().endswith("keep me\n"), path


def test_output_holding_the_project_is_refused(tmp):
    www = tmp / "www"
    www.mkdir()
    other = tmp / "other"
    new_project(other)
    assert run("build", other, "-o", www).returncode == 0  # www now holds a marker
    sentinels = new_project(www / "project")
    assert_refused(run("build", www / "project", "-o", www), sentinels)


def test_project_with_a_marker_built_onto_itself_is_refused(tmp):
    project = tmp / "project"
    sentinels = new_project(project)
    (project / ".handover-site").write_text("copied with a site by rsync\n")
    (project / "Content" / ".handover-site").write_text("copied\n")
    assert_refused(run("build", ".", "-o", ".", cwd=project), sentinels)
    assert_refused(run("build", project, "-o", project / "Content"), sentinels)
    assert_refused(run("build", project, "-o", project / "Content" / "site"), sentinels)
    assert_refused(run("build", project, "-o", project / "Templates"), sentinels)
    assert_refused(run("build", project, "-o", "/"), sentinels)
    assert_refused(run("build", project, "-o", os.environ.get("HOME", "/root")), sentinels)
    assert_refused(run("serve", project, "-o", project / "Content", "--port", "0"), sentinels)


def test_output_through_a_symlink_to_the_project_is_refused(tmp):
    project = tmp / "project"
    sentinels = new_project(project)
    (tmp / "alias").symlink_to(project)
    assert_refused(run("build", project, "-o", tmp / "alias"), sentinels)
    assert_refused(run("build", project, "-o", tmp / "alias" / "Content"), sentinels)


def test_output_symlink_is_built_at_its_target_and_stays_a_link(tmp):
    project = tmp / "project"
    new_project(project)
    published = tmp / "srv" / "www" / "site"
    published.mkdir(parents=True)
    (project / "_site").symlink_to(published)
    assert run("build", project).returncode == 0
    assert (project / "_site").is_symlink()
    assert (published / "index.html").is_file()
    (project / "Content" / "notes" / "new.md").write_text("---\ntitle: New note\n---\nbody\n")
    assert run("build", project).returncode == 0
    assert (project / "_site").is_symlink()
    assert (published / "notes" / "new" / "index.html").is_file()  # the target got the new site
    assert not list(published.parent.glob(".site.handover-staging-*")), "no staging folder is left behind"
    # The replaced site is kept beside the target (not beside the link), for the next build to rewrite.
    assert [p.name for p in published.parent.glob(".site.handover-*")] == [".site.handover-previous"]
    assert not list(project.glob("._site.handover-*"))


def test_symlink_loops_in_content_are_walked_once(tmp):
    project = tmp / "project"
    new_project(project)
    notes = project / "Content" / "notes"
    (notes / "loop").symlink_to("..")
    (notes / "again").symlink_to("../notes")
    started = time.monotonic()
    result = run("build", project, timeout=30)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    assert result.stderr.count("loops back to a folder already read") == 2, result.stderr
    assert "Content/notes/loop: warning" in result.stderr


def test_a_fifo_in_content_does_not_hang_the_build(tmp):
    project = tmp / "project"
    new_project(project)
    os.mkfifo(project / "Content" / "notes" / "pipe.md")
    result = run("build", project, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "not a regular file" in result.stderr


# --- raw HTML ----------------------------------------------------------------------------------

HOSTILE_NOTE = """---
title: Hostile raw HTML
---
## <a name="goal"></a>Goal

Text after the goal.

<a href="javascript:alert(1)">a</a> <a href="&#106;avascript:alert(2)">b</a> <a href="JAVASCRIPT:alert(3)">c</a>
<a href="data:text/html,<script>alert(4)</script>">d</a> <img src="x" onerror="alert(5)">
<svg><a xlink:href="javascript:alert(6)"><text>x</text></a></svg>
<form action="javascript:alert(7)"><button formaction="javascript:alert(8)">go</button></form>
<a href="java&#x09;script:alert(9)">e</a> <a href="&#x6A;&#x61;vascript&colon;alert(10)">f</a>
<details open ontoggle="alert(11)"><summary>s</summary>t</details>
<a href="https://example.com/ok" title="kept">kept link</a>

The end.
"""


def hostile_project(tmp, mode):
    project = tmp / "project"
    new_project(project)
    site = project / "Content" / "site.yaml"
    site.write_text(re.sub(r"(?m)^raw_html:.*$", f"raw_html: {mode}", site.read_text()))
    (project / "Content" / "notes" / "hostile.md").write_text(HOSTILE_NOTE)
    result = run("build", project)
    assert result.returncode == 0, result.stderr
    return (project / "_site" / "notes" / "hostile" / "index.html").read_text()


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_raw_html_true_is_sanitised(tmp):
    html = hostile_project(tmp, "true")
    body = html.split('<article', 1)[1].split('</article>', 1)[0]
    parser = Tags()
    parser.feed(body)
    for tag, attrs in parser.tags:
        assert tag not in {"form", "button", "svg", "script", "iframe", "object"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "xlink:href" and name != "formaction" and name != "action", (tag, name)
            compact = "".join(ch for ch in (value or "") if ch > " ").lower()
            assert not compact.startswith(("javascript:", "vbscript:", "data:text", "file:")), (tag, name, value)
    assert '<a href="https://example.com/ok" title="kept">kept link</a>' in html
    assert "Text after the goal." in html and "The end." in html
    assert '<a name="goal"></a>Goal' in html
    assert "&lt;form" in html  # shown, not dropped: the author sees what was refused


def test_raw_html_true_runs_no_script_in_a_browser(tmp, driver):
    hostile_project(tmp, "true")
    driver.get((tmp / "project" / "_site" / "notes" / "hostile" / "index.html").as_uri())
    for link in driver.find_elements("css selector", "main a:not(.headerlink)"):
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith(("javascript:", "data:", "vbscript:")), href
    driver.execute_script("document.querySelectorAll('main a, main button').forEach(e => { if (!e.href || !e.href.startsWith('http')) e.click() })")
    time.sleep(0.3)
    from selenium.common.exceptions import NoAlertPresentException
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    # The shared browser's log must not carry this page's expected failures (a missing image) on.
    driver.get("about:blank")
    driver.get_log("browser")


def test_raw_html_unsafe_passes_everything(tmp):
    html = hostile_project(tmp, "unsafe")
    # The documented opt-out: raw HTML exactly as written.
    assert 'href="javascript:alert(1)"' in html
    assert 'onerror="alert(5)"' in html


def test_twenty_builds_with_html_in_headings_are_identical(tmp):
    project = tmp / "project"
    new_project(project)
    site = project / "Content" / "site.yaml"
    site.write_text(re.sub(r"(?m)^raw_html:.*$", "raw_html: true", site.read_text()))
    body = "".join(f"## <a name=\"s{i}\"></a>Section {i} <small>v{i}</small>\n\nParagraph {i}.\n\n" for i in range(40))
    (project / "Content" / "notes" / "headings.md").write_text("---\ntitle: Headings\n---\n" + body + "Last line.\n")
    outputs = set()
    for _ in range(20):
        assert run("build", project).returncode == 0
        page = (project / "_site" / "notes" / "headings" / "index.html").read_bytes()
        outputs.add(page)
    assert len(outputs) == 1
    page = outputs.pop().decode()
    assert "Last line." in page and page.count("<small>v") == 40


# --- serve --------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_only_loopback_hosts_and_never_redirects_off_site(tmp):
    project = tmp / "project"
    new_project(project)
    port = free_port()
    process = subprocess.Popen([BINARY, "serve", str(project), "--port", str(port)], env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

        def get(path, host):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host)
            connection.endheaders()
            response = connection.getresponse()
            response.read()
            connection.close()
            return response

        assert get("/", f"127.0.0.1:{port}").status == 200
        assert get("/", f"localhost:{port}").status == 200
        assert get("/", f"[::1]:{port}").status == 200
        assert get("/", "evil.example").status == 421
        assert get("/__handover/events", f"evil.example:{port}").status == 421
        assert get("/", f"localhost.evil.example:{port}").status == 421
        redirect = get("//notes", f"127.0.0.1:{port}")
        assert redirect.status == 301
        assert redirect.getheader("Location") == "/notes/"
        assert not get("///notes", f"127.0.0.1:{port}").getheader("Location", "").startswith("//")
    finally:
        process.terminate()
        process.wait(timeout=30)
