"""The report and the architecture document printed by Chromium as stakeholders print them:
a title block, no navigation, several A4 pages, the diagram on a landscape page. The PDF pages are
rendered to PNG with pdftoppm into Tests/Browser/artifacts/ to be looked at."""
import pathlib
import shutil
import subprocess

import pytest

ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Browser" / "artifacts"


def print_pdf(url, pdf):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", url], check=True, capture_output=True, timeout=120)
    return pdf


def pdf_text(pdf, page=None):
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_sizes(pdf):
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Page") and "size" in line]


@pytest.mark.parametrize("doc,title", [("report", "Final modeling report"), ("architecture", "Final solution architecture document")])
def test_documents_print_cleanly(site, doc, title, tmp_path):
    _, out = site
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    pdf = print_pdf((out / doc / "index.html").as_uri(), tmp_path / f"{doc}.pdf")
    first = pdf_text(pdf, 1)
    assert title in first
    assert "prepared for Northwind Logistics" in first, "the title block names the customer"
    text = pdf_text(pdf)
    assert "Skip to content" not in text and "On this page" not in text, "navigation is not printed"
    assert "Page 1 of" in first
    sizes = page_sizes(pdf)
    assert len(sizes) >= 3
    if doc == "architecture":
        # The document opens on a landscape page: its title, then the diagram at full width.
        assert float(sizes[0].split()[0]) > float(sizes[0].split()[2]), sizes
        assert "Transport management database" in first
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / f"print-{doc}")], check=True)


def pages_text(pdf):
    return pdf_text(pdf).split("\f")


DOCUMENTS = [("dashboard", "Status dashboard"), ("report", "Final modeling report"),
             ("architecture", "Final solution architecture document"), ("api", "API consumer guide"),
             ("lifecycle", "Lifecycle"), ("lifecycle/customer-acceptance", "Customer acceptance")]


@pytest.mark.parametrize("doc,title", DOCUMENTS)
def test_every_document_has_a_title_block_and_no_empty_page(site, doc, title, tmp_path):
    _, out = site
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    pdf = print_pdf((out / doc / "index.html").as_uri(), tmp_path / "doc.pdf")
    pages = [p for p in pages_text(pdf) if p.strip()] and pages_text(pdf)
    pages = pages[:-1] if not pages[-1].strip() else pages  # pdftotext ends with a form feed
    first = pages[0]
    for fact in ["Delivery delay risk", "prepared for Northwind Logistics", "Document", title, "Model", "delay-risk 2.1.0",
                 "Release", "2.1.0 (2026-11-02)", "Date", "2026-11-26 00:00 UTC"]:
        assert fact in first, f"{doc}: the title block lacks {fact!r}"
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text, f"{doc}: page {n} has no page number"
        assert f"Delivery delay risk · {title}" in " ".join(text.split()), f"{doc}: page {n} does not say what it is"
        body = [line for line in text.splitlines() if line.strip() and "Page " not in line and "Delivery delay risk ·" not in line]
        assert body, f"{doc}: page {n} holds nothing but its footer"
    # No page ends with a heading: it goes with what follows it.
    import html
    import re
    source = (out / doc / "index.html").read_text(encoding="utf-8")
    headings = {" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").split())
                for h in re.findall(r"<h[2-4][^>]*>(.*?)</h[2-4]>", source, flags=re.S)}
    for n, page_text in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in page_text.splitlines()
                 if line.strip() and "Page " not in line and "Delivery delay risk ·" not in line]
        if n < len(pages) and lines:
            assert lines[-1] not in headings, f"{doc}: page {n} ends with the heading {lines[-1]!r}"
    text = "\n".join(pages)
    assert "Built with Handover" not in text, "the site footer is not printed"
    if doc == "api":
        # Every example of every operation is printed, not only the open one.
        for sample in ["curl", "Python (requests)", "JavaScript (fetch)", "Excel Power Query"]:
            assert sample in text
        assert "import requests" in text and "await fetch(" in text and "Web.Contents" in text
    if doc == "dashboard":
        assert "▸ Query" not in text and "\nQuery\n" not in text


def test_the_handover_document_prints_with_contents_page_numbers_and_signature_lines(site, driver, tmp_path):
    _, out = site
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed")
    url = (out / "print" / "index.html").as_uri()
    driver.get(url)
    document = driver.find_element("css selector", ".handover-document")
    sheets = int(document.get_attribute("data-sheets"))
    assert document.get_attribute("data-overflowing") == "0", "a sheet holds more than fits"
    assert driver.execute_script("return document.querySelectorAll('.oversized').length") == 0
    pdf = print_pdf(url, tmp_path / "handover.pdf")
    pages = pages_text(pdf)
    pages = pages[:-1] if not pages[-1].strip() else pages
    assert len(pages) == sheets, f"{len(pages)} printed pages for {sheets} sheets: a sheet did not print as one page"
    assert "Handover documentation" in pages[0] and "Delivery delay risk" in pages[0] and "prepared for northwind logistics" in pages[0].lower()
    assert all(float(s.split()[0]) < float(s.split()[2]) for s in page_sizes(pdf)), "A4 portrait throughout"
    # The diagram on a sheet of its own, turned a quarter, as wide as the sheet is long.
    turned = driver.execute_script(
        "var s = document.querySelector('.sheet-landscape'); if (!s) return null;"
        "var d = s.querySelector('svg').getBoundingClientRect(), b = s.getBoundingClientRect();"
        "return [d.height / b.height, d.width / b.width];")
    assert turned and turned[0] > 0.8, f"the turned diagram fills {turned} of its sheet"

    # The contents: every entry with the page it is on, and that page holds it.
    contents = "\n".join(p for p in pages[1:4] if "Contents" in p or pages.index(p) <= 2)
    import re
    entries = []
    for line in contents.splitlines():
        m = re.match(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", line)
        if m:
            entries.append((m.group(1), int(m.group(2))))
    titles = [t for t, _ in entries]
    for part in ["Status dashboard snapshot", "Final modeling report", "Final solution architecture document", "API consumer guide",
                 "Lifecycle summary", "Exit report", "Acceptance and sign-off"]:
        assert part in titles, f"the contents lack {part}: {titles}"
    assert len(entries) > 30, "the contents list each part's sections"
    last = 0
    for title, page in entries:
        assert 1 <= page <= len(pages)
        assert page >= last, f"{title} on page {page} comes before the previous entry's page {last}"
        last = page
        assert " ".join(title.split())[:30] in " ".join(pages[page - 1].split()), f"{title!r} is not on page {page}"
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text

    # The sign-off: a block with a signature line per signatory, on the last pages.
    tail = "\n".join(pages[-2:])
    for name in ["Karl Weber", "Lena Hoffmann", "Marco Rossi"]:
        assert name in tail
    assert tail.count("Signature") >= 3
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "3", str(pdf), str(ARTIFACTS / "print-handover")], check=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", str(len(pages)), "-l", str(len(pages)), str(pdf), str(ARTIFACTS / "print-handover-last")], check=True)
