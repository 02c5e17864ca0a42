extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// The index of the first element that is not below `value`, in the collection sorted
    /// ascending (`endIndex` when every element is below it): a binary search.
    public func sortedFirstIndex(notBelow value: Element) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether the collection, sorted ascending, contains `value` (a binary search).
    public func sortedContains(_ value: Element) -> Bool {
        let index = sortedFirstIndex(notBelow: value)
        return index < endIndex && self[index] == value
    }
}
