import Foundation
import Sanitizing

/// Lays out DOT diagrams into SVG that is safe to inline in a page.
///
/// libgvc is C that its input can crash (a 50,000-line label corrupts its stack), hang or blow up
/// (a complete graph, huge HTML-table spans), so it never runs in the build's process: DOT text
/// is checked by `DOTPolicy`, laid out by a pool of long-lived worker processes
/// (`DiagramWorker`: the `handover` binary itself, address space capped, sandboxed), each
/// request under a wall-clock deadline after which the worker is killed, and the SVG that comes
/// back passes `SVGSanitizer`. A crash, timeout or limit is a `Failure`, never a crashed build.
public final class Graphviz: @unchecked Sendable {
    public static let shared = Graphviz()

    public struct Failure: Error, Equatable, CustomStringConvertible, Sendable {
        public enum Kind: Sendable, Equatable {
            /// Graphviz could not read the DOT text.
            case syntax
            /// The diagram asks for something refused, or is past a limit.
            case limit
            /// The worker crashed, ran out of memory or time, or could not start.
            case worker
        }
        public var message: String
        /// The line of the DOT text the failure is about, when known (1-based).
        public var line: Int?
        public var kind: Kind = .syntax
        public var description: String { message }

        public init(message: String, line: Int? = nil, kind: Kind = .syntax) {
            self.message = message
            self.line = line
            self.kind = kind
        }
    }

    /// The `handover` binary that runs workers. The command line sets it to itself; elsewhere
    /// (tests) `HANDOVER_BIN`, or a `handover` beside the running program, is used.
    nonisolated(unsafe) public static var workerExecutable: String?
    /// Seconds one diagram may take to lay out.
    nonisolated(unsafe) public static var timeoutSeconds: Double = 10
    public var limits = DOTPolicy.Limits()

    private let condition = NSCondition()
    private var idle: [Worker] = []
    private var running = 0
    private let maxWorkers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    private init() {
        signal(SIGPIPE, SIG_IGN)  // a worker that dies while it is sent a diagram is a failure, not our death
    }

    /// Lays out DOT text with `dot`; the SVG is sanitised.
    public func svg(dot: String) -> Result<String, Failure> {
        if let violation = DOTPolicy.check(dot, limits: limits) {
            return .failure(Failure(message: violation.message, line: violation.line, kind: .limit))
        }
        let result: Result<String, Failure>
        do {
            let worker = try checkOut()
            let (answer, healthy) = worker.layout(dot, timeout: Self.timeoutSeconds)
            checkIn(worker, healthy: healthy)
            result = answer
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "cannot start a diagram worker: \(error)", kind: .worker))
        }
        return result.flatMap { svg in
            guard let clean = SVGSanitizer.sanitize(svg) else {
                return .failure(Failure(message: "Graphviz wrote SVG that is not well-formed; the diagram is not shown", kind: .worker))
            }
            return .success(clean)
        }
    }

    /// Stops every idle worker (they also stop by themselves when this process ends).
    public func shutDown() {
        condition.lock()
        let workers = idle
        idle = []
        condition.unlock()
        workers.forEach { $0.stop() }
    }

    private func checkOut() throws -> Worker {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty, running >= maxWorkers { condition.wait() }
        running += 1
        if let worker = idle.popLast() { return worker }
        do {
            return try Worker(executable: Self.resolveExecutable())
        } catch {
            running -= 1
            condition.signal()
            throw error
        }
    }

    private func checkIn(_ worker: Worker, healthy: Bool) {
        if !healthy { worker.stop() }
        condition.lock()
        running -= 1
        if healthy { idle.append(worker) }
        condition.signal()
        condition.unlock()
    }

    static func resolveExecutable() throws -> String {
        if let path = workerExecutable { return path }
        if let path = ProcessInfo.processInfo.environment["HANDOVER_BIN"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var folder = me.deletingLastPathComponent()
        // A test bundle sits beside the binary, or one folder deeper.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("handover").path
            if FileManager.default.isExecutableFile(atPath: candidate), candidate != me.path || me.lastPathComponent == "handover" {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        throw Failure(message: "cannot find the handover binary to lay out diagrams with (set HANDOVER_BIN)", kind: .worker)
    }

    /// One worker process and the pipes to it.
    final class Worker: @unchecked Sendable {
        let process = Process()
        let input: FileHandle
        let output: FileHandle

        init(executable: String) throws {
            let toWorker = Pipe()
            let fromWorker = Pipe()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [DiagramWorker.argument]
            process.standardInput = toWorker
            process.standardOutput = fromWorker
            process.standardError = FileHandle.nullDevice
            process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
            try process.run()
            input = toWorker.fileHandleForWriting
            output = fromWorker.fileHandleForReading
        }

        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            try? input.close()
            process.waitUntilExit()
            try? output.close()
        }

        /// - Returns: the answer, and whether the worker can take another diagram.
        func layout(_ dot: String, timeout: Double) -> (Result<String, Failure>, Bool) {
            guard DiagramWorker.writeFrame(fd: input.fileDescriptor, status: nil, Array(dot.utf8)) else {
                return (.failure(died()), false)
            }
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
            var answer: [[UInt8]] = []
            for count in [1, 4, -1] {
                let wanted = count >= 0 ? count : answer[1].reduce(0) { $0 << 8 | Int($1) }
                switch read(wanted, until: deadline) {
                case .bytes(let bytes):
                    answer.append(bytes)
                case .closed:
                    return (.failure(died()), false)
                case .timeout:
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    return (
                        .failure(
                            Failure(
                                message: "diagram took longer than \(Self.seconds(timeout)) to lay out; it was stopped",
                                kind: .worker)), false
                    )
                }
            }
            let status = answer[0]
            let payload = answer[2]
            let text = String(decoding: payload, as: UTF8.self)
            if status[0] == 0 { return (.success(text), true) }
            let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            return (.failure(Failure(message: String(parts.first ?? ""), line: parts.count > 1 ? Int(parts[1]) : nil, kind: .syntax)), true)
        }

        /// Why the worker went away: a signal (a crash, or the kernel's out-of-memory killer) or an exit.
        func died() -> Failure {
            process.waitUntilExit()
            let reason: String
            if process.terminationReason == .uncaughtSignal {
                let signal = process.terminationStatus
                reason =
                    signal == SIGSEGV
                    ? "it crashed (SIGSEGV)"
                    : signal == SIGABRT
                        ? "it ran out of memory or aborted (SIGABRT)"
                        : signal == SIGKILL ? "it was killed (out of memory?)" : "it stopped on signal \(signal)"
            } else {
                reason = process.terminationStatus == 70 ? "its sandbox could not be set up" : "it exited with status \(process.terminationStatus)"
            }
            return Failure(message: "Graphviz could not lay out this diagram: \(reason)", kind: .worker)
        }

        static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
        }

        enum ReadResult {
            case bytes([UInt8])
            case closed
            case timeout
        }

        private func read(_ count: Int, until deadline: UInt64) -> ReadResult {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            let fd = output.fileDescriptor
            var chunk = [UInt8](repeating: 0, count: 65536)
            while bytes.count < count {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { return .timeout }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min(Int((deadline - now) / 1_000_000) + 1, Int(Int32.max))))
                if ready < 0, errno == EINTR { continue }
                if ready == 0 { return .timeout }
                guard ready > 0 else { return .closed }
                let wanted = min(chunk.count, count - bytes.count)
                let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, wanted) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return .closed }
                bytes += chunk[0..<n]
            }
            return .bytes(bytes)
        }
    }
}
