import Basics
import Diagnostics
import Loading
import Model

/// What `handover pull mlflow` wrote under `Content/mlflow/<model>/`: the MLflow REST answers
/// as the server sent them (`registered-model.json`, `model-versions.json`, `runs/<id>.json`), each
/// version's `versions/<n>/MLmodel`, and `registry.yaml`, which says where from and which version is deployed.
extension Validator {
    static let registryFile = "registered-model.json"

    /// The registry of the deployed model: the only one pulled, or the one named like `model.name`.
    mutating func modelRegistry(for modelName: String) -> ModelRegistry? {
        let folders = content.referencedFiles.keys.filter { $0.hasPrefix("mlflow/") && $0.hasSuffix("/" + Self.registryFile) }
            .map { String($0.dropLast(Self.registryFile.count + 1)) }.sorted()
        let registries = folders.compactMap { registry(in: $0) }
        guard registries.count > 1 else { return registries.first }
        if let named = registries.first(where: { $0.name == modelName || slug($0.name) == slug(modelName) }) { return named }
        diagnostics.warning(
            at: SourceLocation(path: "Content/mlflow"),
            "\(registries.count) registered models were pulled (\(registries.map(\.name).joined(separator: ", "))) and none is named like model.name `\(modelName)`; the report shows none",
            hint: "pull the deployed model only, or name it like model.name in deployment.yaml")
        return nil
    }

    mutating func registry(in folder: String) -> ModelRegistry? {
        let (root, problems) = importedRoot(folder + "/" + Self.registryFile, what: "MLflow registered model")
        diagnostics.add(contentsOf: problems)
        guard let model = root?["registered_model"], let name = model["name"].flatMap(Self.plainText) else {
            if let root {
                diagnostics.add(
                    .mismatch(
                        at: root.location, expected: "the answer of /api/2.0/mlflow/registered-models/get (`registered_model` with a `name`)",
                        found: "other JSON", context: "Content/\(folder)/\(Self.registryFile)"))
            }
            return nil
        }
        var registry = ModelRegistry(folder: folder, name: name)
        registry.description = model["description"].flatMap(Self.plainText).flatMap { $0.isEmpty ? nil : $0 }
        registry.tags = Self.keyValues(model["tags"])
        var aliases: [String: [String]] = [:]
        for item in Self.items(model["aliases"]) {
            if let alias = item["alias"]?.scalarString, let version = item["version"]?.scalarString { aliases[version, default: []].append(alias) }
        }
        let versionsPath = folder + "/model-versions.json"
        var versionNodes: [YAMLNode] = []
        if content.referencedFiles[versionsPath] != nil {
            let (versionsRoot, versionProblems) = importedRoot(versionsPath, what: "MLflow model versions")
            diagnostics.add(contentsOf: versionProblems)
            versionNodes = Self.items(versionsRoot?["model_versions"])
        } else {
            versionNodes = Self.items(model["latest_versions"])
        }
        for node in versionNodes {
            guard let number = node["version"]?.scalarString else { continue }
            var version = ModelRegistry.Version(version: number)
            version.status = node["status"].flatMap(Self.plainText)
            version.stage = node["current_stage"].flatMap(Self.plainText)
            version.created = node["creation_timestamp"]?.scalarString.flatMap { Int64($0) }
            version.description = node["description"].flatMap(Self.plainText).flatMap { $0.isEmpty ? nil : $0 }
            version.source = node["source"].flatMap(Self.plainText)
            version.runID = node["run_id"].flatMap(Self.plainText).flatMap { $0.isEmpty ? nil : $0 }
            version.tags = Self.keyValues(node["tags"])
            version.aliases = (aliases[number] ?? []).sorted()
            if let id = version.runID { version.run = run(folder + "/runs/\(id).json", id: id) }
            let mlmodel = folder + "/versions/\(number)/MLmodel"
            if content.referencedFiles[mlmodel] != nil { version.mlmodel = mlflowModel(mlmodel) }
            registry.versions.append(version)
        }
        // Newest first: versions are whole numbers in MLflow.
        registry.versions.sort { (Int($0.version) ?? 0, $0.version) > (Int($1.version) ?? 0, $1.version) }
        let manifestPath = folder + "/registry.yaml"
        if content.referencedFiles[manifestPath] != nil {
            let (manifest, manifestProblems) = importedRoot(manifestPath, what: "registry.yaml")
            diagnostics.add(contentsOf: manifestProblems)
            registry.source = manifest?["source"].flatMap(Self.plainText)
            registry.pulledAt = manifest?["pulled_at"]?.scalarString.flatMap { ISO8601.parse($0)?.epochSeconds }
            registry.deployedVersion = manifest?["deployed"]?["version"].flatMap(Self.plainText)
            registry.deployedAlias = manifest?["deployed"]?["alias"].flatMap(Self.plainText)
            if let node = manifest?["deployed"]?["version"], let version = registry.deployedVersion, registry.deployed == nil {
                diagnostics.warning(
                    at: node.location,
                    "the deployed version \(version) is not among the pulled versions of \(name) (\(registry.versions.map(\.version).joined(separator: ", ")))",
                    hint: "pull again: `handover pull mlflow --model \(name) --version N`")
            }
        }
        return registry
    }

