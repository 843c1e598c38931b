import Diagnostics
import Foundation

/// The snapshot formats Handover reads, detected by content.
public enum SnapshotFormat: String, Sendable, CaseIterable {
    case prometheusJSON = "Prometheus HTTP API JSON"
    case azureMonitorJSON = "Azure Monitor metrics JSON"
    case prometheusText = "Prometheus text exposition 0.0.4"
    case openMetrics = "OpenMetrics 1.0 text"
    case csv = "CSV (long or wide)"
    case evidentlyJSON = "Evidently report or test suite JSON (0.7 and legacy)"
}

/// What one snapshot file gave: its series, and for an Evidently file the report itself.
public struct SnapshotReading: Sendable {
    public var series: [Series]
    public var format: SnapshotFormat?
    public var diagnostics: [Diagnostic]
    public var drift: DriftReport?
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
        let reading = reading(bytes, path: path)
        return (reading.series, reading.format, reading.diagnostics)
    }

    /// Reads one file, keeping what an Evidently report says beyond its series.
    public static func reading(_ bytes: Data, path: String) -> SnapshotReading {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        var i = start
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        guard i < bytes.count else {
            return SnapshotReading(
                series: [], format: nil,
                diagnostics: [
                    .error(
                        at: SourceLocation(path: path), "empty monitoring snapshot",
                        hint: "remove the file or export the data again")
                ])
        }
        if bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[") {
            if EvidentlyReader.looksLikeEvidently(String(decoding: bytes[start...].prefix(4096), as: UTF8.self)) {
                let (report, series, diagnostics) = EvidentlyReader.read(bytes[start...], path: path)
                return SnapshotReading(series: series, format: .evidentlyJSON, diagnostics: diagnostics, drift: report)
            }
            let (series, format, diagnostics) = JSONSnapshotReader.read(bytes[start...], path: path)
            return SnapshotReading(series: series, format: format, diagnostics: diagnostics)
        }
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            return SnapshotReading(
                series: [], format: nil, diagnostics: [.error(at: SourceLocation(path: path), "expected UTF-8 text, found bytes that are not UTF-8")])
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        // OpenMetrics by its name or its end, whatever its lines hold: the strict reader says what is wrong.
        if fileName.hasSuffix(".om") || TextExpositionReader.endsWithEOF(text) {
            let reader = OpenMetricsReader(path: path, fileName: fileName, hadByteOrderMark: start != bytes.startIndex)
            let (series, diagnostics) = reader.read(text)
            return SnapshotReading(series: series, format: .openMetrics, diagnostics: diagnostics)
        }
        if TextExpositionReader.looksLikeExposition(text) {
            let (series, diagnostics) = TextExpositionReader(path: path, fileName: fileName).read(text)
            return SnapshotReading(series: series, format: .prometheusText, diagnostics: diagnostics)
        }
        if CSVSnapshotReader.looksLikeCSV(text) {
            let (series, diagnostics) = CSVSnapshotReader(path: path).read(text)
            return SnapshotReading(series: series, format: .csv, diagnostics: diagnostics)
        }
        let tried = SnapshotFormat.allCases.map(\.rawValue).joined(separator: ", ")
        return SnapshotReading(
            series: [], format: nil,
            diagnostics: [
                .error(
                    at: SourceLocation(path: path, line: 1, column: 1),
                    "unknown monitoring snapshot format; tried \(tried)",
                    hint: "see the README for the formats Handover reads")
            ])
    }
}
