import Basics
import Diagnostics
import Foundation
import Sanitizing

/// A time-series line chart as inline SVG: axes with readable ticks, UTC time labels, several
/// series with a legend, threshold lines and bands, gaps where data is missing, hover titles.
/// Values in, a string out; the caller adds the data-table alternative (`dataTable()`).
public struct LineChart: Sendable {
    public struct Line: Sendable {
        public var label: String
        public var points: [ChartPoint]
        public init(label: String, points: [ChartPoint]) {
            self.label = label
            self.points = points
        }
    }

    public struct Threshold: Sendable {
        public enum Kind: String, Sendable { case breach, warn }
        /// Which side of the value is bad: `.above` for `below: x` objectives.
        public enum BadSide: Sendable { case above, below }
        public var value: Double
        public var kind: Kind
        public var badSide: BadSide
        public var label: String
        public init(value: Double, kind: Kind, badSide: BadSide, label: String) {
            self.value = value
            self.kind = kind
            self.badSide = badSide
            self.label = label
        }
    }

    public var id: String
    public var title: String
    public var unit: String
    public var lines: [Line]
    public var thresholds: [Threshold]
    public var start: Int64
    public var end: Int64
    public var width = 720.0
    public var height = 260.0
    /// The phone layout: a narrower drawing with fewer ticks whose text stays at least 10 CSS px
    /// when a phone shows it at full width (a scaled-down desktop drawing would make it 4 px).
    public var narrow = false
    /// Most points drawn per series.
    public var maxPoints = 600

    /// The words of its descriptions, table and tooltips.
    public var words: Messages

    public init(
        id: String, title: String, unit: String, lines: [Line], thresholds: [Threshold] = [], start: Int64, end: Int64, words: Messages
    ) {
        self.words = words
        self.id = id
        self.title = title
        self.unit = unit
        self.lines = lines
        self.thresholds = thresholds
        self.start = start
        self.end = end
    }

    static let palette = ["#2563c9", "#c2410c", "#15803d", "#7c3aed", "#be185d", "#0e7490"]
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"]

    /// The lines as drawn: inside the window and downsampled.
    public var drawnLines: [Line] {
        lines.map { line in
            Line(label: line.label, points: Downsampling.lttb(line.points.filter { $0.t >= start && $0.t <= end }, threshold: maxPoints))
        }
    }

    /// The same chart laid out for phones (`narrow`), with ids of its own.
    public func narrowLayout() -> LineChart {
        var copy = self
        copy.narrow = true
        copy.id = id + "-narrow"
        copy.width = 320
        copy.height = 220
        // A phone's drawing is 320 units wide: more points than that are not seen.
        copy.maxPoints = 240
        return copy
    }

