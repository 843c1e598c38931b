import Basics
import Diagnostics
import Sanitizing
/// Horizontal bars: candidate models by metric, features by importance. Each group (a metric)
/// has its own scale from zero, so that metrics of different ranges can sit in one figure; the
/// highlighted bar (the chosen model) is drawn darker and its value bold.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var highlighted: Bool
        public init(label: String, value: Double, highlighted: Bool = false) {
            self.label = label
            self.value = value
            self.highlighted = highlighted
        }
    }

    public struct Group: Sendable {
        /// Shown above the group; nil for a single unnamed group.
        public var title: String?
        public var bars: [Bar]
        public init(title: String?, bars: [Bar]) {
            self.title = title
            self.bars = bars
        }
    }

    public var title: String
    public var description: String
    public var groups: [Group]
    public var width: Double = 640

    public init(title: String, description: String, groups: [Group]) {
        self.title = title
        self.description = description
        self.groups = groups
    }

    public func svg(id: String) -> String {
        let labelWidth = 190.0, valueWidth = 64.0, barHeight = 18.0, gap = 6.0, groupGap = 14.0, titleHeight = 20.0
        let barArea = width - labelWidth - valueWidth - 8
        var y = 4.0
        var body = ""
        for group in groups {
            if let title = group.title {
                body += "<text class=\"bar-group\" x=\"0\" y=\"\(fmt(y + 14))\">\(markupEscape(title))</text>"
                y += titleHeight
            }
            let top = max(group.bars.map(\.value).max() ?? 1, 0)
            for bar in group.bars {
                let length = top > 0 ? max(0, bar.value) / top * barArea : 0
                let cls = bar.highlighted ? "bar bar-chosen" : "bar"
                body +=
                    "<text class=\"bar-label\" x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + barHeight - 5))\" text-anchor=\"end\">\(markupEscape(truncated(bar.label)))</text>"
                body +=
                    "<rect class=\"\(cls)\" x=\"\(fmt(labelWidth))\" y=\"\(fmt(y))\" width=\"\(fmt(length))\" height=\"\(fmt(barHeight))\" rx=\"2\"><title>\(markupEscape(bar.label)): \(Scale.format(bar.value))</title></rect>"
                body +=
                    "<text class=\"bar-value\(bar.highlighted ? " bar-value-chosen" : "")\" x=\"\(fmt(labelWidth + length + 6))\" y=\"\(fmt(y + barHeight - 5))\">\(Scale.format(bar.value))</text>"
                y += barHeight + gap
            }
            y += groupGap
        }
        let height = y
        return SVGSanitizer.sanitize(
            "<svg class=\"chart bar-chart\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
                + "<title id=\"\(id)-title\">\(markupEscape(title))</title><desc id=\"\(id)-desc\">\(markupEscape(description))</desc>"
                + body + "</svg>") ?? ""
    }

    private func truncated(_ s: String) -> String { s.count > 28 ? String(s.prefix(27)) + "…" : s }

    private func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
