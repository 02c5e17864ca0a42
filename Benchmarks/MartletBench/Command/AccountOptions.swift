import ArgumentParser

/// `--users`, `--user-count`, `--password`: the accounts a run logs in as or sends to.
struct AccountOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Account names: a pattern whose %d is numbered from 1 (e.g. 'user%d@example.org').", valueName: "pattern"))
    var users: String

    @Option(help: "How many accounts the pattern stands for.")
    var userCount = 100

    @Option(help: "The accounts' password (all share it).")
    var password: String

    func validate() throws {
        do {
            _ = try UserPattern(users, count: userCount)
        } catch {
            throw ValidationError(error.description)
        }
        guard !password.isEmpty, IMAPQuoting.canQuote(password) else {
            throw ValidationError("--password must be non-empty, without CR, LF or NUL")
        }
    }

    /// The validated pattern.
    func pattern() throws -> UserPattern {
        do {
            return try UserPattern(users, count: userCount)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
