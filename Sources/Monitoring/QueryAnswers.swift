/// What Prometheus itself answered for whole expressions: the files `handover pull prometheus`
/// writes, mapped to their expressions by the `*.queries.yaml` beside them.
///
/// A pulled `rate(...)` or `histogram_quantile(...)` answer holds computed series without a
/// metric name, which no selector of the expression matches: evaluating the expression again on
/// it finds nothing. Build takes the answer as Prometheus computed it instead.
public struct QueryAnswers: Sendable {
    private var byKey: [String: [Series]] = [:]
    private var indexByKey: [String: [String: Int]] = [:]

    public init() {}

    public var isEmpty: Bool { byKey.isEmpty }

    /// Adds series Prometheus returned for `expression`; series of the same labels in several
    /// files (two pulls of the same expression) become one series.
    public mutating func add(_ series: [Series], for expression: String) {
        let key = Self.key(expression)
        var list = byKey[key] ?? []
        var index = indexByKey[key] ?? [:]
        for s in series {
            if let i = index[s.key] {
                list[i].timestamps += s.timestamps
                list[i].values += s.values
            } else {
                index[s.key] = list.count
                list.append(s)
            }
        }
        byKey[key] = list
        indexByKey[key] = index
    }

    /// Sorts every answer's samples; call once after adding.
    public mutating func finish() {
        for key in byKey.keys {
            for i in byKey[key]!.indices { byKey[key]![i].normalise() }
        }
    }

    var newestTimestamp: Int64? { byKey.values.flatMap { $0.compactMap(\.timestamps.last) }.max() }

    /// The series Prometheus answered for this expression, or nil when none was pulled.
    public func answer(for expression: String) -> [Series]? { byKey[Self.key(expression)] }

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
