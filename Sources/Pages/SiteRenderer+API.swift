import Basics
import Foundation
import Markdown
import Model
import SiteGraph
import Templates

/// `api/index.html`: how to call every endpoint that has an OpenAPI description (`pages/api`).
struct APIPage: ViewModel {
    struct API: ViewModel {
        var endpoint: String
        var environment: String
        var anchor: String
        var title: String
        var format: String
        var file: String
        var version: String?
        var descriptionHTML: String?
        var url: String?
        var auth: String?
        var security: [Security]
        var operations: [Operation]
        var consumers: [Consumer]

        static let fields = ViewFields<Self>(
            "an API",
            [
                .value("endpoint") { $0.endpoint }, .value("environment") { $0.environment }, .value("anchor") { $0.anchor },
                .value("title") { $0.title }, .value("format") { $0.format }, .value("file") { $0.file },
                .value("version") { $0.version }, .value("descriptionHTML") { $0.descriptionHTML },
                .value("url") { $0.url }, .value("auth") { $0.auth },
                .models("security") { $0.security }, .value("hasSecurity") { !$0.security.isEmpty },
                .models("operations") { $0.operations },
                .models("consumers") { $0.consumers.isEmpty ? nil : $0.consumers },
                .value("hasConsumers") { $0.consumers.isEmpty ? nil : true },
            ])
    }

    struct Security: ViewModel {
        var name: String
        var descriptionHTML: String
        static let fields = ViewFields<Self>(
            "a security scheme",
            [
                .value("name") { $0.name }, .value("descriptionHTML") { $0.descriptionHTML },
            ])
    }

    struct Consumer: ViewModel {
        var name: String
        var kind: String
        var sample: String?
        var uses: String?
        var description: String?
        static let fields = ViewFields<Self>(
            "a consumer",
            [
                .value("name") { $0.name }, .value("kind") { $0.kind }, .value("sample") { $0.sample },
                .value("uses") { $0.uses }, .value("description") { $0.description },
            ])
    }

    struct Operation: ViewModel {
        var method: String
        var path: String
        var anchor: String
        var operationID: String?
        var summaryHTML: String?
        var url: String
        var parameters: [Parameter] = []
        var request: [SchemaRow] = []
        var requestContentType: String?
        var requestExample: String?
        var responses: [Response] = []
        var samples: [Sample] = []

        static let fields = ViewFields<Self>(
            "an operation",
            [
                .value("method") { $0.method }, .value("path") { $0.path }, .value("anchor") { $0.anchor },
                .value("operationID") { $0.operationID }, .value("summaryHTML") { $0.summaryHTML }, .value("url") { $0.url },
                .models("parameters") { $0.parameters.isEmpty ? nil : $0.parameters },
                .value("hasParameters") { $0.parameters.isEmpty ? nil : true },
                .models("request") { $0.request.isEmpty ? nil : $0.request },
                .value("hasRequest") { $0.request.isEmpty ? nil : true },
                .value("requestContentType") { $0.requestContentType },
                .value("requestExample") { $0.requestExample },
                .models("responses") { $0.responses },
                .models("samples") { $0.samples },
            ])
    }

    struct Parameter: ViewModel {
        var name: String
        var location: String
        var typeHTML: String
        var required: String
        var descriptionHTML: String
        static let fields = ViewFields<Self>(
            "a parameter",
            [
                .value("name") { $0.name }, .value("in") { $0.location }, .value("typeHTML") { $0.typeHTML },
                .value("required") { $0.required }, .value("descriptionHTML") { $0.descriptionHTML },
            ])
    }

    struct SchemaRow: ViewModel {
        var path: String
        var typeHTML: String
        var required: String
        var descriptionHTML: String
        var rowID: String?
        var expandedAt: String?
        var expandedAtID: String?
        static let fields = ViewFields<Self>(
            "a schema field",
            [
                .value("path") { $0.path }, .value("typeHTML") { $0.typeHTML }, .value("required") { $0.required },
                .value("descriptionHTML") { $0.descriptionHTML }, .value("rowID") { $0.rowID },
                .value("expandedAt") { $0.expandedAt }, .value("expandedAtID") { $0.expandedAtID },
            ])
    }

    struct Response: ViewModel {
        var status: String
        var descriptionHTML: String
        var schema: [SchemaRow]
        var example: String?
        static let fields = ViewFields<Self>(
            "a response",
            [
                .value("status") { $0.status }, .value("descriptionHTML") { $0.descriptionHTML },
                .models("schema") { $0.schema.isEmpty ? nil : $0.schema },
                .value("hasSchema") { $0.schema.isEmpty ? nil : true },
                .value("example") { $0.example },
            ])
    }

    struct Sample: ViewModel {
        var label: String
        var language: String
        var code: String
        var id: String
        var first: Bool
        static let fields = ViewFields<Self>(
            "a code sample",
            [
                .value("label") { $0.label }, .value("language") { $0.language }, .value("code") { $0.code },
                .value("id") { $0.id }, .value("first") { $0.first },
            ])
    }

    var frame: PageFrame
    var missing: MissingView?
    /// Nil when no endpoint has a description.
    var apis: [API]?
    var otherConsumers: [Consumer] = []

