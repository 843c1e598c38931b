"""An exposition as a Python scoring service writes it with the official client (PyPI
`prometheus_client`, `openmetrics.exposition.generate_latest`): every OpenMetrics type the client
has — counters with an exemplar, a histogram with an exemplar, a gauge, a summary, an info and a
stateset (Enum). Used by scripts/record-monitoring.py and by the browser tests."""


def exposition() -> bytes:
    from prometheus_client import CollectorRegistry, Counter, Enum, Gauge, Histogram, Info, Summary
    from prometheus_client.openmetrics.exposition import generate_latest

    registry = CollectorRegistry()
    requests = Counter("scoring_requests", "Scoring requests.", ["endpoint", "code"], registry=registry)
    requests.labels("score", "200").inc(1204)
    requests.labels("score", "500").inc(3)
    requests.labels("score", "200").inc(1, exemplar={"trace_id": "abc123"})
    latency = Histogram("scoring_request_duration_seconds", "Scoring latency.", ["endpoint"],
                        buckets=[0.05, 0.1, 0.25, 0.5, 1], registry=registry)
    for v in [0.03, 0.07, 0.2, 0.22, 0.4, 0.9, 2.0]:
        latency.labels("score").observe(v)
    latency.labels("score").observe(0.09, exemplar={"trace_id": "def456"})
    Gauge("model_drift_share", "Share of drifted columns.", registry=registry).set(0.125)
    Summary("feature_pipeline_rows", "Rows per run.", registry=registry).observe(48102)
    Info("model", "The deployed model.", registry=registry).info({"name": "delay-risk", "version": "3.2.0"})
    Enum("endpoint_state", "Endpoint state.", states=["starting", "running", "stopped"], registry=registry).state("running")
    return generate_latest(registry)
