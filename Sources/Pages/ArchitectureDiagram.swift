import Basics
import Model

/// The solution as a Graphviz graph: every component of `architecture.yaml` and every one that
/// `deployment.yaml` names (model, endpoints, batch jobs, pipelines, consumers), zones as
/// clusters, flows labelled and drawn by mode, each node linking to its row of the components
/// table.
struct ArchitectureDiagram {
    struct Node {
        var id: String
        var name: String
        var kind: String
        /// The kind in the site's words, for the node's tooltip.
        var kindLabel: String? = nil
        var tech: String?
        var zone: String?
    }

    struct Edge {
        var from: String
        var to: String
        var label: String?
        var mode: Flow.Mode?
    }

    var nodes: [Node] = []
    var edges: [Edge] = []

    /// Builds the graph; `anchor` gives the fragment of a component's row.
    init(architecture: Architecture?, deployment: Deployment?, words: Messages) {
        var known = Set<String>()
        func add(_ node: Node) {
            guard !known.contains(node.id) else { return }
            known.insert(node.id)
            nodes.append(node)
        }
        for c in architecture?.components ?? [] {
            add(Node(id: c.id, name: c.name, kind: c.kind ?? "component", tech: c.tech, zone: c.zone))
        }
        for f in architecture?.flows ?? [] { edges.append(Edge(from: f.from, to: f.to, label: f.label, mode: f.mode)) }
        guard let deployment else { return }
        var flowPairs = Set(edges.map { "\($0.from)\u{0}\($0.to)" })
        func connect(_ from: String, _ to: String, _ label: String, _ mode: Flow.Mode) {
            guard known.contains(from), known.contains(to), !flowPairs.contains("\(from)\u{0}\(to)") else { return }
            flowPairs.insert("\(from)\u{0}\(to)")
            edges.append(Edge(from: from, to: to, label: label, mode: mode))
        }
        add(
            Node(
                id: deployment.model.name, name: deployment.model.name, kind: "model", kindLabel: words["architecture.kind.model"],
                tech: words("diagram.version", ["version": deployment.model.version]), zone: nil))
        for (env, e) in deployment.endpoints {
            add(
                Node(
                    id: e.name, name: e.name, kind: "endpoint", kindLabel: words["diagram.kind.endpoint"], tech: "\(words["mode.\(e.mode.rawValue)"]) · \(env)",
                    zone: nil))
        }
        for (env, j) in deployment.batchJobs {
            add(
                Node(
                    id: j.name, name: j.name, kind: "batch", kindLabel: words["diagram.kind.batch"],
                    tech: (j.schedule.map { "\(words.cron($0)) · " } ?? "") + env, zone: nil))
        }
        for p in deployment.pipelines {
            add(Node(id: p.name, name: p.name, kind: "pipeline", kindLabel: words["architecture.kind.pipeline"], tech: p.schedule.map(words.cron), zone: nil))
        }
        for c in deployment.consumers {
            add(
                Node(
                    id: c.name, name: c.name, kind: "consumer", kindLabel: words["diagram.kind.consumer"], tech: words["consumer.\(c.kind.rawValue)"],
                    zone: words["diagram.zone.consumers"]))
        }
        // What deployment.yaml says about how they connect, unless architecture.yaml already drew it.
        let hasModelFlows = edges.contains { $0.from == deployment.model.name || $0.to == deployment.model.name }
        if !hasModelFlows {
            for (_, e) in deployment.endpoints { connect(deployment.model.name, e.name, words["diagram.flow.serves"], .batch) }
            for (_, j) in deployment.batchJobs { connect(deployment.model.name, j.name, words["diagram.flow.runs"], .batch) }
        }
        for p in deployment.pipelines {
            for s in p.sources { connect(s, p.name, words["diagram.flow.source"], .batch) }
            for s in p.sinks { connect(p.name, s, words["diagram.flow.publishes"], .batch) }
        }
        let modes = Dictionary(deployment.endpoints.map { ($0.endpoint.name, $0.endpoint.mode) }, uniquingKeysWith: { a, _ in a })
        for c in deployment.consumers {
            for used in c.uses { connect(used, c.name, words["diagram.flow.scores"], modes[used] == .realtime ? .realtime : .batch) }
        }
    }

    /// DOT text. Every value from the inputs is a quoted DOT string, escaped.
    func dot(anchor: (String) -> String) -> String {
        var out = "digraph architecture {\n"
        out += "  graph [rankdir=LR, bgcolor=\"transparent\", fontname=\"Helvetica\", fontsize=11, nodesep=0.35, ranksep=0.7, pad=0.2];\n"
        out +=
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", color=\"#1f5fbf\", fontname=\"Helvetica\", fontsize=13, margin=\"0.15,0.06\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#4a5568\", fontcolor=\"#2d3748\", arrowsize=0.7];\n"
        var zones: [String] = []
        for node in nodes { if let z = node.zone, !zones.contains(z) { zones.append(z) } }
        for (index, zone) in zones.enumerated() {
            out += "  subgraph cluster_\(index) {\n    label=\(quote(zone)); style=\"rounded,dashed\"; color=\"#a0aec0\"; fontcolor=\"#4a5568\"; fontsize=10;\n"
            for node in nodes where node.zone == zone { out += "    " + nodeLine(node, anchor: anchor) }
            out += "  }\n"
        }
        for node in nodes where node.zone == nil { out += "  " + nodeLine(node, anchor: anchor) }
        for edge in edges {
            var attributes = ["label=\(quote(edge.label ?? ""))"]
            switch edge.mode {
            case .batch?: attributes.append("style=dashed")
            case .stream?: attributes += ["style=dotted", "penwidth=1.6"]
            case .realtime?: attributes += ["style=bold", "color=\"#1f5fbf\""]
            case nil: break
            }
            out += "  \(quote(edge.from)) -> \(quote(edge.to)) [\(attributes.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    private func nodeLine(_ node: Node, anchor: (String) -> String) -> String {
        var label = node.name
        if let tech = node.tech, !tech.isEmpty { label += "\n" + tech }
        var attributes = [
            "label=\(quote(label))", "URL=\(quote("#component-" + anchor(node.id)))",
            "tooltip=\(quote("\(node.name) (\(node.kindLabel ?? node.kind))"))",
        ]
        switch node.kind {
        case "datastore", "database", "storage": attributes.append("shape=cylinder")
        case "external": attributes += ["style=\"rounded,dashed,filled\"", "fillcolor=\"#f7fafc\""]
        case "consumer": attributes += ["shape=box", "style=\"filled\"", "fillcolor=\"#f0fff4\"", "color=\"#2f855a\""]
        case "model": attributes += ["shape=component", "style=\"filled\"", "fillcolor=\"#fffbea\"", "color=\"#b7791f\""]
        default: break
        }
        return "\(quote(node.id)) [\(attributes.joined(separator: ", "))];\n"
    }

    /// A DOT quoted string: backslashes and quotes escaped, line breaks as `\n`.
    func quote(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
