import Basics
import Build
import Diagnostics
import Foundation
import Templates
import Testing

/// A Korean team's site, from `handover init --language ko` with a week of monitoring data and an
/// open incident, reads entirely in Korean: no text of the English catalog is on any page.
@Suite struct KoreanSiteTests {
    static let epoch: Int64 = 1_795_651_200  // 2026-11-26 00:00 UTC

    /// The Korean starter, a week of hourly `up{job="score"}` samples with an outage on the last
    /// day, and an incident still open.
    static func koreanProject(withEnglishInputs: Bool = true) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handover-ko-\(UUID().uuidString)")
        try ProjectInitializer.create(at: dir, language: "ko")
        let start = epoch - 7 * 86400
        let points = (0..<168).map { hour in "[\(start + Int64(hour) * 3600),\"\(hour >= 160 && hour < 164 ? 0 : 1)\"]" }
        let snapshot =
            #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"score"},"values":["#
            + points.joined(separator: ",") + "]}]}}"
        try Data(snapshot.utf8).write(to: dir.appendingPathComponent("Content/monitoring/prometheus-up.json", isDirectory: false).creatingFolder())
        let incident = """
            ---
            title: 점수 매기기 지연
            started: 2026-11-25T16:00:00Z
            impact: major
            components: [score]
            updates:
              - { at: 2026-11-25T16:10:00Z, status: identified, text: 노드 하나가 응답하지 않습니다. }
            ---
            점수 매기기 API가 네 시간 동안 응답하지 않았습니다.
            """
        try Data(incident.utf8).write(to: dir.appendingPathComponent("Content/incidents/2026-11-25-score-down.md"))
        guard withEnglishInputs else { return dir }
        // The example's scoring API, MLflow model and model card (their own texts are English;
        // the words around them must not be).
        for (from, to) in [
            ("api/score-openapi.yaml", "api/score-openapi.yaml"), ("models/delay-risk/MLmodel", "models/MLmodel"),
            ("models/delay-risk/model-card.json", "models/card.json"), ("azureml/score-realtime-endpoint.yml", "azureml/endpoint.yml"),
            // Evidently's drift and data quality reports: the dashboard's drift section.
            ("monitoring/data-drift-20261124T220000Z.json", "monitoring/data-drift-20261124T220000Z.json"),
            ("monitoring/data-drift-20261125T220000Z.json", "monitoring/data-drift-20261125T220000Z.json"),
            ("monitoring/data-quality-20261125T220000Z.json", "monitoring/data-quality-20261125T220000Z.json"),
        ] {
            let target = dir.appendingPathComponent("Content/" + to)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content/" + from), to: target)
        }
        let deployment = dir.appendingPathComponent("Content/deployment.yaml")
        var yaml = try String(contentsOf: deployment, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "# openapi: api/swagger.json ", with: "openapi: api/score-openapi.yaml ")
            .replacingOccurrences(of: "# mlmodel: models/MLmodel ", with: "mlmodel: models/MLmodel ")
            .replacingOccurrences(of: "# model_card: models/card.json ", with: "model_card: models/card.json ")
            .replacingOccurrences(of: "# feature_importance:", with: "feature_importance:")
            .replacingOccurrences(of: "# azureml: azureml/deployment.yml ", with: "azureml: azureml/endpoint.yml ")
            .replacingOccurrences(of: "auth: key", with: "auth: aad_token")
        try Data(yaml.utf8).write(to: deployment)
        return dir
    }

    /// Every text of the English catalog worth looking for: each message cut at its placeholders,
    /// at least three characters with a letter, and not a text the Korean message keeps (`API`).
    static func englishTexts() -> [(key: String, text: String)] {
        let en = MessageCatalog.load(language: "en", overrides: [:]).0
        let ko = MessageCatalog.load(language: "ko", overrides: [:]).0
        var out: [(String, String)] = []
        for (key, entry) in en.entries.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("number.") && key != "list.separator" {
            let korean = ko.entries[key].map(Messages.texts(of:))?.joined(separator: " ") ?? ""
            for text in Messages.texts(of: entry) {
                let plain = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
                for piece in plain.split(whereSeparator: { $0 == "{" || $0 == "}" }).enumerated() where piece.offset % 2 == 0 {
                    let fragment = piece.element.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                    guard fragment.count >= 3, fragment.contains(where: \.isLetter), fragment.unicodeScalars.allSatisfy({ $0.value < 0x2000 })
                    else { continue }
                    if korean.contains(fragment) { continue }
                    out.append((key, fragment))
                }
            }
        }
        return out
    }

    /// What a reader sees or hears of a page, piece by piece: its text nodes and the attribute
    /// values browsers and screen readers show (titles, labels, placeholders, the scripts' messages).
    /// Code blocks are left to their own test: their identifiers are the languages' own.
    static func readablePieces(_ html: String) -> [String] {
        // Scripts, styles, code and a feed's ids (URNs) are not read as prose.
        let text = html.replacingOccurrences(
            of: #"<script[\s\S]*?</script>|<style[\s\S]*?</style>|<pre[\s\S]*?</pre>|<id>[^<]*</id>"#, with: "<>",
            options: .regularExpression)
        var pieces: [String] = []
        let attribute = try! NSRegularExpression(pattern: #"\b(title|aria-label|placeholder|alt|data-[a-z-]+)="([^"]*)""#)
        for match in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            pieces.append(String(text[Range(match.range(at: 2), in: text)!]))
        }
        pieces += text.replacingOccurrences(of: #"<[^>]*>"#, with: "\u{0}", options: .regularExpression).split(separator: "\u{0}").map(String.init)
        return pieces.map {
            $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
        }.filter { !$0.isEmpty }
    }

    /// Without inputs in English every English text is a finding; with them (an OpenAPI
    /// description, an MLflow model, a model card), a text of theirs is not.
    @Test(arguments: [false, true])
    func noEnglishCatalogTextIsOnAnyPageOfAKoreanSite(withEnglishInputs: Bool) throws {
        let project = try Self.koreanProject(withEnglishInputs: withEnglishInputs)
        let output = temporaryOutput()
        let result = BuildPipeline.build(options(project, output: output, epoch: Self.epoch))
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormatter(format: .text).format(result.diagnostics))")
        let files = try snapshot(output).filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".xml") || $0.key.hasSuffix(".svg") }
        #expect(files.count > 15)
        if withEnglishInputs {
            // The parts these inputs bring are there, so that their words were checked.
            func page(_ path: String) -> String { files[path].map { String(decoding: $0, as: UTF8.self) } ?? "" }
            #expect(page("dashboard/index.html").contains("데이터와 예측 드리프트"))
            #expect(page("api/index.html").contains("호출 방법") && page("api/index.html").contains("요청 본문"))
            #expect(page("report/index.html").contains("모델 시그니처") && page("report/index.html").contains("고려 사항"))
            #expect(page("report/index.html").contains("인스턴스당 동시 요청") || page("report/index.html").contains("인증"))
        }
        let texts = Self.englishTexts()
        #expect(texts.count > 400)
        // The English of the copied inputs (an API description, a model card) is the team's, not Handover's.
        let inputs = try
            (withEnglishInputs
            ? [
                "api/score-openapi.yaml", "models/MLmodel", "models/card.json", "azureml/endpoint.yml",
                "monitoring/data-drift-20261125T220000Z.json", "monitoring/data-quality-20261125T220000Z.json",
            ] : []).map {
                try String(contentsOf: project.appendingPathComponent("Content/" + $0), encoding: .utf8)
            }
        func isWord(_ text: String, in page: String) -> Bool {
            // As a word, not inside a name (`Open` in `OpenAPI`, `model` in `my-model`, `status.json`).
            let pattern = "(?<![A-Za-z0-9_./-])" + NSRegularExpression.escapedPattern(for: text) + "(?![A-Za-z0-9_/-]|\\.[A-Za-z])"
            return page.range(of: pattern, options: .regularExpression) != nil
        }
        // Names the Korean catalog keeps as they are (`Excel Power Query`, `MLflow`).
        let korean = MessageCatalog.load(language: "ko", overrides: [:]).0
        let kept = korean.entries.values.flatMap(Messages.texts(of:)).filter {
            !$0.contains("{") && $0.count >= 3 && $0.unicodeScalars.allSatisfy { $0.value < 0x80 }
        }
        var found: [String] = []
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where !path.hasPrefix("assets/") {
            for piece in Self.readablePieces(String(decoding: data, as: UTF8.self)) where !inputs.contains(where: { $0.contains(piece) }) {
                let page = kept.reduce(piece) {
                    $0.replacingOccurrences(
                        of: "(?<![A-Za-z])" + NSRegularExpression.escapedPattern(for: $1) + "(?![A-Za-z])", with: " ", options: .regularExpression)
                }
                for (key, text) in texts where page.contains(text) && !inputs.contains(where: { isWord(text, in: $0) }) {
                    // As a word, not inside a name (`Open` in `OpenAPI`, `model` in `my-model`, `status.json`).
                    let pattern = "(?<![A-Za-z0-9_./-])" + NSRegularExpression.escapedPattern(for: text) + "(?![A-Za-z0-9_/-]|\\.[A-Za-z])"
                    if page.range(of: pattern, options: .regularExpression) != nil { found.append("\(path): \(key) “\(text)” in “\(page)”") }
                }
            }
        }
        #expect(found.isEmpty, "English on the Korean site:\n\(found.prefix(40).joined(separator: "\n"))")
    }

    @Test func theKoreanSiteSaysWhatAndWhenInKorean() throws {
        let result = BuildPipeline.check(options(try Self.koreanProject(), epoch: Self.epoch))
        func page(_ path: String) -> String { result.files.first { $0.path == path }?.contents ?? "" }
        #expect(page("index.html").contains("<html lang=\"ko\">"))
        for stage in ["비즈니스 이해", "데이터 취득 및 이해", "모델링", "배포", "고객 승인"] { #expect(page("lifecycle/index.html").contains(stage)) }
        let dashboard = page("dashboard/index.html")
        #expect(dashboard.contains("장애"))
        #expect(dashboard.contains("2026년 11월 25일 23:00 UTC"), "the newest sample, in Korean")
        #expect(dashboard.contains("위반: 평균 97.62%, 목표 &gt; 99.50%"), "why the objective is breached")
        #expect(page("incidents/index.html").contains("지금까지 8시간 0분"))
        #expect(page("index.html").contains("5단계 중 3단계 완료 · 현재: 배포"))
    }
}

extension URL {
    /// The URL, its folder created first.
    fileprivate func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
