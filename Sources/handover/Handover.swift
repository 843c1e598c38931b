import ArgumentParser
import Build
import Diagnostics
import Diagrams
import Foundation
import Output
import Templates

@main
struct Handover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Builds the handover site of a deployed model: status dashboard, modeling report, architecture and lifecycle pages.",
        version: BuildPipeline.version,
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, InitCommand.self, PullCommand.self, PackageCommand.self, VerifyCommand.self,
            MessagesCommand.self,
        ]
    )

    /// Maps failures to the exit codes of the contract: 1 input errors, 2 usage, 3 internal.
    static func main() async {
        // A diagram worker: the same binary, so that a copied `handover` carries its own.
        if CommandLine.arguments.count == 2, CommandLine.arguments[1] == DiagramWorker.argument { DiagramWorker.run() }
        if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            Graphviz.workerExecutable = me
        }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // --help, --version
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// Exit codes, as the README's "Command line" section lists them.
enum ExitStatus {
    static let inputErrors = ExitCode(1)
    static let usage = ExitCode(2)
    static let internalFailure = ExitCode(3)
}

struct ProjectOptions: ParsableArguments {
    @Argument(help: "The project folder, holding Content/ (default: the current folder).")
    var directory: String = "."

    init() {}
    init(directory: String) { self.directory = directory }

    var projectURL: URL { URL(fileURLWithPath: directory).standardizedFileURL }

    /// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for the time of a build.
    func sourceDateEpoch() throws -> Int64? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw ValidationError("SOURCE_DATE_EPOCH must be whole seconds since 1970, found `\(text)`")
        }
        return value
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic], format: DiagnosticFormat) {
    let text = DiagnosticFormatter(format: format).format(diagnostics)
    // JSON is for tools and GitHub reads workflow commands from standard output.
    if format == .json || format == .github {
        FileHandle.standardOutput.write(Data(text.utf8))
    } else if !text.isEmpty {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// OUT as the real folder it names, or exit 2 when writing there could destroy the user's files.
func placedOutput(_ options: BuildPipeline.Options, _ output: String?) throws -> URL {
    var options = options
    options.outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
    do {
        return try options.placedOutputURL()
    } catch {
        stderr("error: \(error.description); nothing was written")
        throw ExitStatus.usage
    }
}

func stderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into OUT (default DIR/_site).")

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "Output folder (default: DIR/_site).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "The absolute URL the site is published at (overrides site.yaml base_url).")
    var baseURL: String?

    @Flag(help: "Fail when there are warnings.")
    var strict = false

    @Flag(help: "Also archive the site of deployment.yaml's latest release under DIR/releases/<version>/, once.")
    var release = false

    @Flag(help: "With --release: replace the release's archive even though this build changes it.")
    var force = false

    @Flag(help: "Print the time each stage took.")
    var timings = false

    @Option(help: "How to print problems: text, json or github.")
    var format: DiagnosticFormat = .text

    func validate() throws {
        if force, !release { throw ValidationError("--force only applies with --release") }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ValidationError("--base-url must be an absolute http(s) URL, found `\(baseURL)`")
        }
    }

    func run() throws {
        var options = BuildPipeline.Options(projectURL: project.projectURL)
        options.outputURL = try placedOutput(options, output)
        options.baseURL = baseURL
        options.strict = strict
        options.release = release
        options.force = force
        options.sourceDateEpoch = try project.sourceDateEpoch()
        options.clock = Int64(Date().timeIntervalSince1970)
        let result = BuildPipeline.build(options)
        printDiagnostics(result.diagnostics, format: format)
        if timings {
            for t in result.stageTimings {
                stderr(
                    "  " + t.stage.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + String(format: "%7.3f s   peak %5d MiB", t.seconds, t.peakBytes >> 20))
            }
            if !result.slowestPages.isEmpty {
                stderr("  slowest pages (render time, on one core):")
                for (path, seconds) in result.slowestPages {
                    stderr("    " + String(format: "%7.1f ms  ", seconds * 1000) + path)
                }
            }
        }
        if let refusal = result.refusal {
            stderr("error: \(refusal); nothing was written")
            throw ExitStatus.usage
        }
        if let failure = result.internalFailure {
            stderr("error: \(failure)")
            throw ExitStatus.internalFailure
        }
        if result.hasErrors {
            let errors = result.diagnostics.count - result.warningCount
            stderr(
                "build failed: \(errors) error\(errors == 1 ? "" : "s"), \(result.warningCount) warning\(result.warningCount == 1 ? "" : "s"); the previous site is unchanged"
            )
            throw ExitStatus.inputErrors
        }
        switch result.archived {
        case .created(let version, let files)?: stderr("archived release \(version): \(files) files in releases/\(version)/")
        case .replaced(let version, let files)?: stderr("replaced the archive of release \(version) (--force): \(files) files in releases/\(version)/")
        case .unchanged(let version)?: stderr("release \(version) is archived and unchanged: releases/\(version)/ left as it is")
        case nil: break
        }
        let warnings = result.warningCount > 0 ? " (\(result.warningCount) warning\(result.warningCount == 1 ? "" : "s"))" : ""
        stderr("built \(result.pageCount) pages in \(String(format: "%.2f", result.seconds)) s\(warnings) → \(options.resolvedOutputURL.path)")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load, validate and render in memory; check every internal link and anchor. Writes nothing.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "How to print problems: text, json or github.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Fail when there are warnings.")
    var strict = false

    func run() throws {
        var options = BuildPipeline.Options(projectURL: project.projectURL)
        options.strict = strict
        options.sourceDateEpoch = try project.sourceDateEpoch()
        options.clock = Int64(Date().timeIntervalSince1970)
        let result = BuildPipeline.check(options)
        printDiagnostics(result.diagnostics, format: format)
        if format == .text {
            // A summary line whatever the outcome, so a long list ends with its count.
            let errors = result.diagnostics.filter { $0.severity == .error }.count
            stderr(
                "checked \(result.pageCount) pages in \(String(format: "%.2f", result.seconds)) s: "
                    + (errors == 0 ? "no errors" : "\(errors) error\(errors == 1 ? "" : "s")")
                    + ", \(result.warningCount) warning\(result.warningCount == 1 ? "" : "s")")
        }
        if result.hasErrors { throw ExitStatus.inputErrors }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new, commented project for a TDSP deployment into DIR (default: the current folder).")

    @Argument(help: "Where to create the project.")
    var directory: String = "."

    @Option(help: "The language of the site and its starter texts: en, ko, or another tag (its catalog is written to translate).")
    var language: String = "en"

    func validate() throws {
        guard !language.isEmpty, language.count <= 35, language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw ValidationError("--language: expected a language tag such as en, ko or de-CH, found `\(language)`")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: directory).standardizedFileURL
        do {
            let written = try ProjectInitializer.create(at: url, language: language)
            stderr("wrote \(written.count) files into \(url.path); build the site with: handover build \(directory)")
        } catch let refusal as ProjectInitializer.Refusal {
            stderr("error: \(refusal); nothing was written")
            throw ExitStatus.inputErrors
        }
    }
}

struct MessagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "Print a built-in message catalog (default: en), the start of Templates/i18n/<lang>.yaml.")

    @Argument(help: "The language: \(MessageCatalog.builtInLanguages.joined(separator: ", ")).")
    var language: String = "en"

    func run() throws {
        guard let text = Theme.builtInFiles["i18n/\(language).yaml"] else {
            stderr("error: no built-in catalog for `\(language)`; built in: \(MessageCatalog.builtInLanguages.joined(separator: ", "))")
            throw ExitStatus.inputErrors
        }
        print(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }
}
