extension RunContext {
    /// An SMTP session ready to send: greeting, EHLO, STARTTLS if asked, and AUTH PLAIN
    /// as `user` when given. The connection is closed if any step fails.
    func openSMTP(heloName: String, authenticatingAs user: String?) async throws(BenchError) -> SMTPClientSession {
        let session = try await SMTPClientSession.open(endpoint, group: group, startTLS: startTLS, heloName: heloName)
        guard let user else { return session }
        return try await session.connection.closingOnFailure { () async throws(BenchError) in
            try await session.authenticate(user: user, password: password)
            return session
        }
    }

    /// An IMAP session logged in as `user`. The connection is closed if any step fails.
    func openIMAP(user: String) async throws(BenchError) -> IMAPClientSession {
        var session = try await IMAPClientSession.open(endpoint, group: group, startTLS: startTLS)
        try await session.connection.closingOnFailure { () async throws(BenchError) in
            try await session.login(user: user, password: password)
        }
        return session
    }

    /// A POP3 session logged in as `user`. The connection is closed if any step fails.
    func openPOP3(user: String) async throws(BenchError) -> POP3ClientSession {
        let session = try await POP3ClientSession.open(endpoint, group: group, startTLS: startTLS)
        try await session.connection.closingOnFailure { () async throws(BenchError) in
            try await session.login(user: user, password: password)
        }
        return session
    }
}
