import Basics
import Diagnostics
import Loading
import Model
import Testing
import Validation

/// Builds loaded content from inline files, as the loader would.
func loaded(_ yaml: [String: String], markdown: [String: String] = [:], others: [String] = []) -> LoadedContent {
    var content = LoadedContent()
    for (name, text) in yaml {
        let root = try! YAMLParser.parse(text, path: "Content/" + name).get()
        content.yamlFiles[name] = YAMLDocument(contentPath: name, displayPath: "Content/" + name, root: root)
        content.allPaths.insert(name)
    }
    for (path, text) in markdown.sorted(by: { $0.key < $1.key }) {
        let split = FrontMatterSplit.split(text)
        let front = split.yaml.flatMap { try! YAMLParser.parse($0, path: "Content/" + path, lineOffset: split.yamlLineOffset).get() }
        content.markdown.append(
            MarkdownSource(
                contentPath: path, displayPath: "Content/" + path, frontMatter: front,
                body: split.body, bodyLineOffset: split.bodyLineOffset))
        content.allPaths.insert(path)
    }
    content.allPaths.formUnion(others)
    return content
}

func validate(_ content: LoadedContent) -> (SiteModel?, [Diagnostic]) {
    Validator.validate(content, sourceDateEpoch: 0)
}

func hasDiagnostic(
    _ diagnostics: [Diagnostic], _ location: String, _ fragment: String,
    severity: Diagnostic.Severity = .error
) -> Bool {
    diagnostics.contains { $0.location.description == location && $0.message.contains(fragment) && $0.severity == severity }
}

@Suite struct SiteValidationTests {
    @Test func minimalSite() throws {
        let (model, diagnostics) = validate(loaded(["site.yaml": "title: Churn\n"]))
        #expect(diagnostics.isEmpty)
        let site = try #require(model)
        #expect(site.config.title == "Churn")
        #expect(site.stages.count == 5)
        #expect(site.stages.allSatisfy { $0.status == .notStarted })
    }

    @Test func missingSiteYAML() {
        let (model, diagnostics) = validate(loaded([:]))
        #expect(model == nil)
        #expect(diagnostics.first?.message.contains("missing Content/site.yaml") == true)
    }

    @Test func unknownFieldIsAWarningWithTheNearestName() {
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\ncustomr: Contoso\n"]))
        #expect(hasDiagnostic(diagnostics, "Content/site.yaml:2:1", "unknown field `customr`", severity: .warning))
        #expect(diagnostics.first?.hint == "did you mean `customer`?")
    }

    @Test func typeMismatchSaysExpectedAndFound() {
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\nraw_html: sometimes\n"]))
        #expect(hasDiagnostic(diagnostics, "Content/site.yaml:2:11", "expected true, false or unsafe, found `sometimes`"))
    }

    @Test func baseURLMustBeAbsolute() {
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\nbase_url: /docs/\n"]))
        #expect(hasDiagnostic(diagnostics, "Content/site.yaml:2:11", "expected an absolute http(s) URL"))
    }
}

@Suite struct DeploymentValidationTests {
    let site = "title: A\n"

    @Test func everyErrorOfTheFileAtOnce() {
        let deployment = """
            model:
              name: churn
              version: [1, 2]
              trained_at: yesterday
              metrics:
                - { name: AUC, value: high, objective: ">= 0.8" }
            environments:
              - name: prod
                endpoints:
                  - { name: score, mode: realtme }
            releases:
              - { version: 1.0.0, date: 2026-13-01 }
            """
        let (_, diagnostics) = validate(loaded(["site.yaml": site, "deployment.yaml": deployment]))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:3:12", "expected text, found a list"))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:4:15", "expected a date"))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:6:27", "expected a number, found `high`"))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:10:30", "expected one of realtime, batch, found `realtme`"))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:12:29", "expected a date"))
        #expect(diagnostics.first { $0.message.contains("realtme") }?.hint == "did you mean `realtime`?")
    }

    @Test func missingReferencedFile() {
        let deployment = "model: { name: m, version: '1', mlmodel: models/MLmodel }\n"
        let (_, diagnostics) = validate(loaded(["site.yaml": site, "deployment.yaml": deployment], others: ["models/MLmodel.yaml"]))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:1:42", "expected an existing file under Content/, found `models/MLmodel`"))
    }

    @Test func pathThatEscapesContent() {
        let deployment = "model: { name: m, version: '1', model_card: ../../etc/passwd }\n"
        let (_, diagnostics) = validate(loaded(["site.yaml": site, "deployment.yaml": deployment]))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:1:45", "leaves Content/"))
    }

    @Test func objectiveNeedsAKnownComponentAndAThreshold() {
        let deployment = """
            model: { name: m, version: '1' }
            environments:
              - { name: prod, endpoints: [ { name: score, mode: realtime } ] }
            objectives:
              - { component: scor, name: latency, series: 'x', window: 1h }
            """
        let (_, diagnostics) = validate(loaded(["site.yaml": site, "deployment.yaml": deployment]))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:5:18", "expected a component"))
        #expect(diagnostics.contains { $0.hint == "did you mean `score`?" })
        #expect(diagnostics.contains { $0.message.contains("expected a threshold") })
    }

    @Test func consumersUseKnownEndpoints() {
        let deployment = """
            model: { name: m, version: '1' }
            environments:
              - { name: prod, endpoints: [ { name: score, mode: realtime } ] }
            consumers:
              - { name: Portal, kind: website, uses: scoring }
            """
        let (_, diagnostics) = validate(loaded(["site.yaml": site, "deployment.yaml": deployment]))
        #expect(hasDiagnostic(diagnostics, "Content/deployment.yaml:5:42", "expected an endpoint or batch job"))
    }
}

