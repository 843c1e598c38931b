import Basics
import Diagnostics
import Loading
import Model

extension Validator {
    mutating func deployment(_ document: YAMLDocument) -> Deployment? {
        guard let root = document.root else { return nil }
        guard var f = Fields(root, context: "deployment", &diagnostics) else { return nil }
        let modelNode = f.required("model", &diagnostics, expected: "the deployed model's fields (name, version, …)")
        let model = modelNode.flatMap { self.modelInfo($0) }
        var deployment = Deployment(model: model ?? ModelInfo(name: "model", version: "?"))
        deployment.environments = f.list("environments", &diagnostics).compactMap { environment($0) }
        deployment.pipelines = f.list("pipelines", &diagnostics).compactMap { pipeline($0) }
        deployment.consumers = f.list("consumers", &diagnostics).compactMap { consumer($0) }
        deployment.releases = f.list("releases", &diagnostics).compactMap { release($0) }
        deployment.objectives = f.list("objectives", &diagnostics).compactMap { objective($0) }
        f.finish(&diagnostics)
        return model == nil ? nil : deployment
    }

    mutating func modelInfo(_ node: YAMLNode) -> ModelInfo? {
        guard var f = Fields(node, context: "model", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        let version = f.string("version", &diagnostics, required: true)
        var model = ModelInfo(name: name ?? "", version: version ?? "")
        model.task = f.string("task", &diagnostics)
        model.framework = f.string("framework", &diagnostics)
        model.owner = f.string("owner", &diagnostics)
        model.description = f.string("description", &diagnostics)
        model.trainedAt = f.date("trained_at", &diagnostics)
        if var data = f.object("training_data", &diagnostics) {
            if let dataName = data.string("name", &diagnostics, required: true) {
                var training = TrainingData(name: dataName)
                training.rows = data.int("rows", &diagnostics)
                training.link = data.contentPath("link", &diagnostics, existing: content.allPaths, allowURL: true)
                model.trainingData = training
            }
            data.finish(&diagnostics)
        }
        model.mlmodel = f.contentPath("mlmodel", &diagnostics, existing: content.allPaths)
        model.modelCard = f.contentPath("model_card", &diagnostics, existing: content.allPaths)
        model.mlflow = model.mlmodel.flatMap { mlflowModel($0) }
        model.registry = modelRegistry(for: model.name)
        // A pulled registry's deployed version brings its MLmodel when deployment.yaml names none.
        if model.mlflow == nil, let pulled = model.registry?.deployed?.mlmodel { model.mlflow = pulled }
        model.card = model.modelCard.flatMap { modelCard($0) }
        if let importance = f.raw("feature_importance") {
            // `{feature: importance}` or `[{feature, importance}]`: both are how teams write it.
            switch importance.value {
            case .mapping(let pairs):
                for (key, value) in pairs {
                    if let name = key.scalarString, let v = Fields.double(value, context: "model.feature_importance.\(name)", &diagnostics) {
                        model.featureImportance.append((name, v))
                    }
                }
            case .sequence(let items):
                for item in items {
                    guard var g = Fields(item, context: "model.feature_importance[]", &diagnostics) else { continue }
                    if let name = g.string("feature", &diagnostics, required: true),
                        let v = g.double("importance", &diagnostics, required: true)
                    {
                        model.featureImportance.append((name, v))
                    }
                    g.finish(&diagnostics)
                }
            case .scalar:
                diagnostics.add(
                    .mismatch(
                        at: importance.location, expected: "a mapping of feature: importance",
                        found: importance.kindDescription, context: "model.feature_importance"))
            }
        }
        model.metrics = f.list("metrics", &diagnostics).compactMap { metric($0) }
        model.candidates = f.list("candidates", &diagnostics).compactMap { candidate($0) }
        if model.candidates.filter(\.chosen).count > 1 {
            diagnostics.warning(at: node.location, "model.candidates: more than one candidate is marked `chosen: true`")
        }
        f.finish(&diagnostics)
        return name == nil || version == nil ? nil : model
    }

    mutating func metric(_ node: YAMLNode) -> ModelMetric? {
        guard var f = Fields(node, context: "model.metrics[]", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        let value = f.double("value", &diagnostics, required: true)
        var objective: MetricObjective?
        if let o = f.raw("objective") {
            if let text = o.scalarString, let parsed = MetricObjective.parse(text) {
                objective = parsed
            } else {
                diagnostics.add(
                    .mismatch(
                        at: o.location, expected: "a comparison such as \">= 0.85\" or \"< 0.1\"",
                        found: o.kindDescription, context: "model.metrics[].objective"))
            }
        }
        f.finish(&diagnostics)
        guard let name, let value else { return nil }
        var metric = ModelMetric(name: name, value: value)
        metric.objective = objective
        return metric
    }

    mutating func candidate(_ node: YAMLNode) -> Candidate? {
        guard var f = Fields(node, context: "model.candidates[]", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        let chosen = f.bool("chosen", &diagnostics) ?? false
        let description = f.string("description", &diagnostics)
        var metrics: [(String, Double)] = []
        if let m = f.object("metrics", &diagnostics, context: "model.candidates[].metrics") {
            for (key, _, value) in m.entries {
                if let v = Fields.double(value, context: "model.candidates[].metrics.\(key)", &diagnostics) {
                    metrics.append((key, v))
                }
            }
        }
        f.finish(&diagnostics)
        guard let name else { return nil }
        var candidate = Candidate(name: name, chosen: chosen, metrics: metrics)
        candidate.description = description
        return candidate
    }

    mutating func environment(_ node: YAMLNode) -> Environment? {
        guard var f = Fields(node, context: "environments[]", &diagnostics) else { return nil }
        guard let name = f.string("name", &diagnostics, required: true) else { f.finish(&diagnostics); return nil }
        var environment = Environment(name: name)
        environment.description = f.string("description", &diagnostics)
        environment.endpoints = f.list("endpoints", &diagnostics).compactMap { endpoint($0, environment: name) }
        environment.batch = f.list("batch", &diagnostics).compactMap { batchJob($0, environment: name) }
        f.finish(&diagnostics)
        return environment
    }

    mutating func endpoint(_ node: YAMLNode, environment: String) -> Endpoint? {
        guard var f = Fields(node, context: "environments[\(environment)].endpoints[]", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        let mode: Endpoint.Mode? = f.choice("mode", &diagnostics, required: true)
        var endpoint = Endpoint(name: name ?? "", mode: mode ?? .realtime)
        if let urlNode = f.raw("url"), let url = Fields.string(urlNode, context: "endpoint.url", &diagnostics) {
            if ContentPaths.isExternalURL(url) {
                endpoint.url = url
            } else {
                diagnostics.add(
                    .mismatch(
                        at: urlNode.location, expected: "an http(s) URL", found: urlNode.kindDescription,
                        context: "endpoint.url"))
            }
        }
        endpoint.auth = f.string("auth", &diagnostics)
        endpoint.openapi = f.contentPath("openapi", &diagnostics, existing: content.allPaths)
        endpoint.azureml = f.contentPaths("azureml", &diagnostics, existing: content.allPaths)
        endpoint.azureML = endpoint.azureml.compactMap { azureMLSpec($0) }
        endpoint.api = endpoint.openapi.flatMap { apiSpec($0) }
        endpoint.description = f.string("description", &diagnostics)
        if var c = f.object("compute", &diagnostics) {
            var compute = Compute()
            compute.sku = c.string("sku", &diagnostics)
            compute.instances = c.int("instances", &diagnostics)
            compute.autoscale = c.string("autoscale", &diagnostics)
            c.finish(&diagnostics)
            endpoint.compute = compute
        }
        f.finish(&diagnostics)
        checkAzureML(
            endpoint.azureML,
            against: DeclaredEndpoint(
                name: endpoint.name, isBatch: endpoint.mode == .batch, auth: endpoint.auth, compute: endpoint.compute,
                location: node.location))
        return name == nil || mode == nil ? nil : endpoint
    }

    mutating func batchJob(_ node: YAMLNode, environment: String) -> BatchJob? {
        guard var f = Fields(node, context: "environments[\(environment)].batch[]", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        var job = BatchJob(name: name ?? "")
        job.schedule = f.string("schedule", &diagnostics)
        job.input = f.string("input", &diagnostics)
        job.output = f.string("output", &diagnostics)
        job.description = f.string("description", &diagnostics)
        job.azureml = f.contentPaths("azureml", &diagnostics, existing: content.allPaths)
        job.azureML = job.azureml.compactMap { azureMLSpec($0) }
        f.finish(&diagnostics)
        checkAzureML(job.azureML, against: DeclaredEndpoint(name: job.name, isBatch: true, location: node.location))
        return name == nil ? nil : job
    }

    mutating func pipeline(_ node: YAMLNode) -> Pipeline? {
        guard var f = Fields(node, context: "pipelines[]", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        var pipeline = Pipeline(name: name ?? "")
        pipeline.schedule = f.string("schedule", &diagnostics)
        pipeline.steps = f.strings("steps", &diagnostics)
        pipeline.sources = f.strings("sources", &diagnostics)
        pipeline.sinks = f.strings("sinks", &diagnostics)
        pipeline.description = f.string("description", &diagnostics)
        f.finish(&diagnostics)
        return name == nil ? nil : pipeline
    }

    mutating func consumer(_ node: YAMLNode) -> Consumer? {
        guard var f = Fields(node, context: "consumers[]", &diagnostics) else { return nil }
        let name = f.string("name", &diagnostics, required: true)
        let kind: Consumer.Kind? = f.choice("kind", &diagnostics, required: true)
        let uses = f.strings("uses", &diagnostics)
        for use in uses {
            references.append(Reference(name: use, kind: .endpoint, location: node["uses"]?.location ?? node.location, context: "consumers[].uses"))
        }
        let description = f.string("description", &diagnostics)
        f.finish(&diagnostics)
        guard let name, let kind else { return nil }
        var consumer = Consumer(name: name, kind: kind, uses: uses)
        consumer.description = description
        return consumer
    }

    mutating func release(_ node: YAMLNode) -> Release? {
        guard var f = Fields(node, context: "releases[]", &diagnostics) else { return nil }
        let version = f.string("version", &diagnostics, required: true)
        let date = f.date("date", &diagnostics, required: true)
        let by = f.string("by", &diagnostics)
        let notes = f.string("notes", &diagnostics)
        f.finish(&diagnostics)
        guard let version, let date else { return nil }
        var release = Release(version: version, date: date)
        release.by = by
        release.notes = notes
        release.location = node["version"]?.location ?? node.location
        return release
    }

    mutating func objective(_ node: YAMLNode) -> Objective? {
        guard var f = Fields(node, context: "objectives[]", &diagnostics) else { return nil }
        let component = f.string("component", &diagnostics, required: true)
        let name = f.string("name", &diagnostics, required: true)
        let seriesNode = f.raw("series")
        let series = f.string("series", &diagnostics, required: true)
        let aggregate: Objective.Aggregate? = f.choice("aggregate", &diagnostics)
        let below = f.double("below", &diagnostics)
        let above = f.double("above", &diagnostics)
        let warnBelow = f.double("warn_below", &diagnostics)
        let warnAbove = f.double("warn_above", &diagnostics)
        let window = f.duration("window", &diagnostics)
        if below == nil, above == nil {
            diagnostics.error(at: node.location, "objective \(name.map { "\"\($0)\"" } ?? ""): expected a threshold, `below` or `above`, found neither")
        }
        if let below, let warnBelow, warnBelow > below {
            diagnostics.warning(
                at: node.location,
                "objective \"\(name ?? "")\": warn_below (\(formatNumber(warnBelow))) is above below (\(formatNumber(below))), so it never warns first")
        }
        if let above, let warnAbove, warnAbove < above {
            diagnostics.warning(
                at: node.location,
                "objective \"\(name ?? "")\": warn_above (\(formatNumber(warnAbove))) is under above (\(formatNumber(above))), so it never warns first")
        }
        f.finish(&diagnostics)
        guard let component, let name, let series else { return nil }
        references.append(
            Reference(name: component, kind: .component, location: node["component"]?.location ?? node.location, context: "objectives[].component"))
        var objective = Objective(
            component: component, name: name, series: series,
            seriesLocation: seriesNode?.location ?? node.location,
            aggregate: aggregate ?? .avg, window: window ?? 86400)
        objective.below = below
        objective.above = above
        objective.warnBelow = warnBelow
        objective.warnAbove = warnAbove
        return objective
    }
}
