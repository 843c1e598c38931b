import Basics
import Charts
import Health
import Model
import Templates

/// "What changed since the previous release" (`partials/release-changes`): the latest release
/// against the archive of the one before it (`releases/<version>/release.json`).
struct ReleaseChangesView: ViewModel {
    struct Note: ViewModel {
        var version: String
        var date: String
        var notes: String?
        static let fields = ViewFields<Self>(
            "a release's notes", [.value("version") { $0.version }, .value("date") { $0.date }, .value("notes") { $0.notes }])
    }

    struct MetricChange: ViewModel {
        var name: String
        var before: String
        var after: String
        var change: String?
        var objective: String?
        var metBefore: BadgeView?
        var metAfter: BadgeView?
        static let fields = ViewFields<Self>(
            "a metric's change",
            [
                .value("name") { $0.name }, .value("before") { $0.before }, .value("after") { $0.after },
                .value("change") { $0.change }, .value("objective") { $0.objective },
                .model("metBefore") { $0.metBefore }, .model("metAfter") { $0.metAfter },
            ])
    }

    struct ObjectiveChange: ViewModel {
        var component: String
        var name: String
        var before: BadgeView
        var after: BadgeView
        var observedBefore: String?
        var observedAfter: String?
        var changed: Bool
        static let fields = ViewFields<Self>(
            "an objective's change",
            [
                .value("component") { $0.component }, .value("name") { $0.name }, .model("before") { $0.before },
                .model("after") { $0.after }, .value("observedBefore") { $0.observedBefore },
                .value("observedAfter") { $0.observedAfter }, .value("changed") { $0.changed ? true : nil },
            ])
    }

    var previousVersion: String
    var previousDate: String
    var previousBuilt: String
    var currentVersion: String
    var currentDate: String
    var modelBefore: String?
    var modelAfter: String?
    var notes: [Note]
    var metrics: [MetricChange]
    var objectives: [ObjectiveChange]
    var healthBefore: BadgeView
    var healthAfter: BadgeView
    /// The heading's level and id prefix where the partial is placed (report: 2; exit report: 3).
    var level = 2
    var idPrefix = ""

    static let fields = ViewFields<Self>(
        "the changes since the previous release",
        [
            .value("previousVersion") { $0.previousVersion }, .value("previousDate") { $0.previousDate },
            .value("previousBuilt") { $0.previousBuilt },
            .value("currentVersion") { $0.currentVersion }, .value("currentDate") { $0.currentDate },
            .value("modelBefore") { $0.modelBefore }, .value("modelAfter") { $0.modelAfter },
            .value("modelChanged") { $0.modelBefore != $0.modelAfter ? true : nil },
            .models("notes") { $0.notes.isEmpty ? nil : $0.notes },
            .models("metrics") { $0.metrics.isEmpty ? nil : $0.metrics },
            .value("hasMetrics") { $0.metrics.isEmpty ? nil : true },
            .models("objectives") { $0.objectives.isEmpty ? nil : $0.objectives },
            .value("hasObjectives") { $0.objectives.isEmpty ? nil : true },
            .model("healthBefore") { $0.healthBefore }, .model("healthAfter") { $0.healthAfter },
            .value("level") { $0.level }, .value("idPrefix") { $0.idPrefix },
        ])
}

extension SiteRenderer {
    /// The latest release against the archived previous one; nil when either is missing.
    func releaseChanges() -> ReleaseChangesView? {
        guard let previous = release.previous, let current = releaseFacts(), let deployment = model.deployment,
            previous.version != current.version
        else { return nil }
        func health(_ name: String) -> BadgeView {
            BadgeView(.health(HealthStatus.allCases.first { $0.name == name } ?? .unknown), words)
        }
        func met(_ value: Bool?) -> BadgeView? { value.map { BadgeView(.metric($0), words) } }
        // Every release after the previous archive up to the latest, newest first.
        let notes = deployment.releases.filter { $0.date.description > previous.date && $0.version != previous.version }
            .sorted { $0.date > $1.date }
            .map { ReleaseChangesView.Note(version: $0.version, date: words.date($0.date), notes: $0.notes) }
        var metrics: [ReleaseChangesView.MetricChange] = current.metrics.map { m in
            let before = previous.metrics.first { $0.name == m.name }
            return .init(
                name: m.name, before: before?.text ?? "–", after: m.text,
                change: before.map { signedDifference(m.value - $0.value) }, objective: m.objective,
                metBefore: met(before?.met), metAfter: met(m.met))
        }
        for m in previous.metrics where !current.metrics.contains(where: { $0.name == m.name }) {
            metrics.append(.init(name: m.name, before: m.text, after: "–", objective: m.objective, metBefore: met(m.met)))
        }
        var objectives: [ReleaseChangesView.ObjectiveChange] = current.objectives.map { o in
            let before = previous.objectives.first { $0.component == o.component && $0.name == o.name }
            return .init(
                component: o.component, name: o.name, before: health(before?.status ?? "unknown"), after: health(o.status),
                observedBefore: before?.observed, observedAfter: o.observed, changed: before?.status != o.status)
        }
        for o in previous.objectives where !current.objectives.contains(where: { $0.component == o.component && $0.name == o.name }) {
            objectives.append(
                .init(
                    component: o.component, name: o.name, before: health(o.status), after: health("unknown"),
                    observedBefore: o.observed, observedAfter: nil, changed: true))
        }
        let modelText: (ReleaseFacts) -> String? = { f in f.model.map { "\($0) \(f.modelVersion ?? "")".trimmingCharacters(in: .whitespaces) } }
        return ReleaseChangesView(
            previousVersion: previous.version, previousDate: DateValue.parse(previous.date).map(words.date) ?? previous.date,
            previousBuilt: words.dateTime(previous.builtAt * 1000),
            currentVersion: current.version, currentDate: DateValue.parse(current.date).map(words.date) ?? current.date,
            modelBefore: modelText(previous), modelAfter: modelText(current),
            notes: notes, metrics: metrics, objectives: objectives,
            healthBefore: health(previous.health), healthAfter: health(current.health))
    }

    /// `+0.013`, `−0.002`, `±0`: the change of a metric, to the precision the values are given in.
    func signedDifference(_ d: Double) -> String {
        let rounded = (d * 1e6).rounded() / 1e6
        if rounded == 0 { return "±0" }
        return (rounded > 0 ? "+" : "−") + formatNumber(abs(rounded))
    }
}
