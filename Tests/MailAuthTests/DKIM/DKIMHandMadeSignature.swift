import Crypto
import Foundation
import _CryptoExtras
@testable import MailAuth

/// Signatures built by hand with any tags, for the failure tests: the body hash and the
/// signature are computed correctly for the tags given, so only the tag under test is wrong.
enum DKIMHandMadeSignature {
    /// `message` with a DKIM-Signature of `tags` (everything but bh= and b=) in front.
    /// The body is hashed per the tags' c= and l=, the header per c= and h=, and signed with
    /// `key` and `hashAlgorithm`.
    static func signed(_ message: [UInt8], tags: String, key: DKIMSigningKey,
                       hashAlgorithm: DKIMHashAlgorithm = .sha256) throws -> [UInt8] {
        let tagList = try DKIMTagList(parsing: Array(tags.utf8))
        let canonicalization = tagList["c"].flatMap(DKIMCanonicalizationPair.init(tagValue:))
            ?? DKIMCanonicalizationPair(header: .simple, body: .simple)
        let parsed = RawMessage(message)
        var hasher = DKIMBodyHasher(canonicalization: canonicalization.body, hashAlgorithm: hashAlgorithm,
                                    lengthLimit: tagList["l"].flatMap { Int($0) })
        hasher.update(parsed.body)
        let bodyHash = Data(hasher.finalize().digest).base64EncodedString()
        let unsigned = "DKIM-Signature: \(tags); bh=\(bodyHash); b="
        let signedFields = DKIMTagList.colonSeparated(tagList["h"] ?? "from").map { $0.lowercased() }
        let data = DKIMHeaderHashInput.data(message: parsed, signedFields: signedFields,
                                            canonicalization: canonicalization.header,
                                            unsignedSignatureField: ArraySlice(unsigned.utf8), excluding: nil)
        let signature: [UInt8]
        switch (key, hashAlgorithm) {
        case (.rsa(let rsa), .sha1):
            signature = Array(try rsa.signature(for: Insecure.SHA1.hash(data: data), padding: .insecurePKCS1v1_5).rawRepresentation)
        default:
            signature = try key.signature(forHeaderData: data)
        }
        return Array((unsigned + Data(signature).base64EncodedString() + "\r\n").utf8) + parsed.bytes
    }
}
