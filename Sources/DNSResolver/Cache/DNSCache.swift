/// The resolver's cache of lookup outcomes, positive and negative, each kept until its TTL
/// runs out. Bounded in entries: when full, the oldest stored entry goes first.
///
/// A value type without I/O or clock of its own: the caller passes the time.
struct DNSCache {
    /// What is remembered about one name and type.
    private struct Key: Hashable {
        var name: DNSName
        /// nil for a name error, which holds for every type of the name (RFC 2308 §5).
        var type: DNSRecordType?
    }

    private struct Entry {
        var result: DNSLookupResult<DNSRecordSet>
        var storedAt: Duration
        var expiresAt: Duration
        var serial: Int
    }

    let maximumEntries: Int
    private var entries: [Key: Entry] = [:]
    /// Keys in the order they were stored, with the serial they were stored under; entries
    /// overwritten or removed since leave stale items here, which are skipped.
    private var storeOrder: [(key: Key, serial: Int)] = []
    private var storeOrderStart = 0
    private var nextSerial = 0

    init(maximumEntries: Int) {
        self.maximumEntries = max(0, maximumEntries)
    }

    /// The number of entries held (expired ones included until they are looked up or evicted).
    var count: Int { entries.count }

    /// The remembered outcome for `name` and `type`, with record TTLs reduced by the time
    /// spent in the cache; nil when nothing unexpired is held.
    mutating func lookup(_ name: DNSName, type: DNSRecordType, now: Duration) -> DNSLookupResult<DNSRecordSet>? {
        for key in [Key(name: name, type: type), Key(name: name, type: nil)] {
            guard let entry = entries[key] else { continue }
            guard now < entry.expiresAt else {
                entries[key] = nil
                continue
            }
            let elapsed = UInt32(clamping: (now - entry.storedAt).components.seconds)
            return entry.result.map { set in
                var aged = set
                aged.records = set.records.map { Self.aged($0, by: elapsed) }
                aged.aliases = set.aliases.map { Self.aged($0, by: elapsed) }
                return aged
            }
        }
        return nil
    }

    /// Remembers `result` for `timeToLive` seconds; a name error stored with
    /// `forEveryType` answers lookups of any type for the name. A zero TTL stores nothing.
    mutating func store(_ result: DNSLookupResult<DNSRecordSet>, name: DNSName, type: DNSRecordType,
                        forEveryType: Bool = false, timeToLive: UInt32, now: Duration) {
        guard timeToLive > 0, maximumEntries > 0 else { return }
        let key = Key(name: name, type: forEveryType ? nil : type)
        if entries[key] == nil {
            while entries.count >= maximumEntries, evictOldest() {}
        }
        nextSerial += 1
        entries[key] = Entry(result: result, storedAt: now, expiresAt: now + .seconds(Int64(timeToLive)), serial: nextSerial)
        storeOrder.append((key, nextSerial))
        compactStoreOrderIfNeeded()
    }

    /// Forgets everything.
    mutating func removeAll() {
        entries = [:]
        storeOrder = []
        storeOrderStart = 0
    }

    /// Removes the entry stored longest ago; false when there is none.
    private mutating func evictOldest() -> Bool {
        while storeOrderStart < storeOrder.count {
            let (key, serial) = storeOrder[storeOrderStart]
            storeOrderStart += 1
            if entries[key]?.serial == serial {
                entries[key] = nil
                return true
            }
        }
        return false
    }

    /// Drops stale items so the order list stays proportional to the entries held.
    private mutating func compactStoreOrderIfNeeded() {
        guard storeOrder.count - storeOrderStart > 2 * maximumEntries + 16 || storeOrderStart > storeOrder.count / 2 + 16
        else { return }
        storeOrder = storeOrder[storeOrderStart...].filter { entries[$0.key]?.serial == $0.serial }
        storeOrderStart = 0
    }

    private static func aged(_ record: DNSResourceRecord, by elapsed: UInt32) -> DNSResourceRecord {
        var aged = record
        aged.timeToLive = record.timeToLive > elapsed ? record.timeToLive - elapsed : 0
        return aged
    }
}
