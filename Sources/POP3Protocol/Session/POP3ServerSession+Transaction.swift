/// The TRANSACTION state (RFC 1939 §5, §7): listing, retrieving and marking messages of the
/// snapshot. Marked messages are counted out of every listing and total.
extension POP3ServerSession {
    mutating func stat() {
        guard let maildrop else { return }
        let summary = maildrop.summary
        send(.status(messages: summary.count, octets: summary.octets))
    }

    mutating func list(_ number: Int?) {
        guard let maildrop else { return }
        guard let number else {
            let summary = maildrop.summary
            let lines = maildrop.remaining.map { "\($0.number) \($0.message.size)" }
            return send(.scanListing(lines, messages: summary.count, octets: summary.octets))
        }
        switch maildrop.message(number) {
        case .found(let message): send(.ok("\(number) \(message.size)"))
        case .refused(let refusal): send(refusal)
        }
    }

    mutating func uniqueIDListing(_ number: Int?) {
        guard let maildrop else { return }
        guard let number else {
            return send(.uniqueIDListing(maildrop.remaining.map { "\($0.number) \($0.message.uniqueID)" }))
        }
        switch maildrop.message(number) {
        case .found(let message): send(.ok("\(number) \(message.uniqueID)"))
        case .refused(let refusal): send(refusal)
        }
    }

    /// RETR (`bodyLineLimit` nil) or TOP: asks the glue to send the message.
    mutating func transfer(_ number: Int, bodyLineLimit: Int?) {
        guard let maildrop else { return }
        switch maildrop.message(number) {
        case .found(let message):
            let response: POP3Response = bodyLineLimit == nil ? .messageFollows(octets: message.size) : .topFollows
            messageInTransfer = number
            awaiting = .messageTransfer
            outbox.append(.sendMessage(POP3MessageTransfer(
                messageNumber: number, uid: message.uid, size: message.size, bodyLineLimit: bodyLineLimit,
                response: response)))
        case .refused(let refusal):
            send(refusal)
        }
    }

    /// Answers ``POP3ServerAction/sendMessage(_:)``. Ignored unless ``awaiting`` is
    /// ``POP3ServerAwaiting/messageTransfer``.
    public mutating func messageTransferred(_ outcome: POP3MessageTransferOutcome) -> [POP3ServerAction] {
        guard awaiting == .messageTransfer, let number = messageInTransfer else { return [] }
        awaiting = nil
        messageInTransfer = nil
        switch outcome {
        case .sent:
            // The glue wrote the response and content itself; they go out with the next flush.
            outbox.noteWrittenByGlue()
        case .messageMissing:
            send(.messageMissing(number))
        case .readFailed:
            send(.messageUnreadable(number))
        }
        processInput()
        return takeActions()
    }

    mutating func delete(_ number: Int) {
        guard let lookup = maildrop?.message(number) else { return }
        switch lookup {
        case .found:
            maildrop?.markDeleted(number)
            send(.messageDeleted(number))
        case .refused(let refusal):
            send(refusal)
        }
    }

    mutating func reset() {
        guard maildrop != nil else { return }
        maildrop?.unmarkAll()
        let summary = maildrop?.summary ?? (count: 0, octets: 0)
        send(.reset(messages: summary.count, octets: summary.octets))
    }
}
