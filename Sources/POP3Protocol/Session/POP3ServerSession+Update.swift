/// QUIT and the UPDATE state (RFC 1939 §6): the marked messages are removed in one durable
/// commit, and `+OK` is sent only after it (DESIGN.md rule 2).
extension POP3ServerSession {
    mutating func quit() {
        guard let maildrop else { return closeConnection(with: .goodbye) }
        state = .update
        let marked = maildrop.markedUIDs
        guard !marked.isEmpty else {
            return closeConnection(with: .signingOff(hostname: configuration.hostname, remainingMessages: maildrop.summary.count))
        }
        awaiting = .deletionCommit
        outbox.append(.commitDeletions(uids: marked))
    }

    /// Answers ``POP3ServerAction/commitDeletions(uids:)``: `+OK` if the deletions are durable,
    /// otherwise `-ERR [SYS/TEMP]` (RFC 3206 §4) — nothing was removed. Either way the
    /// connection closes (RFC 1939 §6). Ignored unless ``awaiting`` is
    /// ``POP3ServerAwaiting/deletionCommit``.
    public mutating func deletionsCommitted(_ outcome: POP3CommitOutcome) -> [POP3ServerAction] {
        guard awaiting == .deletionCommit else { return [] }
        awaiting = nil
        switch outcome {
        case .committed:
            let remaining = maildrop?.summary.count ?? 0
            closeConnection(with: .signingOff(hostname: configuration.hostname, remainingMessages: remaining))
        case .failed:
            closeConnection(with: .deletionsNotCommitted)
        }
        return takeActions()
    }
}
