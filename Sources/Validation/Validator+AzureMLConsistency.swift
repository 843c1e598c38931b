import Diagnostics
import Model

/// What an endpoint's Azure ML files say against what `deployment.yaml` says of it: every fact
/// that contradicts is a warning at its place in the Azure ML file, naming both values.
extension Validator {
    struct DeclaredEndpoint {
        var name: String
        var isBatch: Bool
        var auth: String?
        var compute: Compute?
        /// Where `deployment.yaml` declares it.
        var location: SourceLocation
    }

    mutating func checkAzureML(_ specs: [AzureMLSpec], against declared: DeclaredEndpoint) {
        guard !specs.isEmpty else { return }
        func at(_ spec: AzureMLSpec, _ key: String) -> SourceLocation {
            spec.locations[key] ?? SourceLocation(path: "Content/" + spec.path, line: 1, column: 1)
        }
        let said = "deployment.yaml (\(declared.location))"
        let endpoints = specs.filter { $0.kind == .onlineEndpoint || $0.kind == .batchEndpoint }
        let deployments = specs.filter { $0.kind == .onlineDeployment || $0.kind == .batchDeployment }

        for spec in specs {
            let batch = spec.kind == .batchEndpoint || spec.kind == .batchDeployment
            if batch != declared.isBatch {
                diagnostics.warning(
                    at: at(spec, "name"),
                    "Azure ML \(spec.kind.rawValue) for `\(declared.name)`, which \(said) declares as \(declared.isBatch ? "a batch job" : "a real-time endpoint")"
                )
            }
        }
        for extra in endpoints.dropFirst() {
            diagnostics.warning(
                at: at(extra, "name"),
                "a second Azure ML endpoint file for `\(declared.name)` (the first is Content/\(endpoints[0].path)); an endpoint has one",
                hint: "list the endpoint's file once, then one file per deployment")
        }
        var seen: [String: String] = [:]
        for d in deployments {
            guard let name = d.name else { continue }
            if let other = seen[name] {
                diagnostics.warning(at: at(d, "name"), "deployment `\(name)` is also defined in Content/\(other)")
            }
            seen[name] = d.path
        }
        if let endpoint = endpoints.first, let endpointName = endpoint.name {
            for d in deployments {
                if let target = d.endpointName, target != endpointName {
                    diagnostics.warning(
                        at: at(d, "endpoint_name"),
                        "deployment `\(d.name ?? "?")` names endpoint `\(target)`, but the endpoint file Content/\(endpoint.path) is `\(endpointName)`")
                }
            }
        }
        // Traffic: every share goes to a listed deployment, and the shares make 100 %.
        let traffic = endpoints.first?.traffic ?? []
        if let endpoint = endpoints.first, !traffic.isEmpty {
            if !deployments.isEmpty {
                for share in traffic where share.percent > 0 && seen[share.deployment] == nil {
                    diagnostics.warning(
                        at: at(endpoint, "traffic"),
                        "traffic sends \(share.percent) % to `\(share.deployment)`, which no listed deployment file defines",
                        hint: "add its deployment YAML to `azureml:` in deployment.yaml")
                }
            }
            let total = traffic.reduce(0) { $0 + $1.percent }
            if total != 100, total != 0 {
                diagnostics.warning(at: at(endpoint, "traffic"), "traffic shares add up to \(total) %, expected 100 %")
            }
        }
        if let auth = declared.auth, let endpoint = endpoints.first {
            let written = endpoint.authMode ?? (endpoint.kind == .onlineEndpoint ? "key" : "aad_token")
            if written.lowercased() != auth.lowercased() {
                diagnostics.warning(
                    at: at(endpoint, endpoint.authMode == nil ? "name" : "auth_mode"),
                    "auth mode `\(written)`\(endpoint.authMode == nil ? " (the default)" : ""), but \(said) says `\(auth)`")
            }
        }
        // The deployments that serve: those with a share of traffic, or all when no share is known.
        let live =
            traffic.isEmpty
            ? deployments : deployments.filter { d in traffic.contains { $0.deployment == d.name && $0.percent > 0 } }
        if let sku = declared.compute?.sku {
            for d in live {
                if let type = d.instanceType, type.lowercased() != sku.lowercased() {
                    diagnostics.warning(
                        at: at(d, "instance_type"),
                        "deployment `\(d.name ?? "?")` runs on `\(type)`, but \(said) says `\(sku)`")
                }
            }
        }
        if let instances = declared.compute?.instances, !live.isEmpty {
            let counts = live.compactMap(\.instanceCount)
            if counts.count == live.count {
                let total = counts.reduce(0, +)
                if total != instances {
                    let spec = live.first { $0.instanceCount != nil }!
                    let what =
                        live.count == 1
                        ? "deployment `\(spec.name ?? "?")` has \(total) instance\(total == 1 ? "" : "s")"
                        : "the deployments taking traffic have \(total) instances together ("
                            + live.map { "\($0.name ?? "?") \($0.instanceCount ?? 0)" }.joined(separator: ", ") + ")"
                    diagnostics.warning(
                        at: at(spec, "instance_count"), "\(what), but \(said) says \(instances)")
                }
            }
        }
    }
}
