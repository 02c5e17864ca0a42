import Foundation

extension Encodable {
    /// The value as one line of JSON with sorted, snake_case keys: how every martlet-bench
    /// report prints with `--json`.
    func reportJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
