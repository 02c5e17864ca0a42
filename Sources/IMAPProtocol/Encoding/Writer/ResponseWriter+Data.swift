/// Untagged server data (RFC 9051 §7.2-7.4 and the extensions of issue 5).
extension ResponseWriter {
    /// Writes one untagged data response, `* ...` CRLF.
    public mutating func write(_ data: ResponseData) {
        if case .fetch(let number, let items) = data {
            beginFetch(sequenceNumber: number)
            for item in items { writeFetchItem(item) }
            endFetch()
            return
        }
        write("* ")
        switch data {
        case .capability(let names):
            write("CAPABILITY")
            writeTokens(names)
        case .enabled(let names):
            write("ENABLED")
            writeTokens(names)
        case .list(let list):
            write("LIST ")
            write(list)
        case .lsub(let list):
            write("LSUB ")
            write(list)
        case .status(let mailbox, let items):
            write("STATUS ")
            writeMailbox(mailbox)
            writeSpace()
            writeList(items) { writer, item in writer.write(item) }
        case .flags(let flags):
            write("FLAGS ")
            writeFlags(flags)
        case .exists(let count):
            writeNumber(count)
            write(" EXISTS")
        case .recent(let count):
            writeNumber(count)
            write(" RECENT")
        case .expunge(let number):
            writeNumber(number)
            write(" EXPUNGE")
        case .vanished(let earlier, let uids):
            write(earlier ? "VANISHED (EARLIER) " : "VANISHED ")
            writeSequenceSet(uids)
        case .search(let numbers, let modSeq):
            write("SEARCH")
            writeNumbers(numbers, highestModSeq: modSeq)
        case .sort(let numbers, let modSeq):
            write("SORT")
            writeNumbers(numbers, highestModSeq: modSeq)
        case .extendedSearch(let response):
            write("ESEARCH")
            write(response)
        case .thread(let threads):
            write("THREAD")
            if !threads.isEmpty { writeSpace() }
            for thread in threads {
                bytes.append(IMAPCharacters.openParenthesis)
                writeThreadMembers(thread)
                bytes.append(IMAPCharacters.closeParenthesis)
            }
        case .namespace(let namespace):
            write("NAMESPACE ")
            writeNamespaces(namespace.personal)
            writeSpace()
            writeNamespaces(namespace.otherUsers)
            writeSpace()
            writeNamespaces(namespace.shared)
        case .quota(let root, let resources):
            write("QUOTA ")
            writeAString(root)
            writeSpace()
            writeList(resources) { writer, resource in
                writer.writeToken(resource.resource)
                writer.writeSpace()
                writer.writeNumber(resource.usage)
                writer.writeSpace()
                writer.writeNumber(resource.limit)
            }
        case .quotaRoot(let mailbox, let roots):
            write("QUOTAROOT ")
            writeMailbox(mailbox)
            for root in roots {
                writeSpace()
                writeAString(root)
            }
        case .acl(let mailbox, let entries):
            write("ACL ")
            writeMailbox(mailbox)
            for entry in entries {
                writeSpace()
                writeAString(entry.identifier)
                writeSpace()
                writeAString(entry.rights)
            }
        case .listRights(let mailbox, let identifier, let required, let optional):
            write("LISTRIGHTS ")
            writeMailbox(mailbox)
            writeSpace()
            writeAString(identifier)
            writeSpace()
            writeAString(required)
            for rights in optional {
                writeSpace()
                writeAString(rights)
            }
        case .myRights(let mailbox, let rights):
            write("MYRIGHTS ")
            writeMailbox(mailbox)
            writeSpace()
            writeAString(rights)
        case .id(let parameters):
            write("ID ")
            if let parameters {
                writeList(parameters) { writer, parameter in
                    writer.writeString(parameter.field)
                    writer.writeSpace()
                    writer.writeNString(parameter.value)
                }
            } else {
                write("NIL")
            }
        case .fetch:
            return
        }
        writeLineEnd()
    }

    private mutating func writeTokens(_ names: [String]) {
        for name in names {
            writeSpace()
            writeToken(name)
        }
    }

    private mutating func writeNumbers(_ numbers: [UInt32], highestModSeq: UInt64?) {
        for number in numbers {
            writeSpace()
            writeNumber(number)
        }
        if let highestModSeq {
            write(" (MODSEQ ")
            writeNumber(highestModSeq)
            write(")")
        }
    }

