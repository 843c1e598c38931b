import Diagnostics
import Foundation
import Loading
import Model
import Testing
import Validation

let importFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/imports")

/// A project whose deployment.yaml names fixture files, loaded as the loader loads them.
func importing(model: [String: String] = [:], endpoint: [String: String] = [:], batch: [String: String] = [:]) -> (SiteModel?, [Diagnostic]) {
    var files: [String: String] = [:]
    func line(_ pairs: [String: String], indent: String) -> String {
        pairs.sorted { $0.key < $1.key }.map { key, file in
            files["imports/" + file] = try! String(contentsOf: importFixtures.appendingPathComponent(file), encoding: .utf8)
            return "\(indent)\(key): imports/\(file)\n"
        }.joined()
    }
    var yaml = "model:\n  name: churn\n  version: '4'\n" + line(model, indent: "  ")
    yaml +=
        "environments:\n  - name: production\n    endpoints:\n      - name: score\n        mode: realtime\n        url: https://churn.example.org/v1/score\n"
    yaml += line(endpoint, indent: "        ")
    if !batch.isEmpty { yaml += "    batch:\n      - name: nightly\n" + line(batch, indent: "        ") }
    var content = loaded(["site.yaml": "title: Churn\n", "deployment.yaml": yaml])
    for (path, text) in files {
        content.referencedFiles[path] = text
        content.allPaths.insert(path)
    }
    return validate(content)
}

