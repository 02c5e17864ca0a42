/// One timed IMAP operation: a command or a few on a logged-in session.
typealias IMAPStep = (inout IMAPClientSession) async throws(BenchError) -> Void

extension RunContext {
    /// A new session for client `index`'s account, timed as "login" (connect to LOGIN's
    /// OK); nil when it failed (counted as an error).
    func timedIMAPLogin(forClient index: Int) async -> IMAPClientSession? {
        await measure(IMAPOperation.login.rawValue) { () async throws(BenchError) -> IMAPClientSession in
            let session = try await openIMAP(user: users.address(forClient: index))
            recorder.count("sessions")
            return session
        }
    }

    /// Runs and times one operation. A refusal (NO, BAD) leaves the session usable; any
    /// other error closes it, since its state is then unknown.
    func perform(_ operation: IMAPOperation, on session: inout IMAPClientSession, _ step: IMAPStep) async -> Bool {
        let start = ContinuousClock.now
        do throws(BenchError) {
            try await step(&session)
            recorder.record(operation.rawValue, ContinuousClock.now - start)
            return true
        } catch {
            recorder.failed(error)
            if !error.leavesSessionUsable { session.connection.close() }
            return false
        }
    }
}
