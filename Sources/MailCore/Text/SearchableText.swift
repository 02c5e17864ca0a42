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
        var output = [UInt8]()
        func separate() {
            if !output.isEmpty {
                output.append(ASCII.comma)
                output.append(ASCII.space)
            }
        }
        for entry in entries {
            if case .group(let group) = entry, !group.rawDisplayName.isEmpty {
                separate()
                output.appendUTF8(of: group.displayName)
            }
            for mailbox in entry.mailboxes {
                let name = mailbox.displayName ?? ""
                let address = mailbox.addressText
                guard !name.isEmpty || !address.isEmpty else { continue }
                separate()
                output.appendUTF8(of: name)
                if !name.isEmpty && !address.isEmpty { output.append(ASCII.space) }
                output.appendUTF8(of: address)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
