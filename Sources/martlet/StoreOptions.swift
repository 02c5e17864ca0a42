import ArgumentParser
import MailStore
import MartletServer

/// `--config FILE` or `--data DIR`: how an admin command finds the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The server's configuration file; its `data` folder holds the store.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The data folder holding the store (default: ./martlet-data, as `martlet dev` uses).", valueName: "dir"))
    var data: String?

    func validate() throws {
        if config != nil, data != nil {
            throw ValidationError("give either --config or --data, not both")
        }
    }

    /// Opens the store for administration (no garbage collection: a server may be running).
    func openStore() async throws -> SQLiteMailStore {
        let location = try StoreLocation(configurationFile: config, dataDirectory: data)
        return try await location.openForAdministration()
    }
}

/// Runs `body` with the store open, closing it afterwards whatever happens.
@discardableResult
func withStore<Result>(_ options: StoreOptions, _ body: (SQLiteMailStore) async throws -> Result) async throws -> Result {
    let store = try await options.openStore()
    do {
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}
