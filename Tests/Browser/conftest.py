"""Fixtures shared by the browser tests."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import tempfile
import threading

import pytest
from selenium import webdriver

REPO = pathlib.Path(__file__).resolve().parents[2]
SUBPATH = "handover/docs/"


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--allow-file-access-from-files"]:
        options.add_argument(arg)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver")) if shutil.which("chromedriver") else None
    d = webdriver.Chrome(options=options, service=service) if service else webdriver.Chrome(options=options)
    yield d
    d.quit()


@pytest.fixture(scope="session")
def www():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="handover-browser-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def site(www, server):
    """The example site, built for the test server's sub-path (404.html links absolutely)."""
    binary = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))
    out = www / SUBPATH
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")
    subprocess.run([binary, "build", str(REPO), "-o", str(out), "--base-url", server], check=True, env=env)
    return www, out


@pytest.fixture(scope="session")
def server(www):

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUBPATH}"
    httpd.shutdown()
