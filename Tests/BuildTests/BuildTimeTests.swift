import Build
import Diagnostics
import Foundation
import Testing

/// The build's time: SOURCE_DATE_EPOCH when set, else the clock, against which data age is measured.
@Suite struct BuildTimeTests {
    /// The example's newest sample is 2026-11-25 23:30 UTC.
    let newestSample: Int64 = 1_795_649_400

    func check(epoch: Int64? = nil, clock: Int64? = nil) -> BuildPipeline.Result {
        var o = BuildPipeline.Options(projectURL: repositoryRoot)
        o.sourceDateEpoch = epoch
        o.clock = clock
        return BuildPipeline.check(o)
    }

    func dashboard(_ result: BuildPipeline.Result) -> String {
        result.files.first { $0.path == "dashboard/index.html" }?.contents ?? ""
    }

    @Test func theClockShowsHowOldTheDataIs() {
        let result = check(clock: newestSample + 3 * 86400)
        #expect(!result.hasErrors)
        #expect(dashboard(result).contains("data 3 days old at build time"))
        #expect(dashboard(result).contains("no data since 2026-11-25 23:30 UTC (3 days before the build; stale after 24 hours)"))
        #expect(!result.diagnostics.contains { $0.message.contains("after the build") })
    }

    @Test func sourceDateEpochWinsOverTheClock() {
        let result = check(epoch: newestSample + 600, clock: newestSample + 3 * 86400)
        #expect(dashboard(result).contains("data 10 min old at build time"))
    }

    @Test func dataNewerThanTheBuildIsAWarningAtItsFile() throws {
        let result = check(clock: newestSample - 3600)
        let warnings = result.diagnostics.filter { $0.severity == .warning && $0.message.contains("after the build's time") }
        #expect(!warnings.isEmpty)
        #expect(warnings.allSatisfy { $0.location.path.hasPrefix("Content/monitoring/") })
        #expect(warnings.contains { $0.location.path == "Content/monitoring/feature-pipeline-20261125T233000Z.prom" })
    }
}
