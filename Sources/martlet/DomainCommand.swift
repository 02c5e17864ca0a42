import ArgumentParser
import MailStore

/// `martlet domain add|list|remove NAME`
struct DomainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domain",
        abstract: "Manage the domains this server receives mail for.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a local domain.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The domain name, e.g. example.org.") var name: String

        func run() async throws {
            let domain = try await withStore(store) { try await $0.addDomain(name) }
            print("added domain \(domain.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the local domains.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let domains = try await withStore(store) { try await $0.domains() }
            for domain in domains { print(domain.name) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a domain that has no accounts or aliases left.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The domain name.") var name: String

        func run() async throws {
            try await withStore(store) { try await $0.removeDomain(name) }
            print("removed domain \(name)")
        }
    }
}
