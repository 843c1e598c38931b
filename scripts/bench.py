#!/usr/bin/env python3
"""Full-build benchmark: a deterministic corpus of N notes, built by Handover and (when installed) by Hugo.

Prints the median of 5 full builds and the peak memory of each tool, and the ratio.
The corpus is the same Markdown for both; Hugo gets a theme with the same navigation per page
(top navigation, section list, breadcrumbs, table of contents, previous/next in the section)
and a link render hook so that links between notes resolve as Handover resolves them.
"""
import argparse, math, os, random, re, shutil, statistics, subprocess, sys, time

WORDS = ("shipment lane carrier window forecast model feature score latency batch endpoint drift "
         "pipeline depot region quality recall threshold release monitor objective data table "
         "report dispatch planner customer weather route stop delay risk metric version").split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def note_text(rng, i, sections, per_section, size):
    title = f"Note {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}"
    parts = [f"---\ntitle: \"{title}\"\nweight: {i % per_section}\ndate: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}\ntags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n---\n"]
    body = []
    h = 0
    while sum(len(p) for p in body) < size:
        h += 1
        body.append(f"\n## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {h}\n\n")
        body.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) + "\n")
        kind = h % 4
        if kind == 0:
            body.append("\n" + "".join(f"- {sentence(rng, 6)}\n" for _ in range(4)))
        elif kind == 1:
            body.append("\n| name | value | note |\n|---|---:|---|\n" + "".join(
                f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} | {sentence(rng, 4)} |\n" for _ in range(4)))
        elif kind == 2:
            body.append("\n```python\nfor row in rows:\n    score(row, threshold=0.5)\n```\n")
        else:
            target = rng.randrange(sections * per_section)
            ts, tn = divmod(target, per_section)
            body.append(f"\nSee also [note {target}](../sec-{ts:03d}/note-{target:05d}.md) and *{rng.choice(WORDS)}*.\n")
    return title, parts[0] + "".join(body)


def generate(root, notes, seed=42):
    rng = random.Random(seed)
    per_section = 200
    sections = max(1, (notes + per_section - 1) // per_section)
    hand = os.path.join(root, "handover")
    hugo = os.path.join(root, "hugo")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(hand, "Content", "notes"))
    with open(os.path.join(hand, "Content", "site.yaml"), "w") as f:
        f.write("title: Bench corpus\n")
    for s in range(sections):
        for d in (os.path.join(hand, "Content", "notes", f"sec-{s:03d}"), os.path.join(hugo, "content", "notes", f"sec-{s:03d}")):
            os.makedirs(d, exist_ok=True)
        index = f"---\ntitle: Section {s}\nweight: {s}\n---\nNotes of section {s}.\n"
        open(os.path.join(hand, "Content", "notes", f"sec-{s:03d}", "index.md"), "w").write(index)
        open(os.path.join(hugo, "content", "notes", f"sec-{s:03d}", "_index.md"), "w").write(index)
    open(os.path.join(hugo, "content", "notes", "_index.md"), "w").write("---\ntitle: Notes\n---\n")
    total = 0
    for i in range(notes):
        s = i // per_section
        _, text = note_text(rng, i, sections, per_section, rng.randint(3000, 6000))
        # Only existing notes are linked.
        text = re.sub(r"note-(\d{5})\.md", lambda m: f"note-{int(m.group(1)) % notes:05d}.md", text)
        text = re.sub(r"\.\./sec-\d{3}/note-(\d{5})", lambda m: f"../sec-{int(m.group(1)) // per_section:03d}/note-{m.group(1)}", text)
        total += len(text.encode())
        name = f"note-{i:05d}.md"
        open(os.path.join(hand, "Content", "notes", f"sec-{s:03d}", name), "w").write(text)
        open(os.path.join(hugo, "content", "notes", f"sec-{s:03d}", name), "w").write(text)
    write_hugo_theme(hugo)
    return total, sections


SHAPES = {
    # name: (notes, how they are foldered, Markdown size range, extra)
    "deep": "10 top sections × 5 × 4 nested folders, 50 notes in each leaf",
    "big-section": "one section of 2,000 notes beside 40 of 200",
    "tags": "50 sections of 200, every note with 12 tags out of 2,000",
    "heavy": "2,500 long notes (15–25 KB) with 40-row tables and 60-line code blocks",
}


def heavy_text(rng, i, title, link):
    parts = [f"---\ntitle: \"{title}\"\nweight: {i}\n---\n"]
    size, h = rng.randint(15000, 25000), 0
    while sum(len(p) for p in parts) < size:
        h += 1
        parts.append(f"\n## {rng.choice(WORDS).capitalize()} {h}\n\n" + " ".join(sentence(rng) for _ in range(5)) + "\n")
        if h % 3 == 1:
            parts.append("\n| id | name | value | share | note |\n|---:|---|---:|---:|---|\n" + "".join(
                f"| {r} | {rng.choice(WORDS)} | {rng.randint(1, 99999)} | {rng.random():.3f} | {sentence(rng, 5)} |\n" for r in range(40)))
        elif h % 3 == 2:
            parts.append("\n```python\n" + "".join(f"def step_{k}(rows, threshold=0.{k % 10}):\n    return [r for r in rows if r.score > threshold]  # {rng.choice(WORDS)}\n" for k in range(30)) + "```\n")
        else:
            parts.append(f"\nSee [another note]({link}).\n")
    return "".join(parts)


def generate_shape(root, shape, seed=7):
    """A corpus of one shape for both tools; returns (notes, bytes of Markdown)."""
    rng = random.Random(seed)
    hand, hugo = os.path.join(root, "handover"), os.path.join(root, "hugo")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(hand, "Content", "notes"))
    open(os.path.join(hand, "Content", "site.yaml"), "w").write("title: Bench corpus\n")
    if shape == "deep":
        folders = [f"top-{a:02d}/mid-{b}/leaf-{c}" for a in range(10) for b in range(5) for c in range(4)]
        per = {f: 50 for f in folders}
    elif shape == "big-section":
        folders = ["big"] + [f"sec-{s:03d}" for s in range(40)]
        per = {f: (2000 if f == "big" else 200) for f in folders}
    elif shape == "heavy":
        folders = [f"sec-{s:03d}" for s in range(25)]
        per = {f: 100 for f in folders}
    else:
        folders = [f"sec-{s:03d}" for s in range(50)]
        per = {f: 200 for f in folders}
    notes = [(f, n) for f in folders for n in range(per[f])]
    seen = set()
    for folder in folders:
        parts = folder.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if sub in seen:
                continue
            seen.add(sub)
            index = f"---\ntitle: {sub.split('/')[-1].capitalize()}\nweight: {len(seen)}\n---\nNotes of {sub}.\n"
            for base, name in ((os.path.join(hand, "Content", "notes"), "index.md"), (os.path.join(hugo, "content", "notes"), "_index.md")):
                os.makedirs(os.path.join(base, sub), exist_ok=True)
                open(os.path.join(base, sub, name), "w").write(index)
    open(os.path.join(hugo, "content", "notes", "_index.md"), "w").write("---\ntitle: Notes\n---\n")
    total = 0
    tags = [f"tag-{t:04d}" for t in range(2000)]
    for i, (folder, n) in enumerate(notes):
        target_folder, target_n = notes[rng.randrange(len(notes))]
        link = os.path.relpath(os.path.join(target_folder, f"note-{target_n:04d}.md"), folder)
        title = f"Note {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}"
        if shape == "heavy":
            text = heavy_text(rng, i, title, link)
        else:
            _, text = note_text(rng, i, 1, 1, rng.randint(3000, 6000))
            text = re.sub(r"\]\(\.\./sec-\d{3}/note-\d{5}\.md\)", f"]({link})", text)
            if shape == "tags":
                text = re.sub(r"^tags: \[.*\]$", "tags: [" + ", ".join(rng.sample(tags, 12)) + "]", text, count=1, flags=re.M)
        total += len(text.encode())
        for base in (os.path.join(hand, "Content", "notes"), os.path.join(hugo, "content", "notes")):
            open(os.path.join(base, folder, f"note-{n:04d}.md"), "w").write(text)
    write_hugo_theme(hugo)
    return len(notes), total


