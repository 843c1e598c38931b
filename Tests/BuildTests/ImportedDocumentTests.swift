import Build
import Diagnostics
import Foundation
import Testing

/// What the report shows of the files vendors' tools write: an MLflow `MLmodel` and a Model Card
/// Toolkit card, read from the validation fixtures as a project holds them.
@Suite struct ImportedDocumentTests {
    let imports = repositoryRoot.appendingPathComponent("Tests/ValidationTests/Fixtures/imports")

    func report(mlmodel: String, card: String, edit: (String) -> String = { $0 }) throws -> (String, [Diagnostic]) {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml": """
            model:
              name: churn
              version: '4'
              mlmodel: models/MLmodel
              model_card: models/card.json
            environments:
              - name: production
                endpoints:
                  - { name: score, mode: realtime, url: https://churn.example.org/score }

            """,
            "Content/models/MLmodel": try String(contentsOf: imports.appendingPathComponent(mlmodel), encoding: .utf8),
            "Content/models/card.json": edit(try String(contentsOf: imports.appendingPathComponent(card), encoding: .utf8)),
        ])
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output))
        let html = try String(contentsOf: output.appendingPathComponent("report/index.html"), encoding: .utf8)
        return (html, result.diagnostics)
    }

    @Test func aSchema001CardShowsLicenceReferencesCitationAndItsTwoDataSets() throws {
        let (html, diagnostics) = try report(mlmodel: "MLmodel-mlflow3-sklearn", card: "card-v001.json")
        #expect(diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(diagnostics))")
        #expect(html.contains("<dt>Licence</dt><dd>Apache-2.0</dd>"))
        #expect(html.contains("<h3>References</h3>"))
        #expect(html.contains("<li><a href=\"https://arxiv.org/abs/1801.04381\">https://arxiv.org/abs/1801.04381</a></li>"))
        #expect(html.contains("<h3>How to cite</h3>"))
        #expect(
            html.contains(
                "<a href=\"https://www.tensorflow.org/datasets/catalog/cats_vs_dogs\">cats_vs_dogs, 80 % split</a> <span class=\"muted\">(training)</span>"
            ))
        #expect(html.contains("<li>cats_vs_dogs, 20 % split <span class=\"muted\">(evaluation)</span></li>"))
        #expect(html.contains("(schema 0.0.1)"))
    }

    @Test func aReferenceThatIsNoWebAddressStaysText() throws {
        // Without its wrong `data` (an error of its own, tested in ValidationTests).
        let (html, _) = try report(mlmodel: "MLmodel-mlflow3-sklearn", card: "card-future.json") {
            $0.replacingOccurrences(of: #"{"data": {"validation": {"name": "x"}}}"#, with: "{}")
        }
        #expect(html.contains("<li>Internal memo 2026-04</li>"))
        #expect(html.contains("<dt>Licence</dt><dd>MIT</dd>"))
    }

    @Test func theMLmodelShowsFlavorsWithLibraryVersionsPythonMLflowAndSize() throws {
        let (html, _) = try report(mlmodel: "MLmodel-2.6-dtype-params", card: "card-v001.json")
        #expect(html.contains("<dt>Python</dt><dd>3.10.12</dd>"))
        #expect(html.contains("<dt>MLflow version</dt><dd>2.6.0</dd>"))
        #expect(html.contains("<dt>Size</dt><dd>6.71 KiB <span class=\"muted\">(6,875 bytes)</span></dd>"))
        #expect(html.contains("<tr><td><code>lightgbm</code></td><td>lgb 4.0.0<br></td>"))
        #expect(html.contains("<tr><td><code>num_iteration</code></td><td>long</td><td>100</td></tr>"))
        #expect(!html.contains("MB"))
        let (real, _) = try report(mlmodel: "MLmodel-mlflow3-sklearn", card: "card-v001.json")
        #expect(real.contains("<tr><td><code>sklearn</code></td><td>sklearn 1.9.1<br></td>"))
        #expect(real.contains("<tr><td><code>segments</code></td><td>array&lt;string&gt;</td>"))
        #expect(real.contains("<dt>Size</dt><dd>834 B <span class=\"muted\">(834 bytes)</span></dd>"))
    }
}
