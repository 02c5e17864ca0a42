/// What the header of one MIME entity says about its content (RFC 2045 §5-§8, RFC 2183,
/// RFC 3282, RFC 2557, RFC 1864). The first of repeated fields counts.
struct EntityHeader {
    var contentType: ContentType?
    var transferEncoding: String?
    var contentID: String?
    var contentDescription: String?
    var contentMD5: String?
    var disposition: ContentDisposition?
    var languages: [String] = []
    var location: String?

    init(_ bytes: [UInt8], _ known: KnownFieldIndex, defects: inout DefectLog) {
        if let field = known[.contentType] {
            let value = HeaderText.unfolded(bytes[field.valueRange])
            contentType = ContentType.parse(value, defects: &defects)
            if contentType == nil { defects.record(.malformedContentType(DefectText.excerpt(value))) }
        }
        if let field = known[.contentTransferEncoding] {
            var scanner = StructuredFieldScanner(bytes[field.valueRange])
            scanner.skipWhitespaceAndComments()
            // An invalid token is ignored and 7bit assumed, as Dovecot does.
            transferEncoding = scanner.readToken().map(lowercasedASCIIString)
        }
        if let field = known[.contentDisposition] {
            disposition = ContentDisposition.parse(bytes[field.valueRange], defects: &defects)
        }
        if let field = known[.contentLanguage] {
            languages = Self.languageTags(bytes[field.valueRange])
        }
        contentID = known[.contentID].map { HeaderText.unfoldedString(bytes[$0.valueRange]) }
        contentDescription = known[.contentDescription].map { HeaderText.unfoldedString(bytes[$0.valueRange]) }
        contentMD5 = known[.contentMD5].map { HeaderText.unfoldedString(bytes[$0.valueRange]) }
        location = known[.contentLocation].map { HeaderText.unfoldedString(bytes[$0.valueRange]) }
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
