import Build
import Foundation
import Testing

@testable import Pages

/// The terms of the sharded index, cut as `assets/handover.js` cuts a query.
@Suite struct SearchShardTests {
    func terms(_ text: String) -> Set<String> {
        var set = Set<String>()
        SearchTerms.terms(text, into: &set)
        return set
    }

    @Test func latinIsFoldedForCaseAndAccents() {
        #expect(terms("The Zürich DEPOT, São Paulo; Ålesund") == ["the", "zurich", "depot", "sao", "paulo", "alesund"])
    }

    @Test func hangulWordsStayWholeAndCJKIsCutIntoPairs() {
        #expect(terms("서울은 하루 출고량이") == ["서울은", "하루", "출고량이"])
        #expect(terms("東京駅の倉庫") == ["東京", "京駅", "駅の", "の倉", "倉庫"])
        #expect(terms("駅") == ["駅"])
        // Decomposed Hangul (as some file systems store it) is the same word.
        #expect(terms("서울".decomposedStringWithCanonicalMapping) == ["서울"])
    }

    @Test func shardKeysAreTwoLettersOrOneSyllable() {
        #expect(SearchTerms.shardKey("shipment") == "73-68")
        #expect(SearchTerms.shardKey("서울은") == "c11c")
        #expect(SearchTerms.shardKey("東京") == "6771")
        #expect(SearchTerms.shardKey("x") == "78")
    }

    @Test func pageListsAreDifferencesInBase36() {
        #expect(SearchShards.differences([3, 4, 5, 41]) == "3,~2,10")
        #expect(SearchShards.differences([3, 4, 41, 42]) == "3,1,11,1")
        #expect(SearchShards.differences([0, 1, 2, 3]) == "0,~3")
        #expect(SearchShards.differences([]) == "")
    }

    @Test func aLargeSiteWritesShardsAndFragmentsAndNoOneFileIndex() throws {
        var files: [String: String] = ["Content/site.yaml": "title: Large\n"]
        for i in 0..<(SiteRenderer.shardAbovePages + 20) {
            files["Content/notes/n\(i).md"] = "---\ntitle: Note \(i)\n---\n" + (i == 7 ? "서울은 센터입니다. Zürich." : "shipment lane \(i)") + "\n"
        }
        let result = BuildPipeline.check(options(try makeProject(files)))
        #expect(!result.hasErrors)
        let paths = Set(result.files.map(\.path))
        #expect(!paths.contains("search-index.js"))
        let meta = try #require(result.files.first { $0.path == "search/index.js" }).contents
        #expect(meta.hasPrefix("handoverSearchMeta({\"v\":1,\"pages\":"))
        let seoul = try #require(result.files.first { $0.path == "search/t/c11c.js" }).contents
        #expect(seoul.contains("\"서울은\":[\"\",\"\",\""), "found in the body of one page: \(seoul)")
        let zurich = try #require(result.files.first { $0.path == "search/t/7a-75.js" }).contents
        #expect(zurich.contains("\"zurich\""))
        // Two pages a fragment: as many fragments as half the pages the index counts.
        let count = try #require(meta.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(count > SiteRenderer.shardAbovePages)
        #expect(result.files.filter { $0.path.hasPrefix("search/f/") }.count == (count + 1) / 2)
        // Every page links the shards' loader.
        let page = try #require(result.files.first { $0.path == "notes/n7/index.html" }).contents
        #expect(page.contains("data-index=\"sharded\""))
    }
}
