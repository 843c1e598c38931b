/// The PromQL Handover understands: selectors, `rate` and `increase` over counters, and
/// `histogram_quantile` over bucket series, composable as in PromQL. Nothing else.
public indirect enum Query: Sendable, Equatable {
    case selector(Selector)
    /// `rate(x[5m])`: per-second increase, counter resets handled, extrapolated as Prometheus does.
    case rate(Selector, rangeMilliseconds: Int64)
    case increase(Selector, rangeMilliseconds: Int64)
    case histogramQuantile(Double, Query)
}

public struct Selector: Sendable, Equatable {
    public var name: String?
    public var matchers: [Matcher]

    public init(name: String?, matchers: [Matcher]) {
        self.name = name
        self.matchers = matchers
    }

    public func matches(_ series: Series) -> Bool {
        if let name, series.name != name { return false }
        return matchers.allSatisfy { $0.matches(series.label($0.label) ?? "") }
    }
}

public struct Matcher: Sendable, Equatable {
    public enum Op: String, Sendable {
        case equal = "=", notEqual = "!=", regex = "=~", notRegex = "!~"
    }

    public var label: String
    public var op: Op
    public var value: String

    public init(label: String, op: Op, value: String) {
        self.label = label
        self.op = op
        self.value = value
    }

    public func matches(_ actual: String) -> Bool {
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .regex: return fullMatch(actual)
        case .notRegex: return !fullMatch(actual)
        }
    }

    /// PromQL regexes are anchored at both ends.
    private func fullMatch(_ s: String) -> Bool {
        guard let regex = try? Regex("^(?:" + value + ")$") else { return false }
        return (try? regex.wholeMatch(in: s)) != nil
    }
}

/// A query that cannot be read, with the 1-based column in the query text.
public struct QueryError: Error, Sendable, Equatable {
    public var column: Int
    public var message: String
}
