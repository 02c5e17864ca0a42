/// MAIL and RCPT: opening a transaction and collecting its recipients (RFC 5321 §3.3).
extension SMTPServerSession {
    mutating func mail(from sender: SMTPReversePath, parameters: SMTPMailParameters) {
        guard let helloName else { return rejectCommand(with: .badSequence("Send HELO or EHLO first")) }
        if let refusal = accessRefusal() { return rejectCommand(with: refusal) }
        guard transaction == nil else { return rejectCommand(with: .badSequence("Nested MAIL command")) }
        if let keyword = unofferedParameter(in: parameters) {
            return rejectCommand(with: .parameterNotRecognized(keyword))
        }
        // RFC 1870 §6.1: a declared size beyond the limit is refused at MAIL.
        if let size = parameters.size, size > limits.maxMessageSize {
            return send(.messageTooLarge(maximum: limits.maxMessageSize))
        }
        var parameters = parameters
        // RFC 4954 §5: an unauthenticated client's AUTH= is treated as AUTH=<>.
        if parameters.submitter != nil, authenticatedIdentity == nil { parameters.submitter = .unknown }
        pendingCheck = .sender(sender, parameters, helloName)
        awaiting = .senderCheck
        outbox.append(.checkSender(SMTPSenderCheck(
            sender: sender, parameters: parameters, authenticatedIdentity: authenticatedIdentity,
            helloName: helloName)))
    }

    mutating func completeSenderCheck(
        sender: SMTPReversePath, parameters: SMTPMailParameters, helloName: SMTPHelloName, decision: SMTPCheckDecision
    ) {
        switch decision {
        case .accepted:
            transaction = MailTransaction(helloName: helloName, sender: sender, parameters: parameters)
            send(.senderAccepted)
        case .rejected(let reply):
            send(reply)
        }
    }

    mutating func rcpt(to recipient: SMTPForwardPath, parameters: SMTPRecipientParameters) {
        if let refusal = accessRefusal() { return rejectCommand(with: refusal) }
        guard let transaction else { return rejectCommand(with: .badSequence("Send MAIL first")) }
        guard !transaction.usesChunking else {
            return rejectCommand(with: .badSequence("RCPT is not allowed after BDAT"))
        }
        if !parameters.isEmpty, !policy.extensions.contains(.deliveryStatusNotifications) {
            return rejectCommand(with: .parameterNotRecognized(parameters.notify != nil ? "NOTIFY" : "ORCPT"))
        }
        if transaction.recipients.contains(where: { $0.path == recipient }) {
            // Already accepted: delivered once, answered as before.
            return send(.recipientAccepted)
        }
        // RFC 5321 §4.5.3.1.10: beyond the limit, 452 (the client retries them later).
        guard transaction.recipients.count < limits.maxRecipientsPerMessage else {
            return send(.tooManyRecipients)
        }
        pendingCheck = .recipient(recipient, parameters)
        awaiting = .recipientCheck
        outbox.append(.checkRecipient(SMTPRecipientCheck(
            recipient: recipient, parameters: parameters, sender: transaction.sender,
            authenticatedIdentity: authenticatedIdentity, acceptedRecipientCount: transaction.recipients.count)))
    }

    mutating func completeRecipientCheck(
        recipient: SMTPForwardPath, parameters: SMTPRecipientParameters, decision: SMTPCheckDecision
    ) {
        switch decision {
        case .accepted:
            transaction?.recipients.append(SMTPEnvelopeRecipient(path: recipient, parameters: parameters))
            send(.recipientAccepted)
        case .rejected(let reply):
            send(reply)
        }
    }

    /// Ends any transaction (RSET, HELO/EHLO), aborting a message whose content has begun.
    mutating func resetTransaction() {
        abortOpenMessage()
        transaction = nil
    }

    /// The keyword of a MAIL parameter whose extension is not offered, if any (RFC 5321
    /// §4.1.1.11: answered 555).
    private func unofferedParameter(in parameters: SMTPMailParameters) -> String? {
        let extensions = policy.extensions
        switch parameters.body {
        case .eightBitMIME where !extensions.contains(.eightBitMIME):
            return "BODY"
        case .binaryMIME where !extensions.isSuperset(of: [.chunking, .binaryMIME]):
            return "BODY"
        default:
            break
        }
        if parameters.requestsSMTPUTF8, !extensions.contains(.smtpUTF8) { return "SMTPUTF8" }
        if parameters.usesDSN, !extensions.contains(.deliveryStatusNotifications) {
            return parameters.returnContent != nil ? "RET" : "ENVID"
        }
        if parameters.submitter != nil, policy.authentication == .notOffered { return "AUTH" }
        return nil
    }
}
