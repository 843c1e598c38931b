import Basics
import Model
import Templates

// The pieces that several pages share. Each view model lists its keys once, in `fields`:
// that table answers the templates' lookups and is what the template check reads.

/// What every page's layout (`layouts/base`) and its partials read.
struct PageFrame: ViewModel {
    var root: String
    var site: SiteView
    var page: PageInfo
    var generatorVersion: String
    var nav: [NavItem]
    var build: BuildTime?
    var breadcrumbs: [Crumb]
    var sidebarHTML: String?
    /// The page's own Markdown body, rendered.
    var content: String?
    var toc: [TOCEntry] = []
    /// Words for the author on empty pages (the preview only).
    var authorHints = false
    /// The version switcher and, in an archive, which release it is.
    var release: ReleaseFrame?
    /// What a printed page says it is: its title block and the footer of every sheet.
    var print: PrintInfo?
    /// The search index is in shards (`search/`) loaded on demand.
    var searchSharded = false
    /// The site's words (`{{t.nav.home}}`).
    var t: MessageScope

    /// A page's own table of contents replaces its body's when it has two entries or more.
    mutating func setTOC(_ entries: [TOCEntry]) {
        if entries.count >= 2 { toc = entries }
    }

    static let fields = ViewFields<Self>(
        "the page",
        [
            .value("root") { $0.root },
            .model("site") { $0.site },
            .model("page") { $0.page },
            .model("handover") { GeneratorView(version: $0.generatorVersion) },
            .models("nav") { $0.nav },
            .model("build") { $0.build },
            .models("breadcrumbs") { $0.breadcrumbs.isEmpty ? nil : $0.breadcrumbs },
            .value("hasBreadcrumbs") { $0.breadcrumbs.isEmpty ? nil : true },
            .value("sidebarHTML") { $0.sidebarHTML },
            .value("content") { $0.content },
            .models("toc") { $0.toc.count >= 2 ? $0.toc : nil },
            .value("hasToc") { $0.toc.count >= 2 ? true : nil },
            .value("authorHints") { $0.authorHints ? true : nil },
            .model("release") { $0.release },
            .model("print") { $0.print },
            .value("searchSharded") { $0.searchSharded ? true : nil },
            // The sheet footer of a printout (site, document, release) as CSS strings.
            .value("printSiteCSS") { $0.print == nil ? nil : cssString($0.site.title) },
            .value("printPageCSS") { $0.print == nil ? nil : cssString($0.page.title) },
            .value("printReleaseCSS") { f in f.print?.releaseVersion.map { cssString(f.t.messages("print.release", ["version": $0])) } },
            // "Page 3 of 12" with the sheet's counters in place of the placeholders.
            .value("printCounterCSS") { f in f.print == nil ? nil : counterCSS(f.t.messages["print.pageOf"]) },
            .value("t") { $0.t },
        ])
}

/// The facts a printed document carries in its title block.
struct PrintInfo: ViewModel {
    var model: String?
    var modelVersion: String?
    var releaseVersion: String?
    var releaseDate: String?
    var date: String?

    static let fields = ViewFields<Self>(
        "print",
        [
            .value("model") { $0.model }, .value("modelVersion") { $0.modelVersion },
            .value("releaseVersion") { $0.releaseVersion }, .value("releaseDate") { $0.releaseDate },
            .value("date") { $0.date },
        ])
}

/// A message with `{page}` and `{pages}` as a CSS `content` value: strings and counters.
func counterCSS(_ message: String) -> String {
    var parts: [String] = []
    var rest = Substring(message)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        if open > rest.startIndex { parts.append(cssString(String(rest[..<open]))) }
        switch rest[rest.index(after: open)..<close] {
        case "page": parts.append("counter(page)")
        case "pages": parts.append("counter(pages)")
        default: parts.append(cssString(String(rest[open...close])))
        }
        rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { parts.append(cssString(String(rest))) }
    return parts.isEmpty ? "none" : parts.joined(separator: " ")
}

