import Foundation
import MailCore
import MailStore

/// An APPEND being received (RFC 9051 §6.3.12, MULTIAPPEND RFC 3502).
struct AppendInProgress: Sendable {
    let tag: String
    /// The destination, once it is known to exist.
    var mailbox: MailboxInfo?
    /// The messages received in full.
    var messages: [AppendedMessage] = []
    /// The message being received.
    var current: AppendedMessage?
    /// Octets of all its messages held in memory.
    var memoryBytes = 0
}

/// APPEND: the destination is checked before the client sends the data (TRYCREATE), the data
/// is streamed into memory and then a spool file, and the messages are saved together at
/// the end; the completion carries APPENDUID (RFC 4315).
extension IMAPServerSession {
    mutating func beginAppend(_ start: AppendStart) {
        if authenticatedUsername == nil {
            parser.rejectCurrentCommand()
            if countCommandBeforeLogin() { return }
            return bad(start.tag, "Log in first")
        }
        append = AppendInProgress(tag: start.tag)
        guard let name = mailboxName(start.mailbox, tag: start.tag) else {
            append = nil
            parser.rejectCurrentCommand()
            return
        }
        execute(.appendTarget(name), then: .appendTarget(tag: start.tag))
    }

    mutating func completeAppendTarget(tag: String, response: IMAPStoreResponse) {
        guard case .mailbox(let info) = response else {
            // Refused before the client sends the data (RFC 9051 §6.3.12: TRYCREATE).
            append = nil
            parser.rejectCurrentCommand()
            return answerFailure(tag: tag, response: response, missingMailbox: .tryCreate)
        }
        append?.mailbox = info
    }

    mutating func beginAppendMessage(_ message: AppendMessage) {
        guard let progress = append, progress.mailbox != nil else { return }
        let flags: MessageFlags
        do {
            flags = try FlagConversion.messageFlags(message.flags)
        } catch {
            append = nil
            parser.rejectCurrentCommand()
            return bad(progress.tag, error.description)
        }
        let date = message.internalDate.map { Date(timeIntervalSince1970: TimeInterval($0.secondsSinceEpoch)) }
        append?.current = AppendedMessage(spool: AppendSpool(), flags: flags, internalDate: date)
    }

    mutating func receiveAppendBytes(_ bytes: [UInt8]) {
        guard let progress = append, let current = progress.current else { return }
        if progress.memoryBytes + bytes.count <= configuration.appendMemoryThreshold && current.spool.file == nil {
            append?.current?.spool.keep(bytes)
            append?.memoryBytes += bytes.count
        } else {
            append?.memoryBytes -= current.spool.memory.count
            execute(.writeSpool(current.spool, bytes), then: .appendSpool)
        }
    }

    mutating func completeAppendSpool(_ response: IMAPStoreResponse) {
        guard case .spool(let spool) = response else {
            guard let tag = append?.tag else { return }
            append = nil
            parser.rejectCurrentCommand()
            return answerFailure(tag: tag, response: response)
        }
        append?.current?.spool = spool
    }

    mutating func endAppendMessage() {
        guard let current = append?.current else { return }
        append?.messages.append(current)
        append?.current = nil
    }

    mutating func finishAppend(tag: String) {
        guard let progress = append, progress.tag == tag, let mailbox = progress.mailbox else { return }
        append = nil
        execute(.append(progress.messages, to: mailbox.id), then: .appendCommit(tag: tag))
    }

    mutating func completeAppend(tag: String, response: IMAPStoreResponse) {
        guard case .appended(let uidValidity, let uids) = response else {
            return answerFailure(tag: tag, response: response, missingMailbox: .tryCreate)
        }
        ok(tag, "APPEND completed",
           code: .appendUID(uidValidity: uidValidity.rawValue, uids: SequenceSet(UIDRanges.ranges(of: uids))))
    }
}
