/// The outcome of an SPF check (RFC 7208 §2.6), spelled as `Received-SPF:` and
/// `Authentication-Results:` spell it.
public enum SPFResult: String, Sendable, Hashable, CaseIterable {
    /// No SPF record, or no checkable domain (§2.6.1).
    case none
    /// The record says nothing either way (`?all`, §2.6.2).
    case neutral
    /// The client is authorized (§2.6.3).
    case pass
    /// The client is explicitly not authorized (§2.6.4).
    case fail
    /// Probably not authorized (§2.6.5).
    case softfail
    /// A transient error, usually DNS (§2.6.6).
    case temperror
    /// The record is broken and cannot be interpreted (§2.6.7).
    case permerror
}
