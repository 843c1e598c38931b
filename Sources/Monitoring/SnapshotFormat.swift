import Diagnostics
import Foundation

/// The snapshot formats Handover reads, detected by content.
public enum SnapshotFormat: String, Sendable, CaseIterable {
    case prometheusJSON = "Prometheus HTTP API JSON"
    case azureMonitorJSON = "Azure Monitor metrics JSON"
    case prometheusText = "Prometheus text exposition 0.0.4"
    case openMetrics = "OpenMetrics 1.0 text"
    case csv = "CSV (long or wide)"
}

/// Reads one snapshot file into series, or reports why it cannot.
public enum SnapshotReader {
    /// - Parameters:
    ///   - path: as diagnostics print it (`Content/monitoring/up.json`).
    public static func read(_ bytes: [UInt8], path: String) -> (series: [Series], format: SnapshotFormat?, diagnostics: [Diagnostic]) {
        read(Data(bytes), path: path)
    }

    /// Reads without copying the file: a large range snapshot is decoded straight from its bytes.
    public static func read(_ bytes: Data, path: String) -> (series: [Series], format: SnapshotFormat?, diagnostics: [Diagnostic]) {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        var i = start
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        guard i < bytes.count else {
            return (
                [], nil,
                [
                    .error(
                        at: SourceLocation(path: path), "empty monitoring snapshot",
                        hint: "remove the file or export the data again")
                ]
            )
        }
        if bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[") {
            return JSONSnapshotReader.read(bytes[start...], path: path)
        }
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            return ([], nil, [.error(at: SourceLocation(path: path), "expected UTF-8 text, found bytes that are not UTF-8")])
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        // OpenMetrics by its name or its end, whatever its lines hold: the strict reader says what is wrong.
        if fileName.hasSuffix(".om") || TextExpositionReader.endsWithEOF(text) {
            let reader = OpenMetricsReader(path: path, fileName: fileName, hadByteOrderMark: start != bytes.startIndex)
            let (series, diagnostics) = reader.read(text)
            return (series, .openMetrics, diagnostics)
        }
        if TextExpositionReader.looksLikeExposition(text) {
            let (series, diagnostics) = TextExpositionReader(path: path, fileName: fileName).read(text)
            return (series, .prometheusText, diagnostics)
        }
        if CSVSnapshotReader.looksLikeCSV(text) {
            let (series, diagnostics) = CSVSnapshotReader(path: path).read(text)
            return (series, .csv, diagnostics)
        }
        let tried = SnapshotFormat.allCases.map(\.rawValue).joined(separator: ", ")
        return (
            [], nil,
            [
                .error(
                    at: SourceLocation(path: path, line: 1, column: 1),
                    "unknown monitoring snapshot format; tried \(tried)",
                    hint: "see the README for the formats Handover reads")
            ]
        )
    }
}
