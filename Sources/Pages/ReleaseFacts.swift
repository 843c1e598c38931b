import Basics
import Foundation
import Health
import Model

/// What a published release was, kept as `release.json` in its archive (`releases/<version>/`):
/// the figures a later build compares against ("what changed since the previous release"), and
/// the build time the archive was rendered at, so that rendering it again gives the same bytes.
public struct ReleaseFacts: Codable, Sendable, Equatable {
    public struct Metric: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var text: String
        public var objective: String?
        public var met: Bool?
    }

    public struct ObjectiveState: Codable, Sendable, Equatable {
        public var component: String
        public var name: String
        /// `operational`, `degraded`, `outage`, `unknown`.
        public var status: String
        public var observed: String?
    }

    public struct ComponentState: Codable, Sendable, Equatable {
        public var name: String
        public var status: String
    }

    public var format = 1
    public var version: String
    /// The release's date in deployment.yaml.
    public var date: String
    public var notes: String?
    /// Seconds since 1970: the build time the archive was rendered with.
    public var builtAt: Int64
    public var model: String?
    public var modelVersion: String?
    public var health: String
    public var metrics: [Metric]
    public var objectives: [ObjectiveState]
    public var components: [ComponentState]

    /// Sorted keys, two-space indent, a final newline: byte-identical for the same facts.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func read(_ data: Data) -> ReleaseFacts? { try? JSONDecoder().decode(ReleaseFacts.self, from: data) }
}

/// How a render relates to the release archives beside the project (`releases/`).
public struct ReleaseContext: Sendable {
    /// This render is the archive of this version (`releases/<version>/`), not the live site.
    public var archivedVersion: String?
    /// Releases are archived (or being archived): pages load `releases/versions.js` and show the switcher.
    public var hasArchives = false
    /// The archived release before the latest one, for "what changed since the previous release".
    public var previous: ReleaseFacts?

    public init(archivedVersion: String? = nil, hasArchives: Bool = false, previous: ReleaseFacts? = nil) {
        self.archivedVersion = archivedVersion
        self.hasArchives = hasArchives
        self.previous = previous
    }
}

extension SiteRenderer {
    /// The facts of the latest release as this build sees them; nil without a release.
    public func releaseFacts() -> ReleaseFacts? {
        guard let deployment = model.deployment, let release = deployment.latestRelease else { return nil }
        let health = monitoring?.health
        return ReleaseFacts(
            version: release.version, date: release.date.description, notes: release.notes,
            builtAt: model.buildTime?.epochSeconds ?? 0,
            model: deployment.model.name, modelVersion: deployment.model.version,
            health: (health?.status ?? .unknown).name,
            metrics: deployment.model.metrics.map { m in
                .init(
                    name: m.name, value: m.value, text: formatNumber(m.value), objective: m.objective.map(comparisonText),
                    met: m.objective.map { $0.isMet(by: m.value) })
            },
            objectives: (health?.objectives ?? []).map { o in
                .init(
                    component: o.objective.component, name: o.objective.name, status: o.status.name,
                    observed: o.observed.map { objectiveValueText($0, o.objective) })
            },
            components: (health?.components ?? []).map { .init(name: $0.name, status: $0.status.name) })
    }
}
