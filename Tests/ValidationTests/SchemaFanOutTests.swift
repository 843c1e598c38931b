import APIDocs
import Foundation
import Loading
import Templates
import Testing

@Suite struct SchemaFanOutTests {
    /// 7 schemas, each with 10 properties naming the next: 10⁷ rows if each reference were expanded.
    @Test func aNamedSchemaIsExpandedOnceATableAndReferredToAfter() throws {
        var yaml = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /score:\n    post:\n"
        yaml += "      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/S0' } } } }\n"
        yaml += "      responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n"
        for i in 0..<7 {
            yaml += "    S\(i):\n      type: object\n      properties:\n"
            for p in 0..<10 { yaml += i < 6 ? "        p\(p): { $ref: '#/components/schemas/S\(i + 1)' }\n" : "        p\(p): { type: string }\n" }
        }
        let root = try #require(try YAMLParser.parse(yaml, path: "Content/api.yaml").get())
        let (spec, problems) = APIDocumentReader.read(text: yaml, root: root, path: "api.yaml", words: MessageCatalog.load(language: "en", overrides: [:]).0)
        #expect(problems.isEmpty, "\(problems)")
        let rows = try #require(spec?.operations.first?.request)
        #expect(rows.count == 6 * 10 + 10)  // every schema's fields once, plus the references to them
        let referring = rows.filter { $0.expandedAt != nil }
        #expect(referring.count == 6 * 9)
        #expect(referring.first?.path == "p0.p0.p0.p0.p0.p1" && referring.first?.type == "S6")
        #expect(referring.first?.expandedAt == "p0.p0.p0.p0.p0.p0")
    }

    /// Vendor specs share big schemas across hundreds of operations: each is shown once a
    /// document, and later operations name the table where it is.
    @Test func aSchemaSharedByOperationsIsExpandedOnceADocument() throws {
        var yaml = "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n"
        for op in 0..<3 {
            yaml += "  /pods\(op):\n    post:\n"
            yaml += "      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Pod' } } } }\n"
            yaml += "      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Status' } } } } }\n"
        }
        yaml += "components:\n  schemas:\n"
        yaml += "    Pod: { type: object, properties: { metadata: { $ref: '#/components/schemas/Meta' }, name: { type: string } } }\n"
        yaml += "    Status: { type: object, properties: { metadata: { $ref: '#/components/schemas/Meta' }, code: { type: integer } } }\n"
        yaml += "    Meta: { type: object, properties: { uid: { type: string }, labels: { type: object } } }\n"
        let root = try #require(try YAMLParser.parse(yaml, path: "Content/api.yaml").get())
        let (spec, problems) = APIDocumentReader.read(text: yaml, root: root, path: "api.yaml", words: MessageCatalog.load(language: "en", overrides: [:]).0)
        #expect(problems.isEmpty, "\(problems)")
        let ops = try #require(spec?.operations)
        #expect(ops[0].request.map(\.path) == ["metadata", "metadata.uid", "metadata.labels", "name"])
        // The first response's Meta is the one of the first request.
        #expect(ops[0].responses[0].schema.first { $0.path == "metadata" }?.expandedAt == "metadata")
        #expect(ops[0].responses[0].schema.first { $0.path == "metadata" }?.expandedTable == "0/request")
        // Later operations: one row each, naming where the whole schema is.
        #expect(ops[1].request.count == 1)
        #expect(ops[1].request[0].type == "Pod" && ops[1].request[0].expandedAt == "" && ops[1].request[0].expandedTable == "0/request")
        #expect(ops[2].responses[0].schema[0].expandedTable == "0/200")
    }

    /// A multi-file description whose other files are not there: each is named once, at its first `$ref`.
    @Test func referencesIntoOtherFilesAreWarnedAboutOnceAFile() throws {
        let yaml = """
            openapi: 3.0.3
            info: { title: t, version: '1' }
            paths:
              /pods:
                post:
                  requestBody: { content: { application/json: { schema: { $ref: './schemas.yaml#/Pod' } } } }
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { $ref: './schemas.yaml#/Status' } } } }
                    '400': { description: bad, content: { application/json: { schema: { $ref: 'https://example.org/error.json' } } } }

            """
        let root = try #require(try YAMLParser.parse(yaml, path: "Content/api.yaml").get())
        let (spec, problems) = APIDocumentReader.read(text: yaml, root: root, path: "api.yaml", words: MessageCatalog.load(language: "en", overrides: [:]).0)
        #expect(spec != nil)
        let warnings = problems.map { "\($0.location): \($0.message)" }
        #expect(warnings.count == 2, "\(warnings)")
        #expect(
            warnings.first?.hasPrefix("Content/api.yaml:6:69: OpenAPI: `$ref` into `./schemas.yaml` (2 references), which is not a file of Content/") == true,
            "\(warnings)")
        #expect(warnings.last?.contains("`https://example.org/error.json` (1 reference)") == true, "\(warnings)")
    }
}
