import Foundation
import MailCore

/// Writes and signs a signature field over a message's header and body: the common part of
/// DKIM-Signature (RFC 6376 §5) and ARC-Message-Signature (RFC 8617 §4.1.2), always with
/// relaxed/relaxed canonicalization.
struct DKIMFieldSigning {
    let key: DKIMSigningKey

    /// The field `name`: `leadingTags` (each "tag=value;"), then `h=` of `signedNames`,
    /// `bh=` and `b=`, folded, ending with CRLF.
    func field(name: String, leadingTags: [String], signedNames: [String], message: RawMessage) throws(DKIMSigningError) -> String {
        var bodyHasher = DKIMBodyHasher(canonicalization: .relaxed, hashAlgorithm: .sha256)
        bodyHasher.update(message.body)
        let bodyHash = Base64.encodedString(bodyHasher.finalize().digest)

        var writer = DKIMFieldWriter(name: name)
        for tag in leadingTags { writer.append(tag) }
        for (index, name) in signedNames.enumerated() {
            let isLast = index == signedNames.count - 1
            let token = (index == 0 ? "h=" : "") + name + (isLast ? ";" : ":")
            writer.append(token, separator: index == 0 ? " " : "")
        }
        writer.append("bh=\(bodyHash);")
        writer.append("b=")

        let headerData = DKIMHeaderHashInput.data(message: message, signedFields: signedNames, canonicalization: .relaxed,
                                                  unsignedSignatureField: ArraySlice(writer.text.utf8), excluding: nil)
        writer.appendBase64(Base64.encodedString(try key.signature(forHeaderData: headerData)))
        return writer.text + "\r\n"
    }

    /// `h=`: each of `names` as often as the message has it, `oversigned` names once more.
    static func signedNameList(_ names: [String], oversigned: Set<String>, in message: RawMessage) -> [String] {
        var counts = [String: Int]()
        for field in message.fields { counts[field.lowercasedName, default: 0] += 1 }
        var list = [String]()
        for name in names {
            let count = counts[name, default: 0] + (oversigned.contains(name) ? 1 : 0)
            list.append(contentsOf: repeatElement(name, count: count))
        }
        return list
    }

    /// The time as the `t=` tag writes it: whole seconds since 1970.
    static func timestamp(_ time: Date) -> Int64 {
        Int64(time.timeIntervalSince1970.rounded(.down))
    }
}
