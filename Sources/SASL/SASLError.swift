/// Why preparing a string, building or decoding a credential, or running the client side of
/// a SASL exchange failed.
///
/// Server-side authentication failures are not thrown: a server mechanism reports them as
/// ``SASLServerStep/failure(_:)`` with a ``SASLFailureReason``.
public enum SASLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SASLprep found a character that RFC 4013 §2.3 prohibits (the stringprep table is named).
    case prohibitedCharacter(StringprepTable)
    /// SASLprep, in stored-string mode, found a code point unassigned in Unicode 3.2 (RFC 3454 §7).
    case unassignedCodePoint
    /// The string mixes right-to-left and left-to-right text against RFC 3454 §6.
    case bidirectionalRuleViolated
    /// The string is empty once prepared (a password or username must not be).
    case emptyAfterPreparation
    /// An iteration count outside `1...SCRAMCredential.maximumIterations`.
    case iterationCountOutOfRange(Int)
    /// A salt that is empty or longer than `SCRAMCredential.maximumSaltLength` bytes.
    case invalidSaltLength(Int)
    /// A stored credential record that is not in the RFC 5803 form; the text says what is wrong.
    case malformedCredentialRecord(String)
    /// The key derivation function itself failed.
    case keyDerivationFailed
    /// The server sent a SCRAM message the client cannot parse; the text says what is wrong.
    case malformedServerMessage(String)
    /// The server's nonce does not start with the client's nonce (RFC 5802 §5.1, "r").
    case serverNonceMismatch
    /// The server ended the exchange with an `e=` error (RFC 5802 §7); the value is attached.
    case serverReportedError(String)
    /// The server's signature (`v=`) does not prove it knows the credential.
    case serverSignatureMismatch
    /// A message arrived when the exchange was not expecting one (or had already finished).
    case unexpectedMessage

    public var description: String {
        switch self {
        case .prohibitedCharacter(let table):
            return "the string contains a character prohibited by SASLprep (\(table.description))"
        case .unassignedCodePoint:
            return "the string contains a code point unassigned in Unicode 3.2"
        case .bidirectionalRuleViolated:
            return "the string violates the stringprep bidirectional text rule"
        case .emptyAfterPreparation:
            return "the string is empty after SASLprep"
        case .iterationCountOutOfRange(let count):
            return "iteration count \(count) is outside 1...\(SCRAMCredential.maximumIterations)"
        case .invalidSaltLength(let length):
            return "salt length \(length) is outside 1...\(SCRAMCredential.maximumSaltLength) bytes"
        case .malformedCredentialRecord(let reason):
            return "malformed SCRAM credential record: \(reason)"
        case .keyDerivationFailed:
            return "PBKDF2 key derivation failed"
        case .malformedServerMessage(let reason):
            return "malformed SCRAM server message: \(reason)"
        case .serverNonceMismatch:
            return "the server nonce does not extend the client nonce"
        case .serverReportedError(let value):
            return "the server reported SCRAM error \"\(value)\""
        case .serverSignatureMismatch:
            return "the server signature does not match: the server does not know the credential"
        case .unexpectedMessage:
            return "a SASL message arrived out of sequence"
        }
    }
}
