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
        # The diagram gets a landscape page of its own.
        assert any(float(s.split()[0]) > float(s.split()[2]) for s in sizes), sizes
        assert "Transport management database" in pdf_text(pdf, 2)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / f"print-{doc}")], check=True)