    mutating func run(_ path: String, id: String) -> ModelRegistry.Run? {
        guard content.referencedFiles[path] != nil else { return nil }
        let (root, problems) = importedRoot(path, what: "MLflow run")
        diagnostics.add(contentsOf: problems)
        guard let node = root?["run"] else { return nil }
        var run = ModelRegistry.Run(id: id)
        let info = node["info"]
        run.name = info?["run_name"].flatMap(Self.plainText)
        run.experimentID = info?["experiment_id"].flatMap(Self.plainText)
        run.status = info?["status"].flatMap(Self.plainText)
        run.start = info?["start_time"]?.scalarString.flatMap { Int64($0) }
        run.end = info?["end_time"]?.scalarString.flatMap { Int64($0) }
        for metric in Self.items(node["data"]?["metrics"]) {
            guard let key = metric["key"]?.scalarString, let text = metric["value"]?.scalarString, let value = Self.mlflowNumber(text) else { continue }
            run.metrics.append((key, value))
        }
        run.params = Self.keyValues(node["data"]?["params"])
        run.tags = Self.keyValues(node["data"]?["tags"]).filter { !$0.name.hasPrefix("mlflow.") }
        for input in Self.items(node["inputs"]?["dataset_inputs"]) {
            guard let dataset = input["dataset"], let name = dataset["name"].flatMap(Self.plainText) else { continue }
            var d = ModelRegistry.Dataset(name: name)
            d.digest = dataset["digest"].flatMap(Self.plainText)
            d.sourceType = dataset["source_type"].flatMap(Self.plainText)
            d.context = Self.keyValues(input["tags"]).first { $0.name == "mlflow.data.context" }?.value
            // `profile` is JSON inside the JSON: `{"num_rows": 200, …}`.
            if let profile = dataset["profile"]?.scalarString, case .success(let parsed?) = YAMLParser.parse(profile, path: "Content/" + path) {
                d.rows = parsed["num_rows"]?.scalarString.flatMap { Int($0) }
            }
            run.datasets.append(d)
        }
        return run
    }

    static func items(_ node: YAMLNode?) -> [YAMLNode] {
        guard let node, case .sequence(let items) = node.value else { return [] }
        return items
    }

    /// MLflow's `[{key, value}]` lists (tags, params), in their order.
    static func keyValues(_ node: YAMLNode?) -> [(name: String, value: String)] {
        items(node).compactMap { item in
            guard let key = item["key"]?.scalarString else { return nil }
            return (key, item["value"].flatMap(plainText) ?? "")
        }
    }

    /// MLflow writes NaN and infinities of metrics as the strings JSON can hold.
    static func mlflowNumber(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "infinity", "inf", "+inf": return .infinity
        case "-infinity", "-inf": return -.infinity
        default: return Double(text)
        }
    }
}
