import AbuseDefense
import ArgumentParser
import Foundation
import MailStore

/// `martlet ban list|remove [ADDRESS]`: the client addresses banned for repeated failures
/// (`[bans]`). A running server picks up a removal within a few seconds.
struct BanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ban",
        abstract: "List or lift the bans of client addresses that failed to log in or abused a protocol too often.",
        subcommands: [List.self, Remove.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bans in force: address, end (UTC), reason.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let now = Date().timeIntervalSince1970
            let bans = try await withStore(store) { try await $0.activeBans(at: now) }
            let formatter = ISO8601DateFormatter()
            for ban in bans {
                print("\(ban.address)\tuntil \(formatter.string(from: Date(timeIntervalSince1970: ban.expires.rounded(.up))))\t\(ban.reason)")
            }
            if bans.isEmpty { print("no bans") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift the ban of an address.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The banned IP address (an IPv6 ban covers the address's /64; give either).") var address: String

        func run() async throws {
            guard let canonical = BanKey.named(address) else {
                throw ValidationError("\(address) is not an IP address or an IPv6 /64")
            }
            let lifted = try await withStore(store) { try await $0.liftBan(address: canonical, at: Date().timeIntervalSince1970) }
            guard lifted else { throw AdminError("\(canonical) is not banned") }
            print("lifted the ban of \(canonical)")
        }
    }
}
