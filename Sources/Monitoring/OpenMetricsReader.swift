import Diagnostics

/// OpenMetrics 1.0 text, read to the letter of its specification: the ABNF (which takes
/// precedence) and the data model's MUSTs. Every violation is an error at its line and column,
/// and, as the specification says, an invalid exposition is erroneous in its entirety: no series
/// come from it. Prometheus text 0.0.4 stays with the lenient `TextExpositionReader`.
///
/// Rules, by the section of the specification they come from:
/// - Overall structure: UTF-8 without a byte order mark, lines ended by LF alone, no blank lines,
///   ends with `# EOF` (one LF after it at most), no other `#` lines than TYPE, HELP and UNIT.
/// - ABNF: single spaces between tokens, label sets `{a="x",b="y"}` with no spaces or trailing
///   comma, label names without `:`, escapes `\\`, `\"`, `\n` and `\` before any other character
///   (kept as written), numbers as `realnumber`, `[sign]inf`/`infinity` or `nan` in any case,
///   timestamps as `realnumber` in seconds, exemplars ` # {labels} value [timestamp]`.
/// - Values: floats within float64's range.
/// - MetricFamily: names unique in the set and never clashing with another family's sample
///   names, families, metrics and MetricPoints not interleaved, at most one TYPE, UNIT and HELP,
///   all before the samples; a unit is the name's suffix, and empty for info and stateset; names
///   and label names starting with `_` are reserved.
/// - Types: each type's sample suffixes; counters `_total` non-negative, not NaN, never falling
///   without a new `_created`; histograms and gauge histograms with ascending unique `le`, a
///   `+Inf` bucket, cumulative integer counts, `_count` (`_gcount`) if and only if `_sum`
///   (`_gsum`) and equal to the `+Inf` bucket, no `_sum` beside negative buckets; summaries with
///   quantiles in [0, 1]; stateset values 0 or 1 with the family's label; info values 1;
///   exemplars only on counter totals and buckets, within their bucket, 128 code points of labels
///   at most.
struct OpenMetricsReader {
    let path: String
    let fileName: String
    /// Whether the file began with a byte order mark (already removed from `text`).
    var hadByteOrderMark = false

    static let maximumDiagnostics = 50
    static let exemplarLabelLimit = 128

    func read(_ text: String) -> ([Series], [Diagnostic]) {
        var state = ReadState(reader: self, fileTime: TextExpositionReader.timestamp(fromFileName: fileName))
        if hadByteOrderMark { state.error(1, 1, "OpenMetrics text must not begin with a byte order mark") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let endedWithNewline = lines.last == ""
        if endedWithNewline { lines.removeLast() }
        var sawEOF = false
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if state.stopped { break }
            if sawEOF {
                state.error(number, 1, "expected nothing after `# EOF`, found more text")
                break
            }
            let scalars = Array(line.unicodeScalars)
            if let cr = scalars.firstIndex(of: "\r") {
                state.error(number, cr + 1, "OpenMetrics lines end with a line feed alone, found a carriage return")
                continue
            }
            if scalars.isEmpty {
                state.error(number, 1, "OpenMetrics allows no blank lines")
                continue
            }
            if scalars == Self.eof {
                sawEOF = true
                continue
            }
            var cursor = LineCursor(scalars: scalars, line: number)
            if scalars[0] == "#" {
                state.descriptor(&cursor)
            } else {
                state.sample(&cursor)
            }
        }
        state.finishFamily()
        if !sawEOF {
            state.error(
                max(1, lines.count), 1, "OpenMetrics text must end with `# EOF`",
                hint: "a file named *.om, or one ending in # EOF, is read as OpenMetrics")
        }
        if let line = state.missingTimestampLine {
            state.error(
                line, 1, "samples carry no timestamp and the file name gives no time",
                hint: "name the file after the scrape time in UTC, e.g. \(fileName.split(separator: ".").first ?? "scrape")-20261124T222717Z.om")
        }
        let errors = state.diagnostics.contains { $0.severity == .error }
        var series = errors ? [] : state.series
        for i in series.indices { series[i].normalise() }
        return (series, state.diagnostics)
    }

    static let eof: [Unicode.Scalar] = Array("# EOF".unicodeScalars)
}

// MARK: - Families and their rules

/// The sample-name suffixes of each type, and which label a MetricPoint adds to a Metric's own.
enum MetricType: String, CaseIterable {
    case counter, gauge, histogram, gaugehistogram, stateset, info, summary, unknown

