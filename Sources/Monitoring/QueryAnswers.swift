/// What Prometheus itself answered for whole expressions: the files `handover pull prometheus`
/// writes, mapped to their expressions by the `*.queries.yaml` beside them.
///
/// A pulled `rate(...)` or `histogram_quantile(...)` answer holds computed series without a
/// metric name, which no selector of the expression matches: evaluating the expression again on
/// it finds nothing. Build takes the answer as Prometheus computed it instead.
public struct QueryAnswers: Sendable {
    /// One store per expression: series of the same labels in several files (two pulls of the
    /// same expression) merge as in any store, and never with another expression's.
    private var stores: [String: SeriesStore] = [:]

    public init() {}

    public var isEmpty: Bool { stores.isEmpty }

    /// Adds series Prometheus returned for `expression`; an empty answer is an answer too ("no data").
    public mutating func add(_ series: [Series], for expression: String) {
        let key = Self.key(expression)
        if stores[key] == nil { stores[key] = SeriesStore() }
        for s in series { stores[key]!.add(s) }
    }

    /// Sorts every answer's samples; call once after adding.
    public mutating func finish() {
        for key in stores.keys { stores[key]!.finish() }
    }

    var newestTimestamp: Int64? { stores.values.compactMap(\.newestTimestamp).max() }

    /// The series Prometheus answered for this expression, or nil when none was pulled.
    public func answer(for expression: String) -> [Series]? { stores[Self.key(expression)]?.series }

    /// The expression without the spaces PromQL ignores (outside quoted strings), so that
    /// `rate(x[5m])` and `rate( x[5m] )` are the same question.
    public static func key(_ expression: String) -> String {
        var out = ""
        var quote: Character?
        var escaped = false
        for ch in expression {
            if let q = quote {
                out.append(ch)
                if escaped {
                    escaped = false
                } else if ch == "\\" && q != "`" {
                    escaped = true
                } else if ch == q {
                    quote = nil
                }
            } else if ch == "\"" || ch == "'" || ch == "`" {
                quote = ch
                out.append(ch)
            } else if !ch.isWhitespace {
                out.append(ch)
            }
        }
        return out
    }
}