def output_figures(out):
    """Bytes written, the largest page, and the search index."""
    total, largest = 0, (0, "")
    for d, _, files in os.walk(out):
        for f in files:
            size = os.path.getsize(os.path.join(d, f))
            total += size
            if f.endswith(".html") and size > largest[0]:
                largest = (size, os.path.relpath(os.path.join(d, f), out))
    index = os.path.join(out, "search-index.js")
    size = os.path.getsize(index) if os.path.exists(index) else 0
    for d, _, files in os.walk(os.path.join(out, "search")):
        size += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    return total, largest, size


SEARCH_QUERIES = ["shipment", "delay risk", "forecast window", "depot region quality", "carrier", "plann"]


def search_bench(out):
    """A query in headless Chromium against the built site over loopback: the bytes it loads
    (index, shards, fragments) and the time from the keystroke to results, and from the words'
    shards arriving to results. A fresh page per query, so each counts what a first query costs."""
    try:
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        print("search    selenium is not installed (make test installs it): skipped")
        return
    import functools, http.server, threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=out))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    options = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
        options.add_argument(a)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver")) if shutil.which("chromedriver") else None
    driver = webdriver.Chrome(options=options, service=service) if service else webdriver.Chrome(options=options)
    rows = []
    try:
        for q in SEARCH_QUERIES:
            driver.get(base + "notes/index.html")
            box = driver.find_element(By.ID, "search-input")
            box.click()
            driver.execute_script("performance.clearResourceTimings()")
            box.send_keys(q)
            WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "search-results").get_attribute("data-query") == q)
            loaded = driver.execute_script(
                "return performance.getEntriesByType('resource').filter(function (e) { return /search(-index\\.js|\\/)/.test(e.name); })"
                ".map(function (e) { return e.encodedBodySize; })")
            timing = driver.execute_script("return window.handoverSearchTiming || null") or {}
            results = len(driver.find_elements(By.CSS_SELECTOR, ".search-result"))
            total_ms = timing["shown"] - timing["start"] if "shown" in timing else float("nan")
            after_ms = timing["shown"] - timing["shards"] if "shards" in timing and "shown" in timing else float("nan")
            rows.append((q, sum(loaded), len(loaded), results, total_ms, after_ms))
    finally:
        driver.quit()
        httpd.shutdown()
    for q, size, files, results, total_ms, after_ms in rows:
        print(f"search    {q!r:24s} {size / 1e3:7.1f} KB in {files:2d} files, {results:2d} results, "
              f"{total_ms:6.1f} ms to results ({after_ms:5.1f} ms after the shards arrived)")
    sizes = sorted(r[1] for r in rows)
    print(f"search    median {sizes[len(sizes) // 2] / 1e3:.1f} KB a query, most {sizes[-1] / 1e3:.1f} KB (goal ≤ 300 KB); "
          f"median {statistics.median(r[5] for r in rows):.1f} ms after the shards arrived (goal ≤ 100 ms)")


