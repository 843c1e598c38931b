import Basics
import Charts
import Model
import SiteGraph
import Templates

/// The report's "Model versions" section and the architecture's lineage, from a registry pulled
/// with `handover pull mlflow` (`partials/model-versions`, `partials/lineage`).
struct RegistryView: ViewModel {
    struct Dataset: ViewModel {
        var name: String
        var digest: String?
        var context: String?
        var rows: String?
        static let fields = ViewFields<Self>(
            "a data set of a run",
            [.value("name") { $0.name }, .value("digest") { $0.digest }, .value("context") { $0.context }, .value("rows") { $0.rows }])
    }

    struct Version: ViewModel {
        var version: String
        var anchor: String
        var aliases: [String]
        var stage: String?
        var status: String?
        var created: String?
        var createdISO: String?
        var isDeployed: Bool
        var deployedTo: [String]
        var runName: String?
        var runID: String?
        var runURL: String?
        var metrics: [String]
        var params: String?
        /// The version's tags and its run's own tags, `key=value`.
        var tags: String?
        var datasets: [Dataset]
        var inputs: String?
        var outputs: String?
        var flavor: String?
        var description: String?

        static let fields = ViewFields<Self>(
            "a model version",
            [
                .value("version") { $0.version }, .value("anchor") { $0.anchor },
                .value("aliases") { $0.aliases.nilIfEmpty }, .value("hasAliases") { $0.aliases.isEmpty ? nil : true },
                .value("stage") { $0.stage }, .value("status") { $0.status },
                .value("created") { $0.created }, .value("createdISO") { $0.createdISO },
                .value("isDeployed") { $0.isDeployed ? true : nil },
                .value("deployedTo") { $0.deployedTo.nilIfEmpty.map { $0.joined(separator: ", ") } },
                .value("runName") { $0.runName }, .value("runID") { $0.runID }, .value("runURL") { $0.runURL },
                .value("metrics") { $0.metrics },
                .value("params") { $0.params },
                .value("tags") { $0.tags },
                .models("datasets") { $0.datasets.nilIfEmpty },
                .value("inputs") { $0.inputs }, .value("outputs") { $0.outputs }, .value("flavor") { $0.flavor },
                .value("description") { $0.description },
            ])
    }

    /// One line of the lineage: run → model version → deployment → endpoint.
    struct Lineage: ViewModel {
        var runName: String?
        var runID: String?
        var runURL: String?
        var version: String
        var aliases: [String]
        var deployment: String?
        var endpoint: String
        static let fields = ViewFields<Self>(
            "a lineage row",
            [
                .value("runName") { $0.runName }, .value("runID") { $0.runID }, .value("runURL") { $0.runURL },
                .value("version") { $0.version }, .value("aliases") { $0.aliases.nilIfEmpty },
                .value("deployment") { $0.deployment }, .value("endpoint") { $0.endpoint },
            ])
    }

    var name: String
    var source: String?
    var pulledAt: String?
    var deployedVersion: String?
    var deployedAlias: String?
    var description: String?
    var metricNames: [String]
    var versions: [Version]
    var chart: String?
    var lineage: [Lineage]
    /// "3 registered versions of <code>delay-risk</code> in MLflow", as HTML.
    var versionsHTML = ""

    static let fields = ViewFields<Self>(
        "the model registry",
        [
            .value("name") { $0.name }, .value("source") { $0.source }, .value("pulledAt") { $0.pulledAt },
            .value("deployedVersion") { $0.deployedVersion }, .value("deployedAlias") { $0.deployedAlias },
            .value("description") { $0.description },
            .value("metricNames") { $0.metricNames.nilIfEmpty }, .value("hasMetrics") { $0.metricNames.isEmpty ? nil : true },
            .models("versions") { $0.versions },
            .value("versionsHTML") { $0.versionsHTML },
            .value("chart") { $0.chart },
            .models("lineage") { $0.lineage.nilIfEmpty }, .value("hasLineage") { $0.lineage.isEmpty ? nil : true },
        ])
}

extension SiteRenderer {
    /// The columns of the versions table and the chart: the runs' metrics, in first-seen order.
    static let maxRegistryMetrics = 8

