@testable import Charts
import Templates

let english = MessageCatalog.load(language: "en", overrides: [:]).0
import Foundation
import Testing

@Suite struct ChartsTests {
    @Test func niceTicks() {
        #expect(Scale.niceTicks(min: 0.13, max: 0.41) == [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(Scale.niceTicks(min: 0.2, max: 0.3) == [0.2, 0.22, 0.24, 0.26, 0.28, 0.3])
        #expect(Scale.niceTicks(min: 0, max: 37) == [0, 10, 20, 30, 40])
        #expect(Scale.niceTicks(min: 5, max: 5).count >= 2)
    }

    @Test func flatDataGetsAPaddedAxisWithDistinctTicks() {
        // A p95 that a quantile computation gives with float noise.
        #expect(Scale.isFlat(0.09499999999, 0.09500001))
        #expect(!Scale.isFlat(0.094, 0.096))
        let ticks = Scale.niceTicks(min: 0.09499999999, max: 0.09500001)
        #expect(ticks.first! < 0.09 && ticks.last! > 0.1)
        let labels = Scale.tickLabels(ticks)
        #expect(Set(labels).count == labels.count, "\(labels)")
        #expect(Scale.tickLabels([0.085, 0.09, 0.095, 0.1]) == ["0.085", "0.090", "0.095", "0.100"])
        #expect(Scale.tickLabels([0, 5000, 10000]) == ["0", "5,000", "10,000"])
    }

    @Test func timeTicksAreWholeUTCSteps() {
        let start: Int64 = 1_795_000_000_000, end = start + 7 * 86_400_000
        let (ticks, step) = Scale.timeTicks(from: start, to: end)
        #expect(step == 172_800_000)
        #expect(ticks.allSatisfy { $0 % step == 0 })
        #expect(Scale.timeLabel(1_795_651_200_000, step: 3_600_000, first: false) == "11-26 00:00")
    }

    @Test func lttbKeepsSpikesAndEnds() {
        var points = (0..<10_000).map { ChartPoint(t: Int64($0) * 1000, v: sin(Double($0) / 300)) }
        points[5_001].v = 40
        let sampled = Downsampling.lttb(points, threshold: 600)
        #expect(sampled.count <= 600)
        #expect(sampled.first == points.first)
        #expect(sampled.last == points.last)
        #expect(sampled.contains { $0.v == 40 })
    }

