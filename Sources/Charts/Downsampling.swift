/// A chart point: time in milliseconds, value.
public struct ChartPoint: Sendable, Equatable {
    public var t: Int64
    public var v: Double
    public init(t: Int64, v: Double) {
        self.t = t
        self.v = v
    }
}

public enum Downsampling {
    /// Largest-triangle-three-buckets (Steinarsson, 2013): keeps the shape, spikes included,
    /// with at most `threshold` points. NaN points are gaps and are kept where they fall.
    public static func lttb(_ points: [ChartPoint], threshold: Int) -> [ChartPoint] {
        guard threshold >= 3, points.count > threshold else { return points }
        var sampled: [ChartPoint] = [points[0]]
        sampled.reserveCapacity(threshold)
        let every = Double(points.count - 2) / Double(threshold - 2)
        var a = 0
        for i in 0..<(threshold - 2) {
            // Average of the next bucket: the third corner of the triangle.
            let nextStart = Int(Double(i + 1) * every) + 1
            let nextEnd = min(Int(Double(i + 2) * every) + 1, points.count)
            var avgT = 0.0, avgV = 0.0, n = 0.0
            for p in points[nextStart..<nextEnd] where !p.v.isNaN {
                avgT += Double(p.t); avgV += p.v; n += 1
            }
            if n > 0 { avgT /= n; avgV /= n } else { avgT = Double(points[nextEnd - 1].t); avgV = 0 }
            let start = Int(Double(i) * every) + 1
            let end = Int(Double(i + 1) * every) + 1
            let pa = points[a]
            var best = start, bestArea = -1.0
            var sawGap = false
            for j in start..<end {
                let p = points[j]
                if p.v.isNaN { sawGap = true; continue }
                let area = abs((Double(pa.t) - avgT) * (p.v - pa.v) - (Double(pa.t) - Double(p.t)) * (avgV - pa.v))
                if area > bestArea { bestArea = area; best = j }
            }
            if sawGap, bestArea < 0 { sampled.append(points[start]); a = start; continue }
            if sawGap, let gap = points[start..<end].firstIndex(where: { $0.v.isNaN }) {
                // Keep a gap inside the bucket so that the line breaks where the data does.
                if gap < best { sampled.append(points[gap]); sampled.append(points[best]) } else { sampled.append(points[best]); sampled.append(points[gap]) }
            } else {
                sampled.append(points[best])
            }
            a = best
        }
        sampled.append(points[points.count - 1])
        return sampled
    }
}
