import Build
import Diagnostics
import Foundation
@testable import Pages
import Testing

/// The example's registry was pulled from a real MLflow server (`scripts/example_registry.py`):
/// seven versions of delay-risk, `champion` = 7 (deployed), `previous` = 6 (blue, 0 % traffic).
@Suite struct ModelRegistryTests {
    @Test func theExampleReportShowsEveryVersionAndWhatServesWhere() throws {
        let result = BuildPipeline.check(options(repositoryRoot))
        #expect(!result.hasErrors)
        let report = try #require(result.files.first { $0.path == "report/index.html" }).contents
        #expect(report.contains("7 registered versions of <code>delay-risk</code> in MLflow; <strong>v7</strong> (alias <code>champion</code>) is deployed"))
        for version in 1...7 { #expect(report.contains("id=\"model-version-\(version)\"")) }
        let v7 = try #require(report.components(separatedBy: "id=\"model-version-7\"").dropFirst().first?.components(separatedBy: "</tr>").first)
        // The run's AUC is the number the report's metrics table states for the deployed model.
        #expect(v7.contains("<td class=\"num\">0.874</td>"))
        #expect(v7.contains("score-realtime (green), nightly-rescore (nightly)"))
        let v6 = try #require(report.components(separatedBy: "id=\"model-version-6\"").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(v6.contains("score-realtime (blue)"))
        #expect(report.contains("href=\"https://mlflow.northwind.example/#/experiments/1/runs/"))
        #expect(report.contains("tags: validation=passed, team=Northwind data science"))
        let architecture = try #require(result.files.first { $0.path == "architecture/index.html" }).contents
        let lineage = try #require(architecture.components(separatedBy: "<h2 id=\"lineage\">").dropFirst().first?.components(separatedBy: "</table>").first)
        #expect(lineage.components(separatedBy: "<tr><td>").count - 1 == 4, "score-staging, green, blue, nightly")
        #expect(lineage.contains("delay-risk v6 <span class=\"tag\">@previous</span></td><td>blue</td><td>score-realtime</td>"))
    }

    @Test func modelReferencesNameTheirVersion() {
        #expect(SiteRenderer.registryVersion("azureml:delay-risk:7", model: "delay-risk") == "7")
        #expect(SiteRenderer.registryVersion("azureml:other:7", model: "delay-risk") == nil)
        #expect(SiteRenderer.registryVersion("models:/delay-risk/3", model: "delay-risk") == "3")
        #expect(
            SiteRenderer.registryVersion(
                "azureml://registries/shared/models/delay-risk/versions/5", model: "delay-risk") == "5")
        #expect(SiteRenderer.registryVersion("azureml:delay-risk@latest", model: "delay-risk") == nil)
    }
}
