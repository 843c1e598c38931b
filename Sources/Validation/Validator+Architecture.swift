import Diagnostics
import Loading
import Model

extension Validator {
    mutating func architecture(_ document: YAMLDocument) -> Architecture? {
        guard let root = document.root else { return nil }
        guard var f = Fields(root, context: "architecture", &diagnostics) else { return nil }
        var architecture = Architecture()
        var ids: [String: SourceLocation] = [:]
        for node in f.list("components", &diagnostics) {
            guard var c = Fields(node, context: "components[]", &diagnostics) else { continue }
            let id = c.string("id", &diagnostics, required: true)
            let name = c.string("name", &diagnostics)
            if let id {
                if let first = ids[id] {
                    diagnostics.error(at: node.location, "components: id `\(id)` is used twice (first at \(first))")
                }
                ids[id] = node.location
                var component = Component(id: id, name: name ?? id)
                component.kind = c.string("kind", &diagnostics)
                component.tech = c.string("tech", &diagnostics)
                component.zone = c.string("zone", &diagnostics)
                component.description = c.string("description", &diagnostics)
                component.owner = c.string("owner", &diagnostics)
                architecture.components.append(component)
            }
            c.finish(&diagnostics)
        }
        for node in f.list("flows", &diagnostics) {
            guard var c = Fields(node, context: "flows[]", &diagnostics) else { continue }
            let from = c.string("from", &diagnostics, required: true)
            let to = c.string("to", &diagnostics, required: true)
            let label = c.string("label", &diagnostics)
            let mode: Flow.Mode? = c.choice("mode", &diagnostics)
            c.finish(&diagnostics)
            guard let from, let to else { continue }
            var flow = Flow(from: from, to: to)
            flow.label = label
            flow.mode = mode
            architecture.flows.append(flow)
            references.append(Reference(name: from, kind: .component, location: node["from"]?.location ?? node.location, context: "flows[].from"))
            references.append(Reference(name: to, kind: .component, location: node["to"]?.location ?? node.location, context: "flows[].to"))
        }
        f.finish(&diagnostics)
        return architecture
    }

    mutating func dashboard(_ document: YAMLDocument) -> Dashboard? {
        guard let root = document.root else { return nil }
        guard var f = Fields(root, context: "dashboard", &diagnostics) else { return nil }
        var dashboard = Dashboard()
        if let window = f.duration("window", &diagnostics) { dashboard.window = window }
        if let stale = f.duration("stale_after", &diagnostics) { dashboard.staleAfter = stale }
        for node in f.list("maintenance", &diagnostics) {
            if let window = maintenanceWindow(node) { dashboard.maintenance.append(window) }
        }
        dashboard.maintenance.sort { $0.start < $1.start }
        for node in f.list("panels", &diagnostics) {
            guard var p = Fields(node, context: "panels[]", &diagnostics) else { continue }
            let title = p.string("title", &diagnostics, required: true)
            let series = p.string("series", &diagnostics, required: true)
            let unit = p.string("unit", &diagnostics)
            let objective = p.string("objective", &diagnostics)
            let description = p.string("description", &diagnostics)
            let legend = p.string("legend", &diagnostics)
            p.finish(&diagnostics)
            guard let title, let series else { continue }
            var panel = Panel(title: title, series: series)
            panel.seriesLocation = node["series"]?.location
            panel.unit = unit
            panel.objective = objective
            panel.description = description
            panel.legend = legend
            dashboard.panels.append(panel)
            if let objective {
                references.append(
                    Reference(name: objective, kind: .objective, location: node["objective"]?.location ?? node.location, context: "panels[].objective"))
            }
        }
        f.finish(&diagnostics)
        return dashboard
    }

    /// `{ start, end | duration, components, reason }`: a time with its hour, and a real span.
    mutating func maintenanceWindow(_ node: YAMLNode) -> MaintenanceWindow? {
        guard var m = Fields(node, context: "maintenance[]", &diagnostics) else { return nil }
        let start = m.date("start", &diagnostics, required: true)
        let hasEnd = m.has("end"), hasDuration = m.has("duration")
        let end = m.date("end", &diagnostics)
        let duration = m.duration("duration", &diagnostics)
        let components = m.strings("components", &diagnostics)
        let reason = m.string("reason", &diagnostics)
        m.finish(&diagnostics)
        guard let start else { return nil }
        if hasEnd == hasDuration {
            diagnostics.add(
                .error(
                    at: node.location, "maintenance[]: expected either `end` or `duration`, found \(hasEnd ? "both" : "neither")",
                    hint: "e.g. end: 2026-11-22T03:00:00Z, or duration: 1h"))
            return nil
        }
        guard let stop = end?.epochSeconds ?? duration.map({ start.epochSeconds + Int64($0) }) else { return nil }
        guard stop > start.epochSeconds else {
            diagnostics.add(
                .error(
                    at: node["end"]?.location ?? node["duration"]?.location ?? node.location,
                    "maintenance[]: expected an end after the start (\(start)), found \(end.map { "\($0)" } ?? "no time")"))
            return nil
        }
        var window = MaintenanceWindow(start: start.epochSeconds, end: stop, location: node.location)
        window.components = components
        window.reason = reason
        if let list = node["components"], case .sequence(let items) = list.value {
            for item in items {
                if case .scalar(let name, _) = item.value {
                    references.append(Reference(name: name, kind: .component, location: item.location, context: "maintenance[].components"))
                }
            }
        }
        return window
    }
}
