import Basics
import Model
import Monitoring

/// The name of each series of a panel in its chart's legend.
public enum SeriesLegend {
    /// A series' label in a legend: the panel's `legend:` template when it has one (Grafana's
    /// `{{label}}` convention), else the labels that tell the series apart, else the panel's title.
    /// Two series that would read the same are numbered.
    public static func labels(_ series: [Series], panel: Panel) -> [String] {
        var labels: [String]
        if let template = panel.legend {
            labels = series.map { s in expand(template, s) }
        } else if series.count == 1 {
            labels = [panel.title]
        } else {
            var keys = Set(series.flatMap(\.labels.keys)).filter { key in Set(series.map { $0.labels[key] ?? "" }).count > 1 }.sorted()
            if Set(series.map(\.name)).count > 1 { keys.insert("__name__", at: 0) }
            labels = series.map { s in
                let parts = keys.compactMap { key in key == "__name__" ? (s.name.isEmpty ? nil : s.name) : s.labels[key].map { "\(key)=\($0)" } }
                return parts.isEmpty ? panel.title : parts.joined(separator: ", ")
            }
        }
        var seen: [String: Int] = [:]
        for label in labels { seen[label, default: 0] += 1 }
        var counter: [String: Int] = [:]
        return labels.map { label in
            guard seen[label]! > 1 else { return label }
            counter[label, default: 0] += 1
            return "\(label) (\(counter[label]!))"
        }
    }

    /// `{{endpoint}} {{code}}` with the series' label values; `{{__name__}}` is its metric name.
    public static func expand(_ template: String, _ series: Series) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound].trimmingSpaces)
            result += name == "__name__" ? series.name : series.labels[name] ?? ""
            rest = rest[close.upperBound...]
        }
        return String((result + rest).trimmingSpaces)
    }
}
