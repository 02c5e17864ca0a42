/// Why a macro-string (RFC 7208 §7.1) is not valid.
public enum SPFMacroSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `%` not followed by `{`, `%`, `_` or `-` (§7.1).
    case invalidPercentEscape
    /// `%{` without its closing `}`.
    case unterminatedMacro
    /// A macro letter outside `slodipvh` (and `crt` in explanations).
    case unknownMacroLetter(Character)
    /// `c`, `r` or `t` used outside an explanation string (§7.2).
    case letterOnlyAllowedInExplanation(Character)
    /// A digit transformer of zero (§7.3: it must be nonzero).
    case zeroPartCount
    /// A character inside `%{…}` that is neither a transformer nor a delimiter.
    case invalidCharacterInMacro(Character)
    /// A character that may not appear in the text (control, non-ASCII, or space outside explanations).
    case invalidCharacter(UInt8)

    public var description: String {
        switch self {
        case .invalidPercentEscape: "a \"%\" must be followed by \"{\", \"%\", \"_\" or \"-\""
        case .unterminatedMacro: "a macro \"%{\" is not closed by \"}\""
        case .unknownMacroLetter(let letter): "\"\(letter)\" is not a macro letter"
        case .letterOnlyAllowedInExplanation(let letter): "the macro letter \"\(letter)\" is allowed only in explanation text"
        case .zeroPartCount: "a macro's part count must not be zero"
        case .invalidCharacterInMacro(let character): "\"\(character)\" is not allowed inside a macro"
        case .invalidCharacter(let byte): "the byte 0x\(String(byte, radix: 16)) is not allowed in a macro-string"
        }
    }
}
