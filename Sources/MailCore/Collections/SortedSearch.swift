extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// Whether the collection, sorted ascending, contains `value` (a binary search).
    public func sortedContains(_ value: Element) -> Bool {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && self[low] == value
    }
}
