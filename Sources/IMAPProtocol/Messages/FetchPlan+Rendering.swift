import MailCore
import MailStore

extension FetchPlan {
    /// The items of one message's FETCH response, in the plan's order. `message` must carry
    /// the data of ``requirement``; its summary holds the flags as they are after this FETCH.
    /// A section that does not exist is NIL; `EMAILID` is left out when the message carries
    /// no identifier (it was not loaded), and `THREADID` is NIL then (RFC 8474 §5.2 allows NIL).
    public func render(_ message: FetchMessage, options: FetchRenderOptions = FetchRenderOptions()) throws(FetchError) -> [FetchOutput] {
        var outputs = [FetchOutput]()
        outputs.reserveCapacity(attributes.count + 1)
        for attribute in attributes {
            if let output = try render(attribute, message, options) { outputs.append(output) }
        }
        if options.seenWasSet && !includesFlags {
            outputs.append(.item(.flags(message.summary.flags.imapFlags(recent: message.isRecent))))
        }
        return outputs
    }

    private func render(_ attribute: FetchAttribute, _ message: FetchMessage,
                        _ options: FetchRenderOptions) throws(FetchError) -> FetchOutput? {
        let summary = message.summary
        switch attribute {
        case .uid:
            return .item(.uid(summary.uid.rawValue))
        case .flags:
            return .item(.flags(summary.flags.imapFlags(recent: message.isRecent)))
        case .internalDate:
            return .item(.internalDate(CalendarDay.messageDate(summary.internalDate, zoneOffsetMinutes: options.dateZoneOffsetMinutes)))
        case .rfc822Size:
            return .item(.rfc822Size(summary.size))
        case .modSeq:
            return .item(.modSeq(summary.modSequence.rawValue))
        case .saveDate:
            return .item(.saveDate(CalendarDay.messageDate(summary.saveDate, zoneOffsetMinutes: options.dateZoneOffsetMinutes)))
        case .emailID:
            return message.emailID.map { .item(.emailID($0)) }
        case .threadID:
            return .item(.threadID(message.threadID))
        case .envelope:
            return .item(.envelope(try structure(of: message).envelope))
        case .body:
            return .item(.body(try structure(of: message)))
        case .bodyStructure:
            return .item(.bodyStructure(try structure(of: message)))
        case .preview:
            return .item(.preview(Self.bounded(preview: try structure(of: message).preview)))
        case .rfc822:
            return try section(SectionSpecifier(), partial: nil, as: .rfc822, message)
        case .rfc822Header:
            return try section(SectionSpecifier(kind: .header), partial: nil, as: .rfc822Header, message)
        case .rfc822Text:
            return try section(SectionSpecifier(kind: .text), partial: nil, as: .rfc822Text, message)
        case .bodySection(let specifier, let partial, _):
            return try section(specifier, partial: partial, as: .bodySection(specifier, origin: partial?.offset), message)
        case .binary(let part, let partial, _):
            let (structure, bytes) = try content(of: message)
            guard let decoded = try BinaryContent.content(ofPart: part, structure: structure, bytes: bytes) else {
                return .item(.binary(part: part, origin: partial?.offset, data: nil))
            }
            let content = SectionContent.applying(partial, to: decoded)
            return .streamed(.binary(part: part, origin: partial?.offset), content: content, binary: BinaryContent.needsLiteral8(content, in: bytes))
        case .binarySize(let part):
            let (structure, bytes) = try content(of: message)
            let decoded = try BinaryContent.content(ofPart: part, structure: structure, bytes: bytes)
            return .item(.binarySize(part: part, size: decoded?.count ?? 0))
        }
    }

    /// A body section, streamed, or NIL when it does not exist.
    private func section(_ specifier: SectionSpecifier, partial: PartialRange?, as item: StreamedFetchItem,
                         _ message: FetchMessage) throws(FetchError) -> FetchOutput {
        let (structure, bytes) = try content(of: message)
        guard let content = SectionContent.content(of: specifier, structure: structure, bytes: bytes) else {
            return .item(Self.nilItem(for: item))
        }
        return .streamed(item, content: SectionContent.applying(partial, to: content), binary: false)
    }

    private static func nilItem(for item: StreamedFetchItem) -> FetchResponseItem {
        switch item {
        case .bodySection(let section, let origin): .bodySection(section, origin: origin, data: nil)
        case .binary(let part, let origin): .binary(part: part, origin: origin, data: nil)
        case .rfc822: .rfc822(nil)
        case .rfc822Header: .rfc822Header(nil)
        case .rfc822Text: .rfc822Text(nil)
        }
    }

    private func structure(of message: FetchMessage) throws(FetchError) -> MessageStructure {
        guard let structure = message.structure else { throw .missingData(.structure) }
        return structure
    }

    private func content(of message: FetchMessage) throws(FetchError) -> (MessageStructure, [UInt8]) {
        guard let bytes = message.bytes else { throw .missingData(.content) }
        return (try structure(of: message), bytes)
    }

    /// The cached preview, held to the 256 characters RFC 8970 §3.1 allows.
    static func bounded(preview: String) -> String {
        let scalars = preview.unicodeScalars
        guard scalars.count > 256 else { return preview }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(256))
        return String(view)
    }
}
