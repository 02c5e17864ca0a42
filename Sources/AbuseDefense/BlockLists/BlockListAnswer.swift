import DNSResolver

/// What the A records a block list returned for an address mean.
public enum BlockListAnswer: Sendable, Hashable {
    /// The address is listed: the answer codes that count as a listing and their meanings.
    case listed(codes: [IPAddress], meanings: [String])
    /// No record counts as a listing (none at all, or only codes this zone ignores).
    case notListed
    /// The list refused to answer: it returns 127.255.255.252–255 to say the query came
    /// through a public resolver, was over its limit, or named no list (Spamhaus' codes).
    /// Counting those as listings would refuse every client at once.
    case queryRefused(code: IPAddress)

    /// The addresses 127.255.255.252 to 127.255.255.255, which lists use as error codes.
    static let errorCodes: Set<IPAddress> = Set((252...255).compactMap { IPAddress(bytes: [127, 255, 255, $0]) })

    /// Interprets the A records `addresses` returned for a client in `zone`.
    ///
    /// Only answers in 127.0.0.0/8 are listings (RFC 5782 §2.1: list entries are A records
    /// there, so they cannot be mistaken for real hosts); any other address means the zone
    /// is broken or gone (an expired list domain answering everything with a parking page's
    /// address) and is ignored. Error codes are reported, not counted. With return codes
    /// configured for the zone, only those codes count (RFC 5782 §2.3: combined lists give
    /// each sub-list its own value).
    public static func interpret(_ addresses: [IPAddress], zone: BlockListZone) -> BlockListAnswer {
        var codes: [IPAddress] = []
        var meanings: [String] = []
        var refusal: IPAddress?
        for address in addresses where address.family == .ipv4 && address.bytes[0] == 127 {
            if errorCodes.contains(address) {
                refusal = refusal ?? address
                continue
            }
            if zone.returnCodes.isEmpty {
                codes.append(address)
                meanings.append("\(address)")
            } else if let meaning = zone.returnCodes[address] {
                codes.append(address)
                meanings.append(meaning)
            }
        }
        if !codes.isEmpty { return .listed(codes: codes, meanings: meanings) }
        if let refusal { return .queryRefused(code: refusal) }
        return .notListed
    }
}
