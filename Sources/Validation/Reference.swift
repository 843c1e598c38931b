import Diagnostics
import Model

/// A name written in one input that must be declared in another (a component, an endpoint…).
struct Reference {
    enum Kind {
        case component, endpoint, objective
    }

    var name: String
    var kind: Kind
    var location: SourceLocation
    var context: String
}

extension Validator {
    mutating func checkReferences(_ model: SiteModel) {
        let deploymentNames = model.deployment?.componentNames ?? []
        let endpointNames =
            (model.deployment?.endpoints.map(\.endpoint.name) ?? [])
            + (model.deployment?.batchJobs.map(\.job.name) ?? [])
        let consumerNames = model.deployment?.consumers.map(\.name) ?? []
        let architectureIDs = model.architecture?.components.map(\.id) ?? []
        let components = Set(deploymentNames + architectureIDs + consumerNames)
        let objectives = Set(model.deployment?.objectives.map(\.name) ?? [])

        for reference in references {
            let known: Set<String>
            let what: String
            switch reference.kind {
            case .component:
                known = components
                what = "a component (an endpoint, batch job or pipeline of deployment.yaml, the model, or a component id of architecture.yaml)"
            case .endpoint:
                known = Set(endpointNames + architectureIDs)
                what = "an endpoint or batch job of deployment.yaml"
            case .objective:
                known = objectives
                what = "the name of an objective in deployment.yaml"
            }
            guard !known.contains(reference.name) else { continue }
            let hint =
                nearestName(to: reference.name, in: known).map { "did you mean `\($0)`?" }
                ?? (known.isEmpty ? "none is declared yet" : "known: \(known.sorted().joined(separator: ", "))")
            diagnostics.error(
                at: reference.location,
                "\(reference.context): expected \(what), found `\(reference.name)`", hint: hint)
        }
    }
}
