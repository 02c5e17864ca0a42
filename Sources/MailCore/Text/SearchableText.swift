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
        guard !entries.isEmpty else { return "" }
        var output = [UInt8]()
        output.reserveCapacity(128)
        for entry in entries {
            switch entry {
            case .mailbox(let mailbox):
                append(mailbox, to: &output)
            case .group(let group):
                if !group.rawDisplayName.isEmpty {
                    separate(&output)
                    output.appendUTF8(of: group.displayName)
                }
                for member in group.members { append(member, to: &output) }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `Display Name local@domain` (either may be missing), after a separator.
    private static func append(_ mailbox: MessageAddress, to output: inout [UInt8]) {
        let name = mailbox.displayName ?? ""
        let hasAddress = !mailbox.localPart.isEmpty || mailbox.domain != nil
        guard !name.isEmpty || hasAddress else { return }
        separate(&output)
        output.appendUTF8(of: name)
        guard hasAddress else { return }
        if !name.isEmpty { output.append(ASCII.space) }
        if mailbox.localPart.isEmpty || MessageAddress.isDotAtom(mailbox.localPart) {
            // `addressText`, written in place.
            output.appendUTF8(of: mailbox.localPart)
            if let domain = mailbox.domain {
                output.append(ASCII.at)
                output.appendUTF8(of: domain)
            }
        } else {
            output.appendUTF8(of: mailbox.addressText)
        }
    }

    private static func separate(_ output: inout [UInt8]) {
        if !output.isEmpty {
            output.append(ASCII.comma)
            output.append(ASCII.space)
        }
    }
}