def shapes_bench(root, handover, shapes, runs):
    """Each corpus shape built by both tools in the same run: times, stage split, output."""
    for shape in shapes:
        folder = os.path.join(root, "shape-" + shape)
        count, size = generate_shape(folder, shape)
        print(f"shape     {shape}: {SHAPES[shape]} — {count} notes, {size / 1e6:.1f} MB of Markdown")
        out = os.path.join(folder, "out-handover")
        h, h_peak = measure("handover", [handover, "build", ".", "-o", out, "--timings"], os.path.join(folder, "handover"), runs)
        total, largest, index = output_figures(out)
        print(f"{'':9s} output {total / 1e6:.1f} MB, largest page {largest[1]} {largest[0] / 1e3:.0f} KB (goal ≤ 300 KB), search index {index / 1e6:.1f} MB")
        if shutil.which("hugo"):
            g, g_peak = measure("hugo", ["hugo", "--quiet", "-d", os.path.join(folder, "out-hugo")], os.path.join(folder, "hugo"), runs)
            total, largest, _ = output_figures(os.path.join(folder, "out-hugo"))
            print(f"{'':9s} output {total / 1e6:.1f} MB, largest page {largest[1]} {largest[0] / 1e3:.0f} KB")
            print(f"ratio     {shape}: {h / g:.2f}× Hugo's time (goal ≤ 0.50×), {h_peak / g_peak:.2f}× its peak memory (goal ≤ 0.25×)")
        shutil.rmtree(folder, ignore_errors=True)


