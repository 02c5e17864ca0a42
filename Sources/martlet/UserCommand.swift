import ArgumentParser
import MailCore
import MailStore
import MartletServer

/// `martlet user add|list|remove|passwd ADDRESS [--password-stdin]`
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage mail accounts.",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self]
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
}
