"""Search in Korean and other scripts, in the browser: a Hangul word found by its start (서울 finds
서울은), Latin folded for case and accents (zurich finds Zürich), and the snippet cut around the
match at whole characters, from a loopback server and from file://."""
import functools
import http.server
import os
import pathlib
import subprocess
import threading

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("HANDOVER_BIN", str(REPO / ".build" / "debug" / "handover"))

FILLER = "배포 단계에서는 모델과 파이프라인을 운영 환경에 올리고 상태를 지켜봅니다. " * 2

FILES = {
    "Content/site.yaml": "title: 배송 지연 위험\nlanguage: ko\ncustomer: 노스윈드 물류\n",
    "Content/notes/seoul.md": "---\ntitle: 서울 물류 센터\n---\n서울은 하루 출고량이 가장 많은 센터입니다. 부산과 대구가 뒤를 잇습니다.\n",
    "Content/notes/app.md": (
        "---\ntitle: 운영 안내\n---\n" + FILLER
        + "마지막으로 점수 애플리케이션의 상태 페이지를 확인합니다. 문제가 있으면 담당자에게 알립니다.\n"
    ),
    "Content/notes/zurich.md": "---\ntitle: Depots abroad\n---\nThe Zürich depot opened in São Paulo's sister week; Ålesund follows.\n",
}


@pytest.fixture(scope="module")
def korean_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("ko")
    for path, text in FILES.items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")
    subprocess.run([BINARY, "build", str(project)], check=True, env=env, capture_output=True)
    return project / "_site"


@pytest.fixture(scope="module")
def korean_server(korean_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(korean_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def results(driver, base, query, page="index.html"):
    driver.get(base + page)
    box = driver.find_element(By.ID, "search-input")
    box.click()
    box.send_keys(query)
    # The list says which query it answers: a large site's answer comes after the keystroke.
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "search-results").get_attribute("data-query") == query)
    return [(r.find_element(By.CSS_SELECTOR, ".search-result-title").text,
             (r.find_elements(By.CSS_SELECTOR, ".search-result-text") or [None])[0])
            for r in driver.find_elements(By.CSS_SELECTOR, ".search-result")]


@pytest.mark.parametrize("mode", ["http", "file"])
def test_korean_words_are_found_by_their_start_and_snippets_hold_the_match(korean_site, korean_server, driver, mode):
    base = korean_server if mode == "http" else korean_site.as_uri() + "/"
    found = results(driver, base, "서울")
    assert found and found[0][0].startswith("서울 물류 센터"), found
    assert "서울은" in found[0][1].text

    # A word deep in a long text: the snippet is around it, whole syllables, not a bare "…".
    found = results(driver, base, "애플리케이션")
    assert found and found[0][0].startswith("운영 안내")
    text = found[0][1].text
    assert "애플리케이션" in text, text
    assert text.strip("…").strip(), text
    assert all(not ("\u1100" <= ch <= "\u11ff") for ch in text), "no Hangul syllable is cut into letters"


@pytest.mark.parametrize("mode", ["http", "file"])
def test_latin_is_folded_for_case_and_accents(korean_site, korean_server, driver, mode):
    base = korean_server if mode == "http" else korean_site.as_uri() + "/"
    found = results(driver, base, "zurich")
    assert found and "Depots abroad" in found[0][0]
    assert "Zürich" in found[0][1].text, "the snippet shows the text as written"
    found = results(driver, base, "SAO PAULO")
    assert found and "São Paulo" in found[0][1].text


