/// The outcome of a lookup that got a definite answer. Failures to get one (timeouts,
/// SERVFAIL, REFUSED, …) are thrown as ``DNSResolverError`` instead.
///
/// SPF, DMARC and delivery treat the three cases differently: for example a domain with no MX
/// records (``noData``) falls back to its address, one that does not exist fails at once.
public enum DNSLookupResult<Value: Sendable>: Sendable {
    /// At least one record of the asked type exists.
    case found(Value)
    /// The name exists but has no records of the asked type (NOERROR with an empty answer).
    case noData
    /// The name does not exist (NXDOMAIN).
    case nameDoesNotExist

    /// The value when records were found, nil otherwise.
    public var value: Value? {
        if case .found(let value) = self { return value }
        return nil
    }

    /// The same outcome with the found value transformed.
    public func map<Other: Sendable>(_ transform: (Value) throws -> Other) rethrows -> DNSLookupResult<Other> {
        switch self {
        case .found(let value): .found(try transform(value))
        case .noData: .noData
        case .nameDoesNotExist: .nameDoesNotExist
        }
    }
}

extension DNSLookupResult: Equatable where Value: Equatable {}
extension DNSLookupResult: Hashable where Value: Hashable {}
