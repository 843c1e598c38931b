import Build
import Diagnostics
import Foundation
import Testing

/// An endpoint with its Azure ML endpoint file and a blue and a green deployment, as the Azure ML
/// CLI v2 docs lay out a safe rollout, checked against `deployment.yaml`.
@Suite struct AzureMLDeploymentTests {
    static let endpointFile = """
        $schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json
        name: churn-endpoint
        auth_mode: key
        traffic:
          blue: 90
          green: 10

        """
    static func deploymentFile(
        _ name: String, model: Int, instances: Int, type: String = "Standard_DS3_v2", endpoint: String = "churn-endpoint"
    )
        -> String
    {
        """
        $schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
        name: \(name)
        endpoint_name: \(endpoint)
        model: azureml:churn:\(model)
        environment: azureml:churn-env:3
        instance_type: \(type)
        instance_count: \(instances)

        """
    }

    func project(compute: String, auth: String = "key", files: [String: String]) throws -> URL {
        var all = [
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml": """
            model: { name: churn, version: '4' }
            environments:
              - name: production
                endpoints:
                  - name: score
                    mode: realtime
                    url: https://churn.example.org/score
                    auth: \(auth)
                    compute: \(compute)
                    azureml: [azureml/endpoint.yml, azureml/blue.yml, azureml/green.yml]

            """,
        ]
        for (path, text) in files { all["Content/azureml/" + path] = text }
        return try makeProject(all)
    }

    func warnings(_ result: BuildPipeline.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .warning }.map { "\($0.location): \($0.message)" }
    }

    @Test func eachDeploymentIsShownWithItsTrafficInstancesAndModel() throws {
        let dir = try project(
            compute: "{ sku: Standard_DS3_v2, instances: 3 }",
            files: [
                "endpoint.yml": Self.endpointFile, "blue.yml": Self.deploymentFile("blue", model: 3, instances: 2),
                "green.yml": Self.deploymentFile("green", model: 4, instances: 1),
            ])
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(dir, output: output))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        for page in ["report/index.html", "architecture/index.html"] {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            #expect(
                html.contains(
                    "<td>production</td><td>score</td><td><strong>blue</strong></td><td class=\"num\">90 %</td><td><code>Standard_DS3_v2</code></td><td class=\"num\">2</td><td><code class=\"nowrap\">azureml:churn:3</code></td>"
                ), "\(page)")
            #expect(html.contains("<td><strong>green</strong></td><td class=\"num\">10 %</td>"), "\(page)")
        }
        let report = try String(contentsOf: output.appendingPathComponent("report/index.html"), encoding: .utf8)
        // One section per file, each with its own id.
        #expect(report.contains("id=\"azureml-score-churn-endpoint\""))
        #expect(report.contains("id=\"azureml-score-blue\""))
        #expect(report.contains("id=\"azureml-score-green\""))
    }

    @Test func everyContradictionWithDeploymentYAMLIsAWarningAtItsPlace() throws {
        let endpoint = Self.endpointFile.replacingOccurrences(of: "green: 10", with: "green: 20")
        let dir = try project(
            compute: "{ sku: Standard_DS3_v2, instances: 1 }", auth: "aad_token",
            files: [
                "endpoint.yml": endpoint, "blue.yml": Self.deploymentFile("blue", model: 3, instances: 2),
                "green.yml": Self.deploymentFile("green", model: 4, instances: 1, type: "Standard_F4s_v2", endpoint: "other-endpoint"),
            ])
        let found = warnings(BuildPipeline.check(options(dir)))
        #expect(
            found.contains { $0.hasPrefix("Content/azureml/endpoint.yml:3:12: auth mode `key`, but deployment.yaml") && $0.contains("`aad_token`") }, "\(found)"
        )
        #expect(found.contains { $0.hasPrefix("Content/azureml/endpoint.yml:5:3: traffic shares add up to 110 %") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/azureml/green.yml:3:16: deployment `green` names endpoint `other-endpoint`") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/azureml/green.yml:6:16: deployment `green` runs on `Standard_F4s_v2`") }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("Content/azureml/blue.yml:7:17: the deployments taking traffic have 3 instances together (blue 2, green 1)")
                    && $0.contains("says 1")
            }, "\(found)")
        #expect(found.count == 5, "\(found)")
    }

    @Test func oneDeploymentFileAgainstItsInstanceCount() throws {
        let project = try makeProject([
            "Content/site.yaml": "title: T\n",
            "Content/deployment.yaml": """
            model: { name: churn, version: '4' }
            environments:
              - name: production
                endpoints:
                  - { name: score, mode: realtime, compute: { instances: 1 }, azureml: azureml/blue.yml }

            """,
            "Content/azureml/blue.yml": Self.deploymentFile("blue", model: 3, instances: 2),
        ])
        let found = warnings(BuildPipeline.check(options(project)))
        #expect(found.contains { $0.hasPrefix("Content/azureml/blue.yml:7:17: deployment `blue` has 2 instances, but deployment.yaml") }, "\(found)")
    }

    @Test func trafficToADeploymentNotListedIsNamed() throws {
        let dir = try project(
            compute: "{ instances: 2 }",
            files: [
                "endpoint.yml": Self.endpointFile, "blue.yml": Self.deploymentFile("blue", model: 3, instances: 2),
                "green.yml": Self.deploymentFile("blue", model: 4, instances: 1),
            ])
        let found = warnings(BuildPipeline.check(options(dir)))
        #expect(found.contains { $0.contains("traffic sends 10 % to `green`, which no listed deployment file defines") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("Content/azureml/green.yml:2:7: deployment `blue` is also defined in Content/azureml/blue.yml") }, "\(found)")
    }
}
