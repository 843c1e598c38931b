import Monitoring

/// What the Evidently reports in `monitoring/` say, grouped by report (the file name before its
/// time): the newest run of each, and each column's score across the runs. Pages lays it out.
public struct DriftData: Sendable {
    public struct Feature: Sendable {
        /// The column as the newest run read it.
        public var column: DriftReport.Column
        /// Its finite scores across the runs, oldest first.
        public var history: [Double]
    }

    public struct Report: Sendable {
        public var latest: DriftReport
        /// Runs of this report found, and the time of the oldest.
        public var runs: Int
        public var firstTime: Int64
        /// The drift share of each run that has one, oldest first.
        public var shareHistory: [Double]
        public var features: [Feature]
    }

    public var reports: [Report] = []

    public init(reports: [Report] = []) { self.reports = reports }

    public init(_ all: [DriftReport]) {
        var order: [String] = []
        var byName: [String: [DriftReport]] = [:]
        for report in all.sorted(by: { ($0.time, $0.path) < ($1.time, $1.path) }) {
            if byName[report.name] == nil { order.append(report.name) }
            byName[report.name, default: []].append(report)
        }
        reports = order.sorted().compactMap { name in
            guard let runs = byName[name], let latest = runs.last, let first = runs.first else { return nil }
            let features = latest.columns.map { column in
                Feature(
                    column: column,
                    history: runs.compactMap { run in run.columns.first { $0.name == column.name }?.score }.filter(\.isFinite))
            }
            return Report(
                latest: latest, runs: runs.count, firstTime: first.time,
                shareHistory: runs.compactMap(\.driftShare).filter(\.isFinite), features: features)
        }
    }
}
