#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// Formats one log record as one readable line:
/// `2026-11-22T23:40:01.123Z info martlet.store: delivered mailbox=INBOX uid=42`.
///
/// Metadata is sorted by key; a value is quoted when it is empty or contains a space,
/// `"` , `=` or a control character. Newlines and other control characters in the
/// message and values are escaped, so a peer-supplied string cannot forge log lines.
struct LogLineFormatter: Sendable {
    /// The line for a record at `secondsSinceEpoch` (with fractional part).
    func line(
        timestamp secondsSinceEpoch: Double, level: Logger.Level, label: String, message: String,
        metadata: Logger.Metadata
    ) -> String {
        var line = Self.timestamp(secondsSinceEpoch)
        line += " "
        line += level.rawValue
        line += " "
        line += Self.escaped(label)
        line += ": "
        line += Self.escaped(message)
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " "
            line += Self.escaped(key)
            line += "="
            line += Self.quotedIfNeeded(Self.render(value))
        }
        return line
    }

    /// ISO 8601 in UTC with milliseconds: `2026-11-22T23:40:01.123Z`.
    static func timestamp(_ secondsSinceEpoch: Double) -> String {
        let totalMilliseconds = Int64((secondsSinceEpoch * 1000).rounded(.down))
        var seconds = time_t(totalMilliseconds.quotientAndRemainder(dividingBy: 1000).quotient)
        var milliseconds = Int(totalMilliseconds.quotientAndRemainder(dividingBy: 1000).remainder)
        if milliseconds < 0 {
            milliseconds += 1000
            seconds -= 1
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
            + "T" + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2)
            + "." + padded(Int32(milliseconds), 3) + "Z"
    }

    /// A metadata value as text: arrays as `[a,b]`, dictionaries as `{k=v,...}` (sorted).
    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{" + dictionary.keys.sorted().map { "\($0)=\(dictionary[$0].map(render) ?? "")" }.joined(separator: ",")
                + "}"
        }
    }

    /// `text` with control characters escaped (`\n`, `\r`, `\t`, `\u{..}`) and backslashes doubled.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.properties.generalCategory == .control:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A value ready for `key=value`: quoted (with `"` and `\` escaped) when it is empty or
    /// contains a space, `"`, `=` or a control character.
    static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "\"" || scalar == "=" || needsEscape(scalar)
                || scalar.properties.isWhitespace
        }
        guard needsQuotes else { return value }
        return "\"" + escaped(value).replacingAll("\"", with: "\\\"") + "\""
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\\" || scalar.properties.generalCategory == .control
    }
}

extension String {
    /// Replaces every occurrence of the character `target`.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