    @Test func gapsBreakTheLine() {
        var points = (0..<10).map { ChartPoint(t: Int64($0) * 60_000, v: 1) }
        points += (20..<30).map { ChartPoint(t: Int64($0) * 60_000, v: 1) }
        let chart = LineChart(id: "c", title: "T", unit: "", lines: [.init(label: "a", points: points)], start: 0, end: 29 * 60_000, words: english)
        let path = chart.svg().firstMatch(of: /<path class="series" d="([^"]*)"/).map { String($0.1) } ?? ""
        #expect(path.filter { $0 == "M" }.count == 2)
    }

    @Test func labelsAreEscaped() {
        let chart = LineChart(
            id: "c", title: "<script>x</script>", unit: "\"u\"",
            lines: [.init(label: "{job=\"<b>\"}", points: [ChartPoint(t: 0, v: 1), ChartPoint(t: 60_000, v: 2)])],
            start: 0, end: 60_000, words: english)
        for text in [chart.svg(), chart.legend(), chart.dataTable()] {
            #expect(!text.contains("<script>"))
            #expect(!text.contains("<b>"))
        }
        #expect(chart.svg().contains("&lt;script&gt;"))
    }

    @Test func flatNoiseIsDrawnLevel() {
        let values = [0.095, 0.09499999999999999, 0.09500001, 0.095, 0.09499999]
        let chart = LineChart(
            id: "c", title: "p95", unit: "s",
            lines: [.init(label: "p95", points: values.enumerated().map { ChartPoint(t: Int64($0.offset) * 60_000, v: $0.element) })],
            start: 0, end: 4 * 60_000, words: english)
        let path = chart.svg().firstMatch(of: /<path class="series" d="([^"]*)"/).map { String($0.1) } ?? ""
        let ys = Set(path.matches(of: /[ML][0-9.]+ ([0-9.]+)/).map { String($0.1) })
        #expect(ys.count == 1, "one height for every sample: \(path)")
        #expect(chart.svg().contains("steady at 95 ms"))
        #expect(!sparkline(values).isEmpty)
        let sparkYs = Set(sparkline(values).matches(of: /[ML][0-9.]+ ([0-9.]+)/).map { String($0.1) })
        #expect(sparkYs.count == 1)
    }

    @Test func aLoneSampleIsAMarkerWithItsValue() {
        let chart = LineChart(
            id: "c", title: "Rows", unit: "rows", lines: [.init(label: "rows", points: [ChartPoint(t: 600_000, v: 48102)])],
            start: 0, end: 600_000, words: english)
        let svg = chart.svg()
        #expect(svg.contains("<circle class=\"marker\""))
        #expect(svg.contains(">48,102 rows</text>"))
        #expect(!svg.contains("<path class=\"series\" d=\"\""))
    }

    @Test func aBreachBandIsAStripAlongItsThreshold() {
        // Availability that dropped to 0 once: the axis starts at 0, the band must not fill the chart.
        let points = (0..<100).map { ChartPoint(t: Int64($0) * 60_000, v: $0 == 50 ? 0 : 0.999) }
        let chart = LineChart(
            id: "c", title: "up", unit: "", lines: [.init(label: "up", points: points)],
            thresholds: [.init(value: 0.995, kind: .breach, badSide: .below, label: "objective > 99.5%")], start: 0, end: 99 * 60_000, words: english)
        let height = chart.svg().firstMatch(of: /class="band band-breach"[^>]*height="([0-9.]+)"/).flatMap { Double($0.1) } ?? .infinity
        #expect(height <= (chart.height - 54) * 0.15, "band \(height) px high")
    }

    @Test func thePhoneLayoutIsItsOwnDrawing() {
        let points = (0..<100).map { ChartPoint(t: Int64($0) * 60_000, v: Double($0)) }
        let chart = LineChart(id: "c", title: "T", unit: "", lines: [.init(label: "a", points: points)], start: 0, end: 99 * 60_000, words: english)
        let narrow = chart.narrowLayout()
        #expect(narrow.svg().contains("viewBox=\"0 0 320 220\""))
        #expect(narrow.svg().contains("id=\"c-narrow-title\""))
        #expect(narrow.svg().matches(of: /class="tick"/).count < chart.svg().matches(of: /class="tick"/).count)
    }

    /// The whole SVG of a fixed chart, byte for byte (record with HANDOVER_RECORD_GOLDEN=1).
    @Test func goldenChart() throws {
        let start: Int64 = 1_795_564_800_000
        let a = (0..<144).map { ChartPoint(t: start + Int64($0) * 600_000, v: 0.2 + 0.05 * sin(Double($0) / 10)) }
        var b = (0..<144).map { ChartPoint(t: start + Int64($0) * 600_000, v: 0.18 + 0.03 * cos(Double($0) / 7)) }
        b.removeSubrange(60..<80)
        let chart = LineChart(
            id: "chart-1", title: "Latency", unit: "s",
            lines: [.init(label: "p95", points: a), .init(label: "p50", points: b)],
            thresholds: [
                .init(value: 0.3, kind: .breach, badSide: .above, label: "objective < 0.3"),
                .init(value: 0.25, kind: .warn, badSide: .above, label: "warning 0.25"),
            ],
            start: start, end: start + 143 * 600_000, words: english)
        let svg = chart.svg() + "\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/latency-chart.svg")
        if ProcessInfo.processInfo.environment["HANDOVER_RECORD_GOLDEN"] == "1" {
            try svg.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded latency-chart.svg; run again without HANDOVER_RECORD_GOLDEN")
            return
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == svg)
    }

    /// The chart cases a real monitoring recording has, each byte for byte (Fixtures/cases/*.svg).
    static let cases: [String: LineChart] = {
        let start: Int64 = 1_795_564_800_000, step: Int64 = 600_000
        let noise = [0.095, 0.09499999999999999, 0.09500001, 0.095, 0.09499999]
        let flat = LineChart(
            id: "flat", title: "p95 latency", unit: "s",
            lines: [.init(label: "p95", points: (0..<60).map { ChartPoint(t: start + Int64($0) * step, v: noise[$0 % noise.count]) })],
            thresholds: [.init(value: 0.3, kind: .breach, badSide: .above, label: "objective < 300 ms")], start: start, end: start + 59 * step, words: english)
        let single = LineChart(
            id: "single", title: "Rows published", unit: "rows", lines: [.init(label: "rows", points: [ChartPoint(t: start + 59 * step, v: 48102)])],
            start: start, end: start + 59 * step, words: english)
        let availability = LineChart(
            id: "availability", title: "Scoring API up", unit: "",
            lines: [.init(label: "up", points: (0..<60).map { ChartPoint(t: start + Int64($0) * step, v: $0 == 30 ? 0 : 1) })],
            thresholds: [.init(value: 0.995, kind: .breach, badSide: .below, label: "objective > 99.5%")], start: start, end: start + 59 * step, words: english)
        let requests = LineChart(
            id: "requests", title: "Requests per second", unit: "req/s",
            lines: [
                .init(label: "code=200", points: (0..<60).map { ChartPoint(t: start + Int64($0) * step, v: 1200 + 300 * sin(Double($0) / 8)) }),
                .init(label: "code=500", points: (0..<60).map { ChartPoint(t: start + Int64($0) * step, v: 12 + 3 * cos(Double($0) / 5)) }),
            ], start: start, end: start + 59 * step, words: english)
        return ["flat": flat, "single-sample": single, "availability-band": availability, "requests": requests, "requests-narrow": requests.narrowLayout()]
    }()

    @Test(arguments: ["flat", "single-sample", "availability-band", "requests", "requests-narrow"])
    func goldenCase(_ name: String) throws {
        let svg = Self.cases[name]!.svg() + "\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cases/\(name).svg")
        if ProcessInfo.processInfo.environment["HANDOVER_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try svg.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).svg; run again without HANDOVER_RECORD_GOLDEN")
            return
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == svg)
    }
}