WORDS = "shipment lane carrier window forecast model feature score latency batch endpoint drift depot region".split()


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """Above 500 pages the index is in shards: 600 notes, three of them in Korean, Japanese and German."""
    import random
    rng = random.Random(7)
    project = tmp_path_factory.mktemp("large")
    (project / "Content").mkdir()
    (project / "Content" / "site.yaml").write_text("title: Large\nlanguage: ko\n", encoding="utf-8")
    special = {
        100: "서울은 하루 출고량이 가장 많은 센터입니다. 부산과 대구가 뒤를 잇습니다.",
        200: "東京駅の倉庫は夜間に出荷を処理します。",
        300: "Das Depot in Zürich öffnet um fünf Uhr.",
    }
    for i in range(600):
        folder = project / "Content" / "notes" / f"sec-{i % 6}"
        folder.mkdir(parents=True, exist_ok=True)
        text = special.get(i, "") + " " + " ".join(rng.choice(WORDS) for _ in range(60))
        (folder / f"note-{i:04d}.md").write_text(f"---\ntitle: \"Note {i}\"\n---\n{text}\n", encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")
    subprocess.run([BINARY, "build", str(project)], check=True, env=env, capture_output=True)
    return project / "_site"


@pytest.fixture(scope="module")
def large_server(large_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(large_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_a_large_site_searches_shards_loaded_on_demand(large_site, large_server, driver, mode):
    assert (large_site / "search" / "index.js").exists() and not (large_site / "search-index.js").exists()
    base = large_server if mode == "http" else large_site.as_uri() + "/"
    for query, note in [("서울", "Note 100"), ("서울은", "Note 100"), ("東京", "Note 200"), ("東京駅", "Note 200"),
                        ("zurich", "Note 300"), ("ZÜRICH depot", "Note 300")]:
        found = results(driver, base, query)
        assert found and found[0][0].startswith(note), (query, found)
    found = results(driver, base, "서울")
    assert "서울은" in found[0][1].text
    # A word's start finds it (typing "shipm" finds "shipment"); every word must be on the page.
    found = results(driver, base, "shipm lane")
    assert len(found) == 12
    if mode == "http":
        # What the query loaded: the index, the words' shards and the best pages' fragments only.
        loaded = driver.execute_script(
            "return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/search/') >= 0; })"
            ".map(function (e) { return [e.name.split('/search/')[1], e.encodedBodySize]; })")
        names = [n for n, _ in loaded]
        assert "index.js" in names and all(n == "index.js" or n.startswith("t/") or n.startswith("f/") for n in names)
        assert sum(size for _, size in loaded) < 300_000, loaded
        fragments = [n for n in names if n.startswith("f/")]
        assert 0 < len(fragments) <= 12
    assert not results(driver, base, "서울 東京"), "every word must be on the page"


# An English and a Korean site, each from `handover init` with one note in the other language:
# the search finds Korean and English words in both, and its words (placeholder, "no page
# matches", the theme switch, the handover document's status) are the site's own.
UI = {
    "en": {"placeholder": "Search", "none": "No page matches “xyzzy”.", "dark": "Switch to the dark theme", "light": "Switch to the light theme",
           "nav": "Dashboard", "laid_out": "pages, A4"},
    "ko": {"placeholder": "검색", "none": "“xyzzy”와(과) 일치하는 페이지가 없습니다.", "dark": "어두운 테마로 전환", "light": "밝은 테마로 전환",
           "nav": "대시보드", "laid_out": "A4"},
}


@pytest.fixture(scope="module")
def language_sites(tmp_path_factory):
    sites = {}
    for language in UI:
        project = tmp_path_factory.mktemp("init-" + language)
        subprocess.run([BINARY, "init", str(project), "--language", language], check=True, capture_output=True)
        notes = project / "Content" / "notes"
        (notes / "seoul.md").write_text("---\ntitle: 서울 센터\n---\n서울은 출고량이 가장 많은 센터입니다.\n", encoding="utf-8")
        (notes / "rotterdam.md").write_text("---\ntitle: Rotterdam depot\n---\nThe Rotterdam depot handles the night shipments.\n",
                                            encoding="utf-8")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1795651200")
        built = subprocess.run([BINARY, "build", str(project)], env=env, capture_output=True, text=True)
        assert built.returncode == 0 and "warning" not in built.stderr, built.stderr
        sites[language] = project / "_site"
    return sites


@pytest.fixture(scope="module")
def language_server(language_sites):
    root = language_sites["en"].parent.parent

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield lambda language: f"http://127.0.0.1:{httpd.server_address[1]}/{language_sites[language].parent.name}/_site/"
    httpd.shutdown()


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_korean_and_english_queries_in_an_english_and_a_korean_site(language_sites, language_server, driver, language, mode):
    site = language_sites[language]
    base = language_server(language) if mode == "http" else site.as_uri() + "/"
    words = UI[language]
    driver.get(base + "index.html")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    assert words["nav"] in driver.find_element(By.CSS_SELECTOR, ".top-nav").text
    assert driver.find_element(By.ID, "search-input").get_attribute("placeholder") == words["placeholder"]
    # Which one depends on the theme an earlier test left chosen (the browser is shared).
    assert driver.find_element(By.CSS_SELECTOR, ".theme-toggle").get_attribute("title") in (words["dark"], words["light"])

    found = results(driver, base, "서울")
    assert found and found[0][0].startswith("서울 센터"), found
    assert "서울은" in found[0][1].text
    found = results(driver, base, "rotterd")
    assert found and found[0][0].startswith("Rotterdam depot"), found
    assert not results(driver, base, "xyzzy")
    assert driver.find_element(By.CSS_SELECTOR, ".search-empty").text == words["none"]

    # The handover document lays its pages out and says so in the site's language.
    driver.get(base + "print/index.html")
    WebDriverWait(driver, 20).until(lambda d: words["laid_out"] in d.find_element(By.CSS_SELECTOR, ".print-status").text)
    status = driver.find_element(By.CSS_SELECTOR, ".print-status").text
    assert ("쪽" in status) == (language == "ko"), status
