import MailCore

/// APPEND messages, streamed (RFC 9051 §6.3.12, MULTIAPPEND RFC 3502, BINARY RFC 3516 §4.4).
extension CommandParser {
    /// Starts message `index` of an APPEND after checking its size against the limits.
    mutating func startMessage(tag: String, mailbox: EncodedMailboxName?, flags: [Flag], internalDate: MessageDate?,
                               marker: LiteralMarker, index: Int) {
        guard let size = marker.size, size <= configuration.maximumMessageSize else {
            refuse(GrammarError("the message is larger than \(configuration.maximumMessageSize) octets", status: .no,
                                code: .tooBig), marker: marker)
            return
        }
        if let refusal = literalMinusRefusal(marker, size: size) {
            refuse(refusal, marker: marker)
            return
        }
        guard index < configuration.maximumMessagesPerAppend else {
            refuse(GrammarError("too many messages in one APPEND", code: .limit), marker: marker)
            return
        }
        if let mailbox {
            pending.append(.appendStart(AppendStart(tag: tag, mailbox: mailbox)))
        }
        appendProgress = AppendProgress(tag: tag, messageCount: index + 1)
        pending.append(.appendMessageStart(AppendMessage(flags: flags, internalDate: internalDate, size: size,
                                                         isBinary: marker.isBinary, index: index)))
        if !marker.isNonSynchronizing { pending.append(.continuationRequest) }
        resetCommand()
        state = .appendMessage(remaining: size)
    }

    /// Hands over the next piece of the message.
    mutating func stepAppendMessage(_ remaining: Int) -> Bool {
        if remaining == 0 {
            pending.append(.appendMessageEnd)
            state = .line
            return true
        }
        guard !input.isEmpty else { return false }
        let chunk = input.take(min(remaining, configuration.appendChunkSize))
        pending.append(.appendMessageBytes(chunk))
        if chunk.count == remaining {
            pending.append(.appendMessageEnd)
            state = .line
        } else {
            state = .appendMessage(remaining: remaining - chunk.count)
        }
        return true
    }

    /// The line after a message: empty ends the APPEND; otherwise it announces the next message.
    mutating func handleLineAfterMessage(_ line: [UInt8], marker: LiteralMarker?, progress: AppendProgress) {
        guard let marker else {
            appendProgress = nil
            if line.isEmpty {
                pending.append(.appendEnd(tag: progress.tag))
            } else {
                pending.append(.rejected(CommandRejection(tag: progress.tag,
                                                          text: "expected another message or the end of the APPEND")))
            }
            return
        }
        do {
            let (flags, date) = try AppendGrammar.nextMessage(line)
            startMessage(tag: progress.tag, mailbox: nil, flags: flags, internalDate: date, marker: marker,
                         index: progress.messageCount)
        } catch {
            refuse(error, marker: marker)
        }
    }
}
