@testable import Charts
import Foundation
import Testing

@Suite struct ChartsTests {
    @Test func niceTicks() {
        #expect(Scale.niceTicks(min: 0.13, max: 0.41) == [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(Scale.niceTicks(min: 0.2, max: 0.3) == [0.2, 0.22, 0.24, 0.26, 0.28, 0.3])
        #expect(Scale.niceTicks(min: 0, max: 37) == [0, 10, 20, 30, 40])
        #expect(Scale.niceTicks(min: 5, max: 5).count >= 2)
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
        let chart = LineChart(id: "c", title: "T", unit: "", lines: [.init(label: "a", points: points)], start: 0, end: 29 * 60_000)
        let path = chart.svg().firstMatch(of: /<path class="series" d="([^"]*)"/).map { String($0.1) } ?? ""
        #expect(path.filter { $0 == "M" }.count == 2)
    }

    @Test func labelsAreEscaped() {
        let chart = LineChart(
            id: "c", title: "<script>x</script>", unit: "\"u\"",
            lines: [.init(label: "{job=\"<b>\"}", points: [ChartPoint(t: 0, v: 1), ChartPoint(t: 60_000, v: 2)])],
            start: 0, end: 60_000)
        for text in [chart.svg(), chart.legend(), chart.dataTable()] {
            #expect(!text.contains("<script>"))
            #expect(!text.contains("<b>"))
        }
        #expect(chart.svg().contains("&lt;script&gt;"))
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
            start: start, end: start + 143 * 600_000)
        let svg = chart.svg() + "\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/latency-chart.svg")
        if ProcessInfo.processInfo.environment["HANDOVER_RECORD_GOLDEN"] == "1" {
            try svg.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded latency-chart.svg; run again without HANDOVER_RECORD_GOLDEN")
            return
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == svg)
    }
}
