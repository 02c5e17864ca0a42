/// One message of a maildrop snapshot, as the glue reports it.
public struct POP3MaildropMessage: Sendable, Equatable {
    /// The message's UID in the user's INBOX: the key the glue uses to read or expunge it.
    public var uid: UInt32
    /// Its size in octets, exactly as RETR sends it before byte-stuffing (CRLF line endings).
    public var size: Int
    /// Its UIDL unique-id: 1 to 70 characters from `!` to `~` (RFC 1939 §7), stable across
    /// sessions and never reused.
    public var uniqueID: String

    /// Creates a message entry.
    public init(uid: UInt32, size: Int, uniqueID: String) {
        self.uid = uid
        self.size = size
        self.uniqueID = uniqueID
    }

    /// Whether `uniqueID` follows RFC 1939 §7 and `size` is not negative.
    public var isValid: Bool {
        let bytes = uniqueID.utf8
        return size >= 0 && (1...70).contains(bytes.count) && bytes.allSatisfy { (0x21...0x7E).contains($0) }
    }
}

/// The maildrop as it was when the session opened it: message numbers are positions in
/// ``messages`` (1-based) and stay stable for the session; mail delivered later appears in the
/// next session.
public struct POP3Maildrop: Sendable, Equatable {
    /// The messages, oldest first.
    public var messages: [POP3MaildropMessage]
    /// The user's own expire policy, when the configuration says it varies by user.
    public var expirePolicy: POP3ExpirePolicy?
    /// The user's own login delay in seconds, when the configuration says it varies by user.
    public var loginDelaySeconds: Int?

    /// Creates a snapshot.
    public init(messages: [POP3MaildropMessage], expirePolicy: POP3ExpirePolicy? = nil, loginDelaySeconds: Int? = nil) {
        self.messages = messages
        self.expirePolicy = expirePolicy
        self.loginDelaySeconds = loginDelaySeconds
    }
}

/// The snapshot a session works on, with the deletion marks of DELE.
struct POP3MaildropView: Sendable {
    let maildrop: POP3Maildrop
    private(set) var isDeleted: [Bool]

    init(_ maildrop: POP3Maildrop) {
        self.maildrop = maildrop
        isDeleted = Array(repeating: false, count: maildrop.messages.count)
    }

    /// The messages not marked, with their message numbers.
    var remaining: [(number: Int, message: POP3MaildropMessage)] {
        maildrop.messages.enumerated().compactMap { index, message in
            isDeleted[index] ? nil : (index + 1, message)
        }
    }

    /// How many messages are not marked, and their octets (RFC 1939 §5: marked ones are not
    /// counted).
    var summary: (count: Int, octets: Int) {
        remaining.reduce(into: (0, 0)) { total, entry in
            total.0 += 1
            total.1 += entry.message.size
        }
    }

    /// The UIDs of the marked messages, in message order.
    var markedUIDs: [UInt32] {
        maildrop.messages.indices.filter { isDeleted[$0] }.map { maildrop.messages[$0].uid }
    }

    /// What a command naming a message number finds.
    enum Lookup: Sendable {
        case found(POP3MaildropMessage)
        /// No such message, or it is marked: the response that says so.
        case refused(POP3Response)
    }

    /// Message `number`, or the response that refuses it.
    func message(_ number: Int) -> Lookup {
        guard number >= 1, number <= maildrop.messages.count else { return .refused(.noSuchMessage) }
        guard !isDeleted[number - 1] else { return .refused(.messageAlreadyDeleted(number)) }
        return .found(maildrop.messages[number - 1])
    }

    mutating func markDeleted(_ number: Int) {
        isDeleted[number - 1] = true
    }

    mutating func unmarkAll() {
        isDeleted = Array(repeating: false, count: isDeleted.count)
    }
}
