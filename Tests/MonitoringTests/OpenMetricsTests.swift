import Diagnostics
@testable import Monitoring
import Testing

/// One case per rule of OpenMetrics 1.0 (its ABNF and the data model's MUSTs), each written from
/// the specification: an exposition that keeps the rule reads without a word, one that breaks it
/// is an error at the line and column of the break.
struct OpenMetricsRule: CustomTestStringConvertible, Sendable {
    let rule: String
    let valid: String
    let invalid: String
    let location: String
    let message: String
    let path: String

    var testDescription: String { rule }

    init(_ rule: String, valid: String, invalid: String, at location: String, _ message: String, path: String = scrapePath) {
        self.rule = rule
        self.path = path
        self.valid = valid
        self.invalid = invalid
        self.location = location
        self.message = message
    }
}

/// A scrape whose file name gives its time, so samples may leave out timestamps.
let scrapePath = "Content/monitoring/scrape-20261124T222717Z.om"

func readOpenMetrics(_ text: String, _ path: String = scrapePath) -> ([Series], [Diagnostic]) {
    let (series, format, diagnostics) = SnapshotReader.read(Array(text.utf8), path: path)
    #expect(format == .openMetrics)
    return (series, diagnostics)
}

let openMetricsRules: [OpenMetricsRule] = [
    // Overall structure
    .init("exposition ends with # EOF", valid: "a 1\n# EOF\n", invalid: "a 1\n", at: "1:1", "must end with `# EOF`"),
    .init("one line feed after # EOF at most", valid: "a 1\n# EOF", invalid: "a 1\n# EOF\n\n", at: "3:1", "after `# EOF`"),
    .init("nothing after # EOF", valid: "a 1\n# EOF\n", invalid: "a 1\n# EOF\na 2\n", at: "3:1", "after `# EOF`"),
    .init("no blank lines", valid: "a 1\nb 1\n# EOF\n", invalid: "a 1\n\nb 1\n# EOF\n", at: "2:1", "no blank lines"),
    .init("lines end with LF alone", valid: "a 1\n# EOF\n", invalid: "a 1\r\n# EOF\n", at: "1:4", "carriage return"),
    .init("no byte order mark", valid: "a 1\n# EOF\n", invalid: "\u{FEFF}a 1\n# EOF\n", at: "1:1", "byte order mark"),
    .init("no comments", valid: "# HELP a A.\na 1\n# EOF\n", invalid: "# a comment\na 1\n# EOF\n", at: "1:3", "expected TYPE, HELP, UNIT"),
    .init("metadata keywords are upper case", valid: "# TYPE a gauge\n# EOF\n", invalid: "# type a gauge\n# EOF\n", at: "1:3", "expected TYPE"),
    // ABNF of a sample
    .init("one space before the value", valid: "a 1\n# EOF\n", invalid: "a\t1\n# EOF\n", at: "1:2", "expected one space and a value"),
    .init("single spaces only", valid: "a 1 1795651200\n# EOF\n", invalid: "a  1\n# EOF\n", at: "1:3", "expected a number"),
    .init("no trailing space", valid: "a 1\n# EOF\n", invalid: "a 1 \n# EOF\n", at: "1:5", "expected a timestamp"),
    .init("metric names", valid: "a:b_c9 1\n# EOF\n", invalid: "9a 1\n# EOF\n", at: "1:1", "expected a metric name"),
    .init("label names have no colon", valid: "a{b_1=\"x\"} 1\n# EOF\n", invalid: "a{b:c=\"x\"} 1\n# EOF\n", at: "1:4", "expected `=\"` after label b"),
    .init("no spaces in a label set", valid: "a{b=\"x\",c=\"y\"} 1\n# EOF\n", invalid: "a{b=\"x\", c=\"y\"} 1\n# EOF\n", at: "1:9", "expected a label name"),
    .init("no comma before }", valid: "a{} 1\n# EOF\n", invalid: "a{b=\"x\",} 1\n# EOF\n", at: "1:9", "expected a label name"),
    .init("label values are closed", valid: "a{b=\"x\\\"y\"} 1\n# EOF\n", invalid: "a{b=\"x} 1\n# EOF\n", at: "1:10", "not closed"),
    .init("label names unique in a set", valid: "a{b=\"1\",c=\"1\"} 1\n# EOF\n", invalid: "a{b=\"1\",b=\"2\"} 1\n# EOF\n", at: "1:9", "label b appears twice"),
    .init("unknown escapes are characters", valid: "a{b=\"x\\z\"} 1\n# EOF\n", invalid: "a{b=\"x\\\n# EOF\n", at: "1:7", "not closed"),
    .init(
        "HELP escapes quotes", valid: "# HELP a The \\\"quoted\\\" \\\\ text\na 1\n# EOF\n", invalid: "# HELP a The \"quoted\"\na 1\n# EOF\n", at: "1:14",
        "must be escaped"),
    .init("HELP ends with no lone backslash", valid: "# HELP a x\\\\\n# EOF\n", invalid: "# HELP a x\\\n# EOF\n", at: "1:11", "lone `\\`"),
    .init("HELP has a space after the name", valid: "# HELP a \n# EOF\n", invalid: "# HELP a\n# EOF\n", at: "1:9", "expected one space and the help"),
    // Numbers and timestamps
    .init("realnumber forms", valid: "a 0042\nb -0.5\nc .5\nd 1.\ne 1e3\nf 1E-3\ng +7\n# EOF\n", invalid: "a 1e\n# EOF\n", at: "1:3", "expected a number"),
    .init("no hexadecimal or digit separators", valid: "a 16\n# EOF\n", invalid: "a 0x10\n# EOF\n", at: "1:3", "expected a number"),
    .init(
        "inf, infinity and nan in any case", valid: "a +Inf\nb -inf\nc Infinity\nd NaN\ne nan\n# EOF\n", invalid: "a +NaN\n# EOF\n", at: "1:3",
        "expected a number"),
    .init("values fit a 64-bit float", valid: "a 1e308\n# EOF\n", invalid: "a 1e400\n# EOF\n", at: "1:3", "beyond the range of a 64-bit float"),
    .init(
        "timestamps are realnumbers", valid: "a 1 1795651200.5\nb 1 1.7956512e9\n# EOF\n", invalid: "a 1 NaN\n# EOF\n", at: "1:5",
        "expected a timestamp in seconds"),
    .init(
        "samples need a time", valid: "a 1 1795651200\n# EOF\n", invalid: "a 1\n# EOF\n", at: "1:1", "no timestamp",
        path: "Content/monitoring/scrape.om"),
    // MetricFamily
    .init(
        "families are not interleaved", valid: "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# EOF\n",
        invalid: "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n# EOF\n", at: "5:1", "belongs to family a"),
    .init(
        "family names are unique", valid: "# TYPE a gauge\na 1\n# EOF\n", invalid: "# TYPE a gauge\na 1\n# TYPE a gauge\n# EOF\n", at: "3:8",
        "appears a second time"),
    .init(
        "metadata comes before the samples", valid: "# TYPE a gauge\n# HELP a A.\na 1\n# EOF\n", invalid: "# TYPE a gauge\na 1\n# HELP a late\n# EOF\n",
        at: "3:8", "appears a second time"),
    .init("one TYPE a family", valid: "# TYPE a gauge\n# EOF\n", invalid: "# TYPE a gauge\n# TYPE a gauge\n# EOF\n", at: "2:1", "a second `# TYPE`"),
    .init("one HELP a family", valid: "# HELP a x\n# EOF\n", invalid: "# HELP a x\n# HELP a y\n# EOF\n", at: "2:1", "a second `# HELP`"),
    .init(
        "one UNIT a family", valid: "# UNIT a_s s\n# EOF\n", invalid: "# UNIT a_s s\n# UNIT a_s s\n# EOF\n", at: "2:1", "a second `# UNIT`"),
    .init("metric types", valid: "# TYPE a gaugehistogram\n# EOF\n", invalid: "# TYPE a untyped\n# EOF\n", at: "1:10", "expected a metric type"),
    .init("metric types are lower case", valid: "# TYPE a counter\n# EOF\n", invalid: "# TYPE a Counter\n# EOF\n", at: "1:10", "expected a metric type"),
    .init(
        "a unit is the name's suffix", valid: "# TYPE a_seconds gauge\n# UNIT a_seconds seconds\na_seconds 1\n# EOF\n",
        invalid: "# TYPE a gauge\n# UNIT a seconds\na 1\n# EOF\n", at: "2:10", "must be named …_seconds"),
    .init(
        "info and stateset have no unit", valid: "# TYPE a_bytes info\n# UNIT a_bytes \na_bytes_info 1\n# EOF\n",
        invalid: "# TYPE a_bytes info\n# UNIT a_bytes bytes\na_bytes_info 1\n# EOF\n", at: "2:1", "must have no unit"),
    .init("names starting with _ are reserved", valid: "a_ 1\n# EOF\n", invalid: "_a 1\n# EOF\n", at: "1:1", "reserved"),
    .init("label names starting with _ are reserved", valid: "a{b_=\"1\"} 1\n# EOF\n", invalid: "a{_b=\"1\"} 1\n# EOF\n", at: "1:3", "reserved"),
    .init(
        "family names do not clash with sample names", valid: "# TYPE a counter\na_total 1\n# TYPE a_made gauge\na_made 1\n# EOF\n",
        invalid: "# TYPE a counter\na_total 1\n# TYPE a_created gauge\na_created 1\n# EOF\n", at: "3:8", "clashes with the samples of family a"),
    .init(
        "a family named after a later family's sample", valid: "# TYPE a_info gauge\na_info 1\n# EOF\n",
        invalid: "# TYPE a_info gauge\na_info 1\n# TYPE a info\na_info 1\n# EOF\n", at: "3:1", "family names must not clash"),
    // Metrics and MetricPoints
    .init(
        "metrics are not interleaved", valid: "# TYPE a gauge\na{x=\"1\"} 1 1\na{x=\"1\"} 2 2\na{x=\"2\"} 1 1\n# EOF\n",
        invalid: "# TYPE a gauge\na{x=\"1\"} 1 1\na{x=\"2\"} 1 1\na{x=\"1\"} 2 2\n# EOF\n", at: "4:1", "metrics must not be interleaved"),
    .init(
        "MetricPoints are not interleaved",
        valid: "# TYPE f summary\nf_count{a=\"b\"} 0 123\nf_sum{a=\"b\"} 0 123\nf_count{a=\"b\"} 0 456\nf_sum{a=\"b\"} 0 456\n# EOF\n",
        invalid: "# TYPE f summary\nf_count{a=\"b\"} 0 123\nf_count{a=\"b\"} 0 456\nf_sum{a=\"b\"} 0 123\nf_sum{a=\"b\"} 0 456\n# EOF\n", at: "4:16",
        "must not be interleaved"),
    .init("timestamps increase", valid: "a 1 1\na 2 2\n# EOF\n", invalid: "a 1 2\na 2 1\n# EOF\n", at: "2:5", "timestamps must increase"),
    .init(
        "a point without a timestamp is the only one", valid: "a 1\n# EOF\n", invalid: "a 1\na 2\n# EOF\n", at: "2:1", "appears twice without a timestamp"),
    .init(
        "empty label values are absent", valid: "a{b=\"\"} 1 1\na 2 2\n# EOF\n", invalid: "a{b=\"\"} 1 1\na 2 1\n# EOF\n", at: "2:1",
        "appears twice at time 1"),
    // Counter
    .init(
        "counter samples are _total and _created", valid: "# TYPE a counter\na_total 1\na_created 1795000000\n# EOF\n",
        invalid: "# TYPE a counter\na 1\n# EOF\n", at: "2:1", "not a sample name of counter a"),
    .init(
        "a counter total is not negative or NaN", valid: "# TYPE a counter\na_total 0\n# EOF\n", invalid: "# TYPE a counter\na_total NaN\n# EOF\n",
        at: "2:9", "must not be negative or NaN"),
    .init(
        "a counter point has a total", valid: "# TYPE a counter\na_total 1\na_created 1\n# EOF\n", invalid: "# TYPE a counter\na_created 1\n# EOF\n",
        at: "2:1", "without a_total"),
    .init(
        "a counter falls only with a new _created",
        valid: "# TYPE a counter\na_total 5 1\na_created 0 1\na_total 0 2\na_created 2 2\n# EOF\n",
        invalid: "# TYPE a counter\na_total 5 1\na_created 0 1\na_total 3 2\na_created 0 2\n# EOF\n", at: "4:1", "falls from 5 to 3"),
    // Gauge, unknown, stateset, info
    .init(
        "a gauge has no suffix", valid: "# TYPE a gauge\na 1\n# EOF\n", invalid: "# TYPE a gauge\na_total 1\n# EOF\n", at: "2:1", "not a sample name of gauge a"
    ),
    .init(
        "an unknown family has no suffix", valid: "# TYPE a unknown\na 1\n# EOF\n", invalid: "# TYPE a unknown\na_sum 1\n# EOF\n", at: "2:1",
        "not a sample name of unknown a"),
    .init(
        "stateset values are 0 or 1", valid: "# TYPE s stateset\ns{s=\"a\"} 0\ns{s=\"b\"} 1\n# EOF\n", invalid: "# TYPE s stateset\ns{s=\"a\"} 2\n# EOF\n",
        at: "2:10", "must be 0 or 1"),
    .init(
        "stateset samples name their state", valid: "# TYPE s stateset\ns{s=\"a\"} 1\n# EOF\n", invalid: "# TYPE s stateset\ns{x=\"a\"} 1\n# EOF\n",
        at: "2:2", "needs the state in a label named s"),
    .init(
        "info samples end in _info", valid: "# TYPE i info\ni_info{v=\"1\"} 1\n# EOF\n", invalid: "# TYPE i info\ni{v=\"1\"} 1\n# EOF\n", at: "2:1",
        "not a sample name of info i"),
    .init("info values are 1", valid: "# TYPE i info\ni_info 1.0\n# EOF\n", invalid: "# TYPE i info\ni_info 0\n# EOF\n", at: "2:8", "must be 1"),
    // Histogram
    .init(
        "histograms have a +Inf bucket", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 0\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"1\"} 0\n# EOF\n", at: "2:1", "no `le=\"+Inf\"` bucket"),
    .init(
        "a histogram point has buckets", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 3\n# EOF\n",
        invalid: "# TYPE h histogram\nh_count 2\nh_sum 3\n# EOF\n", at: "2:1", "without buckets"),
    .init(
        "buckets are sorted by le", valid: "# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"2\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"2\"} 0\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n", at: "3:10", "sorted by increasing `le`"),
    .init(
        "bucket thresholds are unique", valid: "# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"1.0\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n", at: "3:10", "appears twice"),
    .init(
        "buckets are cumulative", valid: "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 5\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 3\n# EOF\n", at: "3:21", "cumulative"),
    .init(
        "bucket counts are whole numbers", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2.0\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1.5\n# EOF\n", at: "2:21", "whole number"),
    .init(
        "le is a number, never NaN", valid: "# TYPE h histogram\nh_bucket{le=\"1e-05\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"NaN\"} 0\nh_bucket{le=\"+Inf\"} 0\n# EOF\n", at: "2:10", "must be a number or +Inf"),
    .init(
        "_count comes with _sum", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 3\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\n# EOF\n", at: "3:1", "needs h_count"),
    .init(
        "_count equals the +Inf bucket", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 3\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 3\n# EOF\n", at: "3:1", "must be equal"),
    .init(
        "no _sum beside negative buckets", valid: "# TYPE h histogram\nh_bucket{le=\"-1\"} 1\nh_bucket{le=\"+Inf\"} 2\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"-1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum -3\n# EOF\n", at: "5:1",
        "negative buckets must not have a h_sum"),
    .init(
        "a histogram's sum is not negative", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 0\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum -1\n# EOF\n", at: "4:7", "must not be negative"),
    .init(
        "a histogram's metric has no le", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count{le=\"1\"} 2\nh_sum 1\n# EOF\n", at: "3:9", "must not have a `le` label"),
    .init(
        "buckets need le", valid: "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\n# EOF\n", invalid: "# TYPE h histogram\nh_bucket 2\n# EOF\n", at: "2:9",
        "needs an `le` label"),
    // Gauge histogram
    .init(
        "gauge histograms use _gcount and _gsum",
        valid: "# TYPE g gaugehistogram\ng_bucket{le=\"-1\"} 1\ng_bucket{le=\"+Inf\"} 2\ng_gcount 2\ng_gsum -3\n# EOF\n",
        invalid: "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_count 2\n# EOF\n", at: "3:1", "not a sample name of gaugehistogram g"),
    .init(
        "_gcount comes with _gsum", valid: "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\n# EOF\n",
        invalid: "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_gcount 2\n# EOF\n", at: "3:1", "needs g_gsum"),
    .init(
        "a gauge histogram's sum is not NaN", valid: "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_gcount 2\ng_gsum 1\n# EOF\n",
        invalid: "# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} 2\ng_gcount 2\ng_gsum NaN\n# EOF\n", at: "4:8", "must not be NaN"),
    // Summary
    .init(
        "quantiles lie in [0, 1]", valid: "# TYPE s summary\ns{quantile=\"0\"} 1\ns{quantile=\"1\"} 2\n# EOF\n",
        invalid: "# TYPE s summary\ns{quantile=\"1.5\"} 1\n# EOF\n", at: "2:3", "from 0 to 1"),
    .init(
        "quantile values are not negative (NaN is no data)", valid: "# TYPE s summary\ns{quantile=\"0.5\"} NaN\n# EOF\n",
        invalid: "# TYPE s summary\ns{quantile=\"0.5\"} -1\n# EOF\n", at: "2:19", "must not be negative"),
    .init(
        "a summary's count is a whole number", valid: "# TYPE s summary\ns_count 3\ns_sum 1.5\n# EOF\n",
        invalid: "# TYPE s summary\ns_count 2.5\ns_sum 1\n# EOF\n", at: "2:9", "whole number"),
    .init(
        "a summary's metric has no quantile", valid: "# TYPE s summary\ns_sum 1\n# EOF\n", invalid: "# TYPE s summary\ns_sum{quantile=\"0.5\"} 1\n# EOF\n",
        at: "2:7", "must not have a `quantile` label"),
    // Exemplars
    .init(
        "exemplars only on totals and buckets", valid: "# TYPE a counter\na_total 1 # {t=\"x\"} 1\n# EOF\n",
        invalid: "# TYPE a gauge\na 1 # {t=\"x\"} 1\n# EOF\n", at: "2:5", "may follow only a counter's `_total`"),
    .init(
        "exemplars are not on _created", valid: "# TYPE a counter\na_total 1\na_created 1\n# EOF\n",
        invalid: "# TYPE a counter\na_total 1\na_created 1 # {t=\"x\"} 1\n# EOF\n", at: "3:13", "may follow only"),
    .init(
        "exemplar labels hold 128 code points at most",
        valid: "# TYPE a counter\na_total 1 # {t=\"" + String(repeating: "x", count: 127) + "\"} 1\n# EOF\n",
        invalid: "# TYPE a counter\na_total 1 # {t=\"" + String(repeating: "x", count: 128) + "\"} 1\n# EOF\n", at: "2:11", "129 characters"),
    .init(
        "an exemplar lies in its bucket",
        valid: "# TYPE h histogram\nh_bucket{le=\"1\"} 1 # {} 0.5\nh_bucket{le=\"+Inf\"} 2 # {} 7 1795651200\n# EOF\n",
        invalid: "# TYPE h histogram\nh_bucket{le=\"1\"} 1 # {} 1.5\nh_bucket{le=\"+Inf\"} 2\n# EOF\n", at: "2:20", "must lie in its bucket"),
    .init(
        "an exemplar has a value", valid: "# TYPE a counter\na_total 1 # {} 1\n# EOF\n", invalid: "# TYPE a counter\na_total 1 # {}\n# EOF\n", at: "2:15",
        "exemplar's value"),
    .init(
        "an exemplar's timestamp is a realnumber", valid: "# TYPE a counter\na_total 1 # {} 1 1795651200.25\n# EOF\n",
        invalid: "# TYPE a counter\na_total 1 # {} 1 soon\n# EOF\n", at: "2:18", "exemplar's timestamp"),
    .init(
        "an exemplar's labels are {} when empty", valid: "# TYPE a counter\na_total 1 # {} 1\n# EOF\n", invalid: "# TYPE a counter\na_total 1 # 1\n# EOF\n",
        at: "2:13", "exemplar's labels in `{}`"),
]

@Suite struct OpenMetricsTests {
    @Test(arguments: openMetricsRules)
    func rule(_ rule: OpenMetricsRule) {
        let (_, valid) = readOpenMetrics(rule.valid, rule.path)
        #expect(valid.isEmpty, "valid: \(valid.map { "\($0.location.description): \($0.message)" })")
        let (series, invalid) = readOpenMetrics(rule.invalid, rule.path)
        let errors = invalid.filter { $0.severity == .error }
        #expect(
            errors.contains { $0.location.description == "\(rule.path):\(rule.location)" && $0.message.contains(rule.message) },
            "invalid: \(invalid.map { "\($0.location.description): \($0.message)" })")
        #expect(series.isEmpty, "an invalid exposition gives no series")
    }

    @Test func escapesAreReadAsTheABNFSays() throws {
        let (series, diagnostics) = readOpenMetrics("a{b=\"x\\\\z\\\"\\n\\q\"} 1\n# EOF\n")
        #expect(diagnostics.isEmpty)
        #expect(try #require(series.first).labels == ["b": "x\\z\"\n\\q"])
    }

    @Test func seriesKeepPointLabelsAndLeaveOutCreatedAndEmptyLabels() throws {
        let (series, diagnostics) = readOpenMetrics(
            """
            # TYPE h histogram
            h_bucket{le="0.1",job="a",empty=""} 1 1795651200
            h_bucket{le="+Inf",job="a",empty=""} 2 1795651200
            h_count{job="a"} 2 1795651200
            h_sum{job="a"} 0.3 1795651200
            h_created{job="a"} 1795600000 1795651200
            # EOF

            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(series.map(\.name).sorted() == ["h_bucket", "h_bucket", "h_count", "h_sum"])
        #expect(series.first { $0.labels["le"] == "+Inf" }?.labels == ["le": "+Inf", "job": "a"])
        #expect(series.first { $0.name == "h_count" }?.timestamps == [1_795_651_200_000])
    }

    @Test func aTimestampBeyondTheChartableYearsIsAWarningNotAnError() {
        let (series, diagnostics) = readOpenMetrics("a 1 1e17\nb 2 1795651200\n# EOF\n")
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.location.description == "\(scrapePath):1:5")
        #expect(series.map(\.name) == ["b"])
    }

    /// What the reference clients write reads without a word.
    @Test func realClientOutputIsValid() {
        let python = """
            # HELP scoring_requests Scoring requests.
            # TYPE scoring_requests counter
            scoring_requests_total{model="churn-v3",status="200"} 42.0
            scoring_requests_created{model="churn-v3",status="200"} 1.7955584151530354e+09
            # HELP scoring_latency_seconds Scoring latency.
            # TYPE scoring_latency_seconds histogram
            scoring_latency_seconds_bucket{le="0.05",model="churn-v3"} 1.0
            scoring_latency_seconds_bucket{le="+Inf",model="churn-v3"} 4.0
            scoring_latency_seconds_count{model="churn-v3"} 4.0
            scoring_latency_seconds_sum{model="churn-v3"} 1.29
            scoring_latency_seconds_created{model="churn-v3"} 1.795558415153088e+09
            # HELP model_drift_share Share of drifted columns.
            # TYPE model_drift_share gauge
            model_drift_share NaN
            # EOF

            """
        let (pySeries, pyDiagnostics) = readOpenMetrics(python)
        #expect(pyDiagnostics.isEmpty, "\(pyDiagnostics)")
        #expect(pySeries.count == 6)  // total, 2 buckets, count, sum, gauge
        // The specification's own complete example.
        let spec = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            acme_http_router_request_seconds_sum{path="/api/v2",method="POST"} 479.3
            acme_http_router_request_seconds_count{path="/api/v2",method="POST"} 34.0
            acme_http_router_request_seconds_created{path="/api/v2",method="POST"} 1605281325.0
            # TYPE go_goroutines gauge
            # HELP go_goroutines Number of goroutines that currently exist.
            go_goroutines 69
            # TYPE process_cpu_seconds counter
            # UNIT process_cpu_seconds seconds
            # HELP process_cpu_seconds Total user and system CPU time spent in seconds.
            process_cpu_seconds_total 4.20072246e+06
            # EOF
            """
        let (_, specDiagnostics) = readOpenMetrics(spec)
        #expect(specDiagnostics.isEmpty, "\(specDiagnostics)")
    }

    /// Prometheus text 0.0.4 stays lenient: what OpenMetrics refuses, it reads as Prometheus does.
    @Test func prometheusTextStaysLenient() {
        let (series, format, diagnostics) = read(
            "# a free comment\n\n# TYPE c counter\nc\t1  1795651200000\nc_total{a=\"\\q\"} -1 1795651200000\n", "Content/monitoring/x.prom")
        #expect(format == .prometheusText)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(series.count == 2)
    }
}
