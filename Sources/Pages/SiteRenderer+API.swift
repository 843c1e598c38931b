import Foundation
import Markdown
import Model
import SiteGraph

/// `api/index.html`: how to call every endpoint that has an OpenAPI description.
extension SiteRenderer {
    func apiContext(_ context: inout [String: Any], page: Page) {
        context["page"] = ["title": page.title, "kind": "api"]
        var toc: [(String, String, Int)] = []
        let endpoints = model.deployment?.endpoints.filter { $0.endpoint.api != nil } ?? []
        guard !endpoints.isEmpty else {
            context["missing"] = missing("No API description yet",
                                         "Point an endpoint of Content/deployment.yaml at its OpenAPI 3.x or Swagger 2.0 file (Azure ML serves it at /swagger.json) and this guide is generated from it.",
                                         example: "environments:\n  - name: production\n    endpoints:\n      - name: score\n        mode: realtime\n        openapi: api/swagger.json\n")
            setTOC(&context, toc)
            return
        }
        var apis: [[String: Any]] = []
        for (environment, endpoint) in endpoints {
            guard let spec = endpoint.api else { continue }
            let anchor = "api-" + anchorID(endpoint.name)
            toc.append(("\(endpoint.name) (\(environment))", anchor, 2))
            var api: [String: Any] = ["endpoint": endpoint.name, "environment": environment, "anchor": anchor,
                                      "title": spec.title, "format": spec.format, "file": spec.path]
            api["version"] = spec.version
            api["descriptionHTML"] = spec.description.map(inlineMarkdown)
            api["url"] = endpoint.url
            api["auth"] = endpoint.auth
            api["security"] = spec.security.map { ["name": $0.name, "descriptionHTML": inlineMarkdown($0.description)] }
            api["hasSecurity"] = !spec.security.isEmpty
            let base = baseURL(endpoint: endpoint, spec: spec)
            api["operations"] = spec.operations.map { operationContext($0, endpoint: endpoint, spec: spec, base: base, anchor: anchor) }
            let users = model.deployment?.consumers.filter { $0.uses.contains(endpoint.name) } ?? []
            if !users.isEmpty {
                api["consumers"] = users.map { c -> [String: Any] in
                    var item: [String: Any] = ["name": c.name, "kind": c.kind.rawValue, "sample": recommendedSample(c.kind)]
                    item["description"] = c.description
                    return item
                }
                api["hasConsumers"] = true
            }
            apis.append(api)
        }
        context["apis"] = apis
        // Consumers of endpoints without a description: pointed to what they use.
        let described = Set(endpoints.map(\.endpoint.name))
        let others = (model.deployment?.consumers ?? []).filter { !$0.uses.contains(where: described.contains) }
        if !others.isEmpty {
            context["otherConsumers"] = others.map { c -> [String: Any] in
                ["name": c.name, "kind": c.kind.rawValue, "uses": c.uses.joined(separator: ", ")]
            }
            context["hasOtherConsumers"] = true
            toc.append(("Other consumers", "other-consumers", 2))
        }
        setTOC(&context, toc)
    }

    /// Where the operations' paths start: the endpoint's URL without the path of the operation it
    /// names (`…/delay-risk/score` → `…/delay-risk`), else the spec's first server.
    func baseURL(endpoint: Endpoint, spec: APISpec) -> String {
        if let url = endpoint.url {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            let named = spec.operations.map(\.path).filter { $0 != "/" && trimmed.hasSuffix($0) }.max { $0.count < $1.count }
            if let named { return String(trimmed.dropLast(named.count)) }
            if spec.servers.isEmpty { return trimmed }
        }
        let server = spec.servers.first ?? "https://your-endpoint.example"
        return server.hasSuffix("/") ? String(server.dropLast()) : server
    }

    func operationContext(_ op: APISpec.Operation, endpoint: Endpoint, spec: APISpec, base: String, anchor: String) -> [String: Any] {
        var item: [String: Any] = ["method": op.method, "path": op.path,
                                   "anchor": anchor + "-" + anchorID(op.operationID ?? (op.method + op.path))]
        item["operationID"] = op.operationID
        item["summaryHTML"] = (op.summary ?? op.description).map(inlineMarkdown)
        let url = base + op.path
        item["url"] = url
        if !op.parameters.isEmpty {
            item["parameters"] = op.parameters.map { p -> [String: Any] in
                var row: [String: Any] = ["name": p.name, "in": p.location, "typeHTML": inlineMarkdown(p.type),
                                          "required": p.required ? "yes" : "no"]
                row["descriptionHTML"] = inlineMarkdown(p.description ?? "")
                return row
            }
            item["hasParameters"] = true
        }
        if !op.request.isEmpty {
            item["request"] = schemaRows(op.request, table: "\(item["anchor"]!)-request")
            item["hasRequest"] = true
            item["requestContentType"] = op.requestContentType ?? "application/json"
        }
        item["requestExample"] = op.requestExample
        item["responses"] = op.responses.map { r -> [String: Any] in
            var response: [String: Any] = ["status": r.status, "descriptionHTML": inlineMarkdown(r.description ?? "")]
            if !r.schema.isEmpty { response["schema"] = schemaRows(r.schema, table: "\(item["anchor"]!)-\(r.status)"); response["hasSchema"] = true }
            response["example"] = r.example
            return response
        }
        let header = spec.security.first?.headerName ?? (endpoint.auth == "none" ? nil : "Authorization")
        let credential: APISamples.Credential = endpoint.auth == "none" ? .none
            : (endpoint.auth?.contains("aad") == true || endpoint.auth?.contains("token") == true ? .entraToken : .key)
        let body = op.method == "GET" || op.method == "HEAD" ? nil : op.requestExample
        let samples = APISamples(method: op.method, url: url, authHeader: header, credential: credential,
                                 contentType: op.requestContentType ?? (body == nil ? nil : "application/json"), body: body)
        item["samples"] = samples.all().enumerated().map { index, s in
            ["label": s.label, "language": s.language, "code": s.code, "id": "\(item["anchor"]!)-\(s.language)", "first": index == 0]
        }
        return item
    }

    /// - Parameter table: the id the table's rows are anchored under; a row that names a schema
    ///   expanded at another row links to that row.
    func schemaRows(_ rows: [APISpec.SchemaRow], table: String) -> [[String: Any]] {
        let targets = Set(rows.compactMap(\.expandedAt))
        func id(_ path: String) -> String {
            table + "-" + String(path.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
        }
        return rows.map { row in
            var item: [String: Any] = ["path": row.path, "typeHTML": inlineMarkdown(row.type), "required": row.required ? "yes" : "no",
                                       "descriptionHTML": inlineMarkdown(row.description ?? "")]
            if targets.contains(row.path) { item["rowID"] = id(row.path) }
            if let first = row.expandedAt { item["expandedAt"] = first; item["expandedAtID"] = id(first) }
            return item
        }
    }

    func recommendedSample(_ kind: Consumer.Kind) -> String {
        switch kind {
        case .spreadsheet: return "Excel Power Query"
        case .website, .dashboard: return "JavaScript (fetch), called from the server side"
        case .lineOfBusiness, .backEnd: return "Python (requests) or curl"
        }
    }

    /// OpenAPI descriptions are CommonMark: rendered safely (no raw HTML, no unsafe links),
    /// without the paragraph around a single line.
    func inlineMarkdown(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var html = MarkdownRenderer.render(text).html.trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }
}
