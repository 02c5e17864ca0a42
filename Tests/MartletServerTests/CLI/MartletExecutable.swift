import Foundation
import Testing
import TestSupport

/// Runs the built `martlet` executable the way an operator would.
struct MartletExecutable {
    let url: URL

    init() throws {
        url = try #require(BuiltProducts.executable(named: "martlet"), "the martlet executable was not built next to the tests")
    }

    @discardableResult
    func run(_ arguments: [String], input: String? = nil, timeout: TimeInterval = 60) async throws -> ProcessResult {
        try await ChildProcess.run(url, arguments, input: input, timeout: timeout)
    }
}
