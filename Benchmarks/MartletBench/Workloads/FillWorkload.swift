import NIOCore

/// `martlet-bench fill`: puts `--messages-per-user` generated messages in each account's
/// mailbox, over SMTP (as mail to the account) or IMAP APPEND (logged in as the account).
/// Client c fills accounts c+1, c+1+clients, ...; each mailbox's messages come from its own
/// generator, so the same seed fills the same mailboxes with the same messages.
struct FillWorkload: Sendable {
    enum Route: String, Sendable, CaseIterable {
        case smtp
        case imap
    }

    let context: RunContext
    let route: Route
    let messagesPerUser: Int
    let minimumSize: Int
    let maximumSize: Int
    let heloName: String
    let mailbox: String
    /// SMTP AUTH PLAIN as the client's first account (submission ports).
    let authenticate: Bool

    func run() async {
        await context.runClients { index in
            switch route {
            case .smtp: await fillOverSMTP(index)
            case .imap: await fillOverIMAP(index)
            }
        }
    }

    private func generator(forUser number: Int) -> MessageGenerator {
        MessageGenerator(.init(
            seed: context.seed, mailboxNumber: number, recipient: context.users.address(number: number),
            minimumSize: minimumSize, maximumSize: maximumSize))
    }

    /// The accounts client `index` fills.
    private func userNumbers(_ index: Int) -> StrideTo<Int> {
        stride(from: index + 1, to: context.users.count + 1, by: context.clients)
    }

    private func count(_ message: GeneratedMessage) {
        context.recorder.count("messages")
        context.recorder.count("bytes", message.bytes.count)
        context.recorder.count("shape-\(message.shape.rawValue)")
        if message.isReply { context.recorder.count("replies") }
    }

    private func fillOverSMTP(_ index: Int) async {
        var session: SMTPClientSession?
        for number in userNumbers(index) {
            var generator = generator(forUser: number)
            var made = 0
            while made < messagesPerUser, !Task.isCancelled, context.budget.take() {
                if session?.connection.isActive != true {
                    session = await context.measure("connect") { () async throws(BenchError) -> SMTPClientSession in
                        try await context.openSMTP(
                            heloName: heloName, authenticatingAs: authenticate ? context.users.address(forClient: index) : nil)
                    }
                }
                guard let current = session else {
                    await LoadDriver.pauseAfterFailure()
                    continue
                }
                let message = generator.next()
                made += 1
                let outgoing = OutgoingMessage(
                    sender: message.sender, recipient: context.users.address(number: number),
                    stuffedParts: [ByteBuffer(bytes: DotStuffing.stuff(message.bytes))], hasEightBitText: message.hasEightBitText)
                if await context.measure("deliver", closingOnError: current.connection, { () async throws(BenchError) -> Void in
                    let latency = try await current.send(outgoing)
                    context.recorder.record("data-to-250", latency)
                }) != nil {
                    count(message)
                }
            }
            if Task.isCancelled || context.budget.isOver { break }
        }
        await session?.quit()
    }

    private func fillOverIMAP(_ index: Int) async {
        for number in userNumbers(index) {
            var generator = generator(forUser: number)
            var made = 0
            var session: IMAPClientSession?
            while made < messagesPerUser, !Task.isCancelled, context.budget.take() {
                if session?.connection.isActive != true {
                    session = await context.measure("login") { () async throws(BenchError) -> IMAPClientSession in
                        try await context.openIMAP(user: context.users.address(number: number))
                    }
                }
                guard var current = session else {
                    await LoadDriver.pauseAfterFailure()
                    continue
                }
                let message = generator.next()
                made += 1
                let bytes = ByteBuffer(bytes: message.bytes)
                if await context.measure("deliver", closingOnError: current.connection, { () async throws(BenchError) -> Void in
                    try await current.append(bytes, to: mailbox)
                }) != nil {
                    count(message)
                }
                session = current
            }
            if var current = session, current.connection.isActive { try? await current.logout() }
            if Task.isCancelled || context.budget.isOver { break }
        }
    }
}
