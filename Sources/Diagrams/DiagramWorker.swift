import CSandbox
import Foundation

/// The child process that lays out diagrams: `handover __diagram-worker`. Before it reads any
/// input it caps its own address space and file writes (setrlimit), loads the Graphviz plugins
/// it needs with a small diagram, and then, where the kernel has Landlock, gives up reading
/// anything but the system's libraries and fonts and writing anything at all. Then it answers
/// requests on standard input until it closes.
///
/// Frames, both ways: 4 bytes big-endian length, then the bytes. A request is DOT text; an
/// answer is one status byte (0: SVG follows, 1: an error message, then `\n` and the line) and
/// the payload.
public enum DiagramWorker {
    public static let argument = "__diagram-worker"
    /// The address space a worker may use. libgvc and the Swift runtime need about 100 MB; a
    /// layout past this is a diagram nobody could read.
    public static let addressSpaceBytes = 1 << 30

    /// Folders a sandboxed worker may still read: shared libraries and fonts.
    static let readablePaths = ["/usr", "/lib", "/lib64", "/etc/fonts", "/etc/ld.so.cache", "/var/cache/fontconfig", "/opt"]

    public static func run() -> Never {
        signal(SIGPIPE, SIG_IGN)
        _ = handover_sandbox_limits(addressSpaceBytes)
        // Warm up: plugins (layout, SVG renderer, text measurement) are opened on first use.
        _ = GraphvizLibrary.shared.svg(dot: #"digraph { a [label="warm up" fontname="Helvetica"]; b [label=<<b>b</b>>]; a -> b [label="x"] }"#)
        var cPaths = readablePaths.map { strdup($0) }
        defer { cPaths.forEach { free($0) } }
        let restricted = cPaths.withUnsafeMutableBufferPointer { buffer -> Int32 in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) {
                handover_sandbox_read_only($0.baseAddress, Int32($0.count))
            }
        }
        if restricted < 0 { exit(70) }  // the sandbox was asked for and failed: do not run unsandboxed
        chdir("/")
        while let request = readFrame(fd: 0) {
            let dot = String(decoding: request, as: UTF8.self)
            switch GraphvizLibrary.shared.svg(dot: dot) {
            case .success(let svg):
                guard writeFrame(fd: 1, status: 0, Array(svg.utf8)) else { exit(0) }
            case .failure(let failure):
                let text = failure.message + "\n" + (failure.line.map(String.init) ?? "")
                guard writeFrame(fd: 1, status: 1, Array(text.utf8)) else { exit(0) }
            }
        }
        exit(0)
    }

    static func readFrame(fd: Int32) -> [UInt8]? {
        guard let header = readExactly(fd: fd, count: 4) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length <= 64 << 20 else { return nil }
        return readExactly(fd: fd, count: length)
    }

    static func readExactly(fd: Int32, count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, count - done) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return nil }
            done += n
        }
        return buffer
    }

    static func writeFrame(fd: Int32, status: UInt8?, _ payload: [UInt8]) -> Bool {
        var bytes: [UInt8] = status.map { [$0] } ?? []
        let n = payload.count
        bytes += [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
        bytes += payload
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return false }
            done += written
        }
        return true
    }
}
