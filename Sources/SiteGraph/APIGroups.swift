import Basics
import Model

/// A large API description is split into pages, one per group of operations (its first `tag`,
/// else its first path segment), so that no page of a vendor-sized spec grows to tens of MB. A
/// small one stays on the API guide's own page.
public enum APIGroups {
    /// Past this many operations an endpoint's API gets pages of its own.
    public static let operationsOnOnePage = 60

    public struct Group: Sendable, Equatable {
        /// The tag, with `(2/3)` when the tag's operations fill several pages.
        public var name: String
        public var slug: String
        /// Indexes into the spec's operations, in the spec's order.
        public var operations: [Int]
    }

    /// The groups of a spec, in order of first appearance; empty when it fits on one page.
    public static func groups(_ spec: APISpec) -> [Group] {
        guard spec.operations.count > operationsOnOnePage else { return [] }
        var groups: [Group] = []
        var index: [String: Int] = [:]
        var slugs = Set<String>()
        for (i, op) in spec.operations.enumerated() {
            let name =
                op.tags.first
                ?? op.path.split(separator: "/").first { !$0.hasPrefix("{") }.map(String.init) ?? "/"
            if let g = index[name] {
                groups[g].operations.append(i)
                continue
            }
            var s = slug(name)
            if s.isEmpty { s = "operations" }
            while slugs.contains(s) { s += "-2" }
            slugs.insert(s)
            index[name] = groups.count
            groups.append(Group(name: name, slug: s, operations: [i]))
        }
        // A tag of more operations than a page holds fills several pages.
        var pages: [Group] = []
        for group in groups {
            let chunks = stride(from: 0, to: group.operations.count, by: operationsOnOnePage).map {
                Array(group.operations[$0..<min($0 + operationsOnOnePage, group.operations.count)])
            }
            for (n, chunk) in chunks.enumerated() {
                pages.append(
                    chunks.count == 1
                        ? group
                        : Group(name: "\(group.name) (\(n + 1)/\(chunks.count))", slug: n == 0 ? group.slug : "\(group.slug)-\(n + 1)", operations: chunk))
            }
        }
        return pages
    }

    /// `api/<endpoint>/<group>/index.html`.
    public static func outputPath(endpoint: String, group: Group) -> String {
        "api/\(slug(endpoint).isEmpty ? "endpoint" : slug(endpoint))/\(group.slug)/index.html"
    }
}
