import CZlib

/// Raw DEFLATE streams (RFC 1951) through zlib, with the gzip (RFC 1952) framing written by hand so
/// that every header byte is fixed: no time, no file name, "unknown" OS. The same bytes in give the
/// same bytes out with the same zlib.
enum Deflate {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func crc32(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        var crc = UInt(crc)
        var offset = 0
        // zlib's length is 32-bit: large inputs in parts.
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            crc = bytes.withUnsafeBufferPointer { CZlib.crc32(crc, $0.baseAddress! + offset, uInt(n)) }
            offset += n
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // Level 9, raw (negative window bits), memory level 8: fixed, so the output is too.
        guard deflateInit2_(&stream, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return []
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                _ = deflate(&stream, Z_FINISH)
                return Int(stream.total_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates a raw stream that starts at `offset`; stops at the stream's end.
    /// - Returns: the bytes and how many input bytes the stream took.
    static func decompress(_ input: [UInt8], from offset: Int = 0, limit: Int) throws -> (bytes: [UInt8], consumed: Int) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress! + offset
            stream.avail_in = uInt(inBuf.count - offset)
            while status != Z_STREAM_END {
                let before = stream.total_out
                status = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let n = Int(stream.total_out - before)
                output.append(contentsOf: chunk[0..<n])
                if output.count > limit { throw Failure(description: "expands past \(limit >> 20) MiB") }
                if status == Z_BUF_ERROR, stream.avail_in == 0 { throw Failure(description: "the compressed data ends early") }
                if status != Z_OK, status != Z_STREAM_END, status != Z_BUF_ERROR {
                    throw Failure(description: "corrupt compressed data")
                }
            }
        }
        return (output, Int(stream.total_in))
    }

    /// A gzip member with a fixed header: no time, no name, OS 255.
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]
        out += compress(input)
        out += littleEndian(crc32(input))
        out += littleEndian(UInt32(truncatingIfNeeded: input.count))
        return out
    }

    static func gunzip(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        guard input.count >= 18, input[0] == 0x1f, input[1] == 0x8b, input[2] == 8 else {
            throw Failure(description: "not a gzip file")
        }
        let flags = input[3]
        var at = 10
        func need(_ n: Int) throws { if at + n > input.count { throw Failure(description: "the gzip header ends early") } }
        if flags & 4 != 0 {
            try need(2)
            at += 2 + Int(input[at]) + Int(input[at + 1]) << 8
        }
        for flag: UInt8 in [8, 16] where flags & flag != 0 {
            while true {
                try need(1)
                at += 1
                if input[at - 1] == 0 { break }
            }
        }
        if flags & 2 != 0 { at += 2 }
        try need(8)
        let (bytes, consumed) = try decompress(input, from: at, limit: limit)
        let end = at + consumed
        guard end + 8 <= input.count else { throw Failure(description: "the gzip trailer is missing") }
        let crc = UInt32(input[end]) | UInt32(input[end + 1]) << 8 | UInt32(input[end + 2]) << 16 | UInt32(input[end + 3]) << 24
        guard crc == crc32(bytes) else { throw Failure(description: "the gzip checksum does not match: the file is damaged") }
        return bytes
    }
}

func littleEndian(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)] }
func littleEndian(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
