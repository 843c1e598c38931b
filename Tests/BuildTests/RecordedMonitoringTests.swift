import Build
import Foundation
import Testing

/// The dashboard of a real recording (`Fixtures/recorded`, made by scripts/record-monitoring.py
/// from Debian's Prometheus and node exporter and the official Python client): every chart case a
/// real system has — near-constant quantiles, exactly constant gauges, counters' rates over
/// several series, a quantile Handover computes from raw buckets, zero traffic, single scrapes —
/// drawn byte for byte as recorded in `Fixtures/recorded-charts/`, and the numbers in agreement.
@Suite struct RecordedMonitoringTests {
    static let project = fixturesURL.appendingPathComponent("recorded")

    static func build() throws -> BuildPipeline.Result {
        let recordedAt = try String(contentsOf: project.appendingPathComponent("recorded-at"), encoding: .utf8)
        let epoch = try #require(Int64(recordedAt.trimmingCharacters(in: .whitespacesAndNewlines)))
        return BuildPipeline.check(options(project, epoch: epoch))
    }

    static let panels = [
        "scrape-latency-p95", "scrape-latency-p90-from-buckets", "memory-installed", "http-requests-per-second",
        "cpu-idle-per-core", "network-received", "scoring-api-up", "load-average-one-scrape", "goroutines-one-scrape",
    ]

    /// The figure of the n-th panel (1-based) of the dashboard.
    static func figure(_ dashboard: String, _ n: Int) throws -> String {
        let start = try #require(dashboard.range(of: "<figure class=\"chart-panel\" aria-labelledby=\"chart-\(n)-caption\">"))
        let end = try #require(dashboard.range(of: "</figure>", range: start.upperBound..<dashboard.endIndex))
        return String(dashboard[start.lowerBound..<end.upperBound])
    }

    static func svgs(_ figure: String) -> [String] {
        var found: [String] = []
        var rest = figure[...]
        while let open = rest.range(of: "<svg"), let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) {
            found.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    @Test func theRecordingBuildsWithoutAWord() throws {
        let result = try Self.build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.location): \($0.message)" })")
    }

    @Test(arguments: Array(panels.enumerated()))
    func chartMatchesTheRecording(_ panel: (offset: Int, element: String)) throws {
        let dashboard = try #require(try Self.build().files.first { $0.path == "dashboard/index.html" }).contents
        let drawn = Self.svgs(try Self.figure(dashboard, panel.offset + 1)).joined(separator: "\n") + "\n"
        #expect(drawn.hasPrefix("<svg class=\"chart\""), "\(panel.element) has a chart")
        let golden = fixturesURL.appendingPathComponent("recorded-charts/\(panel.element).svg")
        if ProcessInfo.processInfo.environment["HANDOVER_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(drawn.utf8).write(to: golden)
            Issue.record("recorded \(golden.lastPathComponent); run again without HANDOVER_RECORD_GOLDEN")
            return
        }
        #expect(try String(contentsOf: golden, encoding: .utf8) == drawn, "\(panel.element) differs from its recorded chart")
    }

    /// Tick labels of a chart's y axis (those before the first time label).
    static func yLabels(_ svg: String) -> [String] {
        var labels: [String] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text class=\"tick\""), let gt = rest.range(of: ">", range: open.upperBound..<rest.endIndex),
            let close = rest.range(of: "</text>", range: gt.upperBound..<rest.endIndex)
        {
            let attributes = rest[open.upperBound..<gt.lowerBound]
            if attributes.contains("text-anchor=\"end\"") { labels.append(String(rest[gt.upperBound..<close.lowerBound])) }
            rest = rest[close.upperBound...]
        }
        return labels
    }

    @Test func flatAndLargeValuesReadAsPeopleWriteThem() throws {
        let dashboard = try #require(try Self.build().files.first { $0.path == "dashboard/index.html" }).contents
        for n in 1...Self.panels.count {
            let wide = try #require(Self.svgs(try Self.figure(dashboard, n)).first)
            let labels = Self.yLabels(wide)
            #expect(Set(labels).count == labels.count, "\(Self.panels[n - 1]): ticks \(labels) read alike")
            #expect(!labels.contains { $0.contains("e+") || $0.contains("e-") }, "\(Self.panels[n - 1]): \(labels)")
        }
        #expect(Self.yLabels(try #require(Self.svgs(try Self.figure(dashboard, 3)).first)).allSatisfy { $0.hasSuffix(" GiB") })
        #expect(Self.yLabels(try #require(Self.svgs(try Self.figure(dashboard, 6)).first)).first == "0.0", "no traffic: an axis from 0")
        #expect(dashboard.contains("<p class=\"tile-value\">23.54 GiB</p>"))
    }

    @Test func aScrapeIsOneLabelledMarker() throws {
        let dashboard = try #require(try Self.build().files.first { $0.path == "dashboard/index.html" }).contents
        for (n, value) in [(8, "0.14"), (9, "34")] {
            let wide = try #require(Self.svgs(try Self.figure(dashboard, n)).first)
            #expect(wide.contains("class=\"marker"), "panel \(n) draws a marker")
            #expect(wide.contains(">\(value)</text>"), "panel \(n) labels its one value \(value)")
        }
    }

    @Test func theP95ReadsTheSameInTheTileTheTableAndTheSentence() throws {
        let dashboard = try #require(try Self.build().files.first { $0.path == "dashboard/index.html" }).contents
        #expect(dashboard.contains("<p class=\"tile-value\">95 ms</p>\n<p class=\"tile-what\">highest over 3 minutes</p>"))
        #expect(dashboard.contains("<td class=\"num\">95 ms</td>"))
        #expect(dashboard.contains("p95 scrape latency: 95 ms, highest over 3 minutes, objective &lt; 500 ms — <strong>met</strong>."))
    }
}
