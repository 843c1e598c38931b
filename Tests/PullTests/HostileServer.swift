import Foundation

/// A fake, hostile Prometheus on loopback: plain sockets on a thread, one connection at a time,
/// each answered by `respond`, which writes whatever bytes it likes, as slowly as it likes.
final class HostileServer: @unchecked Sendable {
    typealias Writer = (_ bytes: [UInt8]) -> Bool
    let port: Int
    private let socketFD: Int32
    private let respond: @Sendable (Writer) -> Void
    private let lock = NSLock()
    private var stopped = false

    init(respond: @escaping @Sendable (Writer) -> Void) throws {
        self.respond = respond
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socketFD = socketFD
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(socketFD, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        _ = port
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func serve() {
        while !isStopped {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { return }
            readRequest(client)
            let handler = respond
            let worker = Thread { [self] in
                handler { bytes in
                    if isStopped { return false }
                    return bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
                }
                close(client)
            }
            worker.start()
        }
    }

    /// Reads the head and the body the request announced.
    private func readRequest(_ client: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { return }
            received += buffer[0..<n]
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.distance(from: end.upperBound.samePosition(in: text.utf8)!, to: text.utf8.endIndex) >= length { return }
            }
        }
    }

    static func head(status: Int = 200, length: Int? = nil) -> [UInt8] {
        var text = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nConnection: close\r\n"
        text += length.map { "Content-Length: \($0)\r\n" } ?? "Transfer-Encoding: chunked\r\n"
        return Array((text + "\r\n").utf8)
    }

    static func chunk(_ text: String) -> [UInt8] { chunk(Array(text.utf8)) }
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8)
    }
}
