/// One member of an archive: a file with its bytes, or a folder (`isFolder`, no bytes).
public struct ArchiveEntry: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]
    public var isFolder = false
    /// Anything but a file or a folder (a link, a device): listed, never trusted.
    public var unsupportedType: String?

    public init(path: String, bytes: [UInt8], isFolder: Bool = false) {
        self.path = path
        self.bytes = bytes
        self.isFolder = isFolder
    }
}

public struct ArchiveFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Bounds on what an archive may expand to when it is read: `verify` takes archives from elsewhere.
public struct ArchiveLimits: Sendable {
    public var totalBytes = 2 << 30
    public var entries = 200_000
    public var pathBytes = 4096
    public init() {}
}

/// POSIX ustar (`tar --format=ustar`): fixed owner (0, no names), modes 0644 and 0755, one time.
enum Tar {
    static func write(_ entries: [ArchiveEntry], mtime: Int64) throws -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            var header = [UInt8](repeating: 0, count: 512)
            let (name, prefix) = try split(entry.isFolder ? entry.path + "/" : entry.path)
            put(&header, 0, 100, Array(name.utf8))
            put(&header, 100, 8, octal(entry.isFolder ? 0o755 : 0o644, 7))
            put(&header, 108, 8, octal(0, 7))
            put(&header, 116, 8, octal(0, 7))
            put(&header, 124, 12, octal(entry.isFolder ? 0 : entry.bytes.count, 11))
            put(&header, 136, 12, octal(Int(max(0, mtime)), 11))
            header[156] = entry.isFolder ? UInt8(ascii: "5") : UInt8(ascii: "0")
            put(&header, 257, 6, Array("ustar\0".utf8))
            put(&header, 263, 2, Array("00".utf8))
            put(&header, 345, 155, Array(prefix.utf8))
            for i in 148..<156 { header[i] = 0x20 }
            let sum = header.reduce(0) { $0 + Int($1) }
            put(&header, 148, 8, octal(sum, 6) + [0, 0x20])
            out += header
            if !entry.isFolder {
                out += entry.bytes
                out += [UInt8](repeating: 0, count: (512 - entry.bytes.count % 512) % 512)
            }
        }
        out += [UInt8](repeating: 0, count: 1024)
        // Whole records of 20 blocks, as tar(1) writes them.
        out += [UInt8](repeating: 0, count: (10240 - out.count % 10240) % 10240)
        return out
    }

    static func read(_ data: [UInt8], limits: ArchiveLimits) throws -> [ArchiveEntry] {
        var entries: [ArchiveEntry] = []
        var at = 0
        var total = 0
        while at + 512 <= data.count {
            let header = Array(data[at..<at + 512])
            if header.allSatisfy({ $0 == 0 }) { break }
            let stored = number(header, 148, 8)
            var sum = 0
            for (i, b) in header.enumerated() { sum += (148..<156).contains(i) ? 0x20 : Int(b) }
            guard stored == sum else { throw ArchiveFailure("tar header at byte \(at) is damaged (checksum)") }
            let size = number(header, 124, 12)
            guard size >= 0, at + 512 + size <= data.count else { throw ArchiveFailure("tar member at byte \(at) runs past the end of the archive") }
            var name = text(header, 0, 100)
            let prefix = text(header, 345, 155)
            if !prefix.isEmpty { name = prefix + "/" + name }
            guard name.utf8.count <= limits.pathBytes else { throw ArchiveFailure("a member's name is longer than \(limits.pathBytes) bytes") }
            let type = header[156]
            let body = Array(data[at + 512..<at + 512 + size])
            at += 512 + (size + 511) / 512 * 512
            total += size
            guard total <= limits.totalBytes else { throw ArchiveFailure("the archive expands past \(limits.totalBytes >> 20) MiB") }
            switch type {
            case UInt8(ascii: "0"), 0:
                entries.append(ArchiveEntry(path: name, bytes: body))
            case UInt8(ascii: "5"):
                entries.append(ArchiveEntry(path: String(name.hasSuffix("/") ? name.dropLast() : name[...]), bytes: [], isFolder: true))
            case UInt8(ascii: "x"), UInt8(ascii: "g"):
                continue  // pax attributes: the names that matter fit ustar
            default:
                var odd = ArchiveEntry(path: name, bytes: [])
                odd.unsupportedType = type == UInt8(ascii: "2") ? "symbolic link" : type == UInt8(ascii: "1") ? "hard link" : "special file"
                entries.append(odd)
            }
            guard entries.count <= limits.entries else { throw ArchiveFailure("more than \(limits.entries) members") }
        }
        return entries
    }

    /// ustar keeps a name of up to 100 bytes and a prefix of up to 155, split at a slash.
    static func split(_ path: String) throws -> (name: String, prefix: String) {
        let bytes = Array(path.utf8)
        if bytes.count <= 100 { return (path, "") }
        for i in stride(from: min(bytes.count - 1, 155), through: 1, by: -1) where bytes[i] == UInt8(ascii: "/") {
            if bytes.count - i - 1 <= 100 {
                return (String(decoding: bytes[(i + 1)...], as: UTF8.self), String(decoding: bytes[..<i], as: UTF8.self))
            }
        }
        throw ArchiveFailure("\(path): too long for a tar archive")
    }

    static func put(_ header: inout [UInt8], _ at: Int, _ width: Int, _ bytes: [UInt8]) {
        for (i, b) in bytes.prefix(width).enumerated() { header[at + i] = b }
    }

    static func octal(_ v: Int, _ digits: Int) -> [UInt8] {
        let s = String(v, radix: 8)
        return Array((String(repeating: "0", count: max(0, digits - s.count)) + s).utf8) + [0]
    }

    static func number(_ h: [UInt8], _ at: Int, _ width: Int) -> Int {
        var v = 0
        for b in h[at..<at + width] {
            if b == 0 || b == 0x20 { if v > 0 { break } else { continue } }
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(b) else { return -1 }
            v = v * 8 + Int(b - UInt8(ascii: "0"))
            if v > Int(UInt32.max) * 16 { return -1 }
        }
        return v
    }

    static func text(_ h: [UInt8], _ at: Int, _ width: Int) -> String {
        let slice = h[at..<at + width]
        let end = slice.firstIndex(of: 0) ?? slice.endIndex
        return String(decoding: h[at..<end], as: UTF8.self)
    }
}

