import Basics
import Diagnostics
import Foundation
import Loading
import Model
import APIDocs

/// The files `deployment.yaml` points at, read as tolerantly as real ones require: extra keys are
/// normal there, so only what Handover shows is checked, and every error has its location.
extension Validator {
    /// Parses an imported file (YAML, or JSON, which YAML reads too) into located nodes.
    func importedRoot(_ path: String, what: String) -> (YAMLNode?, [Diagnostic]) {
        guard let text = content.referencedFiles[path] else {
            return (nil, [.error(at: SourceLocation(path: "Content/" + path), "\(what): cannot read the file")])
        }
        switch YAMLParser.parse(text, path: "Content/" + path) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let root):
            guard let root, case .mapping = root.value else {
                let found = root?.kindDescription ?? "an empty file"
                return (
                    nil,
                    [
                        .mismatch(
                            at: root?.location ?? SourceLocation(path: "Content/" + path, line: 1, column: 1),
                            expected: "a mapping of fields", found: found, context: what)
                    ]
                )
            }
            return (root, [])
        }
    }

    // MARK: - MLflow MLmodel

    mutating func mlflowModel(_ path: String) -> MLflowModel? {
        let (root, problems) = importedRoot(path, what: "MLmodel")
        diagnostics.add(contentsOf: problems)
        guard let root else { return nil }
        var model = MLflowModel(path: path)
        if let flavors = root["flavors"] {
            if case .mapping(let pairs) = flavors.value {
                for (key, value) in pairs {
                    var flavor = MLflowModel.Flavor(name: key.scalarString ?? "?")
                    if case .mapping(let details) = value.value {
                        for (k, v) in details {
                            if let name = k.scalarString, let text = Self.plainText(v) { flavor.details.append((name, text)) }
                        }
                    }
                    model.flavors.append(flavor)
                }
            } else {
                diagnostics.add(
                    .mismatch(
                        at: flavors.location, expected: "a mapping of flavors (python_function, sklearn…)",
                        found: flavors.kindDescription, context: "MLmodel.flavors"))
            }
        } else {
            diagnostics.error(
                at: root.location, "MLmodel: missing `flavors` (every MLflow model has at least python_function)",
                hint: "is \(path) an MLmodel file as MLflow writes it?")
        }
        // run_id is not always 32 hex digits (Azure ML: `calm_garden_gzd94mfzcr`): shown as written.
        model.runID = root["run_id"].flatMap(Self.plainText)
        model.modelUUID = root["model_uuid"].flatMap(Self.plainText) ?? root["model_id"].flatMap(Self.plainText)
        model.mlflowVersion = root["mlflow_version"].flatMap(Self.plainText)
        model.artifactPath = root["artifact_path"].flatMap(Self.plainText)
        model.modelSizeBytes = root["model_size_bytes"]?.scalarString.flatMap { Int($0) }
        if let created = root["utc_time_created"], let text = created.scalarString, !created.isNull {
            if let normalised = Self.mlflowTime(text) {
                model.created = normalised
            } else {
                model.created = text
                diagnostics.warning(
                    at: created.location, "MLmodel.utc_time_created: expected a time such as `2023-02-15 12:46:19.119720`, found `\(text)`; shown as written")
            }
        }
        if let signature = root["signature"], !signature.isNull {
            model.inputs = signatureFields(signature["inputs"], part: "inputs")
            model.outputs = signatureFields(signature["outputs"], part: "outputs")
            model.params = signatureFields(signature["params"], part: "params")
        }
        return model
    }

    /// `'2023-02-15 12:46:19.119720'` (naive UTC, as MLflow writes it) or ISO 8601 → `2023-02-15 12:46:19 UTC`.
    static func mlflowTime(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let chars = Array(t)
        guard chars.count >= 19, chars[4] == "-", chars[7] == "-", chars[10] == " " || chars[10] == "T",
            chars[13] == ":", chars[16] == ":"
        else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard digits.allSatisfy({ chars[$0].isASCII && chars[$0].isNumber }) else { return nil }
        let rest = chars[19...].drop { $0 == "." || $0.isNumber }
        guard rest.isEmpty || String(rest) == "Z" || String(rest) == "+00:00" else { return nil }
        return String(chars[0..<10]) + " " + String(chars[11..<19]) + " UTC"
    }

    /// A signature part: JSON inside the YAML, a list of columns, tensors or parameters.
    mutating func signatureFields(_ node: YAMLNode?, part: String) -> [MLflowModel.Field] {
        guard let node, !node.isNull else { return [] }
        guard let text = node.scalarString else {
            diagnostics.add(
                .mismatch(
                    at: node.location, expected: "the JSON text MLflow writes", found: node.kindDescription,
                    context: "MLmodel.signature.\(part)"))
            return []
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
            diagnostics.error(
                at: node.location,
                "MLmodel.signature.\(part): expected JSON (MLflow writes the signature as JSON inside the YAML), found text that is not: \(reason)")
            return []
        }
        guard let items = json as? [[String: Any]] else {
            diagnostics.error(at: node.location, "MLmodel.signature.\(part): expected a JSON list of column or tensor specs")
            return []
        }
        return items.map { item in
            let name = item["name"] as? String
            let required = item["required"] as? Bool ?? true
            var defaultValue: String?
            if let d = item["default"] { defaultValue = Self.jsonText(d) }
            return MLflowModel.Field(name: name, type: Self.signatureType(item), required: required, defaultValue: defaultValue)
        }
    }

    static func signatureType(_ spec: [String: Any]) -> String {
        // Parameters of MLflow 2.6–2.7 name their type `dtype`; later ones `type`.
        let type = spec["type"] as? String ?? spec["dtype"] as? String ?? "any"
        switch type {
        case "tensor":
            let tensor = spec["tensor-spec"] as? [String: Any] ?? [:]
            let dtype = tensor["dtype"] as? String ?? "?"
            let shape = (tensor["shape"] as? [Any])?.map { jsonText($0) }.joined(separator: ", ")
            return "tensor \(dtype)" + (shape.map { " [\($0)]" } ?? "")
        case "array":
            return "array<\((spec["items"] as? [String: Any]).map(signatureType) ?? "any")>"
        case "map":
            return "map<string, \((spec["values"] as? [String: Any]).map(signatureType) ?? "any")>"
        case "object":
            let properties = (spec["properties"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }
            return "object {"
                + properties.map { "\($0.key): \(($0.value as? [String: Any]).map(signatureType) ?? "any")" }
                .joined(separator: ", ") + "}"
        default:
            if let shape = spec["shape"] as? [Any] {
                // A parameter of shape (-1,) takes a list of values (`segments: ["a", "b"]`).
                if shape.count == 1, (shape[0] as? NSNumber)?.intValue == -1 { return "array<\(type)>" }
                return type + " [" + shape.map { jsonText($0) }.joined(separator: ", ") + "]"
            }
            return type
        }
    }

    static func jsonText(_ value: Any) -> String {
        if let s = value as? String { return s }
        if let n = value as? NSNumber {
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return n.stringValue
        }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }

    /// A scalar as text; a small mapping or list as `key: value, …` (`env: {conda: conda.yaml}`).
    static func plainText(_ node: YAMLNode) -> String? {
        if node.isNull { return nil }
        switch node.value {
        case .scalar(let s, _): return s
        case .sequence(let items): return items.compactMap(plainText).joined(separator: ", ")
        case .mapping(let pairs):
            return pairs.compactMap { pair in
                guard let key = pair.key.scalarString, let value = plainText(pair.value) else { return nil }
                return "\(key): \(value)"
            }.joined(separator: ", ")
        }
    }

    // MARK: - Model Card Toolkit

    mutating func modelCard(_ path: String) -> ModelCard? {
        let (root, problems) = importedRoot(path, what: "model card")
        diagnostics.add(contentsOf: problems)
        guard let root else { return nil }
        var card = ModelCard(path: path)
        let details = root["model_details"]
        card.name = details?["name"].flatMap(Self.plainText)
        card.overview = details?["overview"].flatMap(Self.plainText)
        card.owners = cardList(details?["owners"], "model_details.owners").compactMap { owner in
            guard let name = owner["name"].flatMap(Self.plainText) else { return Self.plainText(owner) }
            return owner["contact"].flatMap(Self.plainText).map { "\(name) (\($0))" } ?? name
        }
        card.version = details?["version"]?["name"].flatMap(Self.plainText)
        // Dates are written loosely (`08/28/2020`): shown as written, never a reason to fail.
        card.versionDate = details?["version"]?["date"].flatMap(Self.plainText)
        // 0.0.1 and 0.0.2 differ in shape, not meaning: each field is read in either shape, so a
        // card whose `schema_version` is missing or wrong still reads.
        if let version = root["schema_version"], let text = Self.plainText(version) {
            card.schemaVersion = text
            if !["0.0.1", "0.0.2"].contains(text) {
                diagnostics.warning(
                    at: version.location,
                    "model card schema_version `\(text)`: Handover knows 0.0.1 and 0.0.2 (Model Card Toolkit 1.x and 2.x); read as the nearest",
                    hint: nil)
            }
        }
        if let license = details?["license"].flatMap(Self.plainText) { card.licenses.append(license) }
        card.licenses += cardList(details?["licenses"], "model_details.licenses").compactMap {
            $0["identifier"].flatMap(Self.plainText) ?? $0["custom_text"].flatMap(Self.plainText)
        }
        card.references = cardList(details?["references"], "model_details.references").compactMap {
            $0.scalarString != nil ? Self.plainText($0) : $0["reference"].flatMap(Self.plainText)
        }
        if let citation = details?["citation"].flatMap(Self.plainText) { card.citations.append(citation) }
        card.citations += cardList(details?["citations"], "model_details.citations").compactMap {
            $0.scalarString != nil ? Self.plainText($0) : $0["citation"].flatMap(Self.plainText)
        }
        let parameters = root["model_parameters"]
        card.architecture = parameters?["model_architecture"].flatMap(Self.plainText)
        card.datasets = cardDatasets(parameters?["data"])
        for item in cardList(root["quantitative_analysis"]?["performance_metrics"], "quantitative_analysis.performance_metrics") {
            guard let type = item["type"].flatMap(Self.plainText), let value = item["value"].flatMap(Self.plainText) else {
                diagnostics.warning(at: item.location, "model card: a performance metric without `type` and `value` is left out")
                continue
            }
            var metric = ModelCard.Metric(type: type, value: Self.shortNumber(value))
            metric.slice = item["slice"].flatMap(Self.plainText)
            if let ci = item["confidence_interval"], let low = ci["lower_bound"].flatMap(Self.plainText),
                let high = ci["upper_bound"].flatMap(Self.plainText)
            {
                metric.confidenceInterval = "\(Self.shortNumber(low)) – \(Self.shortNumber(high))"
            }
            card.metrics.append(metric)
        }
        let considerations = root["considerations"]
        for (key, label) in [
            ("users", "Intended users"), ("use_cases", "Use cases"), ("limitations", "Limitations"),
            ("tradeoffs", "Trade-offs"),
        ] {
            for item in cardList(considerations?[key], "considerations.\(key)") {
                if let text = item["description"].flatMap(Self.plainText) ?? Self.plainText(item) {
                    card.considerations.append(ModelCard.Consideration(kind: label, text: text))
                }
            }
        }
        for item in cardList(considerations?["ethical_considerations"], "considerations.ethical_considerations") {
            guard let name = item["name"].flatMap(Self.plainText) else { continue }
            var consideration = ModelCard.Consideration(kind: "Ethical considerations", text: name)
            consideration.mitigation = item["mitigation_strategy"].flatMap(Self.plainText)
            card.considerations.append(consideration)
        }
        return card
    }

    /// `data`: a list of data sets (0.0.2), or `{train, eval}` (0.0.1).
    mutating func cardDatasets(_ node: YAMLNode?) -> [ModelCard.Dataset] {
        func dataset(_ item: YAMLNode, role: ModelCard.Dataset.Role?) -> ModelCard.Dataset? {
            guard let name = item["name"].flatMap(Self.plainText) ?? (item.scalarString != nil ? Self.plainText(item) : nil) else {
                return nil
            }
            return ModelCard.Dataset(name: name, role: role, link: item["link"].flatMap(Self.plainText))
        }
        if let node, case .mapping = node.value {
            var out: [ModelCard.Dataset] = []
            for role in [ModelCard.Dataset.Role.train, .eval] {
                if let item = node[role.rawValue], let d = dataset(item, role: role) { out.append(d) }
            }
            if out.isEmpty {
                diagnostics.add(
                    .mismatch(
                        at: node.location, expected: "a list of data sets, or `train` and `eval` (schema 0.0.1)",
                        found: "a mapping without them", context: "model card model_parameters.data"))
            }
            return out
        }
        return cardList(node, "model_parameters.data").compactMap { dataset($0, role: nil) }
    }

    /// A list in a card; anything else is an error at its place (and an empty list).
    mutating func cardList(_ node: YAMLNode?, _ context: String) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard case .sequence(let items) = node.value else {
            diagnostics.add(.mismatch(at: node.location, expected: "a list", found: node.kindDescription, context: "model card \(context)"))
            return []
        }
        return items
    }

    /// `"0.9781249761581421"` → `0.9781`: cards write metric values as long strings.
    static func shortNumber(_ text: String) -> String {
        guard let value = Double(text), text.count > 7 else { return text }
        return formatNumber((value * 10000).rounded() / 10000)
    }

    // MARK: - Azure ML v2 YAML

    mutating func azureMLSpec(_ path: String) -> AzureMLSpec? {
        guard let text = content.referencedFiles[path] else { return nil }
        // Unrendered template placeholders: the file is a template, not what was deployed.
        if let placeholder = Self.firstPlaceholder(in: text) {
            diagnostics.error(
                at: SourceLocation(path: "Content/" + path, line: placeholder.line, column: placeholder.column),
                "Azure ML YAML: found the unrendered template placeholder `\(placeholder.text)`; expected the file as deployed",
                hint: "render the template (replace every {{…}} with its value) and point azureml: at the result")
            return nil
        }
        let (root, problems) = importedRoot(path, what: "Azure ML YAML")
        diagnostics.add(contentsOf: problems)
        guard let root else { return nil }
        let schema = root["$schema"]?.scalarString?.lowercased() ?? ""
        let kind: AzureMLSpec.Kind
        if schema.contains("onlineendpoint") {
            kind = .onlineEndpoint
        } else if schema.contains("onlinedeployment") {
            kind = .onlineDeployment
        } else if schema.contains("batchendpoint") {
            kind = .batchEndpoint
        } else if schema.contains("batchdeployment") {
            kind = .batchDeployment
        } else if root["endpoint_name"] != nil {
            kind = root["compute"] != nil && root["instance_type"] == nil ? .batchDeployment : .onlineDeployment
        } else if root["defaults"] != nil {
            kind = .batchEndpoint
        } else {
            kind = .onlineEndpoint
        }
        var spec = AzureMLSpec(path: path, kind: kind)
        spec.name = root["name"].flatMap(Self.plainText)
        spec.endpointName = root["endpoint_name"].flatMap(Self.plainText)
        spec.description = root["description"].flatMap(Self.plainText)
        func fact(_ label: String, _ value: String?) { if let value, !value.isEmpty { spec.facts.append((label, value)) } }
        func value(_ node: YAMLNode?) -> String? { node.flatMap(Self.plainText) }
        for key in ["name", "endpoint_name", "auth_mode", "traffic", "instance_type", "instance_count", "model"] {
            if let node = root[key] { spec.locations[key] = node.location }
        }
        spec.authMode = value(root["auth_mode"])
        spec.defaultDeployment = value(root["defaults"]?["deployment_name"])
        spec.instanceType = value(root["instance_type"])
        spec.instanceCount = (value(root["instance_count"]) ?? value(root["resources"]?["instance_count"])).flatMap { Int($0) }
        spec.model = Self.assetReference(root["model"])
        if case .mapping(let pairs)? = root["traffic"]?.value {
            for pair in pairs {
                guard let name = pair.key.scalarString else { continue }
                guard let text = pair.value.scalarString, let percent = Int(text), (0...100).contains(percent) else {
                    diagnostics.add(
                        .mismatch(
                            at: pair.value.location, expected: "a whole percent from 0 to 100", found: pair.value.kindDescription,
                            context: "Azure ML traffic.\(name)"))
                    continue
                }
                spec.traffic.append((name, percent))
            }
        }

        switch kind {
        case .onlineEndpoint, .batchEndpoint:
            fact(messages["azureml.fact.authentication"], value(root["auth_mode"]) ?? (kind == .onlineEndpoint ? messages["azureml.keyDefault"] : "aad_token"))
            fact(messages["azureml.fact.identity"], value(root["identity"]?["type"]))
            if case .mapping(let pairs)? = root["traffic"]?.value {
                fact(
                    messages["azureml.traffic"],
                    pairs.compactMap { p in
                        guard let name = p.key.scalarString, let share = p.value.scalarString else { return nil }
                        return "\(name) \(share) %"
                    }.joined(separator: " · "))
            }
            if case .mapping(let pairs)? = root["mirror_traffic"]?.value {
                fact(
                    messages["azureml.fact.mirroredTraffic"],
                    pairs.compactMap { p in p.key.scalarString.map { "\($0) \(p.value.scalarString ?? "?") %" } }.joined(separator: " · "))
            }
            fact(messages["azureml.fact.publicNetworkAccess"], value(root["public_network_access"]))
            fact(messages["azureml.fact.defaultDeployment"], value(root["defaults"]?["deployment_name"]))
        case .onlineDeployment:
            fact(messages["azureml.fact.endpoint"], spec.endpointName)
            fact(messages["azureml.fact.model"], Self.assetReference(root["model"]))
            fact(messages["azureml.fact.environment"], Self.assetReference(root["environment"]))
            fact(messages["azureml.fact.scoringScript"], value(root["code_configuration"]?["scoring_script"]))
            fact(messages["azureml.fact.instanceType"], value(root["instance_type"]))
            fact(messages["azureml.fact.instances"], value(root["instance_count"]))
            fact(messages["azureml.fact.scaling"], value(root["scale_settings"]?["type"]))
            if let request = root["request_settings"] {
                fact(messages["azureml.fact.requestTimeout"], value(request["request_timeout_ms"]).map { "\($0) ms" })
                fact(messages["azureml.fact.concurrentRequestsPerInstance"], value(request["max_concurrent_requests_per_instance"]))
            }
            if let insights = root["app_insights_enabled"] {
                fact(messages["azureml.fact.applicationInsights"], azureBool(insights, "app_insights_enabled").map { $0 ? "enabled" : "disabled" })
            }
            if case .mapping(let collections)? = root["data_collector"]?["collections"]?.value {
                let enabled = collections.filter { pair in pair.value["enabled"].flatMap { azureBool($0, "enabled") } ?? false }
                fact(messages["azureml.fact.dataCollection"], enabled.compactMap { $0.key.scalarString }.joined(separator: ", "))
            }
        case .batchDeployment:
            fact(messages["azureml.fact.endpoint"], spec.endpointName)
            fact(messages["azureml.fact.type"], value(root["type"]))
            fact(messages["azureml.fact.model"], Self.assetReference(root["model"]))
            fact(messages["azureml.fact.environment"], Self.assetReference(root["environment"]))
            fact(messages["azureml.fact.compute"], value(root["compute"]))
            fact(messages["azureml.fact.instances"], value(root["resources"]?["instance_count"]) ?? value(root["instance_count"]))
            // The legacy layout has the settings at the root, without `type`.
            let settings = root["settings"] ?? root
            fact(messages["azureml.fact.concurrencyPerInstance"], value(settings["max_concurrency_per_instance"]))
            fact(messages["azureml.fact.miniBatchSize"], value(settings["mini_batch_size"]))
            fact(
                messages["azureml.fact.output"],
                [value(settings["output_action"]), value(settings["output_file_name"])].compactMap { $0 }.joined(separator: " → "))
            if let retry = settings["retry_settings"] {
                fact(
                    "Retries",
                    [value(retry["max_retries"]).map { "\($0) retries" }, value(retry["timeout"]).map { "timeout \($0) s" }]
                        .compactMap { $0 }.joined(separator: ", "))
            }
            fact(messages["azureml.fact.errorThreshold"], value(settings["error_threshold"]))
        }
        return spec
    }

    /// Booleans as the docs write them too: `'True'`, `"false"`.
    mutating func azureBool(_ node: YAMLNode, _ key: String) -> Bool? {
        switch node.scalarString?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.add(.mismatch(at: node.location, expected: "true or false", found: node.kindDescription, context: "Azure ML \(key)"))
            return nil
        }
    }

    /// `model`/`environment`: `azureml:name:version`, a registry URI, or an inline object.
    static func assetReference(_ node: YAMLNode?) -> String? {
        guard let node, !node.isNull else { return nil }
        if let s = node.scalarString { return s }
        var parts: [String] = []
        if let name = node["name"].flatMap(plainText) {
            parts.append(name + (node["version"].flatMap(plainText).map { " version \($0)" } ?? ""))
        }
        if let image = node["image"].flatMap(plainText) { parts.append("image \(image)") }
        if let conda = node["conda_file"].flatMap(plainText) { parts.append("conda \(conda)") }
        if let path = node["path"].flatMap(plainText) { parts.append("from \(path)") }
        if let dockerfile = node["build"]?["path"].flatMap(plainText) { parts.append("built from \(dockerfile)") }
        return parts.isEmpty ? plainText(node) : parts.joined(separator: ", ")
    }

    /// The first `{{…}}` outside a comment, with its line and column.
    static func firstPlaceholder(in text: String) -> (text: String, line: Int, column: Int)? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.firstIndex(of: "#").map { line[..<$0] } ?? line[...]
            guard let open = code.range(of: "{{") else { continue }
            let close = code[open.upperBound...].range(of: "}}")
            let end = close?.upperBound ?? code.endIndex
            let column = code.distance(from: code.startIndex, to: open.lowerBound) + 1
            return (String(code[open.lowerBound..<end]), index + 1, column)
        }
        return nil
    }
}

extension Validator {
    // MARK: - OpenAPI 3.x / Swagger 2.0

    mutating func apiSpec(_ path: String) -> APISpec? {
        let (root, problems) = importedRoot(path, what: "OpenAPI")
        diagnostics.add(contentsOf: problems)
        guard let root, let text = content.referencedFiles[path] else { return nil }
        // The other files of a multi-file description, parsed as far as its `$ref`s reach.
        var documents: [String: YAMLNode] = [:]
        var queue = APIDocumentReader.referencedFiles(root, in: path)
        while !queue.isEmpty, documents.count < 200 {
            let file = queue.removeFirst()
            guard documents[file] == nil, file != path, let other = content.referencedFiles[file] else { continue }
            switch YAMLParser.parse(other, path: "Content/" + file) {
            case .success(let node?):
                documents[file] = node
                queue += APIDocumentReader.referencedFiles(node, in: file)
            case .success(nil): continue
            case .failure(let diagnostic): diagnostics.add(diagnostic)
            }
        }
        let (spec, found) = APIDocumentReader.read(text: text, root: root, path: path, documents: documents, words: messages)
        diagnostics.add(contentsOf: found)
        return spec
    }
}