HUGO_FILES = {
    "config.toml": 'baseURL = "https://bench.example/"\ntitle = "Bench corpus"\nrelativeURLs = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n',
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "assets/handover.css" | relURL }}"></head>
<body><a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav aria-label="Main"><ul>
{{ range slice "dashboard" "report" "architecture" "lifecycle" "notes" "incidents" }}<li><a href="{{ printf "/%s/" . | relURL }}">{{ . | humanize }}</a></li>{{ end }}
</ul></nav></header>
<div class="layout">
<nav class="sidebar" aria-label="Notes"><p><a href="{{ "/notes/" | relURL }}">Notes</a></p><ul>
{{ $cur := .CurrentSection }}{{ range (.Site.GetPage "/notes").Sections }}<li><a href="{{ .RelPermalink }}"{{ if eq . $cur }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}
</ul></nav>
<main id="main">
<nav class="breadcrumbs"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
{{ block "main" . }}{{ end }}
</main>
<aside class="toc">{{ .TableOfContents }}</aside>
</div>
<footer>Built with Hugo · {{ now.Format "2006-01-02" }}</footer></body></html>
""",
    "layouts/_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} {{ range .Params.tags }}<span class="tag">{{ . }}</span>{{ end }}</p>
<div class="prose">{{ .Content }}</div></article>
<nav class="pager">{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary | plainify | truncate 220 }}</p></li>{{ end }}</ul>{{ end }}
""",
    "layouts/index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ end }}""",
    "layouts/_default/_markup/render-link.html": """{{- $u := urls.Parse .Destination -}}{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}{{- $p := path.Clean (path.Join "/" .Page.File.Dir $u.Path) -}}
{{- with .Page.GetPage (strings.TrimSuffix ".md" $p) -}}{{- $href = .RelPermalink -}}{{- end -}}{{- end -}}
<a href="{{ $href }}">{{ .Text | safeHTML }}</a>""",
    "static/assets/handover.css": "body{font-family:system-ui}\n",
}


