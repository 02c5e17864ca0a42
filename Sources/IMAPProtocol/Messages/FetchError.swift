/// Why a FETCH could not be rendered for a message.
public enum FetchError: Error, Hashable, Sendable {
    /// `BINARY` or `BINARY.SIZE` of a part whose Content-Transfer-Encoding the server cannot
    /// decode: the command fails with `NO [UNKNOWN-CTE]` (RFC 3516 §4.3, RFC 9051 §7.1).
    case unknownTransferEncoding(part: [Int], encoding: String)
    /// The caller did not supply data the plan requires (see ``FetchPlan/requirement``).
    case missingData(MessageDataRequirement)

    /// The response code the tagged NO carries.
    public var responseCode: ResponseCode? {
        switch self {
        case .unknownTransferEncoding: .unknownCTE
        case .missingData: .serverBug
        }
    }

    /// Text for the tagged NO.
    public var text: String {
        switch self {
        case .unknownTransferEncoding(let part, let encoding):
            "Cannot decode part \(part.map(String.init).joined(separator: ".")): unknown transfer encoding \(encoding)"
        case .missingData(let requirement):
            "Message data missing for FETCH (\(requirement))"
        }
    }
}