    var suffixes: [String] {
        switch self {
        case .counter: ["_total", "_created"]
        case .gauge, .stateset, .unknown: [""]
        case .info: ["_info"]
        case .summary: ["", "_count", "_sum", "_created"]
        case .histogram: ["_bucket", "_count", "_sum", "_created"]
        case .gaugehistogram: ["_bucket", "_gcount", "_gsum"]
        }
    }

    /// The label that tells a MetricPoint's samples apart (`le`, `quantile`, the state).
    func pointLabel(suffix: String, family: String) -> String? {
        switch (self, suffix) {
        case (.histogram, "_bucket"), (.gaugehistogram, "_bucket"): "le"
        case (.summary, ""): "quantile"
        case (.stateset, ""): family
        default: nil
        }
    }

    var allowsExemplar: (String) -> Bool {
        switch self {
        case .counter: { $0 == "_total" }
        case .histogram, .gaugehistogram: { $0 == "_bucket" }
        default: { _ in false }
        }
    }
}

private struct Family {
    let name: String
    let line: Int
    var type: MetricType = .unknown
    var typeLine: Int?
    var unitLine: Int?
    var helpLine: Int?
    var unit = ""
    var sawSample = false
    /// Already reported as clashing with another family: said once.
    var clashed = false
    var metricKeys: Set<String> = []
    var metric: Metric?

    func sampleNames() -> [String] { type.suffixes.map { name + $0 } }
}

private struct Metric {
    let key: String
    var point: Point?
    /// The last finished point's counter total and created time: a total may fall only on reset.
    var lastTotal: (value: Double, created: Double?)?
}

private struct Bucket {
    let le: Double
    let value: Double
}

private struct Point {
    let timestamp: Double?
    let line: Int
    var sampleIDs: Set<String> = []
    var buckets: [Bucket] = []
    var count: (value: Double, line: Int, name: String)?
    var sum: (value: Double, line: Int, name: String)?
    var total: Double?
    var created: Double?
}

private struct ParsedSample {
    var name: String
    var nameColumn: Int
    var labels: [(name: String, value: String, column: Int)]
    var value: Double
    var valueColumn: Int
    var timestamp: Double?
    var timestampColumn: Int
    var exemplar: (value: Double, column: Int, labelLength: Int)?
}

private struct ReadState {
    let reader: OpenMetricsReader
    let fileTime: Int64?
    var diagnostics: [Diagnostic] = []
    var stopped = false
    var family: Family?
    /// Every family seen, and the sample names each may use, for interleaving and clashes.
    var familyLines: [String: Int] = [:]
    var sampleNameOwners: [String: String] = [:]
    var series: [Series] = []
    var seriesIndex: [String: Int] = [:]
    var missingTimestampLine: Int?

    init(reader: OpenMetricsReader, fileTime: Int64?) {
        self.reader = reader
        self.fileTime = fileTime
    }

    mutating func error(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
        guard diagnostics.count < OpenMetricsReader.maximumDiagnostics else {
            stopped = true
            return
        }
        diagnostics.append(.error(at: SourceLocation(path: reader.path, line: line, column: column), message, hint: hint))
    }

    mutating func warning(_ line: Int, _ column: Int, _ message: String) {
        guard diagnostics.count < OpenMetricsReader.maximumDiagnostics else { return }
        diagnostics.append(.warning(at: SourceLocation(path: reader.path, line: line, column: column), message))
    }

    // MARK: Metadata lines

