import Basics
import Model
import SiteGraph
import Templates

/// `feed.xml` (`files/feed.xml`): releases and incidents as Atom.
struct FeedView: ViewModel {
    struct Entry: ViewModel {
        var id: String
        var title: String
        var updated: String
        var link: String
        var summary: String
        static let fields = ViewFields<Self>(
            "a feed entry",
            [
                .value("id") { $0.id }, .value("title") { $0.title }, .value("updated") { $0.updated },
                .value("link") { $0.link }, .value("summary") { $0.summary },
            ])
    }

    var title: String
    var id: String
    var updated: String
    var home: String
    var selfLink: String?
    var author: String
    var version: String
    var entries: [Entry]
    var t: MessageScope

    static let fields = ViewFields<Self>(
        "the feed",
        [
            .value("title") { $0.title }, .value("id") { $0.id }, .value("updated") { $0.updated },
            .value("home") { $0.home }, .value("selfLink") { $0.selfLink }, .value("author") { $0.author },
            .model("handover") { GeneratorView(version: $0.version) }, .models("entries") { $0.entries }, .value("t") { $0.t },
        ])
}

extension SiteRenderer {
    /// An Atom feed of releases and incidents, newest first. Links are absolute when
    /// `base_url` is set (feed readers need that), relative to the site root otherwise.
    func feed() -> String {
        struct Entry {
            var id: String, title: String, updated: DateValue, link: String, summary: String
        }
        let base = model.config.baseURL ?? ""
        let idBase = model.config.baseURL ?? "urn:handover:\(anchorSlug(model.config.title)):"
        var entries: [Entry] = []
        for release in model.deployment?.releases ?? [] {
            let name = model.deployment.map { "\($0.model.name) \(release.version)" } ?? release.version
            let summary = [release.notes, release.by.map { words("feed.releasedBy", ["name": $0]) }].compactMap { $0 }.joined(separator: " ")
            entries.append(
                Entry(
                    id: idBase + "release/" + release.version, title: words("feed.release", ["name": name]), updated: release.date,
                    link: base + SitePath.report + "#releases", summary: summary))
        }
        for incident in model.incidents {
            let output = graph.target(forSource: incident.contentPath)?.outputPath ?? SitePath.incidents
            var summary = words(
                "feed.incident", ["impact": words[StatusBadge.impact(incident.impact).label], "started": words.date(incident.started)])
            summary += " " + (incident.resolved.map { words("feed.resolved", ["date": words.date($0)]) } ?? words["feed.open"])
            for update in incident.updates {
                let status = update.status.map { " (" + words["incident.update.\($0.rawValue)"] + ")" } ?? ""
                summary += "\n\(words.date(update.at))\(status): \(update.text)"
            }
            // A feed reader shows an entry again when it is updated: each update of the team is news.
            let updated = [incident.resolved, incident.latestUpdate?.at].compactMap { $0 }.max() ?? incident.started
            entries.append(
                Entry(
                    id: idBase + output.dropLast("index.html".count), title: incident.title,
                    updated: updated, link: base + urlPath(output), summary: summary))
        }
        entries.sort { ($0.updated, $0.id) > ($1.updated, $1.id) }
        let updated = entries.first?.updated ?? model.buildTime ?? DateValue(epochSeconds: 0, hasTime: true)
        let view = FeedView(
            title: model.config.title, id: idBase + "feed.xml", updated: atomTime(updated), home: base + SitePath.home,
            selfLink: model.config.baseURL.map { $0 + "feed.xml" },
            author: model.config.customer.map { words("feed.author", ["site": model.config.title, "customer": $0]) } ?? model.config.title, version: version,
            entries: entries.map {
                FeedView.Entry(id: $0.id, title: $0.title, updated: atomTime($0.updated), link: $0.link, summary: $0.summary)
            }, t: MessageScope(words))
        return theme.render("files/feed.xml", view)
    }

    /// Atom wants a full date-time.
    func atomTime(_ date: DateValue) -> String {
        DateValue(epochSeconds: date.epochSeconds, hasTime: true).iso8601
    }
}
