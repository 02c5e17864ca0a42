/// `martlet-bench imap --workload mixed`: each client logs in, selects the mailbox, then
/// draws operations by weight (fetch headers, fetch bodies, store flags, append, expunge,
/// select, logout). A client without a session logs in again. Every operation is timed
/// from its command to its tagged completion; "login" from connect to LOGIN's OK.
struct IMAPMixedWorkload: Sendable {
    let context: RunContext
    let choice: WeightedChoice<IMAPOperation>
    let mailbox: String
    let message: FixedSizeMessage

    private typealias Step = IMAPStep

    /// The words SEARCH TEXT looks for: the vocabulary's longer words (not "the" or "a").
    private static let searchWords = SampleText.words.filter { $0.count >= 5 }

    func run() async {
        await context.runClients { index in await runClient(index) }
    }

    private func runClient(_ index: Int) async {
        var random = SeededRandom(seed: context.seed, stream: UInt64(index))
        var session: IMAPClientSession?
        var selected = false
        var appended = 0
        while !Task.isCancelled, context.budget.take() {
            guard var current = session, current.connection.isActive else {
                session = await context.timedIMAPLogin(forClient: index)
                selected = false
                if session == nil { await LoadDriver.pauseAfterFailure() }
                continue
            }
            var operation = selected ? choice.pick(using: &random) : .select
            if operation.needsMessage, current.messageCount == 0 { operation = .append }
            let count = current.messageCount
            let step: Step
            switch operation {
            case .login, .select:
                operation = .select
                step = { session throws(BenchError) in try await session.select(mailbox) }
            case .fetchHeaders:
                let first = random.within(1...count)
                step = { session throws(BenchError) in
                    try await session.command("FETCH \(first):\(min(count, first + 19)) (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER])")
                }
            case .fetchBody:
                let number = random.within(1...count)
                let recorder = context.recorder
                step = { session throws(BenchError) in
                    let exchange = try await session.command("FETCH \(number) (BODY.PEEK[])")
                    recorder.count("bytes-fetched", exchange.literalBytes)
                }
            case .store:
                let number = random.within(1...count)
                let change = random.element(of: ["+FLAGS.SILENT (\\Seen)", "-FLAGS.SILENT (\\Seen)", "+FLAGS.SILENT (\\Flagged)", "-FLAGS.SILENT (\\Flagged)"])
                step = { session throws(BenchError) in try await session.command("STORE \(number) \(change)") }
            case .append:
                appended += 1
                let bytes = message.message(recipient: context.users.address(forClient: index), client: index, sequence: appended)
                step = { session throws(BenchError) in try await session.append(bytes, to: mailbox) }
            case .expunge:
                let number = random.within(1...count)
                step = { session throws(BenchError) in
                    try await session.command("STORE \(number) +FLAGS.SILENT (\\Deleted)")
                    try await session.command("EXPUNGE")
                }
            case .searchText:
                let word = random.element(of: Self.searchWords)
                // ESEARCH (RFC 4731): the server's search cost, not a line of 100,000 numbers.
                step = { session throws(BenchError) in try await session.command("SEARCH RETURN (MIN MAX COUNT) TEXT \(word)") }
            case .logout:
                step = { session throws(BenchError) in try await session.logout() }
            }
            let succeeded = await context.perform(operation, on: &current, step)
            if operation == .select { selected = succeeded }
            session = operation == .logout ? nil : current
        }
        if var remaining = session, remaining.connection.isActive {
            _ = await context.perform(.logout, on: &remaining) { session throws(BenchError) in try await session.logout() }
        }
    }
}