    mutating func descriptor(_ c: inout LineCursor) {
        let line = c.line
        guard c.take("# ") else {
            return error(line, 1, "expected `# TYPE`, `# HELP`, `# UNIT` or `# EOF`, found `\(c.preview(from: 0))`", hint: "OpenMetrics has no comments")
        }
        let keyword = c.word()
        guard ["TYPE", "HELP", "UNIT"].contains(keyword) else {
            let found = keyword.isEmpty ? c.describe() : "`\(keyword)`"
            return error(line, 3, "expected TYPE, HELP, UNIT or EOF after `# `, found \(found)", hint: "OpenMetrics has no comments")
        }
        guard c.take(" ") else { return error(line, c.column, "expected one space and a metric name after \(keyword), found \(c.describe())") }
        let nameColumn = c.column
        let name = c.metricName()
        guard !name.isEmpty else { return error(line, nameColumn, "expected a metric name, found \(c.describe())") }
        if family?.name != name || family?.sawSample == true {
            startFamily(name, line: line, column: nameColumn)
        }
        guard c.take(" ") else {
            return error(line, c.column, "expected one space and the \(keyword.lowercased()) after \(name), found \(c.describe())")
        }
        let valueColumn = c.column
        switch keyword {
        case "TYPE":
            let word = c.word()
            guard let type = MetricType(rawValue: word) else {
                return error(
                    line, valueColumn,
                    "expected a metric type (\(MetricType.allCases.map(\.rawValue).joined(separator: ", "))), found `\(word)`")
            }
            guard c.atEnd else { return error(line, c.column, "unexpected text after the type: \(c.describe())") }
            if let first = family?.typeLine { return error(line, 1, "a second `# TYPE` for \(name) (the first is on line \(first))") }
            family?.type = type
            family?.typeLine = line
        case "UNIT":
            let unit = c.metricNameCharacters()
            guard c.atEnd else { return error(line, c.column, "expected a unit of letters, digits, `_` and `:`, found \(c.describe())") }
            if let first = family?.unitLine { return error(line, 1, "a second `# UNIT` for \(name) (the first is on line \(first))") }
            family?.unitLine = line
            family?.unit = unit
            if !unit.isEmpty, !name.hasSuffix("_" + unit) {
                error(line, valueColumn, "a family with unit \(unit) must be named …_\(unit), found `\(name)`")
            }
        default:
            guard c.escapedString(until: nil) != nil else {
                if c.peek == "\"" {
                    return error(line, c.column, "a `\"` in help text must be escaped as `\\\"`")
                }
                return error(line, c.column, "the help text ends with a lone `\\`", hint: "write a backslash as \\\\")
            }
            if let first = family?.helpLine { return error(line, 1, "a second `# HELP` for \(name) (the first is on line \(first))") }
            family?.helpLine = line
        }
    }

    // MARK: Samples

