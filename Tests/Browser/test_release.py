"""Release archives as a customer meets them: `build --release` keeps the release's site under
releases/<version>/, the version switcher opens the same page in another release (over a loopback
server and from file://), a rebuild that would change a published release is refused, and
`handover package` / `handover verify` prove later that an archive is what was signed."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import tarfile
import threading

import pytest
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_site import open_and_audit

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))
EPOCH = "1795651200"


def handover(*args, epoch=EPOCH, check=True):
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    result = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, env=env)
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A copy of the example project whose release 2.1.0 is archived beside 2.0.0."""
    project = tmp_path_factory.mktemp("released")
    shutil.copytree(REPO / "Content", project / "Content")
    shutil.copytree(REPO / "releases", project / "releases")
    result = handover("build", "--release", project)
    assert "archived release 2.1.0" in result.stderr
    return project


@pytest.fixture(scope="module")
def served(released):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(released / "_site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def wait_loaded(driver):
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.mark.parametrize("mode", ["http", "file"])
def test_the_version_switcher_opens_the_same_page_in_another_release(released, served, driver, mode):
    root = served if mode == "http" else (released / "_site").as_uri() + "/"
    problems = open_and_audit(driver, root + "report/index.html", root)
    assert not problems, problems
    select = Select(driver.find_element("css selector", ".version-switcher select"))
    labels = [o.text for o in select.options]
    assert labels[0] == "Current site"
    assert "Release 2.1.0 · 2026-11-02 (latest archived)" in labels and "Release 2.0.0 · 2026-10-06" in labels
    select.select_by_value("2.0.0")
    WebDriverWait(driver, 10).until(lambda d: "releases/2.0.0/report/index.html" in d.current_url)
    wait_loaded(driver)
    banner = driver.find_element("css selector", ".archive-banner").text
    assert "2.0.0" in banner and "archived" in banner
    # An archived page learns of the releases after it from releases/versions.js.
    select = Select(driver.find_element("css selector", ".version-switcher select"))
    assert select.first_selected_option.get_attribute("value") == "2.0.0"
    assert any("2.1.0" in o.text for o in select.options)
    # The archive is the site as it was: model 2.0.0, no production monitoring yet.
    lede = driver.find_element("css selector", ".doc-title").text
    assert "version 2.0.0" in lede and "version 2.1.0" not in lede, lede
    problems = open_and_audit(driver, driver.current_url, root)
    assert not problems, problems
    Select(driver.find_element("css selector", ".version-switcher select")).select_by_value("")
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/report/index.html") and "releases/" not in d.current_url)
    wait_loaded(driver)
    assert "What changed since release 2.0.0" in driver.page_source
    # releases/latest/ sends the reader to the newest archive.
    driver.get(root + "releases/latest/index.html")
    WebDriverWait(driver, 10).until(lambda d: "releases/2.1.0/index.html" in d.current_url)


def test_a_published_release_stays_as_it_was(released, tmp_path):
    archive = released / "releases" / "2.1.0"
    before = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    again = handover("build", "--release", released, epoch="1795737600")
    assert "release 2.1.0 is archived and unchanged" in again.stderr
    note = released / "Content" / "report" / "approach.md"
    original = note.read_text(encoding="utf-8")
    note.write_text(original + "\nA sentence added after the sign-off.\n", encoding="utf-8")
    try:
        refused = handover("build", "--release", released, check=False)
        assert refused.returncode == 1
        assert "Content/deployment.yaml:" in refused.stderr and "release 2.1.0 is published" in refused.stderr
        assert "report/index.html" in refused.stderr and "--force" in refused.stderr
    finally:
        note.write_text(original, encoding="utf-8")
    assert {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()} == before


def test_an_archive_in_the_project_proves_itself(released, tmp_path):
    # The example's committed archive and the one just published are what their manifests say.
    assert "OK" in handover("verify", REPO / "releases" / "2.0.0").stdout
    assert "OK" in handover("verify", released / "releases" / "2.1.0").stdout
    # A tampered archive is named by verify, and package refuses to hand it over.
    copy = tmp_path / "project"
    shutil.copytree(released / "Content", copy / "Content")
    shutil.copytree(released / "releases", copy / "releases")
    page = copy / "releases" / "2.1.0" / "lifecycle" / "customer-acceptance" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Pending", "Approved"), encoding="utf-8")
    report = handover("verify", copy / "releases" / "2.1.0", check=False)
    assert report.returncode == 1 and "changed: lifecycle/customer-acceptance/index.html" in report.stderr
    refused = handover("package", copy, check=False)
    assert refused.returncode == 1 and "is not what was published" in refused.stderr
    assert not (copy / "_packages").exists()


def test_package_is_reproducible_and_verify_finds_tampering(released, tmp_path):
    first = handover("package", released, "-o", tmp_path / "a")
    assert "packaged release 2.1.0" in first.stderr
    handover("package", released, "-o", tmp_path / "b")
    for name in ["delay-risk-2.1.0.tar.gz", "delay-risk-2.1.0.zip", "SHA256SUMS"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), f"{name} differs between two runs"
    for name in ["delay-risk-2.1.0.tar.gz", "delay-risk-2.1.0.zip"]:
        ok = handover("verify", tmp_path / "a" / name)
        assert "OK" in ok.stdout and "matches the SHA256SUMS beside it" in ok.stdout
    # The system's sha256sum agrees with the manifest beside the archives.
    subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=tmp_path / "a", check=True)

    # Unpacked, one page edited, one removed, one added: each named.
    unpacked = tmp_path / "unpacked"
    with tarfile.open(tmp_path / "a" / "delay-risk-2.1.0.tar.gz") as tar:
        tar.extractall(unpacked, filter="data")
    top = unpacked / "delay-risk-2.1.0"
    assert handover("verify", top).returncode == 0
    (top / "lifecycle" / "customer-acceptance" / "index.html").write_text("<p>All approved.</p>", encoding="utf-8")
    (top / "dashboard" / "index.html").unlink()
    (top / "extra.html").write_text("<p>Added later.</p>", encoding="utf-8")
    report = handover("verify", top, check=False)
    assert report.returncode == 1
    assert "changed: lifecycle/customer-acceptance/index.html" in report.stderr
    assert "missing: dashboard/index.html" in report.stderr
    assert "extra: extra.html" in report.stderr

    # A byte of the archive itself changed: the SHA256SUMS beside it or the archive's own checks say so.
    damaged = bytearray((tmp_path / "a" / "delay-risk-2.1.0.zip").read_bytes())
    damaged[len(damaged) // 2] ^= 0x20
    (tmp_path / "a" / "delay-risk-2.1.0.zip").write_bytes(bytes(damaged))
    assert handover("verify", tmp_path / "a" / "delay-risk-2.1.0.zip", check=False).returncode == 1
