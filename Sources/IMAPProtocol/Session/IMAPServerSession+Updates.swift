import MailStore

/// IDLE (RFC 2177) and the changes other sessions make, from the account's change feed.
extension IMAPServerSession {
    mutating func startIdle(tag: String) {
        idleTag = tag
        writer.writeContinuationRequest(text: "idling")
        parser.expectIdleDone()
        tellUpdatesWhileIdling()
    }

    mutating func finishIdle() {
        guard let tag = idleTag else { return }
        idleTag = nil
        ok(tag, "IDLE terminated")
    }

    /// During IDLE every update may be told at once (RFC 2177 §3), after re-reading the
    /// mailbox when the feed overflowed.
    mutating func tellUpdatesWhileIdling() {
        if selected?.needsResync == true {
            if awaiting == nil { requestResynchronization() }
            return
        }
        tellUpdates(allowsExpunges: true)
    }

    /// Records a change for the selected mailbox. The selected mailbox deleted by another
    /// session ends the connection: nothing it refers to exists any more.
    mutating func apply(_ change: StoreChange) {
        guard let stillExists = selected?.hold(change), !stillExists else { return }
        selected = nil
        closeConnection(bye: "The selected mailbox was deleted")
    }

    /// Keeps a change that arrived while an answer was awaited; when too many pile up they
    /// are replaced by a re-read of the mailbox.
    mutating func holdChange(_ change: StoreChange) {
        if heldChanges.count >= configuration.maximumPendingUpdates {
            heldChanges = [.resyncNeeded]
        }
        heldChanges.append(change)
    }
}