    mutating func sample(_ c: inout LineCursor) {
        guard let parsed = parseSample(&c) else { return }
        let line = c.line
        let name = parsed.name
        // Which family the sample belongs to: the current one, or a new (untyped) one.
        var suffix: String?
        if let current = family {
            suffix = current.type.suffixes.first { current.name + $0 == name }
            if suffix == nil, current.typeLine != nil, name == current.name || Self.knownSuffixes.contains(where: { current.name + $0 == name }) {
                return error(
                    line, parsed.nameColumn,
                    "`\(name)` is not a sample name of \(current.type.rawValue) \(current.name): expected \(current.sampleNames().map { "`\($0)`" }.joined(separator: " or "))"
                )
            }
        }
        if suffix == nil {
            if let owner = sampleNameOwners[name] ?? (familyLines[name] != nil ? name : nil) {
                return error(
                    line, parsed.nameColumn,
                    "`\(name)` belongs to family \(owner), which ended before line \(line): families must not be interleaved")
            }
            startFamily(name, line: line, column: parsed.nameColumn)
            suffix = ""
        }
        guard var current = family, let suffix else { return }
        current.sawSample = true
        family = current
        checkLabels(parsed, line: line)
        let type = current.type
        let pointLabelName = type.pointLabel(suffix: suffix, family: current.name)
        var pointLabelValue: (value: String, column: Int)?
        var metricLabels: [String: String] = [:]
        for label in parsed.labels {
            if label.name == pointLabelName {
                pointLabelValue = (label.value, label.column)
            } else if label.value.isEmpty {
                continue  // an empty value is as if the label were not there
            } else {
                metricLabels[label.name] = label.value
            }
        }
        for reserved in ["le", "quantile"] where metricLabels[reserved] != nil {
            if (reserved == "le" && (type == .histogram || type == .gaugehistogram))
                || (reserved == "quantile" && type == .summary)
            {
                let column = parsed.labels.first { $0.name == reserved }?.column ?? 1
                error(line, column, "a \(type.rawValue)'s `\(name)` must not have a `\(reserved)` label")
            }
        }
        if let pointLabelName, pointLabelValue == nil {
            let what = type == .stateset ? "the state in a label named \(current.name)" : "an `\(pointLabelName)` label"
            error(line, parsed.nameColumn + name.unicodeScalars.count, "a \(type.rawValue) sample `\(name)` needs \(what)")
        }
        if let exemplar = parsed.exemplar {
            if !type.allowsExemplar(suffix) {
                error(
                    line, exemplar.column,
                    "an exemplar may follow only a counter's `_total` or a histogram's `_bucket`, found one on \(type.rawValue) `\(name)`")
            } else if exemplar.labelLength > OpenMetricsReader.exemplarLabelLimit {
                error(
                    line, exemplar.column,
                    "an exemplar's label names and values hold \(exemplar.labelLength) characters, the limit is \(OpenMetricsReader.exemplarLabelLimit)")
            }
        }
        checkValue(parsed, type: type, suffix: suffix, line: line, pointLabel: pointLabelValue)

        // Metrics and MetricPoints: never interleaved, timestamps increasing.
        let key = Series.key(name: "", labels: metricLabels)
        if family?.metric?.key != key {
            finishMetric()
            if family?.metricKeys.contains(key) == true {
                error(line, parsed.nameColumn, "the metric \(key) of \(current.name) appears again after other metrics: metrics must not be interleaved")
                return
            }
            family?.metricKeys.insert(key)
            family?.metric = Metric(key: key)
        }
        let sampleID = suffix + "\u{0}" + (pointLabelValue?.value ?? "")
        if let point = family?.metric?.point {
            if point.timestamp == parsed.timestamp {
                if point.sampleIDs.contains(sampleID) {
                    let when = parsed.timestamp.map { "at time \(LineCursor.secondsText($0))" } ?? "without a timestamp"
                    return error(line, parsed.nameColumn, "`\(name)\(key == "{}" ? "" : key)` appears twice \(when) in one metric")
                }
            } else if let next = parsed.timestamp, let previous = point.timestamp, next > previous {
                finishPoint()
                family?.metric?.point = Point(timestamp: next, line: line)
            } else {
                let column = parsed.timestamp == nil ? parsed.valueColumn : parsed.timestampColumn
                let previous = point.timestamp.map(LineCursor.secondsText) ?? "none"
                let next = parsed.timestamp.map(LineCursor.secondsText) ?? "none"
                return error(
                    line, column,
                    "MetricPoints of a metric must not be interleaved and their timestamps must increase: found \(next) after \(previous) (line \(point.line))")
            }
        } else {
            family?.metric?.point = Point(timestamp: parsed.timestamp, line: line)
        }
        family?.metric?.point?.sampleIDs.insert(sampleID)
        record(parsed, suffix: suffix, type: type, line: line, pointLabel: pointLabelValue)
        if suffix != "_created" {
            store(parsed, labels: metricLabels, pointLabel: pointLabelName.flatMap { n in pointLabelValue.map { (n, $0.value) } }, line: line)
        }
    }

    static let knownSuffixes = ["_total", "_created", "_count", "_sum", "_bucket", "_gcount", "_gsum", "_info"]

    mutating func checkLabels(_ parsed: ParsedSample, line: Int) {
        var seen: Set<String> = []
        for label in parsed.labels {
            if !seen.insert(label.name).inserted { error(line, label.column, "label \(label.name) appears twice") }
            if label.name.hasPrefix("_") { error(line, label.column, "label names starting with `_` are reserved in OpenMetrics, found \(label.name)") }
        }
    }

