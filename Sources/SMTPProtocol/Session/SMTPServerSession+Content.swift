/// DATA and BDAT: streaming the content out and committing it (RFC 5321 §4.1.1.4, RFC 3030).
extension SMTPServerSession {
    mutating func data() {
        if let refusal = accessRefusal() { return rejectCommand(with: refusal) }
        guard let transaction else { return rejectCommand(with: .badSequence("Send MAIL first")) }
        // RFC 3030 §2: DATA after BDAT in the same transaction is a bad sequence.
        guard !transaction.usesChunking else {
            return rejectCommand(with: .badSequence("DATA is not allowed after BDAT"))
        }
        guard !transaction.recipients.isEmpty else { return send(.noValidRecipients) }
        // RFC 3030 §3: BINARYMIME content can only be sent with BDAT.
        guard transaction.parameters.body != .binaryMIME else {
            return rejectCommand(with: .badSequence("BODY=BINARYMIME requires BDAT"))
        }
        beginMessage(transaction, method: .data)
        contentReception = .data
        framer.readMessageData()
        send(.startMailInput)
    }

    mutating func finishMessageData(_ summary: SMTPMessageDataSummary) {
        contentReception = nil
        transaction = nil
        if summary.exceededMaximumSize {
            abortOpenMessage()
            send(.messageTooLarge(maximum: limits.maxMessageSize))
        } else if summary.sawBareLineEnding, policy.refusesBareLineEndings {
            abortOpenMessage()
            send(.bareLineEnding)
        } else if summary.exceededMaximumLineLength {
            abortOpenMessage()
            send(.textLineTooLong(maximum: limits.maxSMTPTextLineLength))
        } else {
            endMessage()
        }
    }

    /// BDAT (RFC 3030 §2). A refused BDAT still has its chunk read and discarded, so that its
    /// octets are never taken for commands; its reply follows the chunk.
    mutating func bdat(octets: Int, isLast: Bool) {
        let refusal = chunkRefusal(octets: octets)
        guard refusal == nil, var transaction else {
            let refusal = refusal ?? ChunkRefusal(reply: .badSequence("Send MAIL first"))
            if refusal.endsTransaction { resetTransaction() }
            contentReception = .chunk(octets: octets, isLast: isLast, refusal: refusal)
            framer.readChunk(octets: octets, discarding: true)
            return
        }
        if !transaction.usesChunking {
            transaction.usesChunking = true
            beginMessage(transaction, method: .chunking)
        }
        transaction.chunkedOctets += octets
        self.transaction = transaction
        contentReception = .chunk(octets: octets, isLast: isLast, refusal: nil)
        framer.readChunk(octets: octets, discarding: false)
    }

    private func chunkRefusal(octets: Int) -> ChunkRefusal? {
        guard policy.extensions.contains(.chunking) else { return ChunkRefusal(reply: .notImplemented("BDAT not available")) }
        if let refusal = accessRefusal() { return ChunkRefusal(reply: refusal) }
        guard let transaction else { return ChunkRefusal(reply: .badSequence("Send MAIL first")) }
        guard !transaction.recipients.isEmpty else {
            return ChunkRefusal(reply: .noValidRecipients, countsAsBadCommand: false)
        }
        let (total, overflow) = transaction.chunkedOctets.addingReportingOverflow(octets)
        if overflow || total > limits.maxMessageSize {
            return ChunkRefusal(
                reply: .messageTooLarge(maximum: limits.maxMessageSize), countsAsBadCommand: false,
                endsTransaction: true)
        }
        return nil
    }

    mutating func finishChunk() {
        guard case .chunk(let octets, let isLast, let refusal) = contentReception else { return }
        contentReception = nil
        if let refusal {
            if refusal.countsAsBadCommand { rejectCommand(with: refusal.reply) } else { send(refusal.reply) }
            return
        }
        if isLast {
            transaction = nil
            endMessage()
        } else {
            send(.chunkReceived(octets: octets))
        }
    }

    private mutating func beginMessage(_ transaction: MailTransaction, method: SMTPTransferMethod) {
        let envelope = SMTPEnvelope(
            sender: transaction.sender, mailParameters: transaction.parameters, recipients: transaction.recipients,
            authenticatedIdentity: authenticatedIdentity, helloName: transaction.helloName,
            usedExtendedHello: usedExtendedHello,
            tls: tls, remoteAddress: remoteAddress, listenerKind: policy.listenerKind,
            receivedAt: configuration.now(), transferMethod: method)
        outbox.append(.beginMessage(envelope))
        messageOpen = true
    }

    /// The content is complete: the glue commits it, and the 250 waits for its answer.
    private mutating func endMessage() {
        guard messageOpen else {
            // Every path that closes a message also answers it; this keeps the client answered
            // should one ever be missed.
            return send(.localError)
        }
        messageOpen = false
        outbox.append(.endMessage)
        awaiting = .messageCommit
    }
}
