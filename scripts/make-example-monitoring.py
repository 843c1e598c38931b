#!/usr/bin/env python3
"""Writes the example project's monitoring snapshots (Content/monitoring/), deterministically.

One story told in five formats: the scoring endpoint is healthy; the nightly rescoring finished
five and a half hours late on 2026-11-25 (its freshness objective was breached for part of the
day: degraded); the incident in Content/incidents/ explains it.
"""
import json, math, os, random

OUT = os.path.join(os.path.dirname(__file__), "..", "Content", "monitoring")
END = 1795649400          # 2026-11-25T23:30:00Z, the newest sample
STEP = 600                # 10 minutes
DAYS = 14
START = END - DAYS * 86400
rng = random.Random(2026)
times = list(range(START + STEP, END + STEP, STEP))


def fmt(v):
    return repr(round(v, 6)) if not float(v).is_integer() else str(int(v))


def prometheus_range():
    result = []
    instances = ["score-0:8080", "score-1:8080", "score-2:8080"]
    outage = (1795046400 + 9 * 3600, 1795046400 + 10 * 3600)  # 2026-11-18 09:00–10:00, one instance
    for inst in instances:
        values = []
        for t in times:
            down = inst == "score-1:8080" and outage[0] <= t < outage[1]
            values.append([t, "0" if down else "1"])
        result.append({"metric": {"__name__": "up", "job": "delay-risk-scoring", "instance": inst}, "values": values})
    # Requests: a counter with a daily cycle, reset by the 2.1.0 deployment on 2026-11-02 (before the window)
    # and by a pod restart on 2026-11-18 10:00.
    total, errors = 18_000_000.0, 21_000.0
    req, err = [], []
    buckets = [0.05, 0.1, 0.25, 0.5, 1.0, float("inf")]
    counts = [0.0] * len(buckets)
    bucket_values = [[] for _ in buckets]
    for t in times:
        hour = (t % 86400) / 3600
        rate = 22 + 14 * math.sin((hour - 9) / 24 * 2 * math.pi) + rng.uniform(-2, 2)
        n = rate * STEP
        if t == 1795046400 + 10 * 3600:
            total, errors, counts = 0.0, 0.0, [0.0] * len(buckets)
        total += n
        errors += n * rng.uniform(0.0004, 0.0009)
        req.append([t, fmt(round(total))])
        err.append([t, fmt(round(errors))])
        # Latency: most requests well under 100 ms; a tail that grows with load.
        tail = 0.02 + 0.01 * (rate / 36)
        shares = [0.55, 0.30, 0.15 - tail, tail * 0.8, tail * 0.2, 0.0]
        acc = 0.0
        for i in range(len(buckets)):
            acc += max(shares[i], 0)
            counts[i] += n * min(acc, 1.0) if i < len(buckets) - 1 else 0
        counts[-1] += n
        for i, c in enumerate(counts):
            bucket_values[i].append([t, fmt(round(c))])
    result.append({"metric": {"__name__": "scoring_requests_total", "endpoint": "score-realtime"}, "values": req})
    result.append({"metric": {"__name__": "scoring_requests_errors_total", "endpoint": "score-realtime"}, "values": err})
    for le, values in zip(buckets, bucket_values):
        result.append({"metric": {"__name__": "scoring_request_duration_seconds_bucket", "endpoint": "score-realtime",
                                  "le": "+Inf" if le == float("inf") else fmt(le)}, "values": values})
    body = {"status": "success", "data": {"resultType": "matrix", "result": result}}
    with open(os.path.join(OUT, "prometheus-scoring-14d.json"), "w") as f:
        json.dump(body, f, separators=(",", ":"))
        f.write("\n")