    /// `mailbox-list` and its extended data (RFC 5258 §9).
    private mutating func write(_ list: ListResponse) {
        writeList(list.attributes) { writer, attribute in writer.writeToken(attribute.text) }
        writeSpace()
        writeDelimiter(list.delimiter)
        writeSpace()
        writeMailbox(list.mailbox, quoted: true)
        var extended = [(String, (inout ResponseWriter) -> Void)]()
        if !list.childInfo.isEmpty {
            let childInfo = list.childInfo
            extended.append(("CHILDINFO", { writer in writer.writeList(childInfo) { $0.writeString($1) } }))
        }
        if let oldName = list.oldName {
            extended.append(("OLDNAME", { writer in writer.writeList([oldName]) { $0.writeMailbox($1, quoted: true) } }))
        }
        guard !extended.isEmpty else { return }
        writeSpace()
        writeList(extended) { writer, item in
            writer.writeString(item.0)
            writer.writeSpace()
            item.1(&writer)
        }
    }

    private mutating func write(_ item: StatusItem) {
        switch item {
        case .messages(let value): write("MESSAGES "); writeNumber(value)
        case .uidNext(let value): write("UIDNEXT "); writeNumber(value)
        case .uidValidity(let value): write("UIDVALIDITY "); writeNumber(value)
        case .unseen(let value): write("UNSEEN "); writeNumber(value)
        case .deleted(let value): write("DELETED "); writeNumber(value)
        case .size(let value): write("SIZE "); writeNumber(value)
        case .recent(let value): write("RECENT "); writeNumber(value)
        case .highestModSeq(let value): write("HIGHESTMODSEQ "); writeNumber(value)
        case .appendLimit(let value):
            write("APPENDLIMIT ")
            if let value { writeNumber(value) } else { write("NIL") }
        case .mailboxID(let id):
            write("MAILBOXID (")
            writeToken(id)
            write(")")
        case .deletedStorage(let value): write("DELETED-STORAGE "); writeNumber(value)
        }
    }

    /// `[SP search-correlator] [SP "UID"] *(SP search-return-data)` (RFC 4731 §3.1).
    private mutating func write(_ response: ExtendedSearchResponse) {
        if let tag = response.tag {
            write(" (TAG ")
            writeString(tag)
            write(")")
        }
        if response.usesUIDs { write(" UID") }
        if let min = response.min { write(" MIN "); writeNumber(min) }
        if let max = response.max { write(" MAX "); writeNumber(max) }
        if let all = response.all { write(" ALL "); writeSequenceSet(all) }
        if let count = response.count { write(" COUNT "); writeNumber(count) }
        if let modSeq = response.highestModSeq { write(" MODSEQ "); writeNumber(modSeq) }
    }

    /// The members of one thread list (RFC 5256 §4): a chain of numbers, then nested lists
    /// where the thread branches; a node without a number contributes only its branches.
    /// Iterative, so a deeply branching thread cannot exhaust the stack.
    private mutating func writeThreadMembers(_ root: ThreadNode) {
        enum Work {
            case members(ThreadNode)
            case open
            case close
        }
        var work: [Work] = [.members(root)]
        while let item = work.popLast() {
            switch item {
            case .open:
                bytes.append(IMAPCharacters.openParenthesis)
            case .close:
                bytes.append(IMAPCharacters.closeParenthesis)
            case .members(var current):
                var wroteNumber = false
                while let number = current.messageNumber {
                    if wroteNumber { writeSpace() }
                    writeNumber(number)
                    wroteNumber = true
                    guard current.children.count == 1 else { break }
                    current = current.children[0]
                }
                if !current.children.isEmpty && wroteNumber { writeSpace() }
                for branch in current.children.reversed() {
                    work.append(.close)
                    work.append(.members(branch))
                    work.append(.open)
                }
            }
        }
    }

    /// `"(" 1*(namespace-descr) ")"` — descriptions are not separated — or NIL (RFC 2342 §5).
    private mutating func writeNamespaces(_ namespaces: [NamespaceDescription]) {
        guard !namespaces.isEmpty else {
            write("NIL")
            return
        }
        bytes.append(IMAPCharacters.openParenthesis)
        for namespace in namespaces {
            bytes.append(IMAPCharacters.openParenthesis)
            writeMailbox(namespace.prefix, quoted: true)
            writeSpace()
            writeDelimiter(namespace.delimiter)
            bytes.append(IMAPCharacters.closeParenthesis)
        }
        bytes.append(IMAPCharacters.closeParenthesis)
    }
}
