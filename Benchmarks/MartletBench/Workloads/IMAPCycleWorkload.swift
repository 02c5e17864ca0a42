/// `martlet-bench imap --workload cycle`: issue 5's client cycle, in order: login, SELECT,
/// FETCH of the newest 50 messages' flags, size and header, one FETCH of 5 whole messages,
/// STORE of a flag, APPEND of one message, STORE `\Deleted` on the newest message and
/// EXPUNGE (so the mailbox keeps its size), LOGOUT. With `staysLoggedIn` a client logs in
/// once and repeats the cycle from SELECT, without LOGOUT and LOGIN. Each step is one
/// operation of the report (the expunge step is its two commands).
struct IMAPCycleWorkload: Sendable {
    let context: RunContext
    let mailbox: String
    let message: FixedSizeMessage
    let staysLoggedIn: Bool

    static let headerCount = 50
    static let bodyCount = 5

    func run() async {
        await context.runClients { index in await runClient(index) }
    }

    private func runClient(_ index: Int) async {
        var random = SeededRandom(seed: context.seed, stream: UInt64(index))
        var session: IMAPClientSession?
        var appended = 0
        cycles: while !Task.isCancelled {
            guard var current = session, current.connection.isActive else {
                guard context.budget.take() else { break }
                session = await context.timedIMAPLogin(forClient: index)
                if session == nil { await LoadDriver.pauseAfterFailure() }
                continue
            }
            appended += 1
            for (operation, step) in steps(random: &random, appended: appended, client: index) {
                if operation.needsMessage, current.messageCount == 0 { continue }
                guard !Task.isCancelled, context.budget.take() else { break cycles }
                guard await context.perform(operation, on: &current, step) || current.connection.isActive else { break }
            }
            session = staysLoggedIn && current.connection.isActive ? current : nil
            if !staysLoggedIn, current.connection.isActive {
                _ = await context.perform(.logout, on: &current) { session throws(BenchError) in try await session.logout() }
            }
        }
        if var remaining = session, remaining.connection.isActive {
            _ = await context.perform(.logout, on: &remaining) { session throws(BenchError) in try await session.logout() }
        }
    }

    /// The cycle's steps after login, their message numbers drawn when each runs.
    private func steps(random: inout SeededRandom, appended: Int, client: Int) -> [(IMAPOperation, IMAPStep)] {
        let bodySeed = random.within(1...Int.max / 2)
        let storeSeed = random.within(1...Int.max / 2)
        let change = random.element(of: ["+FLAGS.SILENT (\\Seen)", "-FLAGS.SILENT (\\Seen)", "+FLAGS.SILENT (\\Flagged)",
                                         "-FLAGS.SILENT (\\Flagged)"])
        let bytes = message.message(recipient: context.users.address(forClient: client), client: client, sequence: appended)
        let recorder = context.recorder
        return [
            (.select, { [mailbox] session throws(BenchError) in try await session.select(mailbox) }),
            (.fetchHeaders, { session throws(BenchError) in
                let count = session.messageCount
                let first = max(1, count - Self.headerCount + 1)
                try await session.command("FETCH \(first):\(count) (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER])")
            }),
            (.fetchBody, { session throws(BenchError) in
                let count = session.messageCount
                let numbers = (0..<Self.bodyCount).map { String((bodySeed + $0 * 7919) % count + 1) }
                let exchange = try await session.command("FETCH \(numbers.joined(separator: ",")) (BODY.PEEK[])")
                recorder.count("bytes-fetched", exchange.literalBytes)
            }),
            (.store, { session throws(BenchError) in
                try await session.command("STORE \(storeSeed % session.messageCount + 1) \(change)")
            }),
            (.append, { [mailbox] session throws(BenchError) in try await session.append(bytes, to: mailbox) }),
            (.expunge, { session throws(BenchError) in
                try await session.command("STORE \(session.messageCount) +FLAGS.SILENT (\\Deleted)")
                try await session.command("EXPUNGE")
            }),
        ]
    }
}