    public func svg() -> String {
        let drawn = drawnLines
        let left = narrow ? 50.0 : 56.0, right = narrow ? 10.0 : 16.0, top = 14.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let finite = drawn.flatMap { $0.points.map(\.v) }.filter { $0.isFinite }
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        // Flat data (up to float noise) is drawn level in the middle of a padded axis.
        let flat = Scale.isFlat(lo, hi) ? (lo + hi) / 2 : nil
        if let flat { (lo, hi) = (flat, flat) }
        for t in thresholds { lo = min(lo, t.value); hi = max(hi, t.value) }
        if lo > 0, lo < hi * 0.5 { lo = 0 }  // start at zero when the data is not far from it
        var (ticks, tickLabels) = Scale.axis(min: lo, max: hi, count: narrow ? 4 : 5, unit: unit)
        if ticks.count < 2 || !(ticks.last! > ticks.first!) {  // values too far apart to scale
            (ticks, tickLabels) = ([0, 1], ["0", "1"])
        }
        let yMin = ticks.first!, yMax = ticks.last!
        let span = Double(max(end - start, 1))
        func x(_ t: Int64) -> Double { left + Double(t - start) / span * plotW }
        func y(_ v: Double) -> Double {
            let clamped = min(max(flat ?? v, yMin), yMax)
            return top + (1 - (clamped - yMin) / (yMax - yMin)) * plotH
        }
        func yAxis(_ v: Double) -> Double { top + (1 - (min(max(v, yMin), yMax) - yMin) / (yMax - yMin)) * plotH }
        func f(_ d: Double) -> String { String(format: "%.1f", d) }

        var s =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"\(id)-title\">\(markupEscape(title))</title>"
        s += "<desc id=\"\(id)-desc\">\(markupEscape(description(drawn)))</desc>"
        // Bands on the bad side of each threshold: a strip along it, not the whole bad side, which
        // on an availability chart whose axis starts at 0 would be the whole chart.
        let bandDepth = plotH * 0.14
        for t in thresholds {
            let yt = yAxis(t.value)
            let (bandTop, bandBottom) = t.badSide == .above ? (max(top, yt - bandDepth), yt) : (yt, min(top + plotH, yt + bandDepth))
            if bandBottom > bandTop {
                s +=
                    "<rect class=\"band band-\(t.kind.rawValue)\" x=\"\(f(left))\" y=\"\(f(bandTop))\" width=\"\(f(plotW))\" height=\"\(f(bandBottom - bandTop))\"/>"
            }
        }
        // Grid and axes.
        for (tick, label) in zip(ticks, tickLabels) {
            let yy = yAxis(tick)
            s += "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(yy))\" y2=\"\(f(yy))\"/>"
            s += "<text class=\"tick\" x=\"\(f(left - 6))\" y=\"\(f(yy + 4))\" text-anchor=\"end\">\(markupEscape(label))</text>"
        }
        let (timeTicks, step) = Scale.timeTicks(from: start, to: end, count: narrow ? 3 : 6)
        for (i, t) in timeTicks.enumerated() {
            let xx = x(t)
            s += "<line class=\"grid\" x1=\"\(f(xx))\" x2=\"\(f(xx))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\"/>"
            s +=
                "<text class=\"tick\" x=\"\(f(xx))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(markupEscape(Scale.timeLabel(t, step: step, first: i == 0)))</text>"
        }
        s +=
            "<text class=\"axis-note\" x=\"\(f(left + plotW))\" y=\"\(f(height - 4))\" text-anchor=\"end\">\(markupEscape(words["chart.utc"]))\(unit.isEmpty ? "" : " · " + markupEscape(unit))</text>"
        for t in thresholds {
            let yt = yAxis(t.value)
            s += "<line class=\"threshold threshold-\(t.kind.rawValue)\" x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(yt))\" y2=\"\(f(yt))\"/>"
            s += "<text class=\"threshold-label\" x=\"\(f(left + 4))\" y=\"\(f(yt - 4))\">\(markupEscape(t.label))</text>"
        }
        // Lines, broken at gaps.
        for (k, line) in drawn.enumerated() {
            let color = Self.palette[k % Self.palette.count], dash = Self.dashes[k % Self.dashes.count]
            let gap = gapThreshold(line.points)
            var d = ""
            var previous: ChartPoint?
            // Points joined to neither neighbour (a scrape's one sample, a sample between gaps)
            // would be invisible as a path: they are drawn as markers.
            var isolated: [ChartPoint] = []
            for (i, p) in line.points.enumerated() {
                guard p.v.isFinite else { previous = nil; continue }
                let move = previous == nil || p.t - previous!.t > gap
                let next = i + 1 < line.points.count ? line.points[i + 1] : nil
                if move, next.map({ !$0.v.isFinite || $0.t - p.t > gap }) ?? true { isolated.append(p) }
                d += (move ? "M" : "L") + f(x(p.t)) + " " + f(y(p.v))
                previous = p
            }
            if !d.isEmpty {
                s += "<path class=\"series\" d=\"\(d)\" stroke=\"\(color)\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
            }
            for p in isolated {
                s += "<circle class=\"marker\" cx=\"\(f(x(p.t)))\" cy=\"\(f(y(p.v)))\" r=\"4\" fill=\"\(color)\"/>"
            }
            if line.points.count(where: \.v.isFinite) == 1, let p = isolated.first {
                // A lone sample says its value next to it (left of it when it is at the right edge).
                let atRight = x(p.t) > left + plotW * 0.6
                s +=
                    "<text class=\"marker-label\" x=\"\(f(x(p.t) + (atRight ? -8 : 8)))\" y=\"\(f(y(p.v) - 8))\" text-anchor=\"\(atRight ? "end" : "start")\">\(markupEscape(valueText(p.v)))</text>"
            }
            // Hover titles on a subset of the points (none on phones, which do not hover: the
            // data table has the values).
            let every = max(1, line.points.count / 48)
            for (i, p) in line.points.enumerated() where !narrow && i % every == 0 && p.v.isFinite {
                s +=
                    "<circle class=\"pt\" cx=\"\(f(x(p.t)))\" cy=\"\(f(y(p.v)))\" r=\"4\"><title>\(markupEscape(words("chart.point", ["series": line.label, "value": valueText(p.v), "time": words.dateTime(p.t)])))</title></circle>"
            }
        }
        s += "<rect class=\"frame\" x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\"/>"
        return SVGSanitizer.sanitize(s + "</svg>") ?? ""
    }