/// Text as a double-quoted CSS string that cannot end its `<style>` element.
func cssString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\", "\"", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
        case _ where scalar.value < 0x20 || scalar.value == 0x7f: out += "\\" + String(scalar.value, radix: 16) + " "
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// The version switcher: `releases/versions.js` lists the archived releases (written by every
/// build, so an archived page learns of later releases), the script builds the menu.
struct ReleaseFrame: ViewModel {
    /// The script's URL from this page.
    var script: String
    /// The page's path from its site's root, to open the same page in another release.
    var path: String
    /// The release this archived page belongs to; nil on the live site.
    var archived: String?
    var archivedDate: String?

    static let fields = ViewFields<Self>(
        "release",
        [
            .value("script") { $0.script }, .value("path") { $0.path },
            .value("archived") { $0.archived }, .value("archivedDate") { $0.archivedDate },
        ])
}

struct SiteView: ViewModel {
    var title: String
    var language: String
    var customer: String?
    var description: String?
    var contact: String?
    var team: [TeamMemberView]

    static let fields = ViewFields<Self>(
        "site",
        [
            .value("title") { $0.title },
            .value("language") { $0.language },
            .value("customer") { $0.customer },
            .value("description") { $0.description },
            .value("contact") { $0.contact },
            .models("team") { $0.team },
        ])
}

struct TeamMemberView: ViewModel {
    var name: String
    var role: String?
    var email: String?

    static let fields = ViewFields<Self>(
        "a team member",
        [
            .value("name") { $0.name },
            .value("role") { $0.role },
            .value("email") { $0.email },
        ])
}

/// The page's title and kind, and what its header and `<meta name="description">` say.
struct PageInfo: ViewModel {
    var title: String
    var kind: String
    var description: String?
    var lede: String?

    static let fields = ViewFields<Self>(
        "page",
        [
            .value("title") { $0.title },
            .value("kind") { $0.kind },
            .value("description") { $0.description },
            .value("lede") { $0.lede },
        ])
}

struct GeneratorView: ViewModel {
    var version: String
    static let fields = ViewFields<Self>("handover", [.value("version") { $0.version }])
}

struct BuildTime: ViewModel {
    var time: String
    var iso: String
    static let fields = ViewFields<Self>("build", [.value("time") { $0.time }, .value("iso") { $0.iso }])
}

struct NavItem: ViewModel {
    var title: String
    var url: String
    var path: String
    var current: Bool

    static let fields = ViewFields<Self>(
        "a navigation item",
        [
            .value("title") { $0.title },
            .value("url") { $0.url },
            .value("path") { $0.path },
            .value("current") { $0.current },
        ])
}

/// A breadcrumb; the last one, the page itself, has no link.
struct Crumb: ViewModel {
    var title: String
    var url: String?

    static let fields = ViewFields<Self>("a breadcrumb", [.value("title") { $0.title }, .value("url") { $0.url }])
}

struct TOCEntry: ViewModel {
    var text: String
    var id: String
    var level: Int

    static let fields = ViewFields<Self>(
        "a table-of-contents entry",
        [
            .value("text") { $0.text },
            .value("id") { $0.id },
            .value("level") { $0.level },
        ])
}

/// A status as the theme shows it (`partials/status`): a colour class, an icon and a word.
struct BadgeView: ViewModel {
    var key: String
    var icon: String
    var label: String

    init(_ badge: StatusBadge, _ words: Messages) {
        key = badge.tone.rawValue
        icon = badge.icon
        label = words[badge.label]
    }

    static let fields = ViewFields<Self>(
        "a status",
        [
            .value("key") { $0.key },
            .value("icon") { $0.icon },
            .value("label") { $0.label },
        ])
}

/// What a page shows in place of content that its inputs do not have yet (`partials/missing`).
struct MissingView: ViewModel {
    /// Which page is empty: `partials/missing` says what the reader misses, and, in the preview,
    /// which file the author writes.
    enum Kind: String, CaseIterable {
        case api, report, architecture, dashboard, incidents, stage, section
    }
    var kind: Kind
    /// The file or folder under `Content/` the author writes (stages, sections).
    var source: String?
    /// A start for that file, shown to the author only.
    var example: String?

    static let fields = ViewFields<Self>(
        "a missing-content callout",
        [
            .value("kind") { $0.kind.rawValue },
            .value("source") { $0.source },
            .value("example") { $0.example },
        ] + Kind.allCases.map { kind in .value("is" + kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()) { $0.kind == kind ? true : nil } })
}

