import TOMLKit

/// Typed access to a parsed TOML document that turns every surprise into a
/// ``ConfigurationError`` naming the file, the line and the key.
struct TOMLDocumentReader {
    let file: String
    let locator: TOMLKeyLocator

    /// An error about `path`, placed on its line.
    func error(at path: [String], _ problem: ConfigurationError.Problem) -> ConfigurationError {
        ConfigurationError(file: file, line: locator.line(of: path), problem: problem)
    }

    /// The paths of the keys of `table` (at `path`) that are not in `known`.
    func unknownKeys(in table: TOMLTable, at path: [String], known: Set<String>) -> [[String]] {
        table.keys.filter { !known.contains($0) }.map { path + [$0] }
    }

    /// Refuses the earliest (by line) of `unknownPaths`, if any.
    func rejectUnknownKeys(_ unknownPaths: [[String]]) throws(ConfigurationError) {
        let earliest = unknownPaths.min { first, second in
            let (firstLine, secondLine) = (locator.line(of: first) ?? .max, locator.line(of: second) ?? .max)
            return firstLine != secondLine ? firstLine < secondLine : first.lexicographicallyPrecedes(second)
        }
        if let earliest {
            throw error(at: earliest, .unknownKey(earliest.joined(separator: ".")))
        }
    }

    /// The sub-table `key` of `table`, if present.
    func table(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let subtable = value.table else { throw wrongType(path + [key], "a table", value) }
        return subtable
    }

    /// The string `key` of `table`, if present.
    func string(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw wrongType(path + [key], "a string", value) }
        return string
    }

    /// The integer `key` of `table`, if present.
    func integer(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let integer = value.int else { throw wrongType(path + [key], "an integer", value) }
        return integer
    }

    /// The number `key` of `table` (an integer or a floating-point number), if present.
    func number(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> Double? {
        guard let value = table[key] else { return nil }
        if let integer = value.int { return Double(integer) }
        guard let number = value.double, number.isFinite else { throw wrongType(path + [key], "a number", value) }
        return number
    }

    /// The boolean `key` of `table`, if present.
    func boolean(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let boolean = value.bool else { throw wrongType(path + [key], "true or false", value) }
        return boolean
    }

    /// The list of strings `key` of `table`, if present.
    func strings(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(path + [key], "a list of strings", value) }
        var strings: [String] = []
        for element in array {
            guard let string = element.string else {
                throw wrongType(path + [key], "a list of strings", element, inList: true)
            }
            strings.append(string)
        }
        return strings
    }

    /// The list of integers `key` of `table`, if present.
    func integers(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> [Int]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(path + [key], "a list of integers", value) }
        var integers: [Int] = []
        for element in array {
            guard let integer = element.int else {
                throw wrongType(path + [key], "a list of integers", element, inList: true)
            }
            integers.append(integer)
        }
        return integers
    }

    /// A required string.
    func requiredString(_ key: String, in table: TOMLTable, at path: [String]) throws(ConfigurationError) -> String {
        guard let value = try string(key, in: table, at: path) else {
            throw ConfigurationError(file: file, line: nil, problem: .missingKey((path + [key]).joined(separator: ".")))
        }
        return value
    }

    private func wrongType(
        _ path: [String], _ expected: String, _ value: any TOMLValueConvertible, inList: Bool = false
    ) -> ConfigurationError {
        let found = inList ? "a list containing \(Self.article(value.type))" : Self.article(value.type)
        return error(at: path, .wrongType(key: path.joined(separator: "."), expected: expected, found: found))
    }

    /// "a string", "an integer", "a table"...
    private static func article(_ type: TOMLType) -> String {
        switch type {
        case .int, .array: "an \(type == .int ? "integer" : "array")"
        case .double: "a floating-point number"
        case .dateTime: "a date-time"
        default: "a \(type.rawValue)"
        }
    }
}
