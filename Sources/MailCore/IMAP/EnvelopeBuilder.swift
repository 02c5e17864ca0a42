/// Builds ENVELOPE data from address lists and header values.
enum EnvelopeBuilder {
    /// The envelope form of an address list.
    static func addresses(_ entries: [AddressListEntry]) -> [EnvelopeAddress] {
        guard !entries.isEmpty else { return [] }
        var result = [EnvelopeAddress]()
        var count = 0
        for entry in entries {
            if case .group(let group) = entry { count += group.members.count + 2 } else { count += 1 }
        }
        result.reserveCapacity(count)
        for entry in entries {
            switch entry {
            case .mailbox(let mailbox):
                result.append(address(mailbox))
            case .group(let group):
                result.append(EnvelopeAddress(mailbox: group.rawDisplayName))
                for member in group.members { result.append(address(member)) }
                result.append(EnvelopeAddress())
            }
        }
        return result
    }

    private static func address(_ mailbox: MessageAddress) -> EnvelopeAddress {
        EnvelopeAddress(
            name: mailbox.rawDisplayName.flatMap { $0.isEmpty ? nil : $0 },
            route: mailbox.routeText,
            mailbox: mailbox.localPart.isEmpty ? EnvelopeAddress.missingMailbox : mailbox.localPart,
            host: mailbox.domain.flatMap { $0.isEmpty ? nil : $0 } ?? EnvelopeAddress.missingDomain)
    }
}