@Suite struct MLmodelImportTests {
    @Test func readsAnMLflow1File() throws {
        let (site, diagnostics) = importing(model: ["mlmodel": "MLmodel-1x"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let mlflow = try #require(site?.deployment?.model.mlflow)
        #expect(mlflow.flavors.map(\.name) == ["python_function", "sklearn"])
        // An unquoted 3.10 is text, not the number 3.1.
        #expect(mlflow.flavors[0].details.first { $0.key == "python_version" }?.value == "3.10")
        #expect(mlflow.runID == "AutoML_5b2f8c1e-3d4a-4f6b-9c8d-7e6f5a4b3c2d_12")
        #expect(mlflow.created == "2023-02-15 12:46:19 UTC")
        #expect(
            mlflow.inputs == [
                .init(name: "age", type: "long", required: true), .init(name: "income", type: "double", required: true),
                .init(name: "segment", type: "string", required: true),
            ])
        #expect(mlflow.outputs == [.init(name: nil, type: "long", required: true)])
    }

    @Test func readsTensorSignaturesParamsAndNewerFields() throws {
        let (site, diagnostics) = importing(model: ["mlmodel": "MLmodel-tensor"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let mlflow = try #require(site?.deployment?.model.mlflow)
        #expect(mlflow.inputs.first?.type == "tensor float32 [-1, 28, 28]")
        #expect(mlflow.params == [.init(name: "top_k", type: "long", required: true, defaultValue: "3")])
        #expect(mlflow.modelUUID == "m-0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        #expect(mlflow.runID == "calm_garden_gzd94mfzcr")
        #expect(mlflow.created == "2026-11-20 08:15:02 UTC")
        #expect(mlflow.flavors[0].details.first { $0.key == "env" }?.value == "conda: conda.yaml, virtualenv: python_env.yaml")
    }

    /// Written by the real MLflow 3.18.0 (`mlflow.sklearn.save_model` with scikit-learn 1.9.1 and a
    /// signature with parameters, `infer_signature(..., params=...)`).
    @Test func readsWhatMLflow3WritesWithLibraryVersionsAndTypedParams() throws {
        let (site, diagnostics) = importing(model: ["mlmodel": "MLmodel-mlflow3-sklearn"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let mlflow = try #require(site?.deployment?.model.mlflow)
        #expect(mlflow.flavors.map(\.name) == ["python_function", "sklearn"])
        #expect(mlflow.flavors[1].details.first { $0.key == "sklearn_version" }?.value == "1.9.1")
        #expect(mlflow.mlflowVersion == "3.18.0")
        #expect(mlflow.modelSizeBytes == 834)
        #expect(
            mlflow.params == [
                .init(name: "threshold", type: "double", required: true, defaultValue: "0.5"),
                .init(name: "top_k", type: "long", required: true, defaultValue: "3"),
                .init(name: "segments", type: "array<string>", required: true, defaultValue: "[\"a\",\"b\"]"),
            ])
        #expect(mlflow.outputs.first?.type == "tensor int64 [-1]")
    }

    /// MLflow 2.6 and 2.7 wrote a parameter's type as `dtype`; MLflow reads both.
    @Test func aParameterTypedWithDtypeKeepsItsType() throws {
        let (site, diagnostics) = importing(model: ["mlmodel": "MLmodel-2.6-dtype-params"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let mlflow = try #require(site?.deployment?.model.mlflow)
        #expect(mlflow.params == [.init(name: "num_iteration", type: "long", required: true, defaultValue: "100")])
        #expect(mlflow.modelSizeBytes == 6875)
    }

    @Test func aBrokenSignatureIsAnErrorAtItsLine() {
        let (_, diagnostics) = importing(model: ["mlmodel": "MLmodel-bad-signature"])
        #expect(hasDiagnostic(diagnostics, "Content/imports/MLmodel-bad-signature:6:11", "signature.inputs: expected JSON"), "\(diagnostics)")
        #expect(hasDiagnostic(diagnostics, "Content/imports/MLmodel-bad-signature:8:19", "utc_time_created", severity: .warning))
    }
}

@Suite struct ModelCardImportTests {
    @Test func readsStringsLooseDatesAndExtraKeys() throws {
        let (site, diagnostics) = importing(model: ["model_card": "card.json"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let card = try #require(site?.deployment?.model.card)
        #expect(card.owners == ["Mira Holt (mira@example.org)", "Data team"])
        #expect(card.versionDate == "08/28/2020")
        #expect(card.licenses == ["Apache-2.0"])
        #expect(card.metrics.map(\.value) == ["0.9781", "0.64"])
        #expect(card.metrics.first?.confidenceInterval == "0.97 – 0.985")
        #expect(card.considerations.map(\.kind) == ["Limitations", "Ethical considerations"])
        #expect(card.considerations.last?.mitigation == "Age is bucketed and audited each quarter")
    }

    /// Schema 0.0.1: `license` a string, `references` a list of URLs, `citation` a string and
    /// `data` as `{train, eval}`; considerations are plain strings.
    @Test func readsSchema001() throws {
        let (site, diagnostics) = importing(model: ["model_card": "card-v001.json"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let card = try #require(site?.deployment?.model.card)
        #expect(card.schemaVersion == "0.0.1")
        #expect(card.licenses == ["Apache-2.0"])
        #expect(card.references == ["https://www.tensorflow.org/guide/keras/transfer_learning", "https://arxiv.org/abs/1801.04381"])
        #expect(card.citations.count == 1)
        #expect(
            card.datasets == [
                .init(name: "cats_vs_dogs, 80 % split", role: .train, link: "https://www.tensorflow.org/datasets/catalog/cats_vs_dogs"),
                .init(name: "cats_vs_dogs, 20 % split", role: .eval),
            ])
        #expect(card.metrics.map(\.value) == ["0.9781", "0.963"])
        #expect(card.considerations.map(\.text).prefix(2) == ["Pet owners", "Animal shelters"])
    }

    @Test func readsTheCurrentShapesAndWarnsOfAnUnknownVersion() throws {
        let (site, diagnostics) = importing(model: ["model_card": "card-future.json"])
        let card = try #require(site?.deployment?.model.card)
        #expect(card.licenses == ["MIT"])
        #expect(card.references == ["https://example.org/paper", "Internal memo 2026-04"])
        #expect(card.citations == ["Churn team (2026). Churn model."])
        #expect(hasDiagnostic(diagnostics, "Content/imports/card-future.json:2:21", "schema_version `0.1.0`", severity: .warning), "\(diagnostics)")
        #expect(
            hasDiagnostic(diagnostics, "Content/imports/card-future.json:9:32", "expected a list of data sets, or `train` and `eval`"),
            "\(diagnostics)")
    }

    @Test func aWrongShapeIsAnErrorAtItsPlace() {
        let (_, diagnostics) = importing(model: ["model_card": "card-bad.json"])
        #expect(hasDiagnostic(diagnostics, "Content/imports/card-bad.json:4:28", "expected a list, found a mapping"), "\(diagnostics)")
    }
}

@Suite struct AzureMLImportTests {
    @Test func readsObjectsAndQuotedBooleans() throws {
        let (site, diagnostics) = importing(endpoint: ["azureml": "online-deployment.yml"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let spec = try #require(site?.deployment?.endpoints.first?.endpoint.azureML.first)
        #expect(spec.kind == .onlineDeployment)
        let facts = Dictionary(spec.facts.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(facts["Model"] == "churn-model version 4, from ../model/")
        #expect(facts["Environment"]?.contains("image mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest") == true)
        #expect(facts["Application Insights"] == "enabled")
        #expect(facts["Data collection"] == "model_inputs")
        #expect(facts["Request timeout"] == "90000 ms")
    }

    @Test func readsTheLegacyBatchLayout() throws {
        let (site, diagnostics) = importing(batch: ["azureml": "batch-legacy.yml"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let spec = try #require(site?.deployment?.batchJobs.first?.job.azureML.first)
        #expect(spec.kind == .batchDeployment)
        let facts = Dictionary(spec.facts.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(facts["Mini-batch size"] == "10")
        #expect(facts["Output"] == "append_row → predictions.csv")
        #expect(facts["Retries"] == "3 retries, timeout 30 s")
        #expect(facts["Model"] == "azureml:churn-model@latest")
    }

    @Test func unrenderedPlaceholdersAreAnErrorThatSaysSo() {
        let (_, diagnostics) = importing(endpoint: ["azureml": "template-deployment.yml"])
        #expect(hasDiagnostic(diagnostics, "Content/imports/template-deployment.yml:6:10", "unrendered template placeholder `{{acr_name}}`"), "\(diagnostics)")
    }
}

@Suite struct OpenAPIImportTests {
    @Test func readsSwagger2AsAzureMLServesIt() throws {
        let (site, diagnostics) = importing(endpoint: ["openapi": "swagger2.json"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let api = try #require(site?.deployment?.endpoints.first?.endpoint.api)
        #expect(api.format == "Swagger 2.0")
        #expect(api.servers == ["https://churn.example.org/v1"])
        #expect(api.security.first?.headerName == "Authorization")
        let op = try #require(api.operations.first)
        #expect(op.method == "POST" && op.path == "/score" && op.operationID == "RunMLService")
        #expect(op.parameters.map(\.name) == ["verbose"])
        // The recursive `next` is shown once, not followed for ever.
        #expect(op.request.map(\.path) == ["data", "next"])
        #expect(op.request.first?.type == "array of number (numpy.ndarray)")
        #expect(op.request.first?.required == true)
        #expect(op.requestExample?.contains("\"data\"") == true)
        #expect(op.responses.first?.example == "[0.12, 0.87]")
    }

    @Test func readsOpenAPI30ThroughOpenAPIKit() throws {
        let (site, diagnostics) = importing(endpoint: ["openapi": "openapi30.yaml"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let api = try #require(site?.deployment?.endpoints.first?.endpoint.api)
        #expect(api.format == "OpenAPI 3.0.3")
        #expect(api.security.first?.kind == .http(scheme: "bearer"))
        let op = try #require(api.operations.first)
        #expect(op.request.map(\.path) == ["customers", "customers[]", "customers[].id", "customers[].plan"])
        #expect(op.request.last?.type == "string: one of `basic`, `premium`")
        #expect(op.request[2].required)
        #expect(op.requestExample?.contains("\"c-1\"") == true)
        #expect(op.responses.first?.schema.first?.type == "array of number (float)")
    }

    @Test func readsOpenAPI31() throws {
        let (site, diagnostics) = importing(endpoint: ["openapi": "openapi31.json"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site?.deployment?.endpoints.first?.endpoint.api?.operations.first?.method == "GET")
    }

    @Test func anInvalidDocumentIsAnErrorWithALocation() {
        let (_, diagnostics) = importing(endpoint: ["openapi": "openapi-bad.yaml"])
        let error = diagnostics.first { $0.location.path == "Content/imports/openapi-bad.yaml" }
        #expect(error != nil, "\(diagnostics)")
        #expect((error?.location.line ?? 0) > 1)
        #expect(error?.message.hasPrefix("OpenAPI 3.0.3:") == true)
    }

    @Test func aFileThatIsNeitherSaysWhatIsExpected() {
        let (_, diagnostics) = importing(endpoint: ["openapi": "card.json"])
        #expect(diagnostics.contains { $0.message.contains("expected `openapi: 3.x` or `swagger: \"2.0\"`") }, "\(diagnostics)")
    }
}
