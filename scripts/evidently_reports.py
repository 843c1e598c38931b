"""Writes Evidently reports as the real `evidently` package (PyPI) makes them, on a small synthetic
data set: the fixtures of Handover's Evidently reader and the reports of its browser test.

    python3 scripts/evidently_reports.py OUT_DIR [--runs N]

Per run i (a day apart, ending 2026-11-24T22:00:00Z): `data-drift-<time>.json` (0.7 Report,
DataDriftPreset with its tests), and for the last run `legacy-drift-<time>.json` (legacy Report,
DataDriftPreset) and `data-quality-<time>.json` (legacy TestSuite: drift and data-quality tests).
The drift grows run by run: `monthly_charges` shifts, `tenure` stays put."""
import argparse
import datetime
import pathlib
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")


def frames(run, runs, rows=400):
    rng = np.random.default_rng(11)
    reference = pd.DataFrame({
        "tenure": rng.integers(1, 72, rows).astype(float),
        "monthly_charges": rng.normal(70, 15, rows),
        "contract": rng.choice(["monthly", "yearly", "two-year"], rows, p=[0.5, 0.3, 0.2]),
        "prediction": rng.uniform(0, 1, rows),
    })
    shift = run / max(runs - 1, 1)
    rng = np.random.default_rng(101 + run)
    current = pd.DataFrame({
        "tenure": rng.integers(1, 72, rows).astype(float),
        "monthly_charges": rng.normal(70 + 10 * shift, 15, rows),
        "contract": rng.choice(["monthly", "yearly", "two-year"], rows, p=[0.5 + 0.2 * shift, 0.3 - 0.1 * shift, 0.2 - 0.1 * shift]),
        "prediction": rng.uniform(0.02 * shift, 1, rows),
    })
    if run == runs - 1:
        current.loc[current.index[:5], "tenure"] = np.nan
    return reference, current


END = datetime.datetime(2026, 11, 24, 22, 0, tzinfo=datetime.timezone.utc)
# `--names shipments`: the columns of the example project's delay-risk model.
NAMES = {
    "churn": {},
    "shipments": {"tenure": "distance_km", "monthly_charges": "forecast_precip_mm", "contract": "carrier", "prediction": "delay_risk"},
}
CATEGORIES = {"shipments": {"monthly": "northline", "yearly": "coastal", "two-year": "express"}}


def stamp(run, runs):
    end = END
    return (end - datetime.timedelta(days=runs - 1 - run)).strftime("%Y%m%dT%H%M%SZ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--end", help="the time of the last run, e.g. 2026-11-25T22:00:00Z")
    parser.add_argument("--names", choices=sorted(NAMES), default="churn")
    args = parser.parse_args()
    global END
    if args.end:
        END = datetime.datetime.fromisoformat(args.end.replace("Z", "+00:00"))
    names, categories = NAMES[args.names], CATEGORIES.get(args.names, {})

    def renamed(frame):
        return frame.rename(columns=names).replace(categories)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from evidently import Dataset, DataDefinition, Report
    from evidently.presets import DataDriftPreset
    from evidently.legacy.report import Report as LegacyReport
    from evidently.legacy.metric_preset import DataDriftPreset as LegacyDriftPreset
    from evidently.legacy.test_suite import TestSuite
    from evidently.legacy.test_preset import DataDriftTestPreset
    from evidently.legacy.tests import TestNumberOfMissingValues, TestShareOfOutRangeValues

    def column(name):
        return names.get(name, name)

    definition = DataDefinition(
        numerical_columns=[column("tenure"), column("monthly_charges"), column("prediction")], categorical_columns=[column("contract")])
    for run in range(args.runs):
        reference, current = map(renamed, frames(run, args.runs))
        report = Report([DataDriftPreset()], include_tests=True)
        snapshot = report.run(
            Dataset.from_pandas(current, data_definition=definition), Dataset.from_pandas(reference, data_definition=definition))
        (out / f"data-drift-{stamp(run, args.runs)}.json").write_text(snapshot.json())
    reference, current = map(renamed, frames(args.runs - 1, args.runs))
    # A column with no values: Evidently writes a bare NaN.
    from evidently.metrics import MeanValue, ValueDrift
    empty = current.assign(refund=np.nan)
    nan_report = Report([MeanValue(column="refund"), ValueDrift(column=column("tenure"), method="wasserstein", threshold=0.1)])
    nan_definition = DataDefinition(
        numerical_columns=[column("tenure"), column("monthly_charges"), column("prediction"), "refund"], categorical_columns=[column("contract")])
    snapshot = nan_report.run(
        Dataset.from_pandas(empty, data_definition=nan_definition), Dataset.from_pandas(reference.assign(refund=np.nan), data_definition=nan_definition))
    (out / f"nan-values-{stamp(args.runs - 1, args.runs)}.json").write_text(snapshot.json())
    legacy = LegacyReport(metrics=[LegacyDriftPreset()])
    legacy.run(reference_data=reference, current_data=current)
    (out / f"legacy-drift-{stamp(args.runs - 1, args.runs)}.json").write_text(legacy.json())
    suite = TestSuite(tests=[DataDriftTestPreset(), TestNumberOfMissingValues(lt=1), TestShareOfOutRangeValues(column_name=column("tenure"), lt=0.1)])
    suite.run(reference_data=reference, current_data=current)
    (out / f"data-quality-{stamp(args.runs - 1, args.runs)}.json").write_text(suite.json())


if __name__ == "__main__":
    main()