    mutating func checkValue(_ s: ParsedSample, type: MetricType, suffix: String, line: Int, pointLabel: (value: String, column: Int)?) {
        let v = s.value
        let col = s.valueColumn
        func integral(_ what: String) {
            if !(v.isFinite && v >= 0 && v.rounded() == v) {
                error(line, col, "\(what) must be a whole number of at least 0, found \(LineCursor.valueText(v))")
            }
        }
        func counterLike(_ what: String) {
            if v.isNaN || v < 0 { error(line, col, "\(what) must not be negative or NaN, found \(LineCursor.valueText(v))") }
        }
        switch (type, suffix) {
        case (.counter, "_total"): counterLike("a counter's total")
        case (_, "_created"):
            if !v.isFinite { error(line, col, "a creation time must be a number of seconds, found \(LineCursor.valueText(v))") }
        case (.stateset, _):
            if v != 0 && v != 1 { error(line, col, "a stateset's value must be 0 or 1, found \(LineCursor.valueText(v))") }
        case (.info, _):
            if v != 1 { error(line, col, "an info metric's value must be 1, found \(LineCursor.valueText(v))") }
        case (.histogram, "_bucket"), (.gaugehistogram, "_bucket"): integral("a bucket's count")
        case (.histogram, "_count"), (.summary, "_count"): integral("a count")
        case (.gaugehistogram, "_gcount"): integral("a gauge histogram's count")
        case (.histogram, "_sum"):
            // Beside negative buckets the sum itself is the error, said once when the point ends.
            if (family?.metric?.point?.buckets.first?.le ?? 0) >= 0 { counterLike("a sum") }
        case (.summary, "_sum"): counterLike("a sum")
        case (.gaugehistogram, "_gsum"):
            if v.isNaN { error(line, col, "a gauge histogram's sum must not be NaN") }
        case (.summary, ""):
            if v < 0 { error(line, col, "a quantile's value must not be negative, found \(LineCursor.valueText(v))") }
            if let q = pointLabel {
                let quantile = LineCursor.number(q.value)
                if quantile == nil || !(0...1).contains(quantile!) {
                    error(line, q.column, "a quantile must be a number from 0 to 1, found `\(q.value)`")
                }
            }
        default: break
        }
        if type == .histogram || type == .gaugehistogram, suffix == "_bucket", let le = pointLabel {
            let threshold = LineCursor.number(le.value)
            if threshold == nil || threshold!.isNaN {
                error(line, le.column, "a bucket's `le` must be a number or +Inf, found `\(le.value)`")
            }
        }
    }

    /// Keeps what the point checks need: buckets in order, count, sum, total, created.
    mutating func record(_ s: ParsedSample, suffix: String, type: MetricType, line: Int, pointLabel: (value: String, column: Int)?) {
        guard var point = family?.metric?.point else { return }
        defer { family?.metric?.point = point }
        switch suffix {
        case "_bucket":
            guard let le = pointLabel.flatMap({ LineCursor.number($0.value) }), !le.isNaN else { return }
            if let last = point.buckets.last {
                if le == last.le {
                    error(line, pointLabel!.column, "bucket `le=\"\(pointLabel!.value)\"` appears twice in one histogram")
                } else if le < last.le {
                    error(
                        line, pointLabel!.column, "buckets must be sorted by increasing `le`: \(pointLabel!.value) comes after \(LineCursor.valueText(last.le))"
                    )
                } else if s.value < last.value {
                    error(
                        line, s.valueColumn,
                        "buckets are cumulative: \(LineCursor.valueText(s.value)) is less than the \(LineCursor.valueText(last.value)) of the bucket before")
                }
            }
            if let exemplar = s.exemplar {
                let lower = point.buckets.last?.le ?? -.infinity
                if !(exemplar.value <= le && exemplar.value > lower) {
                    error(
                        line, exemplar.column,
                        "an exemplar's value must lie in its bucket (\(LineCursor.valueText(lower)), \(pointLabel!.value)], found \(LineCursor.valueText(exemplar.value))"
                    )
                }
            }
            point.buckets.append(Bucket(le: le, value: s.value))
        case "_count", "_gcount": point.count = (s.value, line, s.name)
        case "_sum", "_gsum": point.sum = (s.value, line, s.name)
        case "_total": point.total = s.value
        case "_created": point.created = s.value
        default: break
        }
    }

    mutating func store(_ s: ParsedSample, labels: [String: String], pointLabel: (String, String)?, line: Int) {
        var labels = labels
        if let (name, value) = pointLabel { labels[name] = value }
        var timestamp: Int64
        if let seconds = s.timestamp {
            guard let ms = milliseconds(fromSeconds: seconds) else {
                return warning(
                    line, s.timestampColumn,
                    "a timestamp of \(LineCursor.secondsText(seconds)) s lies beyond the dates Handover can chart (about the year 5138); the sample is left out"
                )
            }
            timestamp = ms
        } else if let fileTime {
            timestamp = fileTime
        } else {
            missingTimestampLine = missingTimestampLine ?? line
            return
        }
        let key = Series.key(name: s.name, labels: labels)
        if let i = seriesIndex[key] {
            series[i].timestamps.append(timestamp)
            series[i].values.append(s.value)
        } else {
            seriesIndex[key] = series.count
            series.append(Series(name: s.name, labels: labels, timestamps: [timestamp], values: [s.value]))
        }
    }

    // MARK: Ends of points, metrics and families

