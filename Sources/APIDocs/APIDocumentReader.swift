import Basics
import Diagnostics
import Foundation
import Loading
import Model
import OpenAPIKit30
import OpenAPIKit
import Yams

/// Reads a scoring API description into what a consumer guide shows.
///
/// OpenAPI 3.0 goes through OpenAPIKit30 and 3.1/3.2 through OpenAPIKit, which check the
/// document and list its operations; Swagger 2.0 (what Azure ML serves by default) has no Swift
/// reader, so its few parts the guide needs are read here. Schemas become tables from the located
/// YAML tree of either, so that every error points at its line.
public enum APIDocumentReader {
    /// - Parameter documents: the other files of a multi-file description, by Content/ path.
    ///   - words: the site's language, in which schema types are described (`array of string`).
    public static func read(
        text: String, root: YAMLNode, path: String, documents: [String: YAMLNode] = [:], words: Messages
    ) -> (APISpec?, [Diagnostic]) {
        let (spec, problems) = readDocument(text: text, root: root, path: path, documents: documents, words: words)
        var roots = [root]
        for key in documents.keys.sorted() { roots.append(documents[key]!) }
        return (spec, problems + externalReferenceWarnings(roots, resolvable: Set(documents.keys).union([path])))
    }

    /// The Content/ paths the `$ref`s of a document name (`./schemas.yaml#/Pod` in `api/a.yaml` →
    /// `api/schemas.yaml`).
    public static func referencedFiles(_ root: YAMLNode, in path: String) -> [String] {
        var found: [String] = []
        visitReferences(root) { target, _ in
            if let file = SchemaResolver.file(of: target, from: "Content/" + path) { found.append(file) }
        }
        return found
    }

    static func visitReferences(_ root: YAMLNode, _ body: (String, YAMLNode) -> Void) {
        var stack = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 2_000_000 {
            visited += 1
            switch node.value {
            case .mapping(let pairs):
                // Children pushed last first, so that they are visited in document order.
                for (key, value) in pairs.reversed() {
                    if key.scalarString == "$ref", let target = value.scalarString, !target.hasPrefix("#") {
                        body(target, value)
                    } else {
                        stack.append(value)
                    }
                }
            case .sequence(let items): stack.append(contentsOf: items.reversed())
            case .scalar: break
            }
        }
    }

    /// `$ref`s into files that are not read (`https://…`, a path outside Content/ or to no file):
    /// what they name would show as `any` without a word, so each file is named once, at its
    /// first reference, with how many there are.
    static func externalReferenceWarnings(_ roots: [YAMLNode], resolvable: Set<String>) -> [Diagnostic] {
        var first: [String: (location: SourceLocation, count: Int)] = [:]
        var order: [String] = []
        for root in roots {
            visitReferences(root) { target, value in
                if let file = SchemaResolver.file(of: target, from: value.location.path), resolvable.contains(file) { return }
                let file = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                if let seen = first[file] {
                    first[file] = (seen.location, seen.count + 1)
                } else {
                    first[file] = (value.location, 1)
                    order.append(file)
                }
            }
        }
        return order.map { file in
            let (location, count) = first[file]!
            return .warning(
                at: location,
                "OpenAPI: `$ref` into `\(file)` (\(count) reference\(count == 1 ? "" : "s")), which is not a file of Content/ beside the description; what it names is shown as `any`",
                hint:
                    "keep every file of the description under Content/, or bundle it into one, e.g. `npx @redocly/cli bundle openapi.yaml -o api/bundled.yaml`")
        }
    }

