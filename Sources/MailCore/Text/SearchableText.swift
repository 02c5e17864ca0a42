/// Text for the full-text index, decoded to UTF-8.
public struct SearchableText: Sendable, Equatable {
    /// The decoded Subject.
    public var subject = ""
    /// The From mailboxes as `Display Name address`, joined with ", ".
    public var from = ""
    public var to = ""
    public var cc = ""
    public var bcc = ""
    /// The decoded text parts (HTML reduced to text), joined, bounded by the parser limits.
    public var body = ""

    public init() {}

    public init(subject: String, from: String, to: String, cc: String, bcc: String, body: String) {
        self.subject = subject
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.body = body
    }

    /// Names and addresses of an address list, for searching.
    static func addressText(_ entries: [AddressListEntry]) -> String {
        var result = ""
        func add(_ item: String) {
            if !result.isEmpty { result += ", " }
            result += item
        }
        for entry in entries {
            if case .group(let group) = entry, !group.rawDisplayName.isEmpty { add(group.displayName) }
            for mailbox in entry.mailboxes {
                let address = mailbox.addressText
                if let name = mailbox.displayName, !name.isEmpty {
                    add(name)
                    if !address.isEmpty { result += " " + address }
                } else if !address.isEmpty {
                    add(address)
                }
            }
        }
        return result
    }
}