    mutating func finishPoint() {
        guard let current = family, let point = current.metric?.point else { return }
        switch current.type {
        case .histogram, .gaugehistogram:
            let (countName, sumName) = current.type == .histogram ? ("_count", "_sum") : ("_gcount", "_gsum")
            guard let infinite = point.buckets.last, infinite.le == .infinity else {
                return error(
                    point.line, 1,
                    point.buckets.isEmpty
                        ? "\(current.type.rawValue) \(current.name) has a MetricPoint without buckets"
                        : "\(current.type.rawValue) \(current.name) has no `le=\"+Inf\"` bucket",
                    hint: "every histogram MetricPoint ends with the +Inf bucket, which counts every observation")
            }
            switch (point.count, point.sum) {
            case (nil, let sum?):
                error(sum.line, 1, "\(sum.name) needs \(current.name)\(countName) beside it (a sum comes only with a count)")
            case (let count?, nil):
                error(count.line, 1, "\(count.name) needs \(current.name)\(sumName) beside it (a count comes only with a sum)")
            default: break
            }
            if let count = point.count, count.value != infinite.value {
                error(
                    count.line, 1,
                    "\(count.name) is \(LineCursor.valueText(count.value)) but the +Inf bucket counts \(LineCursor.valueText(infinite.value)): they must be equal"
                )
            }
            if current.type == .histogram, let sum = point.sum, let lowest = point.buckets.first, lowest.le < 0 {
                error(
                    sum.line, 1, "a histogram with negative buckets must not have a \(sum.name) (it would not be a counter)",
                    hint: "client_golang writes it, OpenMetrics 1.0 forbids it; Prometheus text 0.0.4 (a .prom file without `# EOF`) allows it")
            }
        case .counter:
            guard point.total != nil else {
                return error(point.line, 1, "counter \(current.name) has a MetricPoint without \(current.name)_total")
            }
            if let last = current.metric?.lastTotal, let total = point.total, total < last.value, point.created == nil || point.created == last.created {
                error(
                    point.line, 1,
                    "counter \(current.name)_total falls from \(LineCursor.valueText(last.value)) to \(LineCursor.valueText(total)) without a new \(current.name)_created",
                    hint: "a counter only resets to 0 with a new creation time")
            }
            family?.metric?.lastTotal = point.total.map { ($0, point.created) }
        default: break
        }
    }

    mutating func finishMetric() {
        finishPoint()
        family?.metric = nil
    }

    mutating func startFamily(_ name: String, line: Int, column: Int) {
        finishFamily()
        var clashed = true
        if let first = familyLines[name] {
            error(
                line, column,
                "family \(name) appears a second time (first on line \(first)): families must not be interleaved, and TYPE, UNIT and HELP come before the samples"
            )
        } else if let owner = sampleNameOwners[name] {
            error(line, column, "family \(name) clashes with the samples of family \(owner)")
        } else {
            clashed = false
        }
        if name.hasPrefix("_") { error(line, column, "metric names starting with `_` are reserved in OpenMetrics, found \(name)") }
        familyLines[name] = familyLines[name] ?? line
        family = Family(name: name, line: line, clashed: clashed)
    }

    mutating func finishFamily() {
        finishMetric()
        guard let done = family else { return }
        family = nil
        if (done.type == .info || done.type == .stateset), !done.unit.isEmpty, let line = done.unitLine {
            error(line, 1, "an \(done.type.rawValue) family must have no unit, found `\(done.unit)` for \(done.name)")
        }
        for sample in done.sampleNames() {
            if done.clashed {
                // said once, where the family began
            } else if let owner = sampleNameOwners[sample], owner != done.name {
                error(
                    done.line, 1,
                    "the samples of \(done.type.rawValue) \(done.name) could be named `\(sample)`, as those of family \(owner) are: family names must not clash"
                )
            } else if sample != done.name, familyLines[sample] != nil {
                error(
                    done.line, 1,
                    "the samples of \(done.type.rawValue) \(done.name) could be named `\(sample)`, the name of another family: family names must not clash")
            }
            sampleNameOwners[sample] = sampleNameOwners[sample] ?? done.name
        }
    }

    // MARK: The ABNF of a sample line

