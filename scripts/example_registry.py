"""Makes the MLflow registry the example project's `Content/mlflow/delay-risk/` was pulled from:
seven registered versions of `delay-risk` (small scikit-learn stand-ins with the real model's
features), their runs' metrics as the model report states them, aliases `champion` (7) and
`previous` (6). Times are moved onto the example's timeline in the server's own database, so the
answers `handover pull mlflow` records are still the server's.

    mlflow server --backend-store-uri sqlite:///$PWD/mlflow.db --artifacts-destination $PWD/art &
    python3 scripts/example_registry.py http://127.0.0.1:5000 mlflow.db
    SOURCE_DATE_EPOCH=1795651200 handover pull mlflow --url http://127.0.0.1:5000 --model delay-risk --alias champion
"""
import datetime
import sqlite3
import sys

import mlflow
import numpy as np
import pandas as pd
from mlflow.models import infer_signature
from sklearn.linear_model import LogisticRegression

FEATURES = ["carrier_on_time_rate_90d", "lane_late_rate_30d", "forecast_precip_mm", "stops", "distance_km",
            "promised_window_hour", "depot_load_ratio"]
# (trained, AUC, recall at 20% alert rate, Brier score, expected calibration error, data set)
VERSIONS = [
    ("2026-06-30", 0.781, 0.55, 0.112, 0.048, "shipments-2023-2025"),
    ("2026-07-21", 0.803, 0.59, 0.104, 0.041, "shipments-2023-2025"),
    ("2026-08-11", 0.829, 0.63, 0.097, 0.036, "shipments-2023-2026q2"),
    ("2026-08-20", 0.841, 0.66, 0.094, 0.033, "shipments-2023-2026q2"),
    ("2026-09-22", 0.862, 0.69, 0.088, 0.031, "shipments-2023-2026"),
    ("2026-09-30", 0.869, 0.70, 0.086, 0.034, "shipments-2023-2026"),
    ("2026-10-02", 0.874, 0.71, 0.083, 0.021, "shipments-2023-2026"),
]


def ms(day, hour=9):
    return int(datetime.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00").timestamp() * 1000)


def main():
    url, database = sys.argv[1], sys.argv[2]
    mlflow.set_tracking_uri(url)
    mlflow.set_experiment("delay-risk")
    rng = np.random.default_rng(3)
    X = pd.DataFrame({name: rng.uniform(0, 1, 300) for name in FEATURES})
    X["stops"] = rng.integers(1, 9, 300).astype("int64")
    y = (X.lane_late_rate_30d + 0.3 * X.forecast_precip_mm > 0.8).astype(int)
    runs = []
    for i, (day, auc, recall, brier, ece, data) in enumerate(VERSIONS):
        with mlflow.start_run(run_name=f"lightgbm-{day}") as run:
            model = LogisticRegression(C=0.5 + i).fit(X, y)
            mlflow.log_params({"num_leaves": 31 + 8 * i, "learning_rate": 0.05, "training_data": data})
            mlflow.log_metrics({"AUC": auc, "Recall at 20 percent alert rate": recall, "Brier score": brier, "Expected calibration error": ece})
            mlflow.log_input(mlflow.data.from_pandas(X, name=data), context="training")
            mlflow.set_tag("team", "Northwind data science")
            mlflow.sklearn.log_model(model, name="model", signature=infer_signature(X, model.predict_proba(X)[:, 1]),
                                     registered_model_name="delay-risk")
            runs.append(run.info.run_id)
    client = mlflow.MlflowClient()
    client.update_registered_model("delay-risk", description="Probability that a shipment arrives more than two hours late.")
    client.set_registered_model_alias("delay-risk", "champion", "7")
    client.set_registered_model_alias("delay-risk", "previous", "6")
    client.set_model_version_tag("delay-risk", "7", "validation", "passed")
    with sqlite3.connect(database) as db:
        for i, ((day, *_), run) in enumerate(zip(VERSIONS, runs)):
            start, end = ms(day, 9), ms(day, 11)
            db.execute("UPDATE runs SET start_time = ?, end_time = ? WHERE run_uuid = ?", (start, end, run))
            db.execute("UPDATE metrics SET timestamp = ? WHERE run_uuid = ?", (end, run))
            db.execute("UPDATE latest_metrics SET timestamp = ? WHERE run_uuid = ?", (end, run))
            db.execute("UPDATE model_versions SET creation_time = ?, last_updated_time = ? WHERE name = 'delay-risk' AND version = ?",
                       (ms(day, 12), ms(day, 12), i + 1))
        db.execute("UPDATE registered_models SET creation_time = ?, last_updated_time = ? WHERE name = 'delay-risk'",
                   (ms(VERSIONS[0][0], 12), ms(VERSIONS[-1][0], 12)))


if __name__ == "__main__":
    main()
