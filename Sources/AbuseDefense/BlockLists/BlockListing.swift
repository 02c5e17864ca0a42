import DNSResolver

/// One block list that lists the client.
public struct BlockListing: Sendable, Hashable, CustomStringConvertible {
    /// The zone, e.g. `zen.example`.
    public let zone: String
    /// The answer codes that count as a listing.
    public let codes: [IPAddress]
    /// What the codes mean: the zone's configured meanings, else the codes themselves.
    public let meanings: [String]
    /// The list's own explanation, from its TXT record at the same name, if it has one.
    public let reason: String?

    /// A listing.
    public init(zone: String, codes: [IPAddress], meanings: [String], reason: String? = nil) {
        self.zone = zone
        self.codes = codes
        self.meanings = meanings
        self.reason = reason
    }

    /// "zen.example (spam source)": the zone and the meanings, for replies and logs.
    public var description: String { "\(zone) (\(meanings.joined(separator: ", ")))" }
}
