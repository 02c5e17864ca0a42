/// The EDNS(0) OPT pseudo-record of a message (RFC 6891 §6.1), kept apart from the
/// additional section.
public struct EDNSRecord: Sendable, Hashable {
    /// The largest UDP payload the sender can receive (the OPT record's CLASS field).
    public var udpPayloadSize: UInt16
    /// The upper eight bits of the 12-bit response code.
    public var extendedResponseCode: UInt8
    /// The EDNS version; 0 is the only one defined.
    public var version: UInt8
    /// DO: the sender understands DNSSEC records (RFC 3225 §3).
    public var dnssecOK: Bool
    /// The options, as raw RDATA.
    public var options: [UInt8]

    public init(udpPayloadSize: UInt16, extendedResponseCode: UInt8 = 0, version: UInt8 = 0,
                dnssecOK: Bool = false, options: [UInt8] = []) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedResponseCode = extendedResponseCode
        self.version = version
        self.dnssecOK = dnssecOK
        self.options = options
    }

    /// The OPT record's TTL field: extended RCODE, version, then the DO bit (RFC 6891 §6.1.3).
    var timeToLiveField: UInt32 {
        UInt32(extendedResponseCode) << 24 | UInt32(version) << 16 | (dnssecOK ? 0x8000 : 0)
    }
}