def write_hugo_theme(hugo):
    for path, text in HUGO_FILES.items():
        full = os.path.join(hugo, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        open(full, "w").write(text)


STAGE_LINE = re.compile(r"^  (\S[^\n]*?)\s+([0-9.]+) s(?:   peak +\d+ MiB)?$", re.M)


def timed(cmd, cwd):
    """Runs a build under /usr/bin/time -v; returns (seconds, peak RSS in MiB, {stage: seconds}).
    Stages come from `handover build --timings` (empty for other tools)."""
    time_bin = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    full = ([time_bin, "-v"] if time_bin else []) + cmd
    start = time.perf_counter()
    proc = subprocess.run(full, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1795651200"})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    stages = {name.strip(): float(value) for name, value in STAGE_LINE.findall(proc.stderr)}
    return seconds, (int(m.group(1)) / 1024 if m else float("nan")), stages


def measure(name, cmd, cwd, runs, warmup=True):
    # One untimed build first, for both tools: the timed ones are rebuilds over an existing site,
    # as in `serve` or a CI job that keeps its output (Hugo overwrites its output in place;
    # Handover rewrites the site it kept beside OUT). A clean checkout builds once, like the warm-up.
    if warmup:
        timed(cmd, cwd)
    results = [timed(cmd, cwd) for _ in range(runs)]
    med = statistics.median(r[0] for r in results)
    peak = max(r[1] for r in results)
    print(f"{name:9s} median {med:6.2f} s over {runs} full builds (min {min(r[0] for r in results):.2f}, max {max(r[0] for r in results):.2f}), peak memory {peak:6.0f} MiB")
    stages = [r[2] for r in results if r[2]]
    if stages:
        names = list(stages[0].keys())
        medians = {n: statistics.median(s.get(n, 0) for s in stages) for n in names}
        render, write = medians.get("render", 0), medians.get("write", 0)
        rest = sum(v for n, v in medians.items() if n not in ("render", "write"))
        print(f"{'':9s} render {render:.2f} s, write {write:.2f} s, load/validate/monitoring/graph {rest:.2f} s, total {med:.2f} s (wall, with process start)")
    return med, peak


def monitoring_bench(root, handover, samples, runs):
    """A project whose dashboard reads one Prometheus range snapshot of `samples` samples."""
    project = os.path.join(root, "monitoring")
    shutil.rmtree(project, ignore_errors=True)
    os.makedirs(os.path.join(project, "Content", "monitoring"))
    series, points = 100, samples // 100
    end = 1795649400
    rng = random.Random(7)
    path = os.path.join(project, "Content", "monitoring", "range.json")
    with open(path, "w") as f:
        f.write('{"status":"success","data":{"resultType":"matrix","result":[')
        for s in range(series):
            if s:
                f.write(",")
            f.write('{"metric":{"__name__":"request_latency_seconds","instance":"i-%d","job":"scoring"},"values":[' % s)
            base = rng.uniform(0.05, 0.2)
            f.write(",".join('[%d,"%.4f"]' % (end - (points - k) * 15, base + 0.03 * math.sin(k / 50) + (0.5 if k % 997 == 0 else 0))
                             for k in range(points)))
            f.write("]}")
        f.write("]}}\n")
    size = os.path.getsize(path)
    open(os.path.join(project, "Content", "site.yaml"), "w").write("title: Monitoring bench\n")
    open(os.path.join(project, "Content", "deployment.yaml"), "w").write(
        "model: { name: m, version: '1' }\nenvironments: [ { name: p, endpoints: [ { name: api, mode: realtime } ] } ]\n"
        "objectives: [ { component: api, name: latency, series: 'request_latency_seconds{job=\"scoring\"}', aggregate: p95, below: 0.5, window: 24h } ]\n")
    open(os.path.join(project, "Content", "dashboard.yaml"), "w").write(
        "window: 2d\npanels: [ { title: Latency, series: 'request_latency_seconds{instance=~\"i-[0-7]\"}', unit: s, objective: latency } ]\n")
    print(f"monitoring: {series * points:,} samples in one Prometheus range snapshot of {size / 1e6:.1f} MB")
    t, peak = measure("handover", [handover, "build", ".", "-o", os.path.join(root, "out-monitoring")], project, runs)
    print(f"monitoring full build (parse, evaluate, chart, write) median {t:.2f} s (goal < 1.5 s), "
          f"peak memory {peak:.0f} MiB = {peak * 1048576 / size:.1f}× the file (goal < 10×)")


def serve_bench(project, handover, edits):
    """Edit-to-reload latency under `handover serve`: from writing a note to the reload event.

    A client listens to the Server-Sent Events; each edit appends a sentence to a different
    note's body, and the time is taken when the event naming that note's page arrives (the page
    is rewritten before the event is sent)."""
    import http.client, json, threading, queue
    out = os.path.join(os.path.dirname(project), "out-serve")
    proc = subprocess.Popen([handover, "serve", ".", "-o", out, "--port", "0"], cwd=project, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1795651200"})
    try:
        port, full = None, None
        for line in proc.stderr:
            m = re.search(r"rebuilt in (\d+) ms \(full\)", line)
            if m:
                full = int(m.group(1)) / 1000
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            sys.exit("bench: handover serve did not start")
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        events = queue.Queue()

        def listen():
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", "/__handover/events")
            response = conn.getresponse()
            for raw in response:
                line = raw.decode()
                if line.startswith("data: "):
                    events.put((time.perf_counter(), json.loads(line[6:])))
        threading.Thread(target=listen, daemon=True).start()
        events.get(timeout=30)  # the state on connecting
        latencies = []
        rng = random.Random(3)
        notes = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(project, "Content", "notes"))
                       for f in fs if f.startswith("note-"))
        for k in range(edits):
            path = notes[rng.randrange(len(notes))]
            page = os.path.relpath(path, os.path.join(project, "Content"))[:-3] + "/index.html"
            text = open(path).read()
            time.sleep(0.3)
            start = time.perf_counter()
            with open(path, "w") as f:
                f.write(text + f"\nEdited while serving, edit {k}.\n")
            while True:
                at, event = events.get(timeout=60)
                if page in event.get("changed", []):
                    latencies.append(at - start)
                    break
        ms = sorted(l * 1000 for l in latencies)
        print(f"serve     edit-to-reload median {statistics.median(ms):.1f} ms over {edits} edits "
              f"(min {ms[0]:.1f}, max {ms[-1]:.1f}; goal < 50 ms); first full build under serve {full:.2f} s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def documents_bench(handover, runs):
    """Render time of the example's deployment documents, from `handover build --timings`."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(repo, ".bench", "out-example")
    times, totals = {}, []
    for _ in range(runs):
        proc = subprocess.run([handover, "build", repo, "-o", out, "--timings"], capture_output=True, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1795651200"})
        if proc.returncode != 0:
            sys.exit(f"bench: example build failed:\n{proc.stderr[-2000:]}")
        for ms, page in re.findall(r"^\s+([\d.]+) ms\s+(\S+)$", proc.stderr, re.M):
            times.setdefault(page, []).append(float(ms))
        m = re.search(r"built \d+ pages in ([\d.]+) s", proc.stderr)
        totals.append(float(m.group(1)))
    parts = [f"{page} {statistics.median(times[page]):.1f} ms" for page in
             ("report/index.html", "architecture/index.html", "api/index.html", "dashboard/index.html") if page in times]
    print(f"documents example site built in {statistics.median(totals):.2f} s (median of {runs}); render time per page: " + ", ".join(parts))


def api_bench(handover, runs):
    """The API guide of a vendor-sized spec (scripts/vendor_spec.py, shaped like Kubernetes'):
    build time, pages, largest page and output size. Goals: under 3 s, no page over 2 MB."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import vendor_spec
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    root = os.path.join(repo, ".bench", "vendor-api")
    shutil.rmtree(root, ignore_errors=True)
    size = vendor_spec.write_project(root)
    out = os.path.join(root, "_site")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([handover, "build", root, "-o", out], capture_output=True, text=True,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1795651200"})
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"bench: vendor API build failed:\n{proc.stderr[-2000:]}")
    pages = [(os.path.getsize(os.path.join(d, f)), os.path.relpath(os.path.join(d, f), out))
             for d, _, files in os.walk(os.path.join(out, "api")) for f in files]
    largest = max(pages)
    total = sum(p for p, _ in pages)
    print(f"api       {size / 1e6:.1f} MB vendor-shaped spec: built in {statistics.median(times):.2f} s (median of {runs}; goal < 3 s); "
          f"{len(pages)} API pages, {total / 1e6:.1f} MB, largest {largest[1]} {largest[0] / 1e6:.2f} MB (goal ≤ 2 MB)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--handover", default=".build/release/handover")
    parser.add_argument("--dir", default=".bench")
    parser.add_argument("--samples", type=int, default=1_000_000, help="samples of the monitoring benchmark (0: skip)")
    parser.add_argument("--edits", type=int, default=15, help="edits of the serve latency benchmark (0: skip)")
    parser.add_argument("--serve-only", action="store_true", help="only the serve latency benchmark")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="corpus shapes beside the flat one, comma-separated ('' to skip)")
    parser.add_argument("--shape-runs", type=int, default=3, help="builds of each shape per tool")
    parser.add_argument("--search-only", action="store_true", help="only build the flat corpus once and measure search")
    args = parser.parse_args()
    root = os.path.abspath(args.dir)
    handover = os.path.abspath(args.handover)
    if not args.serve_only:
        documents_bench(handover, args.runs)
        api_bench(handover, args.runs)
    if args.samples and not args.serve_only:
        monitoring_bench(root, handover, args.samples, args.runs)
    total, sections = generate(root, args.notes)
    print(f"corpus: {args.notes} notes in {sections} sections, {total / 1e6:.1f} MB of Markdown ({root})")
    print(f"machine: {os.cpu_count()} cores")
    if args.edits:
        serve_bench(os.path.join(root, "handover"), handover, args.edits)
    if args.serve_only:
        return
    if args.search_only:
        out = os.path.join(root, "out-handover")
        subprocess.run([handover, "build", ".", "-o", out], cwd=os.path.join(root, "handover"), check=True)
        total, largest, index = output_figures(out)
        print(f"handover  output {total / 1e6:.1f} MB, search index {index / 1e6:.1f} MB")
        search_bench(out)
        return
    h, h_peak = measure("handover", [handover, "build", ".", "-o", os.path.join(root, "out-handover"), "--timings"], os.path.join(root, "handover"), args.runs)
    pages = sum(len(files) for _, _, files in os.walk(os.path.join(root, "out-handover")))
    print(f"handover  wrote {pages} files")
    if shutil.which("hugo"):
        out = os.path.join(root, "out-hugo")
        g, g_peak = measure("hugo", ["hugo", "--quiet", "-d", out], os.path.join(root, "hugo"), args.runs)
        version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
        print(f"hugo      {version}")
        print(f"ratio     Handover takes {h / g:.2f}× Hugo's time ({'faster' if h < g else 'slower'}; goal ≤ 0.50×) "
              f"and {h_peak / g_peak:.2f}× its peak memory (goal ≤ 0.25×)")
    else:
        print("hugo      not installed (apt-get install hugo): comparison skipped")
    total, largest, index = output_figures(os.path.join(root, "out-handover"))
    print(f"{'':9s} output {total / 1e6:.1f} MB, largest page {largest[1]} {largest[0] / 1e3:.0f} KB, search index {index / 1e6:.1f} MB")
    search_bench(os.path.join(root, "out-handover"))
    shapes = [s for s in args.shapes.split(",") if s]
    if shapes:
        shapes_bench(root, handover, shapes, args.shape_runs)


if __name__ == "__main__":
    main()