    static func readDocument(text: String, root: YAMLNode, path: String, documents: [String: YAMLNode], words: Messages) -> (APISpec?, [Diagnostic]) {
        let display = "Content/" + path
        if let swagger = root["swagger"]?.scalarString {
            guard swagger.hasPrefix("2.") else {
                return (nil, [.mismatch(at: root["swagger"]!.location, expected: "`swagger: \"2.0\"`", found: "`\(swagger)`", context: "OpenAPI")])
            }
            return readSwagger2(root, path: path, documents: documents, words: words)
        }
        guard let versionNode = root["openapi"], let version = versionNode.scalarString else {
            return (
                nil,
                [
                    .error(
                        at: root.location, "OpenAPI: expected `openapi: 3.x` or `swagger: \"2.0\"` at the top of \(display), found neither",
                        hint: "Azure ML serves its description at /swagger.json (Swagger 2.0) or /swagger.json?version=3")
                ]
            )
        }
        var operationOrder: [(path: String, method: String)] = []
        var problems: [Diagnostic] = []
        do {
            if version.hasPrefix("3.0") {
                let document = try decode(OpenAPIKit30.OpenAPI.Document.self, text)
                for route in document.routes {
                    for endpoint in route.pathItem.endpoints { operationOrder.append((route.path.rawValue, endpoint.method.rawValue.lowercased())) }
                }
            } else if version.hasPrefix("3.") {
                let document = try decode(OpenAPIKit.OpenAPI.Document.self, text)
                for route in document.routes {
                    for endpoint in route.pathItem.endpoints { operationOrder.append((route.path.rawValue, endpoint.method.rawValue.lowercased())) }
                }
            } else {
                return (nil, [.mismatch(at: versionNode.location, expected: "OpenAPI 3.x or Swagger 2.0", found: "`openapi: \(version)`", context: "OpenAPI")])
            }
        } catch {
            let (message, codingPath) = describe(error, version: version)
            let location = locate(codingPath, in: root) ?? root.location
            problems.append(.error(at: location, "OpenAPI \(version): \(message)"))
            return (nil, problems)
        }
        var spec = header(root, path: path, format: "OpenAPI \(version)")
        for server in list(root["servers"]) { if let url = server["url"]?.scalarString { spec.servers.append(url) } }
        let schemes = root["components"]?["securitySchemes"]
        spec.security = securitySchemes(schemes)
        var resolver = SchemaResolver(root: root, prefix: "#/components/schemas/", documents: documents, words: words)
        for (pathName, method) in operationOrder {
            guard let node = root["paths"]?[pathName]?[method] else { continue }
            var operation = basics(node, method: method, path: pathName)
            let shared = list(root["paths"]?[pathName]?["parameters"])
            for parameter in shared + list(node["parameters"]) {
                let p = resolver.resolve(parameter, prefix: "#/components/parameters/")
                guard let name = p["name"]?.scalarString else { continue }
                let schema = p["schema"].map { resolver.typeDescription($0) } ?? "string"
                operation.parameters.append(
                    APISpec.Parameter(
                        name: name, location: p["in"]?.scalarString ?? "query",
                        required: p["required"]?.scalarString == "true",
                        type: schema, description: p["description"]?.scalarString))
            }
            if let body = node["requestBody"].map({ resolver.resolve($0, prefix: "#/components/requestBodies/") }),
                let (contentType, media) = preferredContent(body["content"])
            {
                operation.requestContentType = contentType
                if let schema = media["schema"] { operation.request = resolver.rows(schema, table: "\(spec.operations.count)/request") }
                operation.requestExample = example(media, resolver: resolver) ?? media["schema"].flatMap { resolver.example(of: $0) }
            }
            for (status, responseNode) in pairs(node["responses"]) {
                let r = resolver.resolve(responseNode, prefix: "#/components/responses/")
                var response = APISpec.Response(status: status, description: r["description"]?.scalarString)
                if let (_, media) = preferredContent(r["content"]) {
                    if let schema = media["schema"] { response.schema = resolver.rows(schema, table: "\(spec.operations.count)/\(status)") }
                    response.example = example(media, resolver: resolver) ?? media["schema"].flatMap { resolver.example(of: $0, generate: false) }
                }
                operation.responses.append(response)
            }
            spec.operations.append(operation)
        }
        return (spec, problems)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) }
        return try YAMLDecoder().decode(T.self, from: text)
    }

    static func describe(_ error: any Error, version: String) -> (String, [any CodingKey]) {
        if version.hasPrefix("3.0") {
            let e = OpenAPIKit30.OpenAPI.Error(from: error)
            return (e.localizedDescription, e.codingPath)
        }
        let e = OpenAPIKit.OpenAPI.Error(from: error)
        return (e.localizedDescription, e.codingPath)
    }

    /// The deepest node along a decoder's coding path.
    static func locate(_ path: [any CodingKey], in root: YAMLNode) -> SourceLocation? {
        var node = root
        for key in path {
            if let index = key.intValue, case .sequence(let items) = node.value, index < items.count {
                node = items[index]
            } else if let child = node[key.stringValue] {
                node = child
            } else {
                break
            }
        }
        return node.location
    }

    // MARK: - Swagger 2.0

    static func readSwagger2(_ root: YAMLNode, path: String, documents: [String: YAMLNode] = [:], words: Messages) -> (APISpec?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let paths = root["paths"], case .mapping = paths.value else {
            return (nil, [.error(at: root.location, "Swagger 2.0: expected `paths` with the API's operations, found none")])
        }
        var spec = header(root, path: path, format: "Swagger 2.0")
        if let host = root["host"]?.scalarString {
            let scheme = list(root["schemes"]).compactMap(\.scalarString).sorted { $0 == "https" && $1 != "https" }.first ?? "https"
            spec.servers.append("\(scheme)://\(host)\(root["basePath"]?.scalarString ?? "")")
        }
        spec.security = securitySchemes(root["securityDefinitions"])
        var resolver = SchemaResolver(root: root, prefix: "#/definitions/", documents: documents, words: words)
        let globalConsumes = list(root["consumes"]).compactMap(\.scalarString)
        for (pathName, item) in pairs(paths) {
            guard pathName.hasPrefix("/") else {
                problems.append(.error(at: item.location, "Swagger 2.0: expected a path starting with `/`, found `\(pathName)`"))
                continue
            }
            for method in ["get", "put", "post", "delete", "options", "head", "patch"] {
                guard let node = item[method] else { continue }
                guard case .mapping = node.value else {
                    problems.append(.mismatch(at: node.location, expected: "an operation", found: node.kindDescription, context: "paths.\(pathName).\(method)"))
                    continue
                }
                var operation = basics(node, method: method, path: pathName)
                for parameter in list(item["parameters"]) + list(node["parameters"]) {
                    let p = resolver.resolve(parameter, prefix: "#/parameters/")
                    guard let name = p["name"]?.scalarString else { continue }
                    let location = p["in"]?.scalarString ?? "query"
                    if location == "body" {
                        operation.requestContentType = list(node["consumes"]).compactMap(\.scalarString).first ?? globalConsumes.first ?? "application/json"
                        if let schema = p["schema"] {
                            operation.request = resolver.rows(schema, table: "\(spec.operations.count)/request")
                            operation.requestExample = resolver.example(of: schema)
                        }
                        continue
                    }
                    let type = p["type"]?.scalarString.map { t in p["format"]?.scalarString.map { "\(t) (\($0))" } ?? t } ?? "string"
                    operation.parameters.append(
                        APISpec.Parameter(
                            name: name, location: location, required: p["required"]?.scalarString == "true",
                            type: type, description: p["description"]?.scalarString))
                }
                for (status, responseNode) in pairs(node["responses"]) {
                    let r = resolver.resolve(responseNode, prefix: "#/responses/")
                    var response = APISpec.Response(status: status, description: r["description"]?.scalarString)
                    if let schema = r["schema"] {
                        response.schema = resolver.rows(schema, table: "\(spec.operations.count)/\(status)")
                        response.example =
                            r["examples"].flatMap { pairs($0).first.map { JSONText.render($0.1) } }
                            ?? resolver.example(of: schema, generate: false)
                    }
                    operation.responses.append(response)
                }
                spec.operations.append(operation)
            }
        }
        return (spec, problems)
    }

    // MARK: - Shared

    static func header(_ root: YAMLNode, path: String, format: String) -> APISpec {
        let info = root["info"]
        var spec = APISpec(path: path, format: format, title: info?["title"]?.scalarString ?? path)
        spec.version = info?["version"]?.scalarString
        spec.description = info?["description"]?.scalarString
        spec.docsURL = root["externalDocs"]?["url"]?.scalarString
        return spec
    }

    static func basics(_ node: YAMLNode, method: String, path: String) -> APISpec.Operation {
        var operation = APISpec.Operation(method: method.uppercased(), path: path)
        operation.operationID = node["operationId"]?.scalarString
        operation.summary = node["summary"]?.scalarString
        operation.description = node["description"]?.scalarString
        operation.tags = list(node["tags"]).compactMap(\.scalarString)
        return operation
    }

    static func securitySchemes(_ node: YAMLNode?) -> [APISpec.Security] {
        pairs(node).map { name, scheme in
            let type = scheme["type"]?.scalarString ?? "?"
            switch type {
            case "apiKey":
                let header = scheme["name"]?.scalarString ?? "Authorization"
                let place = scheme["in"]?.scalarString ?? "header"
                return APISpec.Security(
                    name: name, kind: .apiKey(name: header, place: place), note: scheme["description"]?.scalarString,
                    headerName: place == "header" ? header : nil)
            case "http":
                let kind = scheme["scheme"]?.scalarString ?? "bearer"
                return APISpec.Security(name: name, kind: .http(scheme: kind), headerName: "Authorization")
            case "oauth2": return APISpec.Security(name: name, kind: .oauth2, headerName: "Authorization")
            case "openIdConnect": return APISpec.Security(name: name, kind: .openIdConnect, headerName: "Authorization")
            case "basic": return APISpec.Security(name: name, kind: .basic, headerName: "Authorization")
            default: return APISpec.Security(name: name, kind: .other(type))
            }
        }
    }

    static func preferredContent(_ node: YAMLNode?) -> (String, YAMLNode)? {
        let all = pairs(node)
        return all.first { $0.0.contains("json") } ?? all.first
    }

    static func example(_ media: YAMLNode, resolver: SchemaResolver) -> String? {
        if let example = media["example"] { return JSONText.render(example) }
        if let first = pairs(media["examples"]).first {
            let value = resolver.resolve(first.1, prefix: "#/components/examples/")
            return value["value"].map { JSONText.render($0) }
        }
        return nil
    }

    static func pairs(_ node: YAMLNode?) -> [(String, YAMLNode)] {
        guard let node, case .mapping(let list) = node.value else { return [] }
        return list.compactMap { pair in pair.key.scalarString.map { ($0, pair.value) } }
    }

    static func list(_ node: YAMLNode?) -> [YAMLNode] {
        guard let node, case .sequence(let items) = node.value else { return [] }
        return items
    }
}
