"""Browser test of the built example site, in headless Chromium.

Every page is opened under a sub-path on a loopback web server and from file://. A page fails
on any console error, failed request, request that leaves the site, or axe-core violation (in
the light and the dark theme). Search must find a known page and navigation links must work.
Screenshots of every page at desktop and phone width land in Tests/Browser/artifacts/.
"""
import functools
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import threading

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "Tests" / "Browser" / "artifacts"
SUBPATH = "handover/docs/"


def pages(out):
    """The site's pages; the archived releases under releases/ are the same templates at an earlier
    time and are opened by test_release.py."""
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.html") if not str(p.relative_to(out)).startswith("releases/"))


def open_and_audit(driver, url, allowed_prefix):
    """Loads a page; returns the problems: console errors, failed requests, requests leaving the site.
    It starts from a blank page, so that nothing a previous page still does (an EventSource of an
    earlier test's `serve`, retrying after its server stopped) is counted against this one."""
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    problems = []
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            problems.append(f"console: {entry['message']}")
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            requested = params["request"]["url"]
            if not (requested.startswith(allowed_prefix) or requested.startswith("data:")):
                problems.append(f"request leaves the site: {requested}")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            problems.append(f"failed request: {params.get('errorText')} ({params.get('type')})")
        elif method == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
            problems.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
    return problems


def set_theme(driver, theme):
    driver.execute_script("localStorage.setItem('handover-theme', arguments[0]);", theme)
    driver.refresh()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert driver.execute_script("return document.documentElement.dataset.theme") == theme


def test_every_page_over_http_with_axe_in_both_themes(site, server, driver):
    _, out = site
    failures = {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page in pages(out):
        url = server + page
        problems = open_and_audit(driver, url, server)
        # The handover document is paper: light only, no theme switch.
        for theme in (["light", "dark"] if page != "print/index.html" else [None]):
            if theme:
                set_theme(driver, theme)
            axe = Axe(driver)
            axe.inject()
            result = axe.run(options={"resultTypes": ["violations"]})
            for v in result["violations"]:
                targets = [n["target"] for n in v["nodes"]][:3]
                problems.append(f"axe ({theme}): {v['id']}: {v['help']} at {targets}")
        name = page.replace("/", "_").replace(".html", "")
        if page != "print/index.html":
            set_theme(driver, "light")
        driver.set_window_size(1280, 900)
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(ARTIFACTS / f"{name}-desktop.png"))
        # A phone: emulated, since a desktop window cannot be made that narrow.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True})
        driver.refresh()
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        # The handover document is A4 sheets, wider than a phone by design.
        if overflow > 1 and page != "print/index.html":
            problems.append(f"wider than a 360 px phone by {overflow} px")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(ARTIFACTS / f"{name}-phone.png"))
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        if problems:
            failures[page] = problems
    driver.execute_script("localStorage.removeItem('handover-theme');")
    assert not failures, json.dumps(failures, indent=2)


def test_every_page_from_file_urls(site, driver):
    _, out = site
    prefix = out.as_uri() + "/"
    failures = {}
    # A 404 page is served by a web server at any path, so it links absolutely: not for file://.
    for page in pages(out):
        if page == "404.html":
            continue
        problems = open_and_audit(driver, prefix + page, prefix)
        if problems:
            failures[page] = problems
    assert not failures, json.dumps(failures, indent=2)


@pytest.mark.parametrize("mode", ["http", "file"])
def test_search_finds_a_known_page(site, server, driver, mode):
    _, out = site
    base = server if mode == "http" else out.as_uri() + "/"
    driver.get(base + "lifecycle/deployment/index.html")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    box = driver.switch_to.active_element
    assert box.get_attribute("id") == "search-input", "the / key focuses search"
    box.send_keys("rerun feature pipeline")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".search-result"))
    first = driver.find_elements(By.CSS_SELECTOR, ".search-result")[0]
    assert "notes/operations/runbook/index.html#rerun-the-feature-pipeline" in first.get_attribute("href")
    assert "Runbook" in first.text
    box.send_keys("\n")
    WebDriverWait(driver, 10).until(lambda d: "runbook" in d.current_url)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Runbook"


def test_navigation_links_work(site, server, driver):
    driver.get(server + "index.html")
    for title, heading in [("Report", "Final modeling report"), ("Lifecycle", "Lifecycle"),
                           ("Architecture", "Final solution architecture document"), ("Home", "Delivery delay risk")]:
        driver.find_element(By.CSS_SELECTOR, ".top-nav").find_element(By.LINK_TEXT, title).click()
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == heading)
        assert driver.current_url.startswith(server)
    driver.find_element(By.CSS_SELECTOR, ".stage-steps a[href*='lifecycle/deployment/']").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Deployment")
    driver.find_element(By.CSS_SELECTOR, ".pager-next").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Customer acceptance")


def test_theme_toggle_is_remembered(site, server, driver):
    driver.get(server + "index.html")
    driver.execute_script("localStorage.removeItem('handover-theme');")
    driver.refresh()
    toggle = driver.find_element(By.CSS_SELECTOR, ".theme-toggle")
    before = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    toggle.click()
    after = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert before != after
    chosen = driver.execute_script("return localStorage.getItem('handover-theme')")
    driver.get(server + "report/index.html")
    assert driver.execute_script("return document.documentElement.dataset.theme") == chosen
    driver.execute_script("localStorage.removeItem('handover-theme');")


def test_chart_text_stays_readable_on_a_phone(site, server, driver):
    """At 360 px, every chart's text (ticks, units, thresholds, labels) is at least 10 CSS px
    high as drawn: the phone layout is shown, not the desktop drawing scaled down."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True})
    try:
        driver.get(server + "dashboard/index.html")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        sizes = driver.execute_script("""
            const out = [];
            for (const text of document.querySelectorAll('svg.chart text')) {
                const svg = text.ownerSVGElement;
                if (svg.getBoundingClientRect().width === 0) continue;  // the hidden layout
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                out.push([text.textContent, parseFloat(getComputedStyle(text).fontSize) * scale]);
            }
            return out;""")
        assert len(sizes) > 20, "the charts show text"
        small = [(t, round(px, 1)) for t, px in sizes if px < 10]
        assert not small, f"chart text under 10 px on a phone: {small[:10]}"
        wide = driver.execute_script("return document.querySelectorAll('.chart-wide svg').length")
        hidden = driver.execute_script(
            "return [...document.querySelectorAll('.chart-wide')].every(e => getComputedStyle(e).display === 'none')")
        assert wide == 8 and hidden, "the desktop drawings are hidden on a phone"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
