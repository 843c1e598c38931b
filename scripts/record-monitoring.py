#!/usr/bin/env python3
"""Records the monitoring fixtures of Tests/BuildTests/Fixtures/recorded/ from a real Prometheus
and node exporter (Debian's `prometheus` and `prometheus-node-exporter`), the way a team does:
both run on loopback ports, Prometheus scrapes itself and the exporter every second, and after a
few minutes `handover pull prometheus` saves what the project's dashboard and objectives ask for
(with the raw buckets of one histogram). Beside those, one scrape of each target (Prometheus text
0.0.4) and an OpenMetrics exposition of the official Python client (`prometheus_client`), named
after the scrape time.

    python3 scripts/record-monitoring.py [--minutes 4] [--handover .build/debug/handover]

The time of the recording is written to `recorded-at` (seconds), the build time the tests use.
"""
import argparse
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = pathlib.Path(__file__).resolve().parent.parent
PROJECT = REPO / "Tests" / "BuildTests" / "Fixtures" / "recorded"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"record-monitoring: {url} did not answer")


def fetch(url, accept):
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def stamp(t):
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=4)
    parser.add_argument("--handover", default=str(REPO / ".build" / "debug" / "handover"))
    args = parser.parse_args()
    for binary in ("/usr/bin/prometheus", "/usr/bin/prometheus-node-exporter"):
        if not os.access(binary, os.X_OK):
            sys.exit(f"record-monitoring: {binary} is missing (apt-get install prometheus prometheus-node-exporter)")
    work = pathlib.Path(tempfile.mkdtemp(prefix="handover-record-"))
    prom_port, node_port = free_port(), free_port()
    (work / "prometheus.yml").write_text(
        "global: { scrape_interval: 1s, evaluation_interval: 1s }\n"
        "scrape_configs:\n"
        f"  - {{ job_name: prometheus, static_configs: [ {{ targets: ['127.0.0.1:{prom_port}'] }} ] }}\n"
        f"  - {{ job_name: node, static_configs: [ {{ targets: ['127.0.0.1:{node_port}'] }} ] }}\n")
    processes = [
        subprocess.Popen(["/usr/bin/prometheus-node-exporter", f"--web.listen-address=127.0.0.1:{node_port}",
                          "--collector.disable-defaults", "--collector.cpu", "--collector.meminfo",
                          "--collector.loadavg", "--collector.netdev", "--collector.filesystem"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen(["/usr/bin/prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/data",
                          f"--web.listen-address=127.0.0.1:{prom_port}", "--log.level=error"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        url = f"http://127.0.0.1:{prom_port}"
        wait_for(f"{url}/-/ready")
        wait_for(f"http://127.0.0.1:{node_port}/metrics")
        print(f"record-monitoring: recording for {args.minutes} min …", flush=True)
        time.sleep(args.minutes * 60)
        monitoring = PROJECT / "Content" / "monitoring"
        shutil.rmtree(monitoring, ignore_errors=True)
        monitoring.mkdir(parents=True)
        # One scrape of each exporter, as a team saves `curl …/metrics`: the time is in the name.
        now = time.time()
        (monitoring / f"node-{stamp(now)}.prom").write_bytes(
            fetch(f"http://127.0.0.1:{node_port}/metrics", "text/plain;version=0.0.4"))
        # Prometheus 2.42 and node exporter 1.5 answer Prometheus text 0.0.4 whatever is asked.
        (monitoring / f"prometheus-{stamp(now)}.prom").write_bytes(fetch(f"{url}/metrics", "text/plain;version=0.0.4"))
        # OpenMetrics as the official Python client writes it for a scoring service.
        sys.path.insert(0, str(REPO / "scripts"))
        from openmetrics_client import exposition
        (monitoring / f"scoring-{stamp(now)}.om").write_bytes(exposition())
        minutes = int(args.minutes)
        # The dashboard's range panels and objectives, and the raw buckets Handover evaluates a
        # quantile from itself; the one-scrape panels read only the scrapes above.
        queries = [
            'up{job="prometheus"}', 'up{job="node"}',
            'histogram_quantile(0.95, sum by (le) (rate(prometheus_http_request_duration_seconds_bucket{handler="/metrics"}[30s])))',
            'prometheus_http_request_duration_seconds_bucket{handler="/metrics"}',
            'node_memory_MemTotal_bytes{job="node"}',
            'rate(prometheus_http_requests_total{code="200"}[30s])',
            'rate(node_cpu_seconds_total{mode="idle"}[30s])',
            'rate(node_network_receive_bytes_total[30s])',
        ]
        subprocess.run([args.handover, "pull", "prometheus", "--url", url, *[a for q in queries for a in ("--query", q)],
                        "--range", f"{minutes}m", "--step", "2s", "-o", str(monitoring / "pulled.json")], check=True)
        (PROJECT / "recorded-at").write_text(f"{int(now)}\n")
        versions = subprocess.run(["dpkg-query", "-W", "prometheus", "prometheus-node-exporter"], capture_output=True, text=True)
        (PROJECT / "recorded-with").write_text(versions.stdout)
        print(f"record-monitoring: wrote {monitoring}")
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