    func registryView(_ registry: ModelRegistry, deployment: Deployment) -> RegistryView {
        var metricNames: [String] = []
        for version in registry.versions {
            for metric in version.run?.metrics ?? [] where !metricNames.contains(metric.name) { metricNames.append(metric.name) }
        }
        metricNames = Array(metricNames.prefix(Self.maxRegistryMetrics))
        let server = registry.source.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        func runURL(_ run: ModelRegistry.Run?) -> String? {
            guard let server, let run, let experiment = run.experimentID, !experiment.isEmpty else { return nil }
            let root = server.hasSuffix("/") ? String(server.dropLast()) : server
            return "\(root)/#/experiments/\(urlPath(experiment))/runs/\(urlPath(run.id))"
        }
        let lineage = lineageRows(registry, deployment: deployment, runURL: runURL)
        let versions = registry.versions.map { v in
            let mlmodel = v.mlmodel
            return RegistryView.Version(
                version: v.version, anchor: "model-version-" + anchorID(v.version), aliases: v.aliases,
                stage: v.stage.flatMap { $0 == "None" || $0.isEmpty ? nil : $0 }, status: v.status.flatMap { $0 == "READY" ? nil : $0 },
                created: v.created.map(words.dateTime), createdISO: v.created.map { rfc3339Text(epochSeconds: $0 / 1000) },
                isDeployed: v.version == registry.deployedVersion || lineage.contains { $0.version == v.version },
                deployedTo: lineage.filter { $0.version == v.version }.map { row in row.deployment.map { "\(row.endpoint) (\($0))" } ?? row.endpoint },
                runName: v.run?.name, runID: v.runID.map { String($0.prefix(8)) }, runURL: runURL(v.run),
                metrics: metricNames.map { name in v.run?.metrics.first { $0.name == name }.map { words.readable($0.value, significant: 4) } ?? "–" },
                params: v.run.flatMap { run in run.params.isEmpty ? nil : run.params.prefix(6).map { "\($0.name)=\($0.value)" }.joined(separator: ", ") },
                tags: (v.tags + (v.run?.tags ?? [])).prefix(8).map { "\($0.name)=\($0.value)" }.nilIfEmpty?.joined(separator: ", "),
                datasets: (v.run?.datasets ?? []).map { d in
                    RegistryView.Dataset(name: d.name, digest: d.digest, context: d.context, rows: d.rows.map { words.integer($0) })
                },
                inputs: mlmodel.flatMap { m in m.inputs.isEmpty ? nil : m.inputs.map { $0.name ?? $0.type }.joined(separator: ", ") },
                outputs: mlmodel.flatMap { m in m.outputs.isEmpty ? nil : m.outputs.map { $0.name ?? $0.type }.joined(separator: ", ") },
                flavor: mlmodel?.flavors.first { $0.name != "python_function" }?.name, description: v.description)
        }
        return RegistryView(
            name: registry.name, source: server, pulledAt: registry.pulledAt.map { words.dateTime($0 * 1000) },
            deployedVersion: registry.deployedVersion, deployedAlias: registry.deployedAlias, description: registry.description,
            metricNames: metricNames, versions: versions, chart: versionChart(registry, metricNames: metricNames), lineage: lineage,
            versionsHTML: MessageScope.html(words.plural("registry.versions", versions.count, ["name": registry.name])))
    }

    /// Each metric across the versions, oldest version first; the deployed version drawn darker.
    func versionChart(_ registry: ModelRegistry, metricNames: [String]) -> String? {
        let versions = registry.versions.reversed().filter { $0.run?.metrics.isEmpty == false }
        guard versions.count > 1, !metricNames.isEmpty else { return nil }
        let label = { (v: ModelRegistry.Version) in "v\(v.version)" + (v.aliases.isEmpty ? "" : " (\(v.aliases.joined(separator: ", ")))") }
        let groups = metricNames.map { name in
            BarChart.Group(
                title: name,
                bars: versions.compactMap { v in
                    v.run?.metrics.first { $0.name == name }.flatMap { $0.value.isFinite ? $0 : nil }.map {
                        BarChart.Bar(label: label(v), value: $0.value, highlighted: v.version == registry.deployedVersion)
                    }
                })
        }
        return BarChart(
            title: words("registry.chartTitle", ["model": registry.name]),
            description: registry.deployedVersion.map { words("registry.chartDescriptionDeployed", ["version": $0]) }
                ?? words["registry.chartDescription"],
            groups: groups
        ).svg(id: "model-versions-chart")
    }

    /// Which version serves which endpoint: an Azure ML deployment that names a version of this
    /// model (`azureml:<name>:<n>`, `models:/<name>/<n>`) says so itself; every other endpoint
    /// and batch job serves the deployed version the pull named.
    func lineageRows(
        _ registry: ModelRegistry, deployment: Deployment, runURL: (ModelRegistry.Run?) -> String?
    ) -> [RegistryView.Lineage] {
        func row(_ version: String, deploymentName: String?, endpoint: String) -> RegistryView.Lineage? {
            guard let v = registry.versions.first(where: { $0.version == version }) else { return nil }
            return RegistryView.Lineage(
                runName: v.run?.name, runID: v.runID.map { String($0.prefix(8)) }, runURL: runURL(v.run), version: v.version,
                aliases: v.aliases, deployment: deploymentName, endpoint: endpoint)
        }
        var rows: [RegistryView.Lineage] = []
        let targets: [(name: String, specs: [AzureMLSpec])] =
            deployment.endpoints.map { ($0.endpoint.name, $0.endpoint.azureML) } + deployment.batchJobs.map { ($0.job.name, $0.job.azureML) }
        for target in targets {
            let named = target.specs.compactMap { spec -> (String, String)? in
                guard let reference = spec.model, let version = Self.registryVersion(reference, model: registry.name) else { return nil }
                return (spec.name ?? "deployment", version)
            }
            if named.isEmpty {
                if let deployed = registry.deployedVersion, let r = row(deployed, deploymentName: nil, endpoint: target.name) { rows.append(r) }
            } else {
                rows += named.compactMap { row($0.1, deploymentName: $0.0, endpoint: target.name) }
            }
        }
        return rows
    }

    /// The version of `model` a model reference names: `azureml:churn:2`, `azureml://…/models/churn/versions/2`, `models:/churn/2`.
    static func registryVersion(_ reference: String, model: String) -> String? {
        if reference.hasPrefix("azureml:"), !reference.hasPrefix("azureml://") {
            let parts = reference.split(separator: ":").map(String.init)
            return parts.count == 3 && parts[1] == model ? parts[2] : nil
        }
        let path = reference.split(separator: "/").map(String.init)
        if let i = path.firstIndex(of: "models"), i + 3 < path.count, path[i + 1] == model, path[i + 2] == "versions" { return path[i + 3] }
        if reference.hasPrefix("models:/"), path.count == 3, path[1] == model { return path[2] }
        return nil
    }
}
