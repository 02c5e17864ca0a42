/// Why an address could not be reversed with ``SenderRewritingScheme/reverse(_:now:)``.
public enum SRSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The local part does not start with `SRS0` or `SRS1` followed by `=`, `+` or `-`.
    case notSRS
    /// It starts like an SRS address but its fields are missing or invalid; the reason says which.
    case malformed(String)
    /// The hash does not match the other fields under our secret: the address was forged or altered.
    case badHash
    /// The hash matches, but the timestamp is older than the scheme's maximum age.
    case expired

    public var description: String {
        switch self {
        case .notSRS: "not an SRS address"
        case .malformed(let reason): "malformed SRS address: \(reason)"
        case .badHash: "invalid SRS address: the hash does not match (forged or altered)"
        case .expired: "SRS address has expired"
        }
    }
}
