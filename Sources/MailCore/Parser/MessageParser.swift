/// Parses a whole message (RFC 5322 + MIME) without ever failing: what is not sound is
/// recorded in `ParsedMessage.defects`. Linear in the message size; no recursion.
public struct MessageParser: Sendable {
    public var limits: MessageParserLimits

    public init(limits: MessageParserLimits = MessageParserLimits()) { self.limits = limits }

    /// Parses a message. Byte ranges in the result refer to `bytes`; store the bytes with CRLF
    /// line ends (`LineEndings.normalizedToCRLF`) so IMAP sizes and sections come out right.
    ///
    /// With `extractingSearchText: false` only what the structure needs is computed: the
    /// structure (with its preview), the header and the address lists. `searchText` stays
    /// empty, `date` nil and the message identifiers empty; text parts after the one the
    /// preview is made from are not decoded, so defects in them are not reported.
    public func parse(_ bytes: [UInt8], extractingSearchText: Bool = true) -> ParsedMessage {
        var tree = MIMETreeParser(bytes: bytes, limits: limits, defects: DefectLog(limit: limits.maximumDefects))
        tree.parse()
        var defects = tree.defects
        let headerScan = tree.topHeader
        let header = MessageHeader(bytes: bytes, range: headerScan?.range ?? 0..<0, fields: headerScan?.fields ?? [])
        let summary = tree.topSummary
        let collector = BodyTextCollector(bytes: bytes, parts: tree.parts, parents: tree.parents)
        guard extractingSearchText else {
            let preview = collector.preview(defects: &defects)
            return ParsedMessage(
                structure: MessageStructure(size: bytes.count, parts: tree.parts, preview: preview),
                searchText: SearchableText(), defects: defects.defects, header: header, date: nil, messageID: nil,
                inReplyTo: [], references: [],
                from: summary?.from ?? [], to: summary?.to ?? [], cc: summary?.cc ?? [], bcc: summary?.bcc ?? [])
        }

        let known = tree.topKnownFields ?? KnownFieldIndex(bytes, [])
        var date: MessageDate? = nil
        if let field = known[.date] {
            let value = HeaderText.unfolded(bytes[field.valueRange])
            date = DateParser.parse(value)
            if date == nil { defects.record(.malformedDate(DefectText.excerpt(value))) }
        }
        let messageID = known[.messageID].flatMap { MessageIDListParser.parse(bytes[$0.valueRange], maximumIdentifiers: 1).first }
        let inReplyTo = known[.inReplyTo].map { MessageIDListParser.parse(bytes[$0.valueRange]) } ?? []
        let references = known[.references].map { MessageIDListParser.parse(bytes[$0.valueRange]) } ?? []
        var subject = ""
        if let field = known[.subject] {
            let unfolded = HeaderText.unfolded(bytes[field.valueRange])
            if let envelopeSubject = summary?.envelope.subject, !EncodedWordDecoder.mayContainEncodedWord(unfolded) {
                // Without encoded words the decoded subject is the envelope's (both are the unfolded text).
                subject = envelopeSubject
            } else {
                subject = EncodedWordDecoder.decode(unfolded, defects: &defects)
            }
        }

        let (body, preview) = collector.collect(limit: limits.maximumSearchableBodyBytes, defects: &defects)
        let searchText = SearchableText(
            subject: subject,
            from: SearchableText.addressText(summary?.from ?? []),
            to: SearchableText.addressText(summary?.to ?? []),
            cc: SearchableText.addressText(summary?.cc ?? []),
            bcc: SearchableText.addressText(summary?.bcc ?? []),
            body: body)
        return ParsedMessage(
            structure: MessageStructure(size: bytes.count, parts: tree.parts, preview: preview),
            searchText: searchText, defects: defects.defects, header: header, date: date, messageID: messageID,
            inReplyTo: inReplyTo, references: references,
            from: summary?.from ?? [], to: summary?.to ?? [], cc: summary?.cc ?? [], bcc: summary?.bcc ?? [])
    }
}
