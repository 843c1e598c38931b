import Basics
import Foundation
import Parallel

/// A page's terms for the sharded index: where on the page each was found decides its weight.
public struct PageTerms: Sendable, Equatable {
    var title: Set<String> = []
    var headings: Set<String> = []
    var body: Set<String> = []
}

/// The search index of a large site, split so that a query loads only what it needs, as scripts
/// (browsers refuse `fetch()` of `file://`):
///
/// - `search/index.js`: `handoverSearchMeta({"v":1,"pages":N,"per":F,"shards":[keys]})`.
/// - `search/t/<key>.js`: `handoverSearchShard(key, {term: [title pages, heading pages, body pages]})`,
///   every term of the site that begins with the key's characters; each page list as
///   comma-separated base-36 differences of ascending page numbers, `~n` for a run of n.
/// - `search/f/<n>.js`: `handoverSearchFragment(n, [page entries])`, F pages' titles, addresses and
///   section texts (the entries of the one-file index), for the results' titles and snippets.
///
/// A query reads the index, one shard per word, and the fragments of its twelve best pages.
enum SearchShards {
    static let folder = "search"
    /// Two pages a fragment: a query's twelve results then load at most 12 small files (measured on
    /// `make bench`'s 10,000 notes, four a fragment made a query load 250–560 KB).
    static let pagesPerFragment = 2

    static func files(entries: [String?], terms: [PageTerms?]) -> [RenderedFile] {
        // Page numbers count only the pages in the index.
        var numbered: [(entry: String, terms: PageTerms)] = []
        for (entry, t) in zip(entries, terms) {
            if let entry { numbered.append((entry, t ?? PageTerms())) }
        }
        var postings: [String: [[Int]]] = [:]
        for (n, page) in numbered.enumerated() {
            for term in page.terms.title { postings[term, default: [[], [], []]][0].append(n) }
            for term in page.terms.headings where !page.terms.title.contains(term) { postings[term, default: [[], [], []]][1].append(n) }
            for term in page.terms.body where !page.terms.title.contains(term) && !page.terms.headings.contains(term) {
                postings[term, default: [[], [], []]][2].append(n)
            }
        }
        var shards: [String: [(String, [[Int]])]] = [:]
        for (term, lists) in postings { shards[SearchTerms.shardKey(term), default: []].append((term, lists)) }

        // Shards and fragments are written out on every core.
        let keys = shards.keys.sorted()
        let groups = keys.map { shards[$0]! }
        var files: [RenderedFile] = Array(zip(keys, groups)).concurrentMap { key, group in
            let terms = group.sorted { $0.0 < $1.0 }
            var text = "handoverSearchShard(\"\(key)\",{"
            for (i, (term, lists)) in terms.enumerated() {
                if i > 0 { text += "," }
                let lists = lists.map { "\"" + differences($0) + "\"" }.joined(separator: ",")
                text += jsonString(term)
                text += ":[" + lists + "]"
            }
            text += "});\n"
            return RenderedFile(path: "\(folder)/t/\(key).js", contents: text)
        }
        let pageEntries = numbered.map(\.entry)
        let starts = Array(stride(from: 0, to: pageEntries.count, by: pagesPerFragment))
        files += starts.concurrentMap { start in
            let end = min(start + pagesPerFragment, pageEntries.count)
            let fragment = start / pagesPerFragment
            let text = "handoverSearchFragment(\(fragment),[\n" + pageEntries[start..<end].joined(separator: ",\n") + "\n]);\n"
            return RenderedFile(path: "\(folder)/f/\(fragment).js", contents: text)
        }
        let index =
            "handoverSearchMeta({\"v\":1,\"pages\":\(numbered.count),\"per\":\(pagesPerFragment),\"shards\":["
            + keys.map { "\"\($0)\"" }.joined(separator: ",") + "]});\n"
        files.append(RenderedFile(path: "\(folder)/index.js", contents: index))
        return files
    }

    /// `3,~4,a`: the first page number, then each one's distance from the one before, in base 36;
    /// `~n` for n pages in a row (a word on most pages costs bytes for its gaps only).
    static func differences(_ pages: [Int]) -> String {
        var last = 0
        var parts: [String] = []
        var run = 0
        func flush() {
            if run == 1 { parts.append("1") } else if run > 1 { parts.append("~" + String(run, radix: 36)) }
            run = 0
        }
        for p in pages {
            if p - last == 1, !parts.isEmpty || run > 0 {
                run += 1
            } else {
                flush()
                parts.append(String(p - last, radix: 36))
            }
            last = p
        }
        flush()
        return parts.joined(separator: ",")
    }
}
