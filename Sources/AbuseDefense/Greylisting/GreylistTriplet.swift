import DNSResolver

/// The key greylisting remembers (the RFC 6647 triplet): the client's network, the envelope sender
/// and the recipient, in lower case. The network rather than the address, because a sending
/// service often retries from another host of the same pool (RFC 6647 discusses such pools):
/// /24 for IPv4, /64 for IPv6 (``ClientNetwork``).
public struct GreylistTriplet: Sendable, Hashable {
    /// The client's /24 or /64.
    public let clientNetwork: String
    /// The MAIL FROM address; the null sender `<>` is "".
    public let sender: String
    /// The RCPT TO address.
    public let recipient: String

    /// The triplet of a client address, an envelope sender ("" for `<>`) and a recipient.
    public init(client: IPAddress, sender: String, recipient: String) {
        self.clientNetwork = ClientNetwork.key(of: client.description)
        self.sender = sender.lowercased()
        self.recipient = recipient.lowercased()
    }

    /// The triplet's key in the store.
    public var key: String { "\(clientNetwork) \(sender) \(recipient)" }

    /// The key of the client network's record of passed retries (for auto-whitelisting).
    public var clientKey: String { "client:\(clientNetwork)" }
}
