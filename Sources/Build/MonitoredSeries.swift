import Diagnostics
import Foundation
import Loading
import Model
import Validation

extension BuildPipeline {
    /// Every series the dashboard panels and the objectives use, once each, in file order:
    /// what `handover pull prometheus --from-dashboard` asks Prometheus for.
    public static func monitoredSeries(projectURL: URL) -> (series: [String], diagnostics: [Diagnostic]) {
        let (content, loadDiagnostics) = ContentLoader(projectURL: projectURL).load()
        let (model, validationDiagnostics) = Validator.validate(content)
        var diagnostics = DiagnosticBag()
        diagnostics.add(contentsOf: loadDiagnostics)
        diagnostics.add(contentsOf: validationDiagnostics)
        var series: [String] = []
        for s in (model?.deployment?.objectives.map(\.series) ?? []) + (model?.dashboard?.panels.map(\.series) ?? [])
        where !series.contains(s) && !s.hasPrefix("evidently_") {
            // Evidently's numbers come from its report files in monitoring/, not from Prometheus.
            series.append(s)
        }
        return (series, diagnostics.errors)
    }
}
