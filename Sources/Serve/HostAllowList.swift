import Foundation

/// The `Host` values `serve` answers. A DNS-rebinding page uses a domain name of its own, so IP
/// literals are safe to answer, and so are `localhost` (and `*.localhost`, which browsers resolve
/// to loopback themselves) and the address or name given with `--host`. When serving beyond
/// loopback, the machine's own host name is answered too.
public struct HostAllowList: Sendable {
    var names: Set<String>

    public init(listeningOn host: String) {
        names = ["localhost"]
        let listen = Self.normalise(host)
        if !listen.isEmpty, listen != "0.0.0.0", listen != "::" { names.insert(listen) }
        if !DevServer.isLoopback(host) {
            var buffer = [CChar](repeating: 0, count: 256)
            if gethostname(&buffer, buffer.count - 1) == 0 {
                let name = Self.normalise(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                if !name.isEmpty { names.insert(name) }
            }
        }
    }

    /// - Parameter authority: the request's `Host` (`name`, `name:port`, `[v6]:port`).
    public func allows(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return false }
        let host = Self.normalise(Self.stripPort(authority))
        if names.contains(host) || host.hasSuffix(".localhost") { return true }
        return Self.isIPLiteral(host)
    }

    static func stripPort(_ authority: String) -> String {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return authority }
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        if let colon = authority.lastIndex(of: ":"), authority.firstIndex(of: ":") == colon {
            return String(authority[..<colon])
        }
        return authority
    }

    static func normalise(_ host: String) -> String {
        var lower = host.lowercased()
        if lower.hasPrefix("["), lower.hasSuffix("]") { lower = String(lower.dropFirst().dropLast()) }
        while lower.hasSuffix(".") { lower.removeLast() }
        return lower
    }

    static func isIPLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