@Suite struct PageValidationTests {
    @Test func stageFrontMatter() throws {
        let stage = """
            ---
            status: in-progres
            owners: Ana
            started: 2026-05-01
            finished: 2026-04-01
            artifacts:
              - { name: Report, link: notes/missing.md }
            ---
            Text
            """
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\n"], markdown: ["lifecycle/modeling.md": stage]))
        #expect(hasDiagnostic(diagnostics, "Content/lifecycle/modeling.md:2:9", "expected one of not-started, in-progress, done, blocked"))
        #expect(hasDiagnostic(diagnostics, "Content/lifecycle/modeling.md:5:11", "expected a date after `started`"))
        #expect(hasDiagnostic(diagnostics, "Content/lifecycle/modeling.md:7:27", "no such file"))
    }

    @Test func unknownStageFile() {
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\n"], markdown: ["lifecycle/modelling.md": "x"]))
        #expect(diagnostics.contains { $0.message.contains("expected a TDSP stage file") && $0.hint == "did you mean `modeling.md`?" })
    }

    @Test func incidentNeedsItsFields() {
        let incident = "---\ntitle: Outage\nimpact: huge\n---\n"
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\n"], markdown: ["incidents/a.md": incident]))
        #expect(hasDiagnostic(diagnostics, "Content/incidents/a.md:3:9", "expected one of none, minor, major, critical"))
        #expect(diagnostics.contains { $0.message.contains("missing required field `started`") })
    }

    @Test func incidentUpdatesAreCheckedAndSortedByTime() throws {
        let incident = """
            ---
            title: Outage
            started: 2026-11-25T01:40:00Z
            resolved: 2026-11-25T07:10:00Z
            impact: minor
            updates:
              - { at: 2026-11-25T06:15:00Z, status: monitoring, text: Running again. }
              - { at: 2026-11-25T02:05:00Z, status: investigating, text: Looking into it. }
              - { at: 2026-11-25T01:00:00Z, text: Too early. }
              - { at: 2026-11-25T08:00:00Z, text: Too late. }
              - { at: 2026-11-25T03:00:00Z, status: fixed }
              - { at: 2026-11-25T04:00:00Z, text: No status is fine. }
            ---

            """
        let (model, diagnostics) = validate(loaded(["site.yaml": "title: A\n"], markdown: ["incidents/a.md": incident]))
        #expect(hasDiagnostic(diagnostics, "Content/incidents/a.md:9:11", "expected a time at or after `started`"))
        #expect(hasDiagnostic(diagnostics, "Content/incidents/a.md:10:11", "expected a time at or before `resolved`"))
        #expect(hasDiagnostic(diagnostics, "Content/incidents/a.md:11:41", "expected one of investigating, identified, monitoring, resolved"))
        #expect(diagnostics.contains { $0.location.line == 11 && $0.message.contains("missing required field `text`") })
        let updates = try #require(model?.incidents.first).updates
        #expect(updates.map(\.text) == ["Too early.", "Looking into it.", "No status is fine.", "Running again.", "Too late."])
        #expect(updates.map(\.status) == [nil, .investigating, nil, .monitoring, nil])
    }

