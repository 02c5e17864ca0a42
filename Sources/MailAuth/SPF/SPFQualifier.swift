/// The prefix of a directive, saying what result a match gives (RFC 7208 §4.6.2).
public enum SPFQualifier: Sendable, Hashable {
    /// `+` (also the default when no qualifier is written).
    case pass
    /// `-`
    case fail
    /// `~`
    case softfail
    /// `?`
    case neutral

    /// The result a matching directive with this qualifier produces.
    public var result: SPFResult {
        switch self {
        case .pass: .pass
        case .fail: .fail
        case .softfail: .softfail
        case .neutral: .neutral
        }
    }

    /// The qualifier character, or nil for a byte that is not one.
    init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "+"): self = .pass
        case UInt8(ascii: "-"): self = .fail
        case UInt8(ascii: "~"): self = .softfail
        case UInt8(ascii: "?"): self = .neutral
        default: return nil
        }
    }

    /// The written prefix: empty for pass (the default), otherwise its character.
    var prefix: String {
        switch self {
        case .pass: ""
        case .fail: "-"
        case .softfail: "~"
        case .neutral: "?"
        }
    }
}
