import ArgumentParser
import MailCore
import MailStore
import MartletServer

/// `martlet user add|list|remove|passwd|apop|quota ADDRESS [--password-stdin]`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage mail accounts.",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self, APOP.self, Quota.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with its default mailboxes.",
            discussion: "Without --password-stdin the password is asked for on a terminal, or generated and printed once."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: "The account's address, e.g. alice@example.org.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            let secret = try password.obtain()
            let credential = try AccountCredential.make(password: secret.password)
            try await withStore(store) { try await $0.createAccount(parsed, credential: credential) }
            print("created account \(parsed)")
            if secret.wasGenerated { print("password: \(secret.password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts, of one domain or of all.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Only the accounts of this domain.") var domain: String?

        func run() async throws {
            let accounts = try await withStore(store) { try await $0.accounts(inDomain: domain) }
            for account in accounts { print(account.address) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account with all its mailboxes and messages.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            try await withStore(store) { try await $0.deleteAccount(parsed) }
            print("removed account \(parsed)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            let secret = try password.obtain()
            let credential = try AccountCredential.make(password: secret.password)
            try await withStore(store) { try await $0.setCredential(credential, for: parsed) }
            print("changed the password of \(parsed)")
            if secret.wasGenerated { print("password: \(secret.password)") }
        }
    }

    struct APOP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apop",
            abstract: "Set or remove an account's APOP secret (POP3 APOP, when [auth] apop = true).",
            discussion: """
                APOP (RFC 1939) needs a secret the server can read back, so it is not the login \
                password (kept only as a SCRAM verifier) but a second secret for POP3 clients \
                that use APOP. Without --password-stdin it is asked for on a terminal, or \
                generated and printed once.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var password: PasswordOptions
        @Flag(help: "Remove the secret: APOP logins of this account fail.") var remove = false
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            if remove {
                try await withStore(store) { try await $0.setAPOPSecret(nil, for: parsed) }
                print("removed the APOP secret of \(parsed)")
                return
            }
            let secret = try password.obtain()
            try await withStore(store) { try await $0.setAPOPSecret(secret.password, for: parsed) }
            print("set the APOP secret of \(parsed)")
            if secret.wasGenerated { print("apop secret: \(secret.password)") }
        }
    }

    struct Quota: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set an account's quota (storage and message count).",
            discussion: """
                Without options it prints the limits and the usage. A full account refuses \
                new mail at RCPT (452 4.2.2, so senders retry) and IMAP APPEND and COPY with \
                OVERQUOTA. Sizes take K, M or G (1024-based); "none" removes a limit.
                """
        )

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The most octets, e.g. 500M or 2G, or none.", valueName: "size")) var storage: String?
        @Option(help: ArgumentHelp("The most messages, or none.", valueName: "count")) var messages: String?
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let parsed = try AdminArguments.address(address)
            let quota = try await withStore(store) { store in
                guard let account = try await store.account(for: parsed) else { throw AdminError("no account \(parsed)") }
                if storage != nil || messages != nil {
                    let current = try await store.quota(of: account.id)
                    let newStorage = try storage.map { try Self.limit($0, sized: true) } ?? current.storageLimit
                    let newMessages = try messages.map { try Self.limit($0, sized: false) } ?? current.messageLimit
                    try await store.setQuota(storage: newStorage, messages: newMessages, for: parsed)
                }
                return try await store.quota(of: account.id)
            }
            print("\(parsed): storage \(quota.storageUsed) of \(quota.storageLimit.map(String.init) ?? "unlimited") octets, "
                + "messages \(quota.messagesUsed) of \(quota.messageLimit.map(String.init) ?? "unlimited")")
        }

        /// A limit as given: a number (with K, M, G for sizes), or "none" for no limit.
        static func limit(_ text: String, sized: Bool) throws -> Int? {
            let lowered = text.lowercased()
            if lowered == "none" { return nil }
            var digits = Substring(lowered)
            var multiplier = 1
            if sized, let unit = digits.last, let power = ["k": 1, "m": 2, "g": 3, "t": 4][String(unit)] {
                multiplier = 1 << (10 * power)
                digits = digits.dropLast()
            }
            guard let value = Int(digits), value >= 0, value <= Int.max / multiplier else {
                throw AdminError("\(text) is not a \(sized ? "size (e.g. 500M)" : "count") or none")
            }
            return value * multiplier
        }
    }
}
