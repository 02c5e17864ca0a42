import Foundation
import MailCore

/// Signs messages with DKIM (RFC 6376 §5): relaxed/relaxed canonicalization, rsa-sha256 or
/// ed25519-sha256 by the key, `t=` set, and From, Subject, To and Date oversigned so that
/// no second instance can be added without breaking the signature (§8.15).
public struct DKIMSigner: Sendable {
    /// The fields signed when present, in this order (each as often as it occurs).
    public static let defaultSignedHeaderFields: [String] = [
        "from", "sender", "reply-to", "subject", "date", "message-id", "to", "cc",
        "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
        "content-disposition", "content-language",
        "list-id", "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe", "list-post",
        "list-owner", "list-archive",
    ]

    /// Fields listed once more than they occur (and at least once), so that adding one
    /// later breaks the signature.
    public static let oversignedHeaderFields: Set<String> = ["from", "subject", "to", "date"]

    public let domain: String
    public let selector: String
    public let key: DKIMSigningKey
    /// The names to sign, in lower case; From is always among them.
    public let signedHeaderFields: [String]

    public init(domain: String, selector: String, key: DKIMSigningKey,
                signedHeaderFields: [String] = DKIMSigner.defaultSignedHeaderFields) {
        self.domain = domain
        self.selector = selector
        self.key = key
        var names = [String]()
        for name in ["from"] + signedHeaderFields.map({ $0.lowercased() }) where !names.contains(name) {
            names.append(name)
        }
        self.signedHeaderFields = names
    }

    /// The complete DKIM-Signature field for `message`, folded, ending with CRLF, to be put
    /// in front of the message unchanged. A message with bare LF line ends is signed as it
    /// will travel, with CRLF.
    public func signatureField(for message: [UInt8], at time: Date) throws(DKIMSigningError) -> String {
        guard DKIMSignature.isDomainName(domain) else { throw .invalidDomain(domain) }
        guard DKIMSignature.isDomainName(selector) else { throw .invalidSelector(selector) }
        // The field goes in front of the message: a first line starting with SP or HTAB would
        // read as a continuation of it (found by the FuzzMailAuth target).
        if let first = message.first, first == 0x20 || first == 0x09 { throw .headerStartsWithContinuation }
        let parsed = RawMessage(message)
        guard parsed.fields.contains(where: { $0.lowercasedName == "from" }) else { throw .missingFromField }
        let signedNames = DKIMFieldSigning.signedNameList(signedHeaderFields, oversigned: Self.oversignedHeaderFields, in: parsed)
        let leadingTags = [
            "v=1;", "a=\(key.algorithm.rawValue);", "c=relaxed/relaxed;", "d=\(domain);", "s=\(selector);",
            "t=\(DKIMFieldSigning.timestamp(time));",
        ]
        return try DKIMFieldSigning(key: key).field(name: "DKIM-Signature", leadingTags: leadingTags,
                                                     signedNames: signedNames, message: parsed)
    }
}
