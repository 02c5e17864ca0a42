/// A configuration that cannot be used, with the file and line to fix.
///
/// Its ``description`` is one line: `FILE:LINE: what is wrong` (`FILE:LINE:COLUMN:` for
/// syntax errors), e.g. `/etc/martlet.toml:12: unknown key "listen.smtpp"`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// The file could not be read.
        case unreadableFile(reason: String)
        /// The text is not valid TOML (the column is 1-based).
        case syntax(message: String, column: Int)
        /// A key the server does not know (dotted path).
        case unknownKey(String)
        /// A key whose value has the wrong TOML type.
        case wrongType(key: String, expected: String, found: String)
        /// A key whose value is of the right type but not acceptable.
        case invalidValue(key: String, reason: String)
        /// A required key that is absent.
        case missingKey(String)
    }

    /// The configuration file, if the configuration came from one.
    public let file: String?
    /// The 1-based line the problem is on, when known.
    public let line: Int?
    /// What is wrong.
    public let problem: Problem

    /// Creates an error.
    public init(file: String?, line: Int?, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        var position = [file, line.map(String.init)].compactMap { $0 }
        if case .syntax(_, let column) = problem, line != nil { position.append(String(column)) }
        let location = position.isEmpty ? "" : position.joined(separator: ":") + ": "
        switch problem {
        case .unreadableFile(let reason):
            return "\(location)cannot read the configuration file: \(reason)"
        case .syntax(let message, _):
            return "\(location)TOML syntax error: \(message)"
        case .unknownKey(let key):
            return "\(location)unknown key \"\(key)\""
        case .wrongType(let key, let expected, let found):
            return "\(location)\"\(key)\" must be \(expected), not \(found)"
        case .invalidValue(let key, let reason):
            return "\(location)invalid \"\(key)\": \(reason)"
        case .missingKey(let key):
            return "\(location)missing required key \"\(key)\""
        }
    }
}
