/// Why a text is not a valid SPF record (RFC 7208 §4.6, §12). Checking a domain whose record
/// does not parse gives "permerror".
public enum SPFRecordParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text does not begin with "v=spf1" followed by a space or its end (§4.5).
    case notVersion1
    /// A term holds a byte outside visible ASCII (a control character or non-ASCII, §3.1).
    case invalidCharacter(term: String)
    /// A term is neither a known mechanism nor a modifier (§4.6.1).
    case unknownMechanism(String)
    /// A mechanism has an argument it does not take, or lacks one it needs.
    case invalidArgument(term: String)
    /// A domain-spec does not end in a macro or a valid top label, or is empty (§7.1).
    case invalidDomainSpec(term: String)
    /// An `ip4`/`ip6` network is not an address of its family (§5.6).
    case invalidNetwork(term: String)
    /// A prefix length is not a number of the family's range without a leading zero (§5.6).
    case invalidPrefixLength(String)
    /// `redirect` or `exp` appears more than once (§6).
    case duplicateModifier(String)
    /// A macro-string in a term is invalid (§7.1).
    case invalidMacro(term: String, SPFMacroSyntaxError)

    public var description: String {
        switch self {
        case .notVersion1: "the record does not begin with \"v=spf1\""
        case .invalidCharacter(let term): "the term \"\(term)\" contains a control or non-ASCII character"
        case .unknownMechanism(let term): "\"\(term)\" is not a known mechanism or a modifier"
        case .invalidArgument(let term): "the mechanism \"\(term)\" has an invalid argument"
        case .invalidDomainSpec(let term): "the domain in \"\(term)\" is not a valid domain-spec"
        case .invalidNetwork(let term): "the network in \"\(term)\" is not a valid address"
        case .invalidPrefixLength(let length): "\"\(length)\" is not a valid prefix length"
        case .duplicateModifier(let name): "the modifier \"\(name)\" appears more than once"
        case .invalidMacro(let term, let error): "invalid macro in \"\(term)\": \(error)"
        }
    }
}