@Suite struct AxisTests {
    @Test func bytesTickInWholeBinaryUnits() {
        let (ticks, labels) = Scale.axis(min: 25_275_973_632, max: 25_275_973_632, count: 5, unit: "bytes")
        #expect(labels == ["21 GiB", "22 GiB", "23 GiB", "24 GiB", "25 GiB", "26 GiB"])
        #expect(abs((ticks.first ?? 0) - 21 * 1_073_741_824) < 1, "ticks stay in bytes: \(ticks)")
    }

    @Test func largeValuesCarryAnSIPrefixNeverAnExponent() {
        let (_, labels) = Scale.axis(min: 0, max: 2.5e10, count: 5, unit: "")
        #expect(labels == ["0", "5 G", "10 G", "15 G", "20 G", "25 G"])
        #expect(Scale.axis(min: 0, max: 900_000, count: 5, unit: "").labels == ["0", "0.2 M", "0.4 M", "0.6 M", "0.8 M", "1.0 M"])
        #expect(Scale.axis(min: 0, max: 90_000, count: 5, unit: "").labels.last == "100,000")
    }

    @Test func zeroTrafficIsAnAxisFromZero() {
        #expect(Scale.niceTicks(min: 0, max: 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Scale.niceTicks(min: -5, max: -5).first! < -5)
    }
}