    static let fields = ViewFields<Self>(
        "the API guide", embedding: PageFrame.self, { $0.frame },
        [
            .model("missing") { $0.missing },
            .models("apis") { $0.apis },
            .models("otherConsumers") { $0.otherConsumers.isEmpty ? nil : $0.otherConsumers },
            .value("hasOtherConsumers") { $0.otherConsumers.isEmpty ? nil : true },
        ])
}

extension SiteRenderer {
    func apiPage(_ frame: PageFrame, page: Page) -> APIPage {
        var frame = frame
        frame.page = PageInfo(title: page.title, kind: "api")
        var view = APIPage(frame: frame)
        var toc: [(String, String, Int)] = []
        let endpoints = model.deployment?.endpoints.filter { $0.endpoint.api != nil } ?? []
        guard !endpoints.isEmpty else {
            view.missing = missing(
                .api,
                example: "environments:\n  - name: production\n    endpoints:\n      - name: score\n        mode: realtime\n        openapi: api/swagger.json\n"
            )
            return view
        }
        var apis: [APIPage.API] = []
        for (environment, endpoint) in endpoints {
            guard let spec = endpoint.api else { continue }
            let anchor = "api-" + anchorID(endpoint.name)
            toc.append(("\(endpoint.name) (\(environment))", anchor, 2))
            let base = baseURL(endpoint: endpoint, spec: spec)
            let users = model.deployment?.consumers.filter { $0.uses.contains(endpoint.name) } ?? []
            apis.append(
                APIPage.API(
                    endpoint: endpoint.name, environment: environment, anchor: anchor, title: spec.title, format: spec.format,
                    file: spec.path, version: spec.version, descriptionHTML: spec.description.map(inlineMarkdown),
                    url: endpoint.url, auth: endpoint.auth,
                    security: spec.security.map { .init(name: $0.name, descriptionHTML: inlineMarkdown($0.description)) },
                    operations: spec.operations.map { operation($0, endpoint: endpoint, spec: spec, base: base, anchor: anchor) },
                    consumers: users.map { .init(name: $0.name, kind: $0.kind.rawValue, sample: recommendedSample($0.kind), description: $0.description) }))
        }
        view.apis = apis
        // Consumers of endpoints without a description: pointed to what they use.
        let described = Set(endpoints.map(\.endpoint.name))
        let others = (model.deployment?.consumers ?? []).filter { !$0.uses.contains(where: described.contains) }
        if !others.isEmpty {
            view.otherConsumers = others.map { .init(name: $0.name, kind: $0.kind.rawValue, uses: $0.uses.joined(separator: ", ")) }
            toc.append(("Other consumers", "other-consumers", 2))
        }
        view.frame.setTOC(tocEntries(toc))
        return view
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

    func operation(_ op: APISpec.Operation, endpoint: Endpoint, spec: APISpec, base: String, anchor: String) -> APIPage.Operation {
        let anchor = anchor + "-" + anchorID(op.operationID ?? (op.method + op.path))
        let url = base + op.path
        var item = APIPage.Operation(
            method: op.method, path: op.path, anchor: anchor, operationID: op.operationID,
            summaryHTML: (op.summary ?? op.description).map(inlineMarkdown), url: url)
        item.parameters = op.parameters.map { p in
            .init(
                name: p.name, location: p.location, typeHTML: inlineMarkdown(p.type), required: p.required ? "yes" : "no",
                descriptionHTML: inlineMarkdown(p.description ?? ""))
        }
        if !op.request.isEmpty {
            item.request = schemaRows(op.request, table: "\(anchor)-request")
            item.requestContentType = op.requestContentType ?? "application/json"
        }
        item.requestExample = op.requestExample
        item.responses = op.responses.map { r in
            .init(
                status: r.status, descriptionHTML: inlineMarkdown(r.description ?? ""),
                schema: r.schema.isEmpty ? [] : schemaRows(r.schema, table: "\(anchor)-\(r.status)"), example: r.example)
        }
        let header = spec.security.first?.headerName ?? (endpoint.auth == "none" ? nil : "Authorization")
        let credential: APISamples.Credential =
            endpoint.auth == "none"
            ? .none
            : (endpoint.auth?.contains("aad") == true || endpoint.auth?.contains("token") == true ? .entraToken : .key)
        let body = op.method == "GET" || op.method == "HEAD" ? nil : op.requestExample
        let samples = APISamples(
            method: op.method, url: url, authHeader: header, credential: credential,
            contentType: op.requestContentType ?? (body == nil ? nil : "application/json"), body: body)
        item.samples = samples.all().enumerated().map { index, s in
            .init(label: s.label, language: s.language, code: s.code, id: "\(anchor)-\(s.language)", first: index == 0)
        }
        return item
    }

    /// - Parameter table: the id the table's rows are anchored under; a row that names a schema
    ///   expanded at another row links to that row.
    func schemaRows(_ rows: [APISpec.SchemaRow], table: String) -> [APIPage.SchemaRow] {
        let targets = Set(rows.compactMap(\.expandedAt))
        func id(_ path: String) -> String {
            table + "-" + String(path.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
        }
        return rows.map { row in
            APIPage.SchemaRow(
                path: row.path, typeHTML: inlineMarkdown(row.type), required: row.required ? "yes" : "no",
                descriptionHTML: inlineMarkdown(row.description ?? ""),
                rowID: targets.contains(row.path) ? id(row.path) : nil,
                expandedAt: row.expandedAt, expandedAtID: row.expandedAt.map(id))
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
