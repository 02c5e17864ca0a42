/// The fixed header of a message (RFC 1035 §4.1.1) without its section counts, which the
/// encoder derives from the sections. The AD and CD bits are from RFC 4035 §3.2.
public struct DNSHeader: Sendable, Hashable {
    /// Matches a response to its query.
    public var id: UInt16
    /// QR: set in responses.
    public var isResponse: Bool
    /// OPCODE: 0 for a standard query.
    public var opcode: UInt8
    /// AA: the answer comes from an authoritative server.
    public var isAuthoritativeAnswer: Bool
    /// TC: the message was truncated to fit; retry over TCP (RFC 7766 §5).
    public var isTruncated: Bool
    /// RD: the client asks the server to recurse.
    public var recursionDesired: Bool
    /// RA: the server offers recursion.
    public var recursionAvailable: Bool
    /// AD: a validating resolver vouches for the answer (RFC 4035 §3.2.3; RFC 6840 §5.7 for queries).
    public var authenticatedData: Bool
    /// CD: the client asks the server not to validate.
    public var checkingDisabled: Bool
    /// The low four bits of the response code.
    public var responseCodeLowBits: UInt8

    public init(id: UInt16, isResponse: Bool = false, opcode: UInt8 = 0, isAuthoritativeAnswer: Bool = false,
                isTruncated: Bool = false, recursionDesired: Bool = true, recursionAvailable: Bool = false,
                authenticatedData: Bool = false, checkingDisabled: Bool = false, responseCodeLowBits: UInt8 = 0) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritativeAnswer = isAuthoritativeAnswer
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticatedData = authenticatedData
        self.checkingDisabled = checkingDisabled
        self.responseCodeLowBits = responseCodeLowBits
    }

    /// The 16 flag bits as laid out on the wire.
    var flags: UInt16 {
        var flags = UInt16(responseCodeLowBits & 0x0F) | UInt16(opcode & 0x0F) << 11
        if isResponse { flags |= 0x8000 }
        if isAuthoritativeAnswer { flags |= 0x0400 }
        if isTruncated { flags |= 0x0200 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        if authenticatedData { flags |= 0x0020 }
        if checkingDisabled { flags |= 0x0010 }
        return flags
    }

    /// Reads the header fields from an ID and the 16 flag bits.
    init(id: UInt16, flags: UInt16) {
        self.init(id: id, isResponse: flags & 0x8000 != 0, opcode: UInt8(flags >> 11 & 0x0F),
                  isAuthoritativeAnswer: flags & 0x0400 != 0, isTruncated: flags & 0x0200 != 0,
                  recursionDesired: flags & 0x0100 != 0, recursionAvailable: flags & 0x0080 != 0,
                  authenticatedData: flags & 0x0020 != 0, checkingDisabled: flags & 0x0010 != 0,
                  responseCodeLowBits: UInt8(flags & 0x0F))
    }
}
