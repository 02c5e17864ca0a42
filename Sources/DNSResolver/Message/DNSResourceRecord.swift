/// One resource record of an answer, authority or additional section (RFC 1035 §4.1.3).
public struct DNSResourceRecord: Sendable, Hashable {
    /// The owner name.
    public var name: DNSName
    /// The class; ``DNSClass/internet`` for everything this resolver asks.
    public var recordClass: UInt16
    /// Seconds the record may be cached (for records from the cache: what remains).
    public var timeToLive: UInt32
    /// The typed data, which also fixes the record type.
    public var data: DNSRecordData

    public init(name: DNSName, recordClass: UInt16 = DNSClass.internet, timeToLive: UInt32, data: DNSRecordData) {
        self.name = name
        self.recordClass = recordClass
        self.timeToLive = timeToLive
        self.data = data
    }

    /// The record type.
    public var type: DNSRecordType { data.type }
}
