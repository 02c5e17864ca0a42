/// What one FETCH command renders for each message: its items in order (duplicates
/// dropped, `UID` and `MODSEQ` added where the protocol requires them), how much message
/// data they read, and whether they set `\Seen`.
public struct FetchPlan: Hashable, Sendable {
    /// The items, in the order they are rendered.
    public let attributes: [FetchAttribute]
    /// The data every message needs for these items: `FLAGS`, `UID` and the like need only
    /// the summary; `ENVELOPE`, `BODY`, `BODYSTRUCTURE` and `PREVIEW` the structure;
    /// `RFC822.HEADER` and the message's `HEADER*` sections the header's octets; other body
    /// sections, `BINARY*` and `RFC822*` all the octets.
    public let requirement: MessageDataRequirement
    /// Whether an item is a non-PEEK body fetch (`BODY[...]`, `BINARY[...]`, `RFC822`,
    /// `RFC822.TEXT`), which sets `\Seen` in a mailbox opened read-write (RFC 9051 §6.4.5).
    public let setsSeen: Bool
    /// Whether an item is `EMAILID` or `THREADID` (RFC 8474 §5), which the store derives
    /// apart from the summary, structure and octets (``FetchMessage/emailID``).
    public let needsObjectIDs: Bool

    /// A plan for the given items. `includeUID` (every `UID FETCH`, RFC 9051 §6.4.9) puts
    /// `UID` first when it was not asked; `includeModSeq` (CONDSTORE enabled or
    /// `CHANGEDSINCE` given, RFC 7162 §3.1.4.1) adds `MODSEQ`.
    public init(attributes: [FetchAttribute], includeUID: Bool = false, includeModSeq: Bool = false) {
        var seen = Set<FetchAttribute>()
        var ordered = [FetchAttribute]()
        ordered.reserveCapacity(attributes.count + 2)
        if includeUID && !attributes.contains(.uid) {
            ordered.append(.uid)
            seen.insert(.uid)
        }
        // Items whose responses are the same (BODY[1] and BODY.PEEK[1]) are rendered once.
        for attribute in attributes where seen.insert(Self.response(of: attribute)).inserted {
            ordered.append(attribute)
        }
        if includeModSeq && seen.insert(.modSeq).inserted { ordered.append(.modSeq) }
        self.attributes = ordered
        requirement = ordered.map(Self.requirement(of:)).max() ?? .summary
        setsSeen = attributes.contains { $0.setsSeen }
        needsObjectIDs = attributes.contains(.emailID) || attributes.contains(.threadID)
    }

    /// The item as its response names it: PEEK and LAZY make no difference there.
    private static func response(of attribute: FetchAttribute) -> FetchAttribute {
        switch attribute {
        case .bodySection(let section, let partial, _): .bodySection(section, partial: partial, peek: false)
        case .binary(let part, let partial, _): .binary(part: part, partial: partial, peek: false)
        case .preview: .preview(lazy: false)
        default: attribute
        }
    }

    /// The plan for a FETCH or UID FETCH command; `condStoreEnabled` when the session
    /// enabled CONDSTORE (or QRESYNC).
    public init(_ command: FetchCommand, condStoreEnabled: Bool = false) {
        self.init(attributes: command.attributes, includeUID: command.usesUIDs,
                  includeModSeq: condStoreEnabled || command.changedSince != nil)
    }

    /// Whether the response carries `FLAGS` already (else, when this FETCH changed the flags
    /// by setting `\Seen`, ``render(_:options:)`` adds them).
    public var includesFlags: Bool { attributes.contains(.flags) }

    /// The data one item reads.
    public static func requirement(of attribute: FetchAttribute) -> MessageDataRequirement {
        switch attribute {
        case .flags, .internalDate, .rfc822Size, .uid, .modSeq, .emailID, .threadID, .saveDate:
            .summary
        case .envelope, .body, .bodyStructure, .preview:
            .structure
        case .rfc822Header:
            .header
        case .bodySection(let section, _, _):
            section.readsOnlyMessageHeader ? .header : .content
        case .rfc822, .rfc822Text, .binary, .binarySize:
            .content
        }
    }
}

/// How items are rendered beyond what the message itself says.
public struct FetchRenderOptions: Hashable, Sendable {
    /// The zone INTERNALDATE and SAVEDATE are shown in, in minutes east of UTC (the store
    /// keeps moments without a zone). SEARCH compares dates in the same zone.
    public var dateZoneOffsetMinutes: Int
    /// This FETCH set `\Seen` on the message just now: `FLAGS` is added to the response
    /// when it was not asked (RFC 9051 §6.4.5).
    public var seenWasSet: Bool

    /// Options with the given values.
    public init(dateZoneOffsetMinutes: Int = 0, seenWasSet: Bool = false) {
        self.dateZoneOffsetMinutes = dateZoneOffsetMinutes
        self.seenWasSet = seenWasSet
    }
}
