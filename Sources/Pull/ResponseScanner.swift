/// Reads a Prometheus API response as it streams in, without building it in memory as objects:
/// counts series and samples (so a pull can stop as soon as a bound is passed, whatever the
/// response's size) and keeps `status`, `errorType`, `error`, `warnings` and `infos`.
///
/// A tokenizer for JSON, not a validator: what is not JSON is caught when the file is read.
struct ResponseScanner {
    struct Limits {
        var maxSeries: Int
        var maxSamples: Int
    }

    enum Overrun: Error, Equatable {
        case series(Int)
        case samples(Int)
        case depth
    }

    private(set) var series = 0
    private(set) var samples = 0
    private(set) var status: String?
    private(set) var errorType: String?
    private(set) var error: String?
    private(set) var warnings: [String] = []

    let limits: Limits
    static let maxDepth = 64
    static let maxKeptString = 4096

    init(limits: Limits) { self.limits = limits }

    private enum Container { case object, array }
    /// Open containers, and the key each was opened under (objects) or nil (array items).
    private var stack: [(container: Container, key: String?)] = []
    private var inString = false
    private var escaped = false
    private var stringBytes: [UInt8] = []
    private var stringOverflow = false
    /// The last string read in an object where a key is expected, until its value starts.
    private var pendingKey: String?
    private var expectingKey = false
    /// Keys of the containers inside the response's object, outermost first:
    /// ["data", "result", nil, "values"] in a series' values (nil: an array item).
    private var path: [String?] { stack.dropFirst().map(\.key) }

    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(Overrun) where Bytes.Element == UInt8 {
        for byte in bytes { try step(byte) }
    }

    private mutating func step(_ byte: UInt8) throws(Overrun) {
        if inString {
            if escaped { escaped = false; keep(byte); return }
            if byte == UInt8(ascii: "\\") { escaped = true; keep(byte); return }
            if byte == UInt8(ascii: "\"") { inString = false; finishString(); return }
            keep(byte)
            return
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            stringBytes.removeAll(keepingCapacity: true)
            stringOverflow = false
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard stack.count < Self.maxDepth else { throw .depth }
            let key = currentKey()
            try opened(key: key, isArrayItem: stack.last?.container == .array)
            stack.append((byte == UInt8(ascii: "{") ? .object : .array, key))
            expectingKey = byte == UInt8(ascii: "{")
            pendingKey = nil
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            _ = stack.popLast()
            expectingKey = false
            pendingKey = nil
        case UInt8(ascii: ","):
            expectingKey = stack.last?.container == .object
            pendingKey = nil
        case UInt8(ascii: ":"):
            expectingKey = false
        default:
            break
        }
    }

    /// The key of the value that starts now (nil inside an array).
    private mutating func currentKey() -> String? {
        guard stack.last?.container == .object else { return nil }
        defer { pendingKey = nil }
        return pendingKey
    }

    /// A container opens: counts a series (an item of `data.result`) or a sample (an item of a
    /// series' `values`, or its one `value`).
    private mutating func opened(key: String?, isArrayItem: Bool) throws(Overrun) {
        let keys = path
        if isArrayItem, keys == ["data", "result"] {
            series += 1
            if series > limits.maxSeries { throw .series(series) }
        } else if (isArrayItem && keys == ["data", "result", nil, "values"])
            || (key == "value" && keys == ["data", "result", nil])
        {
            samples += 1
            if samples > limits.maxSamples { throw .samples(samples) }
        }
    }

    private mutating func keep(_ byte: UInt8) {
        if stringBytes.count < Self.maxKeptString { stringBytes.append(byte) } else { stringOverflow = true }
    }

    private mutating func finishString() {
        let keys = path
        let text = String(decoding: stringBytes, as: UTF8.self)
        if expectingKey, stack.last?.container == .object {
            pendingKey = text
            expectingKey = false
            return
        }
        // A string value: only the few the pull reports are kept.
        if stack.count == 1, stack.last?.container == .object, let key = pendingKey {
            switch key {
            case "status": status = Self.unescape(text)
            case "errorType": errorType = Self.unescape(text)
            case "error": error = Self.unescape(text) + (stringOverflow ? "…" : "")
            default: break
            }
        } else if stack.count == 2, stack.last?.container == .array, keys == ["warnings"] || keys == ["infos"],
            warnings.count < 20
        {
            warnings.append(Self.unescape(text) + (stringOverflow ? "…" : ""))
        }
        pendingKey = nil
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// JSON string escapes undone (what the server meant to say; shown escaped again by `TerminalText`).
    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "\\", let e = scalars.next() else { out.unicodeScalars.append(c); continue }
            switch e {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            case "b": out += "\u{8}"
            case "f": out += "\u{C}"
            case "u":
                var hex = ""
                for _ in 0..<4 { if let h = scalars.next() { hex.unicodeScalars.append(h) } }
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) } else { out += "\u{FFFD}" }
            default: out.unicodeScalars.append(e)
            }
        }
        return out
    }
}

/// Text from a server, fit for a terminal: control characters (escape sequences that could
/// retitle or clear the terminal, bidirectional overrides) shown as `\u{1b}`, cut to a length.
enum TerminalText {
    static func safe(_ text: String, limit: Int = 300) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { out += "… (\(text.unicodeScalars.count - count) more characters)"; break }
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v)
            {
                out += "\\u{\(String(v, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
