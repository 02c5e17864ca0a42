/// A sorted set of inclusive Unicode code point ranges, searched by bisection.
struct ScalarRangeTable: Sendable {
    /// Flattened bounds: `[first0, last0, first1, last1, ...]`, ascending and non-overlapping.
    private let bounds: [UInt32]

    /// Creates a table from flattened, ascending `[first, last, first, last, ...]` pairs.
    init(bounds: [UInt32]) {
        self.bounds = bounds
    }

    /// Whether `scalar` falls inside one of the ranges.
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var low = 0
        var high = bounds.count / 2
        while low < high {
            let middle = (low + high) / 2
            if value < bounds[2 * middle] {
                high = middle
            } else if value > bounds[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
