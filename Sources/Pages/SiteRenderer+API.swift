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
        /// A large API's pages, listed on the guide's own page instead of its operations.
        var groups: [GroupLink] = []
        /// On one of those pages: its group's name.
        var group: String?
        /// How many operations the groups hold, as written (`1,100`).
        var operationCount = ""

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
                .models("groups") { $0.groups.isEmpty ? nil : $0.groups },
                .value("hasGroups") { $0.groups.isEmpty ? nil : true },
                .value("group") { $0.group },
                .value("operationCount") { $0.operationCount },
            ])
    }

    /// A page of a large API, and the operations on it.
    struct GroupLink: ViewModel {
        struct OperationLink: ViewModel {
            var method: String
            var path: String
            var summaryHTML: String?
            var url: String
            static let fields = ViewFields<Self>(
                "an operation's link",
                [
                    .value("method") { $0.method }, .value("path") { $0.path }, .value("summaryHTML") { $0.summaryHTML },
                    .value("url") { $0.url },
                ])
        }
        var name: String
        var url: String
        var operations: [OperationLink]
        static let fields = ViewFields<Self>(
            "a page of operations",
            [
                .value("name") { $0.name }, .value("url") { $0.url }, .models("operations") { $0.operations },
                .value("count") { $0.operations.count },
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
        /// Set when a later table links to this whole table.
        var requestTableID: String?
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
                .value("requestTableID") { $0.requestTableID },
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
        var expandedAtHref: String?
        static let fields = ViewFields<Self>(
            "a schema field",
            [
                .value("path") { $0.path }, .value("typeHTML") { $0.typeHTML }, .value("required") { $0.required },
                .value("descriptionHTML") { $0.descriptionHTML }, .value("rowID") { $0.rowID },
                .value("expandedAt") { $0.expandedAt }, .value("expandedAtHref") { $0.expandedAtHref },
            ])
    }

    struct Response: ViewModel {
        var status: String
        var descriptionHTML: String
        var schema: [SchemaRow]
        var example: String?
        var tableID: String?
        static let fields = ViewFields<Self>(
            "a response",
            [
                .value("status") { $0.status }, .value("descriptionHTML") { $0.descriptionHTML },
                .models("schema") { $0.schema.isEmpty ? nil : $0.schema },
                .value("hasSchema") { $0.schema.isEmpty ? nil : true },
                .value("example") { $0.example }, .value("tableID") { $0.tableID },
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
    /// - Parameter only: on a page of a large API (`APIGroups`), its endpoint and group slug.
    func apiPage(_ frame: PageFrame, page: Page, only: (endpoint: String, group: String)? = nil) -> APIPage {
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
            if let only, only.endpoint != endpoint.name { continue }
            let anchor = "api-" + anchorID(endpoint.name)
            toc.append(("\(endpoint.name) (\(environment))", anchor, 2))
            let base = baseURL(endpoint: endpoint, spec: spec)
            let users = model.deployment?.consumers.filter { $0.uses.contains(endpoint.name) } ?? []
            let groups = APIGroups.groups(spec)
            // The page each operation is on.
            var pageOf = Array(repeating: SitePath.api, count: spec.operations.count)
            for group in groups {
                for i in group.operations { pageOf[i] = APIGroups.outputPath(endpoint: endpoint.name, group: group) }
            }
            let shownHere: [Int] =
                if groups.isEmpty { only == nil ? Array(spec.operations.indices) : [] } else {
                    groups.first { $0.slug == only?.group }?.operations ?? []
                }
            var api = APIPage.API(
                endpoint: endpoint.name, environment: environment, anchor: anchor, title: spec.title, format: spec.format,
                file: spec.path, version: spec.version, descriptionHTML: spec.description.map { inlineMarkdown($0, docsBase: spec.docsURL) },
                url: endpoint.url, auth: endpoint.auth,
                security: spec.security.map { .init(name: $0.name, descriptionHTML: inlineMarkdown(securityText($0), docsBase: spec.docsURL)) },
                operations: operations(
                    of: spec, showing: shownHere, endpoint: endpoint, base: base, anchor: anchor, pageOf: pageOf, page: page.outputPath),
                consumers: users.map {
                    .init(name: $0.name, kind: words["consumer.\($0.kind.rawValue)"], sample: recommendedSample($0.kind), description: $0.description)
                })
            if only == nil {
                let anchors = operationAnchors(spec, anchor: anchor)
                api.operationCount = words.integer(spec.operations.count)
                api.groups = groups.map { group in
                    let path = APIGroups.outputPath(endpoint: endpoint.name, group: group)
                    let url = relativeURL(from: page.outputPath, to: path)
                    return .init(
                        name: group.name, url: url,
                        operations: group.operations.map { i in
                            let op = spec.operations[i]
                            return .init(
                                method: op.method, path: op.path,
                                summaryHTML: op.summary.map { inlineMarkdown($0, docsBase: spec.docsURL) }, url: url + "#" + anchors[i])
                        })
                }
            } else {
                api.group = groups.first { $0.slug == only?.group }?.name
            }
            apis.append(api)
        }
        view.apis = apis
        // Consumers of endpoints without a description: pointed to what they use.
        let described = Set(endpoints.map(\.endpoint.name))
        let others = (model.deployment?.consumers ?? []).filter { !$0.uses.contains(where: described.contains) }
        if !others.isEmpty {
            view.otherConsumers = others.map {
                .init(name: $0.name, kind: words["consumer.\($0.kind.rawValue)"], uses: $0.uses.joined(separator: words["list.separator"]))
            }
            toc.append((words["api.toc.otherConsumers"], "other-consumers", 2))
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

    /// Where a schema table's rows are on the page: the tables are keyed `<operation>/request` and
    /// `<operation>/<status>` by the reader; a row naming a schema shown in another table links there.
    struct SchemaTables {
        var anchors: [String]
        var labels: [String]
        /// `table|path` of every row some other row links to.
        var targets: Set<String>
        /// The page of each operation, and the page being rendered.
        var pageOf: [String]
        var page: String

        /// `#id` on this page, `../other/index.html#id` on another.
        func href(_ key: String, fragment: String) -> String {
            let i = key.split(separator: "/", maxSplits: 1).first.flatMap { Int($0) }
            guard let i, i < pageOf.count, pageOf[i] != page else { return "#" + fragment }
            return relativeURL(from: page, to: pageOf[i]) + "#" + fragment
        }

        func tableID(_ key: String) -> String {
            let parts = key.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, let i = Int(parts[0]), i < anchors.count else { return "api-table-" + key }
            return anchors[i] + "-" + String(parts[1])
        }

        func label(_ key: String) -> String {
            key.split(separator: "/", maxSplits: 1).first.flatMap { Int($0) }.flatMap { $0 < labels.count ? labels[$0] : nil } ?? key
        }
    }

    /// Each operation's anchor, unique on the page.
    func operationAnchors(_ spec: APISpec, anchor: String) -> [String] {
        var seen = Set<String>()
        return spec.operations.map { op in
            var id = anchor + "-" + anchorID(op.operationID ?? (op.method + op.path))
            while !seen.insert(id).inserted { id += "-2" }
            return id
        }
    }

    /// - Parameters:
    ///   - showing: the operations this page shows (all of a small API; one group of a large one).
    ///   - pageOf: the page each operation is on, so a schema shown on another page links there.
    func operations(
        of spec: APISpec, showing: [Int], endpoint: Endpoint, base: String, anchor: String, pageOf: [String], page: String
    ) -> [APIPage.Operation] {
        let anchors = operationAnchors(spec, anchor: anchor)
        var targets = Set<String>()
        for (i, op) in spec.operations.enumerated() {
            let tables = [("\(i)/request", op.request)] + op.responses.map { ("\(i)/\($0.status)", $0.schema) }
            for (key, rows) in tables {
                for row in rows { if let at = row.expandedAt { targets.insert((row.expandedTable ?? key) + "|" + at) } }
            }
        }
        let tables = SchemaTables(
            anchors: anchors, labels: spec.operations.map { "\($0.method) \($0.path)" }, targets: targets, pageOf: pageOf, page: page)
        return showing.map { i in
            operation(spec.operations[i], index: i, endpoint: endpoint, spec: spec, base: base, anchor: anchors[i], tables: tables)
        }
    }

    func operation(
        _ op: APISpec.Operation, index: Int, endpoint: Endpoint, spec: APISpec, base: String, anchor: String, tables: SchemaTables
    ) -> APIPage.Operation {
        let url = base + op.path
        var item = APIPage.Operation(
            method: op.method, path: op.path, anchor: anchor, operationID: op.operationID,
            summaryHTML: (op.summary ?? op.description).map { inlineMarkdown($0, docsBase: spec.docsURL) }, url: url)
        item.parameters = op.parameters.map { p in
            .init(
                name: p.name, location: p.location, typeHTML: inlineMarkdown(p.type), required: words[p.required ? "common.yes" : "common.no"],
                descriptionHTML: inlineMarkdown(p.description ?? "", docsBase: spec.docsURL))
        }
        if !op.request.isEmpty {
            item.request = schemaRows(op.request, table: "\(index)/request", tables: tables, docsBase: spec.docsURL)
            item.requestTableID = tables.targets.contains("\(index)/request|") ? tables.tableID("\(index)/request") : nil
            item.requestContentType = op.requestContentType ?? "application/json"
        }
        item.requestExample = op.requestExample
        item.responses = op.responses.map { r in
            .init(
                status: r.status, descriptionHTML: inlineMarkdown(r.description ?? "", docsBase: spec.docsURL),
                schema: r.schema.isEmpty ? [] : schemaRows(r.schema, table: "\(index)/\(r.status)", tables: tables, docsBase: spec.docsURL),
                example: r.example,
                tableID: tables.targets.contains("\(index)/\(r.status)|") ? tables.tableID("\(index)/\(r.status)") : nil)
        }
        let header = spec.security.first?.headerName ?? (endpoint.auth == "none" ? nil : "Authorization")
        let credential: APISamples.Credential =
            endpoint.auth == "none"
            ? .none
            : (endpoint.auth?.contains("aad") == true || endpoint.auth?.contains("token") == true ? .entraToken : .key)
        let body = op.method == "GET" || op.method == "HEAD" ? nil : op.requestExample
        let samples = APISamples(
            method: op.method, url: url, authHeader: header, credential: credential,
            contentType: op.requestContentType ?? (body == nil ? nil : "application/json"), body: body, words: words)
        item.samples = samples.all().enumerated().map { index, s in
            .init(label: s.label, language: s.language, code: s.code, id: "\(anchor)-\(s.language)", first: index == 0)
        }
        return item
    }

    /// - Parameter table: the reader's key of the table; a row naming a schema expanded at another
    ///   row, of this table or another, links to that row (or to its table).
    func schemaRows(_ rows: [APISpec.SchemaRow], table: String, tables: SchemaTables, docsBase: String?) -> [APIPage.SchemaRow] {
        func id(_ table: String, _ path: String) -> String {
            if path.isEmpty { return tables.tableID(table) }
            return tables.tableID(table) + "-" + String(path.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
        }
        return rows.map { row in
            let target = row.expandedAt.map { (row.expandedTable ?? table, $0) }
            let label = target.map { t, path in
                t == table ? path : tables.label(t) + (path.isEmpty ? "" : " · " + path)
            }
            return APIPage.SchemaRow(
                path: row.path, typeHTML: inlineMarkdown(row.type), required: words[row.required ? "common.yes" : "common.no"],
                descriptionHTML: inlineMarkdown(row.description ?? "", docsBase: docsBase),
                rowID: tables.targets.contains(table + "|" + row.path) ? id(table, row.path) : nil,
                expandedAt: label, expandedAtHref: target.map { tables.href($0.0, fragment: id($0.0, $0.1)) })
        }
    }

    /// What a security scheme asks for, in words (Markdown: a key's name as code).
    func securityText(_ security: APISpec.Security) -> String {
        let text: String
        switch security.kind {
        case .apiKey(let name, let place):
            let where_ = ["header", "query", "cookie"].contains(place) ? words["api.security.place.\(place)"] : place
            text = words("api.security.apiKey", ["name": "`\(name)`", "place": where_])
        case .http(let scheme): text = words("api.security.http", ["scheme": scheme])
        case .oauth2: text = words["api.security.oauth2"]
        case .openIdConnect: text = words["api.security.openIdConnect"]
        case .basic: text = words["api.security.basic"]
        case .other(let type): text = type
        }
        return security.note.map { words("api.security.withNote", ["scheme": text, "note": $0]) } ?? text
    }

    func recommendedSample(_ kind: Consumer.Kind) -> String {
        switch kind {
        case .spreadsheet: return words["api.sample.spreadsheet"]
        case .website, .dashboard: return words["api.sample.website"]
        case .lineOfBusiness, .backEnd: return words["api.sample.backEnd"]
        }
    }

    /// OpenAPI descriptions are CommonMark: rendered safely (no raw HTML, no unsafe links),
    /// without the paragraph around a single line. Their links were written for the vendor's
    /// documentation site: a relative one (`/docs/api/charges`, `#operation/list`) is made absolute
    /// against `docsBase` (the spec's `externalDocs.url`) or, without one, kept as text only, since
    /// it leads nowhere on this site.
    func inlineMarkdown(_ text: String, docsBase: String? = nil) -> String {
        guard !text.isEmpty else { return "" }
        var dropped = false
        let base = docsBase.flatMap { URL(string: $0) }.flatMap { $0.scheme?.hasPrefix("http") == true ? $0 : nil }
        var html = MarkdownRenderer.render(
            text,
            rewriteLink: { link in
                let lower = link.destination.lowercased()
                if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return nil }
                if let base, let absolute = URL(string: link.destination, relativeTo: base)?.absoluteString,
                    absolute.lowercased().hasPrefix("http")
                {
                    return absolute
                }
                dropped = true
                return ""
            }
        ).html.trimmingCharacters(in: .whitespacesAndNewlines)
        if dropped { html = Self.unwrappingEmptyLinks(html) }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }

    /// `<a href="">text</a>` → `text`: a link that leads nowhere is not shown as one.
    static func unwrappingEmptyLinks(_ html: String) -> String {
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: "<a href=\"\"") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let open = after.firstIndex(of: ">"), let close = after.range(of: "</a>") else {
                out += rest[start.lowerBound...]
                return out
            }
            out += after[after.index(after: open)..<close.lowerBound]
            rest = after[close.upperBound...]
        }
        return out + rest
    }
}