    @Test func notesTakeTheirTitleFromTheFirstHeading() throws {
        let (model, _) = validate(
            loaded(["site.yaml": "title: A\n"], markdown: ["notes/setup-guide.md": "# Setting up\n\nText", "notes/other-page.md": "Text"]))
        let titles = try #require(model).notes.map(\.title)
        #expect(titles == ["Other page", "Setting up"])
    }

    @Test func buildTimeIsTheNewestInputDateWithoutSourceDateEpoch() throws {
        let content = loaded([
            "site.yaml": "title: A\n", "deployment.yaml": "model: { name: m, version: '1' }\nreleases:\n  - { version: '1', date: 2026-11-02 }\n",
        ])
        let (model, _) = Validator.validate(content, sourceDateEpoch: nil)
        #expect(try #require(model).buildTime?.dayString == "2026-11-02")
    }
}

@Suite struct DateValueTests {
    @Test func parsesDatesAndTimes() {
        #expect(DateValue.parse("2026-05-18")?.iso8601 == "2026-05-18")
        #expect(DateValue.parse("2026-05-18T14:05:00Z")?.iso8601 == "2026-05-18T14:05:00Z")
        #expect(DateValue.parse("2026-05-18T14:05:00.123456789+02:00")?.iso8601 == "2026-05-18T12:05:00Z")
        #expect(DateValue.parse("2026-05-18 14:05")?.description == "2026-05-18 14:05 UTC")
        #expect(DateValue.parse("2026-02-30") == nil)
        #expect(DateValue.parse("18.05.2026") == nil)
        #expect(DateValue.parse("1970-01-01T00:00:00Z")?.epochSeconds == 0)
    }

    @Test func durations() {
        #expect(parseDuration("7d") == 604800)
        #expect(parseDuration("1h30m") == 5400)
        #expect(parseDuration("5") == nil)
        #expect(parseDuration("xd") == nil)
        #expect(formatDuration(86400) == "24h")
        #expect(formatDuration(604800) == "7d")
    }
}

@Suite struct MaintenanceValidationTests {
    let deployment = "model: { name: m, version: '1' }\nenvironments: [ { name: p, endpoints: [ { name: api, mode: realtime } ] } ]\n"

    @Test func windowsAreReadWithEndOrDuration() throws {
        let dashboard = """
            maintenance:
              - { start: 2026-11-22T04:00:00Z, duration: 90m }
              - { start: 2026-11-21T02:00:00Z, end: 2026-11-21T03:00:00Z, components: [api], reason: Upgrade }
            """
        let (model, diagnostics) = validate(loaded(["site.yaml": "title: A\n", "deployment.yaml": deployment, "dashboard.yaml": dashboard]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let windows = try #require(model?.dashboard?.maintenance)
        #expect(windows.map(\.start) == [1_795_226_400, 1_795_320_000])  // sorted by start
        #expect(windows.map { $0.end - $0.start } == [3600, 5400])
        #expect(windows[0].components == ["api"] && windows[0].reason == "Upgrade")
        #expect(windows[1].components.isEmpty && windows[1].applies(to: "anything"))
    }

    @Test func badWindowsAreLocated() {
        let dashboard = """
            maintenance:
              - { start: 2026-11-22T04:00:00Z }
              - { start: 2026-11-22T04:00:00Z, end: 2026-11-22T05:00:00Z, duration: 1h }
              - { start: 2026-11-22T04:00:00Z, end: 2026-11-22T03:00:00Z }
              - { start: 2026-11-22T04:00:00Z, duration: 1h, components: [api, apj] }
              - { start: soon, duration: 1h }
            """
        let (_, diagnostics) = validate(loaded(["site.yaml": "title: A\n", "deployment.yaml": deployment, "dashboard.yaml": dashboard]))
        #expect(hasDiagnostic(diagnostics, "Content/dashboard.yaml:2:5", "expected either `end` or `duration`, found neither"))
        #expect(hasDiagnostic(diagnostics, "Content/dashboard.yaml:3:5", "found both"))
        #expect(hasDiagnostic(diagnostics, "Content/dashboard.yaml:4:41", "expected an end after the start"))
        #expect(
            diagnostics.contains { $0.location.description == "Content/dashboard.yaml:5:68" && $0.message.contains("apj") },
            "\(diagnostics.map { "\($0.location.description): \($0.message)" })")
        #expect(hasDiagnostic(diagnostics, "Content/dashboard.yaml:6:14", "expected a date"))
    }
}
