import MailCore

/// ENVELOPE and BODY/BODYSTRUCTURE (RFC 9051 §7.5.2) rendered from MailCore's cached structure.
extension ResponseWriter {
    /// Writes `(date subject from sender reply-to to cc bcc in-reply-to message-id)`.
    mutating func write(_ envelope: Envelope) {
        write("(")
        writeNString(envelope.date)
        writeSpace()
        writeNString(envelope.subject)
        for list in [envelope.from, envelope.sender, envelope.replyTo, envelope.to, envelope.cc, envelope.bcc] {
            writeSpace()
            writeAddresses(list)
        }
        writeSpace()
        writeNString(envelope.inReplyTo)
        writeSpace()
        writeNString(envelope.messageID)
        write(")")
    }

    /// An address list, NIL when empty; each address `(name adl mailbox host)`.
    private mutating func writeAddresses(_ addresses: [EnvelopeAddress]) {
        guard !addresses.isEmpty else {
            write("NIL")
            return
        }
        write("(")
        for address in addresses {
            write("(")
            writeNString(address.name)
            writeSpace()
            writeNString(address.route)
            writeSpace()
            writeNString(address.mailbox)
            writeSpace()
            writeNString(address.host)
            write(")")
        }
        write(")")
    }

    /// Writes the body structure of the part at `index` (the whole message by default);
    /// `extensible` adds the extension data of BODYSTRUCTURE.
    mutating func writeBodyStructure(_ structure: MessageStructure, extensible: Bool, at index: Int = 0) {
        guard structure.parts.indices.contains(index) else {
            // An empty structure: describe an empty text/plain body rather than fail.
            writeBodyStructure(MessageStructure(size: 0), extensible: extensible)
            return
        }
        let part = structure.parts[index]
        write("(")
        if part.kind == .multipart {
            for child in structure.children(of: index) {
                writeBodyStructure(structure, extensible: extensible, at: child)
            }
            writeSpace()
            writeString(part.subtype)
            if extensible {
                writeSpace()
                writeParameters(part.parameters)
                writeExtensionTail(part)
            }
        } else {
            writeString(part.type)
            writeSpace()
            writeString(part.subtype)
            writeSpace()
            writeParameters(part.parameters)
            writeSpace()
            writeNString(part.contentID)
            writeSpace()
            writeNString(part.contentDescription)
            writeSpace()
            writeString(part.contentTransferEncoding)
            writeSpace()
            writeNumber(min(max(part.size, 0), Int(UInt32.max)))
            if part.kind == .message, structure.parts.indices.contains(index + 1) {
                writeSpace()
                write(structure.parts[index + 1].envelope ?? Envelope())
                writeSpace()
                writeBodyStructure(structure, extensible: extensible, at: index + 1)
            }
            if part.kind == .text || part.kind == .message {
                writeSpace()
                writeNumber(min(max(part.lineCount, 0), Int(UInt32.max)))
            }
            if extensible {
                writeSpace()
                writeNString(part.contentMD5)
                writeExtensionTail(part)
            }
        }
        write(")")
    }

    /// ` disposition language location`, shared by both kinds of part.
    private mutating func writeExtensionTail(_ part: BodyPart) {
        writeSpace()
        if let disposition = part.disposition {
            write("(")
            writeString(disposition.type)
            writeSpace()
            writeParameters(disposition.parameters)
            write(")")
        } else {
            write("NIL")
        }
        writeSpace()
        writeList(part.languages, nilWhenEmpty: true) { writer, language in writer.writeString(language) }
        writeSpace()
        writeNString(part.location)
    }

    /// `body-fld-param`: `(name value ...)` or NIL.
    private mutating func writeParameters(_ parameters: MIMEParameters) {
        writeList(parameters.list, nilWhenEmpty: true) { writer, parameter in
            writer.writeString(parameter.name)
            writer.writeSpace()
            writer.writeString(parameter.value)
        }
    }
}