    mutating func parseSample(_ c: inout LineCursor) -> ParsedSample? {
        let line = c.line
        let nameColumn = c.column
        let name = c.metricName()
        guard !name.isEmpty else {
            error(line, nameColumn, "expected a metric name, found \(c.describe())")
            return nil
        }
        var sample = ParsedSample(
            name: name, nameColumn: nameColumn, labels: [], value: 0, valueColumn: 0, timestamp: nil, timestampColumn: 0, exemplar: nil)
        if c.peek == "{" {
            guard let labels = parseLabels(&c) else { return nil }
            sample.labels = labels
        }
        guard c.take(" ") else {
            error(line, c.column, "expected one space and a value after \(name), found \(c.describe())")
            return nil
        }
        sample.valueColumn = c.column
        let valueText = c.token()
        guard let value = LineCursor.number(valueText) else {
            error(line, sample.valueColumn, "expected a number, NaN, +Inf or -Inf, found `\(valueText)`")
            return nil
        }
        guard !(value.isInfinite && !valueText.lowercased().hasSuffix("inf") && !valueText.lowercased().hasSuffix("infinity")) else {
            error(line, sample.valueColumn, "`\(valueText)` is beyond the range of a 64-bit float")
            return nil
        }
        sample.value = value
        if c.atEnd { return sample }
        guard c.take(" ") else {
            error(line, c.column, "unexpected text after the value: \(c.describe())")
            return nil
        }
        if c.peek != "#" {
            sample.timestampColumn = c.column
            let text = c.token()
            guard let seconds = LineCursor.realNumber(text), seconds.isFinite else {
                error(
                    line, sample.timestampColumn, "expected a timestamp in seconds, found `\(text)`",
                    hint: "OpenMetrics timestamps are seconds since 1970, e.g. 1795651200.5")
                return nil
            }
            sample.timestamp = seconds
            if c.atEnd { return sample }
            guard c.take(" ") else {
                error(line, c.column, "unexpected text after the timestamp: \(c.describe())")
                return nil
            }
        }
        // exemplar = SP HASH SP labels SP number [SP timestamp]
        let exemplarColumn = c.column
        guard c.take("# ") else {
            error(line, c.column, "expected an exemplar `# {labels} value` or the end of the line, found \(c.describe())")
            return nil
        }
        guard c.peek == "{" else {
            error(line, c.column, "expected the exemplar's labels in `{}` (`{}` when it has none), found \(c.describe())")
            return nil
        }
        guard let labels = parseLabels(&c) else { return nil }
        guard c.take(" ") else {
            error(line, c.column, "expected one space and the exemplar's value, found \(c.describe())")
            return nil
        }
        let exValueColumn = c.column
        let exText = c.token()
        guard let exValue = LineCursor.number(exText) else {
            error(line, exValueColumn, "expected the exemplar's value, found `\(exText)`")
            return nil
        }
        if !c.atEnd {
            guard c.take(" ") else {
                error(line, c.column, "unexpected text after the exemplar's value: \(c.describe())")
                return nil
            }
            let tsColumn = c.column
            let tsText = c.token()
            guard LineCursor.realNumber(tsText) != nil else {
                error(line, tsColumn, "expected the exemplar's timestamp in seconds, found `\(tsText)`")
                return nil
            }
            guard c.atEnd else {
                error(line, c.column, "unexpected text after the exemplar: \(c.describe())")
                return nil
            }
        }
        let length = labels.reduce(0) { $0 + $1.name.unicodeScalars.count + $1.value.unicodeScalars.count }
        var seen: Set<String> = []
        for label in labels where !seen.insert(label.name).inserted {
            error(line, label.column, "label \(label.name) appears twice in the exemplar")
        }
        sample.exemplar = (exValue, exemplarColumn, length)
        return sample
    }

    mutating func parseLabels(_ c: inout LineCursor) -> [(name: String, value: String, column: Int)]? {
        let line = c.line
        _ = c.take("{")
        var labels: [(name: String, value: String, column: Int)] = []
        if c.take("}") { return labels }
        while true {
            let column = c.column
            let name = c.labelName()
            guard !name.isEmpty else {
                error(
                    line, column, "expected a label name, found \(c.describe())",
                    hint: labels.isEmpty ? nil : "OpenMetrics allows no comma before `}` and no spaces in a label set")
                return nil
            }
            guard c.take("=\"") else {
                error(line, c.column, "expected `=\"` after label \(name), found \(c.describe())")
                return nil
            }
            guard let value = c.escapedString(until: "\"") else {
                error(line, c.column, "label value is not closed with `\"`")
                return nil
            }
            labels.append((name, value, column))
            if c.take(",") { continue }
            if c.take("}") { return labels }
            error(line, c.column, "expected `,` or `}` in the label set, found \(c.describe())")
            return nil
        }
    }
}

