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
}