    /// The legend as HTML: a swatch (colour and dash) and the series' name.
    public func legend() -> String {
        guard !lines.isEmpty else { return "" }
        var html = "<ul class=\"legend\">"
        for (k, line) in lines.enumerated() {
            let color = Self.palette[k % Self.palette.count], dash = Self.dashes[k % Self.dashes.count]
            html +=
                "<li><svg class=\"swatch\" width=\"24\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" x2=\"24\" y1=\"5\" y2=\"5\" stroke=\"\(color)\" stroke-width=\"3\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/></svg>\(markupEscape(line.label))</li>"
        }
        return html + "</ul>"
    }

    /// The data behind the chart as an HTML table (the downsampled points, at most `rows`).
    public func dataTable(rows: Int = 96) -> String {
        let drawn = drawnLines
        var times = Set<Int64>()
        for line in drawn { for p in line.points { times.insert(p.t) } }
        var sorted = times.sorted()
        if sorted.count > rows {
            let every = Double(sorted.count) / Double(rows)
            sorted = (0..<rows).map { sorted[Int(Double($0) * every)] }
        }
        let lookup = drawn.map { line in Dictionary(line.points.map { ($0.t, $0.v) }, uniquingKeysWith: { a, _ in a }) }
        var html =
            "<table class=\"data-table\"><caption>\(markupEscape(title))\(unit.isEmpty ? "" : " (" + markupEscape(unit) + ")")</caption><thead><tr><th scope=\"col\">\(markupEscape(words["chart.timeColumn"]))</th>"
        for line in drawn { html += "<th scope=\"col\" class=\"num\">\(markupEscape(line.label))</th>" }
        html += "</tr></thead><tbody>"
        for t in sorted {
            html += "<tr><td>\(markupEscape(words.dateTime(t)))</td>"
            for map in lookup { html += "<td class=\"num\">\(map[t].map { markupEscape(words.readable($0)) } ?? "–")</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// A sentence for screen readers: what the chart shows and its range of values.
    func description(_ drawn: [Line]) -> String {
        var parts = [words.plural("chart.describe.series", drawn.count, ["from": words.dateTime(start), "to": words.dateTime(end)])]
        for line in drawn {
            let finite = line.points.map(\.v).filter { $0.isFinite }
            guard let lo = finite.min(), let hi = finite.max(), let last = finite.last else {
                parts.append(words("chart.describe.noData", ["series": line.label]))
                continue
            }
            parts.append(
                Scale.isFlat(lo, hi)
                    ? words("chart.describe.steady", ["series": line.label, "value": valueText(last)])
                    : words(
                        "chart.describe.range", ["series": line.label, "low": valueText(lo), "high": valueText(hi), "last": valueText(last)]))
        }
        for t in thresholds { parts.append(words("chart.describe.threshold", ["label": t.label, "value": valueText(t.value)])) }
        return words("chart.describe.sentence", ["parts": parts.joined(separator: words["chart.describe.separator"])])
    }

    /// A value with the chart's unit, as tiles and tables write it.
    func valueText(_ v: Double) -> String { words.quantity(v, unit: unit) }

    /// A step more than three times the usual one is a gap in the data.
    func gapThreshold(_ points: [ChartPoint]) -> Int64 {
        guard points.count > 2 else { return .max }
        var steps: [Int64] = []
        steps.reserveCapacity(points.count)
        for i in 1..<points.count { steps.append(points[i].t - points[i - 1].t) }
        steps.sort()
        return max(steps[steps.count / 2] * 3, 1)
    }
}

/// A small line of the recent values, for KPI tiles. Decorative: the tile states the values.
public func sparkline(_ values: [Double], width: Double = 120, height: Double = 32) -> String {
    let points = Downsampling.lttb(values.enumerated().map { ChartPoint(t: Int64($0.offset), v: $0.element) }, threshold: 60)
    let finite = points.map(\.v).filter { $0.isFinite }
    guard let lo = finite.min(), let hi = finite.max(), points.count > 1 else { return "" }
    // Flat data, float noise included, is a level line in the middle, not full-height spikes.
    let flat = Scale.isFlat(lo, hi)
    let span = flat ? 1 : hi - lo
    let maxT = Double(points.last!.t == 0 ? 1 : points.last!.t)
    var d = ""
    var pen = false
    for p in points {
        guard p.v.isFinite else { pen = false; continue }
        let x = Double(p.t) / maxT * (width - 2) + 1
        let y = flat ? height / 2 : (1 - (p.v - lo) / span) * (height - 4) + 2
        d += (pen ? "L" : "M") + String(format: "%.1f %.1f", x, y)
        pen = true
    }
    return SVGSanitizer.sanitize(
        "<svg class=\"sparkline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" aria-hidden=\"true\" focusable=\"false\"><path d=\"\(d)\"/></svg>"
    ) ?? ""
}
