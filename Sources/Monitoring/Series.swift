/// One time series: a metric name, labels, and samples in time order.
public struct Series: Sendable, Equatable {
    /// `__name__`; empty for a series without a name (query results often are).
    public var name: String
    /// Labels other than `__name__`.
    public var labels: [String: String]
    /// Milliseconds since 1970, ascending.
    public var timestamps: [Int64]
    public var values: [Double]

    public init(name: String, labels: [String: String] = [:], timestamps: [Int64] = [], values: [Double] = []) {
        self.name = name
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    public var isEmpty: Bool { timestamps.isEmpty }

    /// `name{a="1", b="2"}`, labels sorted: the identity of a series and its display name.
    public var key: String { Series.key(name: name, labels: labels) }

    public static func key(name: String, labels: [String: String]) -> String {
        if labels.isEmpty { return name.isEmpty ? "{}" : name }
        let inner = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(escapeLabel($0.value))\"" }.joined(separator: ", ")
        return name + "{" + inner + "}"
    }

    static func escapeLabel(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The label a selector sees for `__name__` too.
    public func label(_ name: String) -> String? {
        name == "__name__" ? (self.name.isEmpty ? nil : self.name) : labels[name]
    }

    /// Sorts samples by time and drops duplicate timestamps (the later file wins).
    mutating func normalise() {
        guard timestamps.count > 1 else { return }
        var sorted = true
        for i in 1..<timestamps.count where timestamps[i] <= timestamps[i - 1] { sorted = false; break }
        if sorted { return }
        let order = timestamps.indices.sorted { (timestamps[$0], $0) < (timestamps[$1], $1) }
        var ts: [Int64] = [], vs: [Double] = []
        ts.reserveCapacity(order.count)
        vs.reserveCapacity(order.count)
        for i in order {
            if let last = ts.last, last == timestamps[i] {
                vs[vs.count - 1] = values[i]
            } else {
                ts.append(timestamps[i])
                vs.append(values[i])
            }
        }
        timestamps = ts
        values = vs
    }
}

/// Every series of every snapshot file, merged by identity: a folder of scrapes becomes time series.
public struct SeriesStore: Sendable {
    public private(set) var series: [Series] = []
    private var indexByKey: [String: Int] = [:]
    /// Whole expressions answered by Prometheus (pulled files and their `*.queries.yaml`).
    public var answers = QueryAnswers()

    public init(_ series: [Series] = []) {
        for s in series { add(s) }
        finish()
    }

    public mutating func add(_ s: Series) {
        let key = s.key
        if let i = indexByKey[key] {
            series[i].timestamps += s.timestamps
            series[i].values += s.values
        } else {
            indexByKey[key] = series.count
            series.append(s)
        }
    }

    /// Sorts every series' samples; call once after adding.
    public mutating func finish() {
        for i in series.indices { series[i].normalise() }
        answers.finish()
    }

    /// The newest sample time of all series and answers, in milliseconds.
    public var newestTimestamp: Int64? { [series.compactMap(\.timestamps.last).max(), answers.newestTimestamp].compactMap { $0 }.max() }
}

/// Sample times Handover accepts: within ±10¹⁴ ms of 1970 (until about the year 5138).
/// Anything beyond is a broken file, and would overflow the arithmetic on times.
let maximumMilliseconds: Int64 = 100_000_000_000_000

/// Seconds (possibly fractional) to milliseconds; nil when not finite or out of range.
func milliseconds(fromSeconds seconds: Double) -> Int64? {
    let ms = (seconds * 1000).rounded()
    guard ms.isFinite, abs(ms) <= Double(maximumMilliseconds) else { return nil }
    return Int64(ms)
}
