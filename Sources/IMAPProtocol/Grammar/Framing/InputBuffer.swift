/// Octets received and not yet consumed, kept in one array with a read index that is
/// compacted as it advances (so consuming is O(1) and memory is reused).
struct InputBuffer {
    private var storage: [UInt8] = []
    private var readIndex = 0

    /// How many octets are unconsumed.
    var count: Int { storage.count - readIndex }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        storage.append(contentsOf: bytes)
    }

    /// The unconsumed octet at `offset` from the read position.
    subscript(offset: Int) -> UInt8 { storage[readIndex + offset] }

    /// The unconsumed octets in `range` (offsets from the read position).
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        storage[(readIndex + range.lowerBound)..<(readIndex + range.upperBound)]
    }

    /// The offset of the first line feed at or after `offset`, or nil.
    func firstLineFeed(from offset: Int) -> Int? {
        var index = readIndex + offset
        let end = storage.count
        while index < end {
            if storage[index] == IMAPCharacters.lineFeed { return index - readIndex }
            index += 1
        }
        return nil
    }

    /// Drops `length` octets.
    mutating func consume(_ length: Int) {
        readIndex += min(length, count)
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 1 << 16)
            readIndex = 0
        } else if readIndex >= 4096 && readIndex * 2 >= storage.count {
            storage.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }

    /// Removes and returns `length` octets (at most `count`).
    mutating func take(_ length: Int) -> [UInt8] {
        let taken = Array(slice(0..<min(length, count)))
        consume(taken.count)
        return taken
    }

    /// Removes and returns everything unconsumed.
    mutating func takeAll() -> [UInt8] {
        take(count)
    }
}
