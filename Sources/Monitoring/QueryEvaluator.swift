/// Evaluates a query over the series store. Functions are evaluated at every sample time of
/// their input series, which for a snapshot are the step times Prometheus or the exporter chose.
public struct QueryEvaluator: Sendable {
    public let store: SeriesStore

    public init(store: SeriesStore) { self.store = store }

    public func evaluate(_ query: Query) -> [Series] {
        switch query {
        case .selector(let selector):
            return store.series.filter { selector.matches($0) }
        case .rate(let selector, let range), .increase(let selector, let range):
            let isRate: Bool
            if case .rate = query { isRate = true } else { isRate = false }
            return store.series.filter { selector.matches($0) }.map { series in
                var out = Series(name: "", labels: series.labels)
                let t = series.timestamps, v = series.values
                var start = 0
                for end in t.indices {
                    // The range is left-open: (t - range, t].
                    while start < end, t[start] <= t[end] - range { start += 1 }
                    if let value = Self.extrapolatedDelta(
                        t, v, start, end, rangeStart: t[end] - range, rangeEnd: t[end],
                        range: range, isRate: isRate)
                    {
                        out.timestamps.append(t[end])
                        out.values.append(value)
                    }
                }
                return out
            }
        case .histogramQuantile(let q, let inner):
            return Self.histogramQuantile(q, evaluate(inner))
        }
    }

    /// Prometheus's `extrapolatedRate` (promql/functions.go) for counters.
    static func extrapolatedDelta(
        _ t: [Int64], _ v: [Double], _ first: Int, _ last: Int,
        rangeStart: Int64, rangeEnd: Int64, range: Int64, isRate: Bool
    ) -> Double? {
        let count = last - first + 1
        guard count >= 2 else { return nil }
        var result = v[last] - v[first]
        for k in (first + 1)...last where v[k] < v[k - 1] { result += v[k - 1] }  // a counter reset
        var durationToStart = Double(t[first] - rangeStart) / 1000
        let durationToEnd = Double(rangeEnd - t[last]) / 1000
        let sampledInterval = Double(t[last] - t[first]) / 1000
        guard sampledInterval > 0 else { return nil }
        let averageBetweenSamples = sampledInterval / Double(count - 1)
        if result > 0, v[first] >= 0 {
            let durationToZero = sampledInterval * (v[first] / result)
            if durationToZero < durationToStart { durationToStart = durationToZero }
        }
        let threshold = averageBetweenSamples * 1.1
        var extrapolateTo = sampledInterval
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2
        result *= extrapolateTo / sampledInterval
        if isRate { result /= Double(range) / 1000 }
        return result
    }

    /// Groups `_bucket` series by their labels without `le` and interpolates within the bucket
    /// that holds the rank, as Prometheus's `bucketQuantile` does.
    static func histogramQuantile(_ q: Double, _ buckets: [Series]) -> [Series] {
        var groups: [String: (labels: [String: String], buckets: [(le: Double, series: Series)])] = [:]
        var order: [String] = []
        for series in buckets {
            guard let leText = series.labels["le"], let le = parseSampleValue(leText) else { continue }
            var labels = series.labels
            labels.removeValue(forKey: "le")
            let key = Series.key(name: "", labels: labels)
            if groups[key] == nil { groups[key] = (labels, []); order.append(key) }
            groups[key]!.buckets.append((le, series))
        }
        return order.map { key in
            let group = groups[key]!
            let sorted = group.buckets.sorted { $0.le < $1.le }
            var out = Series(name: "", labels: group.labels)
            // Evaluate at the times every bucket has a sample.
            var valuesAt: [Int64: [Double?]] = [:]
            for (b, bucket) in sorted.enumerated() {
                for (t, v) in zip(bucket.series.timestamps, bucket.series.values) {
                    valuesAt[t, default: Array(repeating: nil, count: sorted.count)][b] = v
                }
            }
            for t in valuesAt.keys.sorted() {
                let counts = valuesAt[t]!
                guard counts.allSatisfy({ $0 != nil }) else { continue }
                let value = bucketQuantile(q, zip(sorted.map(\.le), counts.map { $0! }).map { ($0, $1) })
                out.timestamps.append(t)
                out.values.append(value)
            }
            return out
        }
    }

    static func bucketQuantile(_ q: Double, _ input: [(upper: Double, count: Double)]) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        var buckets = input.sorted { $0.upper < $1.upper }
        guard buckets.count >= 2, buckets.last!.upper == .infinity else { return .nan }
        // Counts must not fall as the bound rises (scrapes are not atomic).
        for k in 1..<buckets.count where buckets[k].count < buckets[k - 1].count { buckets[k].count = buckets[k - 1].count }
        let total = buckets.last!.count
        guard total > 0 else { return .nan }
        var rank = q * total
        var b = buckets.firstIndex { $0.count >= rank } ?? buckets.count - 1
        if b == buckets.count - 1 { return buckets[buckets.count - 2].upper }
        if b == 0, buckets[0].upper <= 0 { return buckets[0].upper }
        var bucketStart = 0.0
        let bucketEnd = buckets[b].upper
        var count = buckets[b].count
        if b > 0 {
            bucketStart = buckets[b - 1].upper
            count -= buckets[b - 1].count
            rank -= buckets[b - 1].count
        }
        if count == 0 { b = max(0, b); return bucketEnd }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count)
    }
}
