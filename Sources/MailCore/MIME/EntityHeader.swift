/// Reads what the header of one MIME entity says about its content (RFC 2045 §5-§8,
/// RFC 2183, RFC 3282, RFC 2557, RFC 1864) straight into the entity's `BodyPart`. The first
/// of repeated fields counts.
enum EntityHeader {
    /// The media types the tree parser tells apart.
    enum MediaType { case text, multipart, message, other }

    /// What the tree parser needs to know beyond the part's fields (found from the bytes,
    /// without comparing strings).
    struct Facts {
        var mediaType: MediaType
        /// multipart/digest, whose parts default to message/rfc822 (RFC 2046 §5.1.5).
        var isDigest = false
        /// message/rfc822 or message/global: an encapsulated message.
        var isEncapsulatedMessage = false
        /// Whether the transfer encoding leaves the body as it is (7bit, 8bit, binary, or none given).
        var hasIdentityEncoding = true
    }

    /// Fills the content fields of `part` (type, subtype, parameters, encoding, disposition,
    /// ID, description, MD5, languages, location) from the header; a missing or malformed
    /// Content-Type gives text/plain, or message/rfc822 in a digest.
    static func read(_ bytes: [UInt8], _ known: KnownFieldIndex, into part: inout BodyPart, inDigest: Bool,
                     defects: inout DefectLog) -> Facts {
        var facts = Facts(mediaType: inDigest ? .message : .text, isEncapsulatedMessage: inDigest)
        var hasContentType = false
        if let field = known[.contentType] {
            hasContentType = readContentType(bytes, field.valueRange, into: &part, facts: &facts, defects: &defects)
        }
        if !hasContentType {
            part.type = inDigest ? "message" : "text"
            part.subtype = inDigest ? "rfc822" : "plain"
            part.parameters = inDigest ? MIMEParameters() : ContentType.defaultText.parameters
        } else if facts.mediaType == .text
                    && !part.parameters.list.contains(where: { $0.name == "charset" || $0.name == "charset*" }) {
            // RFC 2045 §5.2: text without a charset is US-ASCII (IMAP shows it, as Dovecot does).
            part.parameters.list.append(MIMEParameter(name: "charset", value: "us-ascii"))
        }
        part.contentTransferEncoding = "7bit"
        if let field = known[.contentTransferEncoding] {
            var scanner = StructuredFieldScanner(bytes[field.valueRange])
            scanner.skipWhitespaceAndComments()
            // An invalid token is ignored and 7bit assumed, as Dovecot does.
            if let token = scanner.readToken() {
                part.contentTransferEncoding = lowercasedASCIIString(token)
                facts.hasIdentityEncoding = equalsIgnoringCase(token, "7bit") || equalsIgnoringCase(token, "8bit")
                    || equalsIgnoringCase(token, "binary")
            }
        }
        if let field = known[.contentDisposition] {
            part.disposition = ContentDisposition.parse(bytes[field.valueRange], defects: &defects)
        }
        if let field = known[.contentLanguage] {
            part.languages = languageTags(bytes[field.valueRange])
        }
        if let field = known[.contentID] { part.contentID = HeaderText.unfoldedString(bytes[field.valueRange]) }
        if let field = known[.contentDescription] { part.contentDescription = HeaderText.unfoldedString(bytes[field.valueRange]) }
        if let field = known[.contentMD5] { part.contentMD5 = HeaderText.unfoldedString(bytes[field.valueRange]) }
        if let field = known[.contentLocation] { part.location = HeaderText.unfoldedString(bytes[field.valueRange]) }
        return facts
    }

    /// Reads a Content-Type value into the part; false (with a defect) when it has no `type/subtype`.
    private static func readContentType(_ bytes: [UInt8], _ range: Range<Int>, into part: inout BodyPart,
                                        facts: inout Facts, defects: inout DefectLog) -> Bool {
        let value = HeaderText.unfolded(bytes[range])
        var scanner = StructuredFieldScanner(value)
        guard let (type, subtype) = ContentType.scanTypeAndSubtype(&scanner) else {
            defects.record(.malformedContentType(DefectText.excerpt(value)))
            return false
        }
        part.parameters = MIMEParameterParser.parse(&scanner, defects: &defects)
        part.type = lowercasedASCIIString(type)
        part.subtype = lowercasedASCIIString(subtype)
        if equalsIgnoringCase(type, "text") {
            facts.mediaType = .text
        } else if equalsIgnoringCase(type, "multipart") {
            facts.mediaType = .multipart
        } else if equalsIgnoringCase(type, "message") {
            facts.mediaType = .message
        } else {
            facts.mediaType = .other
        }
        facts.isDigest = facts.mediaType == .multipart && equalsIgnoringCase(subtype, "digest")
        facts.isEncapsulatedMessage = facts.mediaType == .message
            && (equalsIgnoringCase(subtype, "rfc822") || equalsIgnoringCase(subtype, "global"))
        return true
    }

    /// Whether the bytes are `lowercaseASCII`, ignoring ASCII case.
    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercaseASCII: StaticString) -> Bool {
        bytes.count == lowercaseASCII.utf8CodeUnitCount && bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { ASCII.equalsCaseInsensitive($0, buffer.count, lowercaseASCII) } ?? true
        }
    }

    /// RFC 3282: a comma-separated list of language tags, comments allowed.
    private static func languageTags(_ value: ArraySlice<UInt8>) -> [String] {
        var tags = [String]()
        var scanner = StructuredFieldScanner(value)
        while !scanner.isAtEnd && tags.count < 100 {
            scanner.skipWhitespaceAndComments()
            if let tag = scanner.readToken() {
                tags.append(CharsetDecoder.lenientString(tag).text)
            } else {
                scanner.advance()
            }
        }
        return tags
    }
}

/// The envelope and parsed address lists of an RFC 5322 message header.
struct MessageHeaderSummary {
    var envelope: Envelope
    var from: [AddressListEntry] = []
    var to: [AddressListEntry] = []
    var cc: [AddressListEntry] = []
    var bcc: [AddressListEntry] = []

    init(_ bytes: [UInt8], _ known: KnownFieldIndex, maximumAddresses: Int, defects: inout DefectLog) {
        func addressList(_ name: KnownHeaderField, _ label: String) -> [AddressListEntry] {
            guard let field = known[name] else { return [] }
            return AddressListParser.parse(bytes[field.valueRange], fieldName: label,
                                           maximumAddresses: maximumAddresses, defects: &defects)
        }
        func text(_ name: KnownHeaderField) -> String? {
            known[name].map { HeaderText.unfoldedString(bytes[$0.valueRange]) }
        }
        from = addressList(.from, "From")
        to = addressList(.to, "To")
        cc = addressList(.cc, "Cc")
        bcc = addressList(.bcc, "Bcc")
        let fromAddresses = EnvelopeBuilder.addresses(from)
        let sender = EnvelopeBuilder.addresses(addressList(.sender, "Sender"))
        let replyTo = EnvelopeBuilder.addresses(addressList(.replyTo, "Reply-To"))
        envelope = Envelope(
            date: text(.date), subject: text(.subject), from: fromAddresses,
            sender: sender.isEmpty ? fromAddresses : sender,
            replyTo: replyTo.isEmpty ? fromAddresses : replyTo,
            to: EnvelopeBuilder.addresses(to), cc: EnvelopeBuilder.addresses(cc), bcc: EnvelopeBuilder.addresses(bcc),
            inReplyTo: text(.inReplyTo), messageID: text(.messageID))
    }
}
