import Basics
import Basics
import Diagnostics
import Foundation

/// Prometheus HTTP API responses (`query_range`, `query`) and Azure Monitor metrics responses.
enum JSONSnapshotReader {
    static func read(_ data: Data, path: String) -> (series: [Series], format: SnapshotFormat?, diagnostics: [Diagnostic]) {
        // Prometheus responses start with "status"; decide without parsing the whole file twice.
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        // The text is only needed to place an error: made lazily.
        let text = LazyText(data: data)
        if head.contains("\"status\"") || head.contains("\"resultType\"") {
            let (series, diagnostics) = readPrometheus(data, text: text, path: path)
            return (series, .prometheusJSON, diagnostics)
        }
        // A bare result list (what Prometheus clients and Grafana keep of a response).
        if head.drop(while: { $0.isWhitespace }).hasPrefix("["), head.contains("\"metric\"") {
            let wrapped =
                Data("{\"status\":\"success\",\"data\":{\"resultType\":\"\(head.contains("\"values\"") ? "matrix" : "vector")\",\"result\":".utf8) + data
                + Data("}}".utf8)
            let (series, diagnostics) = readPrometheus(wrapped, text: text, path: path)
            return (series, .prometheusJSON, diagnostics)
        }
        if head.contains("\"timeseries\"") || head.contains("\"value\"") {
            let (series, diagnostics) = readAzure(data, text: text, path: path)
            return (series, .azureMonitorJSON, diagnostics)
        }
        return (
            [], nil,
            [
                .error(
                    at: SourceLocation(path: path, line: 1, column: 1),
                    "JSON that is neither a Prometheus API response (no \"status\") nor Azure Monitor metrics (no \"value\")",
                    hint: "save the response of /api/v1/query_range, or of the Azure Monitor metrics REST API, as it is")
            ]
        )
    }

    // MARK: Prometheus

    struct Response: Decodable {
        var status: String
        var data: ResponseData?
        var errorType: String?
        var error: String?
        var warnings: [String]?
    }

    struct ResponseData: Decodable {
        var series: [Series] = []
        var skippedHistograms = 0

        enum Keys: String, CodingKey { case resultType, result }

        struct MatrixItem: Decodable {
            var metric: [String: String]?
            var values: [Pair]?
            var histograms: [AnyDecodable]?
        }
        struct VectorItem: Decodable {
            var metric: [String: String]?
            var value: Pair?
            var histogram: AnyDecodable?
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            let type = try c.decode(String.self, forKey: .resultType)
            func split(_ metric: [String: String]?) -> (String, [String: String]) {
                var labels = metric ?? [:]
                let name = labels.removeValue(forKey: "__name__") ?? ""
                return (name, labels)
            }
            switch type {
            case "matrix":
                for item in try c.decode([MatrixItem].self, forKey: .result) {
                    let (name, labels) = split(item.metric)
                    guard let values = item.values else {
                        if item.histograms != nil { skippedHistograms += 1 }
                        continue
                    }
                    var s = Series(name: name, labels: labels)
                    s.timestamps.reserveCapacity(values.count)
                    s.values.reserveCapacity(values.count)
                    for pair in values {
                        s.timestamps.append(pair.milliseconds)
                        s.values.append(pair.value)
                    }
                    series.append(s)
                }
            case "vector":
                for item in try c.decode([VectorItem].self, forKey: .result) {
                    let (name, labels) = split(item.metric)
                    guard let pair = item.value else {
                        if item.histogram != nil { skippedHistograms += 1 }
                        continue
                    }
                    series.append(Series(name: name, labels: labels, timestamps: [pair.milliseconds], values: [pair.value]))
                }
            case "scalar":
                let pair = try c.decode(Pair.self, forKey: .result)
                series.append(Series(name: "", labels: [:], timestamps: [pair.milliseconds], values: [pair.value]))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .resultType, in: c,
                    debugDescription: "resultType \"\(type)\" holds no series (matrix, vector or scalar expected)")
            }
        }
    }

    /// `[1700000000.123, "0.5"]`: seconds as a number, the value as a string ("NaN", "+Inf" too).
    struct Pair: Decodable {
        var milliseconds: Int64
        var value: Double

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            let seconds = try c.decode(Double.self)
            guard let ms = Monitoring.milliseconds(fromSeconds: seconds) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "timestamp \(seconds) is not a time in seconds since 1970")
            }
            milliseconds = ms
            if let text = try? c.decode(String.self) {
                guard let v = parseSampleValue(text) else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number as a string, found \"\(text)\"")
                }
                value = v
            } else {
                value = try c.decode(Double.self)
            }
        }
    }

    struct AnyDecodable: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    final class LazyText {
        let data: Data
        init(data: Data) { self.data = data }
        lazy var value: String = String(decoding: data, as: UTF8.self)
    }

    static func readPrometheus(_ data: Data, text: LazyText, path: String) -> ([Series], [Diagnostic]) {
        if let fast = PrometheusFastScanner.scan(data) {
            return (fast.series, fast.warnings.map { .warning(at: SourceLocation(path: path), "Prometheus warned: \($0)") })
        }
        do {
            let response = try JSONDecoder().decode(Response.self, from: data)
            var diagnostics: [Diagnostic] = []
            if response.status != "success" {
                let kind = response.errorType.map { " (\($0))" } ?? ""
                return (
                    [],
                    [
                        .error(
                            at: SourceLocation(path: path),
                            "Prometheus returned an error\(kind): \(response.error ?? "no message")",
                            hint: "this file is an error response, not data: fix the query and export again")
                    ]
                )
            }
            for warning in response.warnings ?? [] {
                diagnostics.append(.warning(at: SourceLocation(path: path), "Prometheus warned: \(warning)"))
            }
            guard let body = response.data else {
                return ([], [.error(at: SourceLocation(path: path), "Prometheus response without \"data\"")])
            }
            if body.skippedHistograms > 0 {
                diagnostics.append(
                    .warning(
                        at: SourceLocation(path: path),
                        "\(body.skippedHistograms) native histogram series skipped: Handover reads classic `_bucket` series"))
            }
            return (body.series, diagnostics)
        } catch {
            return ([], [jsonDiagnostic(error, text: text.value, path: path, what: "a Prometheus API response")])
        }
    }

    // MARK: Azure Monitor

    static let aggregates = ["average", "minimum", "maximum", "total", "count"]

    static func readAzure(_ data: Data, text lazyText: LazyText, path: String) -> ([Series], [Diagnostic]) {
        let text = lazyText.value
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            return ([], [jsonDiagnostic(error, text: text, path: path, what: "Azure Monitor metrics JSON")])
        }
        guard let object = root as? [String: Any], let metrics = object["value"] as? [[String: Any]] else {
            return (
                [],
                [
                    .error(
                        at: SourceLocation(path: path, line: 1, column: 1),
                        "expected Azure Monitor metrics: an object with a \"value\" list, found something else")
                ]
            )
        }
        var result: [Series] = []
        var diagnostics: [Diagnostic] = []
        for (m, metric) in metrics.enumerated() {
            let nameObject = metric["name"] as? [String: Any]
            guard let rawName = (nameObject?["value"] as? String) ?? (metric["name"] as? String) else {
                diagnostics.append(
                    .error(
                        at: location(ofPath: "value[\(m)].name", in: text, path: path),
                        "expected value[\(m)].name.value, the metric's name, found none"))
                continue
            }
            let name = metricName(rawName)
            for ts in metric["timeseries"] as? [[String: Any]] ?? [] {
                var labels: [String: String] = [:]
                if let unit = metric["unit"] as? String { labels["unit"] = unit }
                for meta in ts["metadatavalues"] as? [[String: Any]] ?? [] {
                    let key = ((meta["name"] as? [String: Any])?["value"] as? String) ?? (meta["name"] as? String)
                    if let key, let value = meta["value"] as? String { labels[metricName(key)] = value }
                }
                var perAggregate: [String: Series] = [:]
                for point in ts["data"] as? [[String: Any]] ?? [] {
                    guard let stamp = point["timeStamp"] as? String, let ms = parseISO8601Milliseconds(stamp) else {
                        diagnostics.append(
                            .error(
                                at: location(ofPath: "timeStamp", in: text, path: path),
                                "expected an ISO 8601 timeStamp in \(rawName)'s data, found \(String(describing: point["timeStamp"] ?? "none"))"))
                        continue
                    }
                    // An aggregate Azure leaves out is missing, not zero.
                    for aggregate in aggregates {
                        guard let number = point[aggregate] as? NSNumber else { continue }
                        var labelsWithAggregate = labels
                        labelsWithAggregate["aggregation"] = aggregate
                        perAggregate[aggregate, default: Series(name: name, labels: labelsWithAggregate)].timestamps.append(ms)
                        perAggregate[aggregate]!.values.append(number.doubleValue)
                    }
                }
                for aggregate in aggregates { if var s = perAggregate[aggregate] { s.normalise(); result.append(s) } }
            }
        }
        return (result, diagnostics)
    }

    /// `Percentage CPU` → `percentage_cpu`, `CpuUtilizationPercentage` → `cpu_utilization_percentage`:
    /// a name PromQL selectors can write.
    static func metricName(_ raw: String) -> String {
        var out = ""
        var lastUnderscore = false
        var previousLower = false
        for scalar in raw.unicodeScalars {
            let isUpper = scalar >= "A" && scalar <= "Z"
            if isUpper, previousLower, !lastUnderscore { out += "_" }
            previousLower = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            let lower = isUpper ? Unicode.Scalar(scalar.value + 32)! : scalar
            if (lower >= "a" && lower <= "z") || (lower >= "0" && lower <= "9") {
                out.unicodeScalars.append(lower)
                lastUnderscore = false
            } else if !lastUnderscore, !out.isEmpty {
                out += "_"
                lastUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if let first = out.first, first.isNumber { out = "_" + out }
        return out.isEmpty ? "metric" : out
    }

    // MARK: Locations

    /// Foundation's JSON errors carry no position in a form we can rely on: find one in the message
    /// ("around line 3, column 7") or, for a type error, at the key the coding path names.
    static func jsonDiagnostic(_ error: any Error, text: String, path: String, what: String) -> Diagnostic {
        var message = "\(error)"
        var location = SourceLocation(path: path, line: 1, column: 1)
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
                let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                message = context.debugDescription
                if case .keyNotFound(let key, _) = decoding { message = "missing \"\(key.stringValue)\"" }
                if let underlying = context.underlyingError { message += " " + "\(underlying)" }
                if let last = context.codingPath.last(where: { $0.intValue == nil }) {
                    location = Self.location(ofPath: last.stringValue, in: text, path: path)
                }
                if !keys.isEmpty { message += " (at \(keys.joined(separator: ".")))" }
            @unknown default: break
            }
        }
        if let match = message.firstMatch(of: /line (\d+), column (\d+)/), let line = Int(match.1), let column = Int(match.2) {
            location = SourceLocation(path: path, line: line, column: column)
        }
        return .error(at: location, "expected \(what), found JSON that cannot be read: \(message)")
    }

    /// Where `"key"` first appears in the text.
    static func location(ofPath key: String, in text: String, path: String) -> SourceLocation {
        let needle = "\"\(key)\""
        guard let range = text.firstRange(of: needle) else { return SourceLocation(path: path, line: 1, column: 1) }
        var line = 1, column = 1
        for ch in text[..<range.lowerBound] {
            if ch == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}

/// Sample values as exporters write them: numbers, `NaN`, `+Inf`, `-Inf`, `Inf`.
func parseSampleValue(_ text: String) -> Double? {
    switch text.trimmingCharacters(in: .whitespaces) {
    case "NaN", "nan", "NAN": return .nan
    case "+Inf", "Inf", "+inf", "inf", "Infinity", "+Infinity": return .infinity
    case "-Inf", "-inf", "-Infinity": return -.infinity
    case let t: return Double(t)
    }
}

/// ISO 8601 with 0–9 fractional digits and `Z` or an offset; a space may replace `T`; no zone is UTC.
func parseISO8601Milliseconds(_ text: String) -> Int64? { ISO8601.parse(text)?.epochMilliseconds }
