/// The transactions: MAIL, RCPT, DATA and the content, one message after another
/// (RFC 5321 §3.3), pipelined when the server allows it (RFC 2920).
extension SMTPClientSession {
    /// Begins the next enqueued message if the session is free, reports the messages that
    /// cannot be sent to this server, and sends QUIT or announces idleness when none is left.
    mutating func startNextMessage() {
        while !isClosed, isReady, transaction == nil, messageAwaitingReset == nil, expectations.isEmpty {
            guard !queue.isEmpty else {
                if quitRequested {
                    sendQuit()
                } else if !announcedIdle {
                    announcedIdle = true
                    outbox.append(.readyForNextMessage)
                }
                return
            }
            let message = queue.removeFirst()
            announcedIdle = false
            if let outcome = localOutcome(for: message) {
                report(message, outcome)
                continue
            }
            if needsReset {
                needsReset = false
                messageAwaitingReset = message
                send("RSET")
                expectations.append(.reset)
                return
            }
            begin(message)
        }
    }

    /// The outcome of a message this server cannot take as it is, decided before sending
    /// anything: no recipients, SMTPUTF8 needed but not offered (RFC 6531 §3.2: never
    /// downgraded here), larger than SIZE (RFC 1870 §6.2), or 8-bit without 8BITMIME
    /// (RFC 6152 §3: the caller converts).
    private func localOutcome(for message: SMTPOutboundMessage) -> SMTPTransactionOutcome? {
        if message.recipients.isEmpty { return .completed([]) }
        if let requirement = message.smtpUTF8Requirement, !capabilities.smtpUTF8 {
            return .completed(message.recipients.map {
                SMTPRecipientResult(recipient: $0, outcome: .failed(.smtpUTF8NotOffered(requirement)))
            })
        }
        if let limit = capabilities.maximumMessageSize, message.size > limit {
            return .completed(message.recipients.map {
                SMTPRecipientResult(recipient: $0, outcome: .failed(.messageTooLarge(size: message.size, limit: limit)))
            })
        }
        if message.containsEightBitData, !capabilities.eightBitMIME { return .needsSevenBitConversion }
        return nil
    }

    /// MAIL; with PIPELINING also every RCPT and DATA in the same group (RFC 2920 §3.1).
    private mutating func begin(_ message: SMTPOutboundMessage) {
        let usesSMTPUTF8 = message.smtpUTF8Requirement != nil
        let transaction = ClientTransaction(
            message: message, usesSMTPUTF8: usesSMTPUTF8,
            isPipelined: configuration.usesPipelining && capabilities.pipelining)
        self.transaction = transaction
        let mail = SMTPClientCommandEncoder.mail(message, capabilities: capabilities, usesSMTPUTF8: usesSMTPUTF8)
        guard transaction.isPipelined else {
            send(mail)
            expectations.append(.mail)
            return
        }
        var group = SMTPClientCommandEncoder.line(mail)
        expectations.append(.mail)
        for (index, recipient) in message.recipients.enumerated() {
            group += SMTPClientCommandEncoder.line(
                SMTPClientCommandEncoder.recipient(recipient, capabilities: capabilities, usesSMTPUTF8: usesSMTPUTF8))
            expectations.append(.recipient(index))
        }
        group += SMTPClientCommandEncoder.line("DATA")
        expectations.append(.data)
        outbox.append(.send(group))
    }

    private mutating func sendRecipient(_ index: Int) {
        guard let transaction, transaction.message.recipients.indices.contains(index) else { return }
        send(SMTPClientCommandEncoder.recipient(
            transaction.message.recipients[index], capabilities: capabilities,
            usesSMTPUTF8: transaction.usesSMTPUTF8))
        expectations.append(.recipient(index))
    }

    mutating func handleReset(_ reply: SMTPReply) {
        guard reply.isPositiveCompletion, let message = messageAwaitingReset else {
            return fail(.resetRefused(reply), sendingQuit: true)
        }
        messageAwaitingReset = nil
        begin(message)
    }

    mutating func handleMail(_ reply: SMTPReply) {
        guard var transaction else { return }
        transaction.mailReply = reply
        self.transaction = transaction
        // Pipelined: the replies to the RCPTs and DATA of the group follow whatever this was.
        guard !transaction.isPipelined else { return }
        if reply.isPositiveCompletion {
            sendRecipient(0)
        } else {
            finishTransaction()
        }
    }

    mutating func handleRecipient(_ index: Int, _ reply: SMTPReply) {
        guard var transaction, transaction.recipientReplies.indices.contains(index) else { return }
        transaction.recipientReplies[index] = reply
        self.transaction = transaction
        guard !transaction.isPipelined else { return }
        if index + 1 < transaction.recipientReplies.count {
            sendRecipient(index + 1)
        } else if transaction.hasAcceptedRecipient {
            send("DATA")
            expectations.append(.data)
        } else {
            // RFC 5321 §3.3: no DATA without a recipient; the open transaction is reset before
            // the next one.
            needsReset = true
            finishTransaction()
        }
    }

    /// 354 starts the content; a refusal decides for the accepted recipients.
    mutating func handleData(_ reply: SMTPReply) {
        guard var transaction else { return }
        let canSend = transaction.mailAccepted && transaction.hasAcceptedRecipient
        if reply.isPositiveIntermediate {
            if canSend {
                contentEncoder = SMTPDataEncoder()
                outbox.append(.readContent)
            } else {
                // Pipelined DATA accepted with no recipient: end the empty content at once
                // (RFC 2920 §3.1) and let the server refuse it.
                var emptyContent = SMTPDataEncoder()
                outbox.append(.send(emptyContent.finish()))
                expectations.append(.emptyDataTermination)
            }
        } else if reply.isFailure {
            if canSend { transaction.finalReply = reply }
            self.transaction = transaction
            needsReset = transaction.mailAccepted
            finishTransaction()
        } else {
            fail(.protocolError(.unexpectedReply(reply, .dataInitiation)))
        }
    }

    mutating func handleDataTermination(_ reply: SMTPReply) {
        guard var transaction else { return }
        guard reply.isPositiveCompletion || reply.isFailure else {
            return fail(.protocolError(.unexpectedReply(reply, .dataTermination)))
        }
        transaction.finalReply = reply
        self.transaction = transaction
        finishTransaction()
    }

    mutating func handleEmptyDataTermination() {
        needsReset = transaction?.mailAccepted ?? false
        finishTransaction()
    }

    /// Reports the current transaction (normally complete) and moves on to the next message.
    private mutating func finishTransaction() {
        guard let transaction else { return }
        self.transaction = nil
        let missing = SMTPDeliveryProblem.connectionFailed(.connectionLost(phase))
        report(transaction.message, .completed(transaction.results(interruption: missing)))
        startNextMessage()
    }

    mutating func report(_ message: SMTPOutboundMessage, _ outcome: SMTPTransactionOutcome) {
        outbox.append(.transactionFinished(SMTPTransactionResult(
            message: message, outcome: outcome,
            deliveryStatusNotificationsPassedOn: capabilities.deliveryStatusNotifications, usedTLS: isTLSActive)))
    }

    private mutating func sendQuit() {
        quitSent = true
        send("QUIT")
        expectations.append(.quit)
    }
}
