import Basics
import Model
import SiteGraph

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
            let summary = [release.notes, release.by.map { "Released by \($0)." }].compactMap { $0 }.joined(separator: " ")
            entries.append(
                Entry(
                    id: idBase + "release/" + release.version, title: "Release \(name)", updated: release.date,
                    link: base + "report/index.html#releases", summary: summary))
        }
        for incident in model.incidents {
            let output = graph.target(forSource: incident.contentPath)?.outputPath ?? SitePath.incidents
            var summary = "Impact: \(incident.impact.rawValue). Started \(incident.started)."
            summary += incident.resolved.map { " Resolved \($0)." } ?? " Still open."
            entries.append(
                Entry(
                    id: idBase + output.dropLast("index.html".count), title: incident.title,
                    updated: incident.resolved ?? incident.started, link: base + output, summary: summary))
        }
        entries.sort { ($0.updated, $0.id) > ($1.updated, $1.id) }
        let updated = entries.first?.updated ?? model.buildTime ?? DateValue(epochSeconds: 0, hasTime: true)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>\(xmlEscape(model.config.title)): releases and incidents</title>
              <id>\(xmlEscape(idBase + "feed.xml"))</id>
              <updated>\(atomTime(updated))</updated>
              <link rel="alternate" href="\(xmlEscape(base + "index.html"))"/>
              <generator>Handover \(xmlEscape(version))</generator>

            """
        if let base = model.config.baseURL { xml += "  <link rel=\"self\" href=\"\(xmlEscape(base + "feed.xml"))\"/>\n" }
        for entry in entries {
            xml += """
                  <entry>
                    <id>\(xmlEscape(entry.id))</id>
                    <title>\(xmlEscape(entry.title))</title>
                    <updated>\(atomTime(entry.updated))</updated>
                    <link rel="alternate" href="\(xmlEscape(entry.link))"/>
                    <author><name>\(xmlEscape(model.config.customer.map { "\(model.config.title) for \($0)" } ?? model.config.title))</name></author>
                    <summary>\(xmlEscape(entry.summary))</summary>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// Atom wants a full date-time.
    func atomTime(_ date: DateValue) -> String {
        DateValue(epochSeconds: date.epochSeconds, hasTime: true).iso8601
    }

}