// MARK: - Reading one line

struct LineCursor {
    let scalars: [Unicode.Scalar]
    let line: Int
    var i = 0

    var column: Int { i + 1 }
    var atEnd: Bool { i >= scalars.count }
    var peek: Unicode.Scalar? { atEnd ? nil : scalars[i] }

    mutating func take(_ literal: String) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard i + wanted.count <= scalars.count, Array(scalars[i..<(i + wanted.count)]) == wanted else { return false }
        i += wanted.count
        return true
    }

    static func isAlpha(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// metricname = (ALPHA / "_" / ":") *(ALPHA / "_" / ":" / DIGIT)
    mutating func metricName() -> String {
        guard let first = peek, Self.isAlpha(first) || first == "_" || first == ":" else { return "" }
        return metricNameCharacters()
    }

    mutating func metricNameCharacters() -> String {
        var out = String.UnicodeScalarView()
        while let c = peek, Self.isAlpha(c) || Self.isDigit(c) || c == "_" || c == ":" {
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// label-name = (ALPHA / "_") *(ALPHA / "_" / DIGIT)
    mutating func labelName() -> String {
        guard let first = peek, Self.isAlpha(first) || first == "_" else { return "" }
        var out = String.UnicodeScalarView()
        while let c = peek, Self.isAlpha(c) || Self.isDigit(c) || c == "_" {
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Letters only (TYPE, HELP, UNIT, the metric types).
    mutating func word() -> String {
        var out = String.UnicodeScalarView()
        while let c = peek, Self.isAlpha(c) {
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Up to the next space or the end of the line.
    mutating func token() -> String {
        var out = String.UnicodeScalarView()
        while let c = peek, c != " " {
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// escaped-string up to `terminator` (consumed), or to the end of the line when nil.
    /// `\n`, `\"` and `\\` are escapes; a backslash before any other character is kept as written
    /// (the ABNF's `BS normal-char`). Nil when the string is not closed or ends in a lone backslash.
    mutating func escapedString(until terminator: Unicode.Scalar?) -> String? {
        var out = String.UnicodeScalarView()
        while let c = peek {
            if c == terminator {
                i += 1
                return String(out)
            }
            if c == "\"" && terminator == nil {
                return nil  // normal-char excludes DQUOTE: HELP text escapes it
            }
            if c == "\\" {
                guard i + 1 < scalars.count else { return nil }
                let next = scalars[i + 1]
                switch next {
                case "n": out.append("\n")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                default:
                    out.append("\\")
                    out.append(next)
                }
                i += 2
                continue
            }
            out.append(c)
            i += 1
        }
        return terminator == nil ? String(out) : nil
    }

    func describe() -> String {
        atEnd ? "the end of the line" : "`" + preview(from: i) + "`"
    }

    func preview(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<min(scalars.count, start + 24)]))
    }

    /// number = realnumber / [SIGN] ("inf" / "infinity") / "nan", case-insensitive words.
    static func number(_ text: String) -> Double? {
        let lower = text.lowercased()
        switch lower {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return realNumber(text)
        }
    }

    /// realnumber = [SIGN] 1*DIGIT [ "." *DIGIT ] [ "e" [SIGN] 1*DIGIT ]
    ///            / [SIGN] *DIGIT "." 1*DIGIT [ "e" [SIGN] 1*DIGIT ]
    /// Past float64's range it is infinite: callers that need a finite number say so.
    static func realNumber(_ text: String) -> Double? {
        let s = Array(text.unicodeScalars)
        var i = 0
        if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
        var intDigits = 0
        while i < s.count, isDigit(s[i]) { i += 1; intDigits += 1 }
        var fracDigits = 0
        if i < s.count, s[i] == "." {
            i += 1
            while i < s.count, isDigit(s[i]) { i += 1; fracDigits += 1 }
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            i += 1
            if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
            var expDigits = 0
            while i < s.count, isDigit(s[i]) { i += 1; expDigits += 1 }
            guard expDigits > 0 else { return nil }
        }
        guard i == s.count else { return nil }
        return Double(text)
    }

    static func valueText(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    static func secondsText(_ v: Double) -> String { valueText(v) }
}
