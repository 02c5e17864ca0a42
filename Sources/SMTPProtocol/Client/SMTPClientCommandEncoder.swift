/// Writes the commands of the client side (RFC 5321 §4.1.1), with the ESMTP parameters of
/// RFC 1870 (SIZE), RFC 6152 (BODY), RFC 6531 (SMTPUTF8) and RFC 3461 (RET, ENVID, NOTIFY,
/// ORCPT).
enum SMTPClientCommandEncoder {
    static func line(_ text: String) -> [UInt8] { Array((text + "\r\n").utf8) }

    /// `MAIL FROM:<path>` with the parameters the server offers and the message needs.
    static func mail(
        _ message: SMTPOutboundMessage, capabilities: SMTPServerCapabilities, usesSMTPUTF8: Bool
    ) -> String {
        var command = "MAIL FROM:\(message.sender)"
        if capabilities.sizeDeclared { command += " SIZE=\(max(0, message.size))" }
        if message.containsEightBitData, capabilities.eightBitMIME { command += " BODY=8BITMIME" }
        if usesSMTPUTF8 { command += " SMTPUTF8" }
        if capabilities.deliveryStatusNotifications {
            if let returnContent = message.returnContent { command += " RET=\(returnContent.rawValue)" }
            if let envelopeID = message.envelopeID { command += " ENVID=\(XText.encode(envelopeID))" }
        }
        return command
    }

    /// `RCPT TO:<path>` with NOTIFY and ORCPT when the server offers DSN (RFC 3461 §5: never
    /// to a server that does not).
    static func recipient(
        _ recipient: SMTPEnvelopeRecipient, capabilities: SMTPServerCapabilities, usesSMTPUTF8: Bool
    ) -> String {
        var command = "RCPT TO:\(recipient.path)"
        guard capabilities.deliveryStatusNotifications else { return command }
        if let notify = recipient.parameters.notify { command += " NOTIFY=\(notifyValue(notify))" }
        if let original = recipient.parameters.originalRecipient {
            command += " ORCPT=\(originalRecipientValue(original, usesSMTPUTF8: usesSMTPUTF8))"
        }
        return command
    }

    /// `NEVER`, or the conditions in the order of RFC 3461 §4.1.
    static func notifyValue(_ notify: SMTPNotifyConditions) -> String {
        if notify == .never { return "NEVER" }
        var names: [String] = []
        if notify.contains(.success) { names.append("SUCCESS") }
        if notify.contains(.failure) { names.append("FAILURE") }
        if notify.contains(.delay) { names.append("DELAY") }
        return names.joined(separator: ",")
    }

    /// `type;address`: xtext for ASCII addresses (RFC 3461 §4.2), the `utf-8` type of RFC 6533
    /// §3 for the others: raw UTF-8 (`utf-8-addr-unitext`) in an SMTPUTF8 transaction,
    /// `\x{HEX}` escapes (`utf-8-addr-xtext`) otherwise.
    static func originalRecipientValue(_ original: SMTPOriginalRecipient, usesSMTPUTF8: Bool) -> String {
        let type = original.addressType.isEmpty ? "rfc822" : original.addressType
        let isASCII = original.address.utf8.allSatisfy { $0 < 0x80 }
        if isASCII, type.lowercased() != "utf-8" { return "\(type);\(XText.encode(original.address))" }
        return "utf-8;\(UTF8AddressText.encode(original.address, keepingUTF8: usesSMTPUTF8))"
    }
}

extension XText {
    /// Encodes `text` as xtext (RFC 3461 §4): `+`, `=`, controls, space and octets above 126
    /// become `+XX`.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if (33...126).contains(byte), byte != UInt8(ascii: "+"), byte != UInt8(ascii: "=") {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "+" + hexDigits(UInt32(byte), minimumLength: 2)
            }
        }
        return output
    }
}

/// The address encodings of RFC 6533 §3 for the `utf-8` address type of ORCPT.
enum UTF8AddressText {
    /// `\x{HEX}` for `+`, `=`, `\`, controls and space, and for every non-ASCII character unless
    /// `keepingUTF8`.
    static func encode(_ text: String, keepingUTF8: Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isPlainASCII = (0x21...0x7E).contains(value) && scalar != "+" && scalar != "=" && scalar != "\\"
            if isPlainASCII || (keepingUTF8 && value >= 0x80) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "\\x{" + hexDigits(value, minimumLength: 2) + "}"
            }
        }
        return output
    }
}

/// Upper-case hexadecimal, padded with zeros to `minimumLength`.
private func hexDigits(_ value: UInt32, minimumLength: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, minimumLength - digits.count)) + digits
}