/// ZIP (APPNOTE 6.3) without ZIP64: DEFLATE members, UTF-8 names, one fixed time, Unix modes.
enum Zip {
    static func write(_ entries: [ArchiveEntry], dosTime: UInt16, dosDate: UInt16) throws -> [UInt8] {
        guard entries.count < 0xffff else { throw ArchiveFailure("more than 65,534 files: too many for a ZIP archive without ZIP64") }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array((entry.isFolder ? entry.path + "/" : entry.path).utf8)
            let packed = entry.isFolder ? [] : Deflate.compress(entry.bytes)
            let crc = entry.isFolder ? 0 : Deflate.crc32(entry.bytes)
            let method: UInt16 = entry.isFolder ? 0 : 8
            guard out.count < Int(UInt32.max), packed.count < Int(UInt32.max), entry.bytes.count < Int(UInt32.max) else {
                throw ArchiveFailure("\(entry.path): too large for a ZIP archive without ZIP64")
            }
            let offset = UInt32(out.count)
            var common: [UInt8] = littleEndian(UInt16(20)) + littleEndian(UInt16(0x0800)) + littleEndian(method)
            common += littleEndian(dosTime) + littleEndian(dosDate) + littleEndian(crc)
            common += littleEndian(UInt32(packed.count)) + littleEndian(UInt32(entry.bytes.count))
            common += littleEndian(UInt16(name.count)) + littleEndian(UInt16(0))
            out += littleEndian(UInt32(0x0403_4b50)) + common + name + packed
            let mode: UInt32 = entry.isFolder ? 0o040755 : 0o100644
            central += littleEndian(UInt32(0x0201_4b50)) + littleEndian(UInt16(3 << 8 | 20)) + common
            central += littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
            central += littleEndian(mode << 16 | (entry.isFolder ? 0x10 : 0)) + littleEndian(offset) + name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out += littleEndian(UInt32(0x0605_4b50)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
        out += littleEndian(UInt16(entries.count)) + littleEndian(UInt16(entries.count))
        out += littleEndian(UInt32(central.count)) + littleEndian(centralOffset) + littleEndian(UInt16(0))
        return out
    }

    static func read(_ data: [UInt8], limits: ArchiveLimits) throws -> [ArchiveEntry] {
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= data.count else { throw ArchiveFailure("the ZIP archive ends early") }
            return Int(data[at]) | Int(data[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { try (u16(at) | u16(at + 2) << 16) }
        // The end record is in the last 64 KiB (its comment is at most 65,535 bytes).
        var end = -1
        var i = data.count - 22
        while i >= max(0, data.count - 22 - 0xffff) {
            if data[i] == 0x50, data[i + 1] == 0x4b, data[i + 2] == 5, data[i + 3] == 6 {
                end = i
                break
            }
            i -= 1
        }
        guard end >= 0 else { throw ArchiveFailure("not a ZIP archive (no end of central directory)") }
        let count = try u16(end + 10)
        var at = try u32(end + 16)
        guard count <= limits.entries else { throw ArchiveFailure("more than \(limits.entries) members") }
        var entries: [ArchiveEntry] = []
        var total = 0
        for _ in 0..<count {
            guard try u32(at) == 0x0201_4b50 else { throw ArchiveFailure("the ZIP central directory is damaged") }
            let method = try u16(at + 10)
            let crc = try u32(at + 16)
            let packedSize = try u32(at + 20)
            let size = try u32(at + 24)
            let nameLength = try u16(at + 28)
            let extraLength = try u16(at + 30)
            let commentLength = try u16(at + 32)
            let external = try u32(at + 38)
            let local = try u32(at + 42)
            guard nameLength <= limits.pathBytes, at + 46 + nameLength <= data.count else { throw ArchiveFailure("a member's name is damaged or too long") }
            let name = String(decoding: data[at + 46..<at + 46 + nameLength], as: UTF8.self)
            at += 46 + nameLength + extraLength + commentLength
            total += size
            guard total <= limits.totalBytes else { throw ArchiveFailure("the archive expands past \(limits.totalBytes >> 20) MiB") }
            guard try u32(local) == 0x0403_4b50 else { throw ArchiveFailure("\(name): its local header is damaged") }
            let start = try local + 30 + u16(local + 26) + u16(local + 28)
            guard start + packedSize <= data.count else { throw ArchiveFailure("\(name): runs past the end of the archive") }
            let unixType = (external >> 16) & 0o170000
            if name.hasSuffix("/") {
                entries.append(ArchiveEntry(path: String(name.dropLast()), bytes: [], isFolder: true))
                continue
            }
            if unixType != 0, unixType != 0o100000 {
                var odd = ArchiveEntry(path: name, bytes: [])
                odd.unsupportedType = unixType == 0o120000 ? "symbolic link" : "special file"
                entries.append(odd)
                continue
            }
            let packed = Array(data[start..<start + packedSize])
            let bytes: [UInt8]
            switch method {
            case 0: bytes = packed
            case 8: bytes = try Deflate.decompress(packed, limit: min(limits.totalBytes, size)).bytes
            default: throw ArchiveFailure("\(name): compression method \(method) is not supported")
            }
            guard bytes.count == size, Int(Deflate.crc32(bytes)) == crc else {
                throw ArchiveFailure("\(name): its checksum does not match: the archive is damaged")
            }
            entries.append(ArchiveEntry(path: name, bytes: bytes))
        }
        return entries
    }
}