struct LinkView: ViewModel {
    var title: String
    var url: String
    static let fields = ViewFields<Self>("a link", [.value("title") { $0.title }, .value("url") { $0.url }])
}

/// Previous and next pages (`partials/pager`).
struct PagerView: ViewModel {
    var label: String
    var previous: LinkView?
    var next: LinkView?

    static let fields = ViewFields<Self>(
        "a pager",
        [
            .value("label") { $0.label },
            .model("previous") { $0.previous },
            .model("next") { $0.next },
        ])
}

/// A label and its value, as the fact lists show them.
struct FactView: ViewModel {
    var label: String
    var value: String
    static let fields = ViewFields<Self>("a fact", [.value("label") { $0.label }, .value("value") { $0.value }])
}

/// An incident as lists show it.
struct IncidentSummaryView: ViewModel {
    var title: String
    var impact: BadgeView
    var state: BadgeView
    var started: String
    var startedISO: String
    var duration: String
    var components: String?
    var url: String?
    var resolved: String?
    var resolvedISO: String?
    /// Oldest first.
    var updates: [IncidentUpdateView] = []

    static let fields = ViewFields<Self>(
        "an incident",
        [
            .models("updates") { $0.updates.isEmpty ? nil : $0.updates },
            .value("hasUpdates") { $0.updates.isEmpty ? nil : true },
            .model("latestUpdate") { $0.updates.last },
            .value("title") { $0.title },
            .model("impact") { $0.impact },
            .model("state") { $0.state },
            .value("started") { $0.started },
            .value("startedISO") { $0.startedISO },
            .value("duration") { $0.duration },
            .value("components") { $0.components },
            .value("url") { $0.url },
            .value("resolved") { $0.resolved },
            .value("resolvedISO") { $0.resolvedISO },
        ])
}

/// One of an incident's `updates:`.
struct IncidentUpdateView: ViewModel {
    var time: String
    var timeISO: String
    /// nil when the update names none. Its word is in `partials/update-status`, not here.
    var status: Incident.Update.Status?
    var text: String

    static let fields = ViewFields<Self>(
        "an incident update",
        [
            .value("time") { $0.time }, .value("timeISO") { $0.timeISO },
            // `investigating`, …: a class name.
            .value("status") { $0.status?.rawValue }, .value("text") { $0.text },
            .value("isInvestigating") { $0.status == .investigating ? true : nil },
            .value("isIdentified") { $0.status == .identified ? true : nil },
            .value("isMonitoring") { $0.status == .monitoring ? true : nil },
            .value("isResolved") { $0.status == .resolved ? true : nil },
        ])
}

/// The sidebar (`partials/sidebar`), rendered once per distinct state and inlined.
struct SidebarView: ViewModel {
    var label: String
    var title: String
    var url: String
    var current: Bool
    var items: [SidebarItem]

    static let fields = ViewFields<Self>(
        "the sidebar",
        [
            .value("label") { $0.label },
            .value("title") { $0.title },
            .value("url") { $0.url },
            .value("current") { $0.current },
            .models("items") { $0.items },
        ])
}

struct SidebarItem: ViewModel {
    struct Dot: ViewModel {
        var key: String
        var icon: String
        static let fields = ViewFields<Self>("a status dot", [.value("key") { $0.key }, .value("icon") { $0.icon }])
    }

    var title: String
    var url: String
    var current: Bool
    var status: Dot?
    var children: [SidebarChild]

    static let fields = ViewFields<Self>(
        "a sidebar item",
        [
            .value("title") { $0.title },
            .value("url") { $0.url },
            .value("current") { $0.current },
            .model("status") { $0.status },
            .value("hasChildren") { !$0.children.isEmpty },
            .models("children") { $0.children.isEmpty ? nil : $0.children },
        ])
}

struct SidebarChild: ViewModel {
    var title: String
    var url: String
    var current: Bool

    static let fields = ViewFields<Self>(
        "a sidebar entry",
        [
            .value("title") { $0.title },
            .value("url") { $0.url },
            .value("current") { $0.current },
        ])
}

/// A page that shows only the layout (`pages/404`).
struct PlainPage: ViewModel {
    var frame: PageFrame
    static let fields = ViewFields<Self>("the page", embedding: PageFrame.self, { $0.frame }, [])
}