def batch_csv():
    # Hours since the last successful nightly rescoring; it normally finishes at 01:40 UTC.
    lines = ['\ufeff"Time","{__name__=""batch_last_success_age_hours"", job=""nightly-rescore""}"']
    late_day = 1795564800  # 2026-11-25
    last_success = None
    for t in times:
        day = t - t % 86400
        finish = day + (7 * 3600 + 10 * 60 if day == late_day else 3600 + 40 * 60)
        if t >= finish:
            last_success = finish
        elif last_success is None or last_success < day - 86400 + 3600:
            last_success = day - 86400 + 3600 + 40 * 60
        age = (t - last_success) / 3600
        lines.append(f"{t * 1000},{age:.2f}")
    with open(os.path.join(OUT, "scheduler-batch-freshness.csv"), "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def pipeline_scrapes():
    for stamp, rows, seconds in [("20261124T233000Z", 47231, 412.5), ("20261125T233000Z", 48102, 1873.2)]:
        text = f"""# HELP feature_rows_published Rows the feature pipeline published in its last run.
# TYPE feature_rows_published gauge
feature_rows_published{{pipeline="feature-pipeline"}} {rows}
# HELP feature_pipeline_duration_seconds Duration of the last run.
# TYPE feature_pipeline_duration_seconds gauge
feature_pipeline_duration_seconds{{pipeline="feature-pipeline"}} {seconds}
# HELP feature_pipeline_runs_total Runs by outcome.
# TYPE feature_pipeline_runs_total counter
feature_pipeline_runs_total{{pipeline="feature-pipeline",outcome="success"}} {29 if stamp.startswith('20261124') else 30}
feature_pipeline_runs_total{{pipeline="feature-pipeline",outcome="failure"}} {2 if stamp.startswith('20261124') else 3}
"""
        with open(os.path.join(OUT, f"feature-pipeline-{stamp}.prom"), "w") as f:
            f.write(text)


def drift_openmetrics():
    lines = ["# HELP prediction_psi Population stability index of the scores against the training data.",
             "# TYPE prediction_psi gauge"]
    for d in range(DAYS):
        t = START + (d + 1) * 86400 - 1800
        psi = 0.035 + 0.02 * math.sin(d / 3) + rng.uniform(0, 0.01)
        lines.append(f'prediction_psi{{model="delay-risk"}} {psi:.4f} {t}')
    lines.append("# HELP drift_checks Drift checks run.")
    lines.append("# TYPE drift_checks counter")
    lines.append(f'drift_checks_total{{model="delay-risk"}} {DAYS} {END - 1800} # {{run_id="drift-2026-11-25"}} 1 {END - 1800}')
    # The creation time belongs to the same MetricPoint as the total: it carries its timestamp.
    lines.append(f'drift_checks_created{{model="delay-risk"}} {START} {END - 1800}')
    lines.append("# EOF")
    with open(os.path.join(OUT, "drift-monitor.om"), "w") as f:
        f.write("\n".join(lines) + "\n")


def azure_cpu():
    data = []
    for t in range(START + 3600, END + 1, 3600):
        hour = (t % 86400) / 3600
        avg = 28 + 18 * math.sin((hour - 9) / 24 * 2 * math.pi) + rng.uniform(-3, 3)
        point = {"timeStamp": f"{iso(t)}", "average": round(avg, 2), "maximum": round(avg + rng.uniform(8, 20), 2)}
        if t % (6 * 3600) == 0:
            del point["maximum"]  # Azure leaves aggregates out now and then
        data.append(point)
    body = {"cost": 0, "timespan": f"{iso(START)}/{iso(END)}", "interval": "PT1H",
            "value": [{"id": "/subscriptions/0000/resourceGroups/nwl-ml/providers/Microsoft.MachineLearningServices/workspaces/nwl/onlineEndpoints/delay-risk/providers/Microsoft.Insights/metrics/CpuUtilizationPercentage",
                       "type": "Microsoft.Insights/metrics",
                       "name": {"value": "CpuUtilizationPercentage", "localizedValue": "CPU Utilization Percentage"},
                       "unit": "Percent",
                       "timeseries": [{"metadatavalues": [{"name": {"value": "deployment", "localizedValue": "deployment"}, "value": "green"}],
                                       "data": data}]}],
            "namespace": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", "resourceregion": "westeurope"}
    with open(os.path.join(OUT, "azure-monitor-endpoint-cpu.json"), "w") as f:
        json.dump(body, f, indent=1)
        f.write("\n")


def iso(t):
    import datetime
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    prometheus_range()
    batch_csv()
    pipeline_scrapes()
    drift_openmetrics()
    azure_cpu()
