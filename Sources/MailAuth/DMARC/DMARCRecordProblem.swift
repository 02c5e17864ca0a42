/// Why a TXT record is not a usable DMARC record (RFC 7489 §6.3, §6.6.3).
public enum DMARCRecordProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The record does not start with `v=DMARC1`, so it is not a DMARC record at all.
    case notDMARCRecord
    /// The record has no `p` tag.
    case missingPolicy
    /// The `p` tag has a value other than none, quarantine or reject.
    case invalidPolicy(String)
    /// The `sp` tag has a value other than none, quarantine or reject.
    case invalidSubdomainPolicy(String)

    public var description: String {
        switch self {
        case .notDMARCRecord: "the record does not start with v=DMARC1"
        case .missingPolicy: "the record has no p= tag"
        case .invalidPolicy(let value): "p=\(value) is not none, quarantine or reject"
        case .invalidSubdomainPolicy(let value): "sp=\(value) is not none, quarantine or reject"
        }
    }
}
