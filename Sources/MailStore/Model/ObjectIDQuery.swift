/// A search by object identifier (RFC 8474 §6: the `EMAILID` and `THREADID` search keys).
public enum ObjectIDQuery: Hashable, Sendable {
    /// The messages with this EMAILID.
    case emailID(String)
    /// The messages with this THREADID.
    case threadID(String)
}
