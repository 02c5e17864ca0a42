import ArgumentParser
import MailCore
import MailStore

/// `martlet alias add|list|remove SOURCE [TARGET...]`
struct AliasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alias",
        abstract: "Manage aliases: one address to many (a simple mailing list), or a domain's catch-all (@domain).",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add targets to an alias, creating it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The alias address, or @domain for the domain's catch-all.") var source: String
        @Argument(help: "Where its mail goes: one or more addresses, local or remote.") var targets: [String]

        func validate() throws {
            if targets.isEmpty { throw ValidationError("give at least one target address") }
        }

        func run() async throws {
            let parsedSource = try AliasSource(parsing: source)
            let parsedTargets = try targets.map(AdminArguments.address)
            try await withStore(store) { try await $0.addAlias(parsedSource, targets: parsedTargets) }
            print("alias \(parsedSource) -> \(parsedTargets.map(\.description).joined(separator: ", "))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the aliases, of one domain or of all.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Only the aliases of this domain.") var domain: String?

        func run() async throws {
            let aliases = try await withStore(store) { try await $0.aliases(inDomain: domain) }
            for alias in aliases { print(alias) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove some targets of an alias, or the whole alias when no target is given.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The alias address, or @domain.") var source: String
        @Argument(help: "Targets to remove (all when none is given).") var targets: [String] = []

        func run() async throws {
            let parsedSource = try AliasSource(parsing: source)
            let parsedTargets = try targets.map(AdminArguments.address)
            try await withStore(store) { try await $0.removeAlias(parsedSource, targets: parsedTargets) }
            if parsedTargets.isEmpty {
                print("removed alias \(parsedSource)")
            } else {
                print("removed \(parsedTargets.map(\.description).joined(separator: ", ")) from alias \(parsedSource)")
            }
        }
    }
}
