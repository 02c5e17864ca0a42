import Foundation
@testable import martlet_bench

/// An independent check of a generated message's form: CRLF lines, header syntax, MIME
/// boundaries and transfer encodings. Returns the problems found (none for a valid message).
struct MessageChecker {
    struct Part {
        var headers: [(name: String, value: String)]
        var bodyLines: [String]
    }

    private(set) var problems: [String] = []
    /// Every leaf part seen, with its Content-Type and encoding, for coverage checks.
    private(set) var leaves: [(contentType: String, encoding: String, body: [String])] = []
    private(set) var topHeaders: [(name: String, value: String)] = []

    init(_ bytes: [UInt8]) {
        var lines: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            if index == 0 || bytes[index - 1] != UInt8(ascii: "\r") { problems.append("a bare LF at byte \(index)") }
            let end = max(start, index - 1)
            lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = index + 1
        }
        if start != bytes.count { problems.append("the message does not end with CRLF") }
        if bytes.contains(where: { $0 == 0 }) { problems.append("a NUL byte") }
        for (number, line) in lines.enumerated() where line.utf8.count > 998 {
            problems.append("line \(number) is \(line.utf8.count) bytes long")
        }
        for (number, line) in lines.enumerated() where line.contains("\r") {
            problems.append("a bare CR on line \(number)")
        }
        let part = split(lines[...], isTop: true)
        topHeaders = part.headers
        check(part, depth: 0)
    }

    /// Header fields (unfolded) and body lines of a part.
    private mutating func split(_ lines: ArraySlice<String>, isTop: Bool) -> Part {
        var headers: [(String, String)] = []
        var index = lines.startIndex
        while index < lines.endIndex, !lines[index].isEmpty {
            let line = lines[index]
            if line.first == " " || line.first == "\t" {
                if headers.isEmpty {
                    problems.append("a continuation line before any header field")
                } else {
                    headers[headers.count - 1].1 += line
                }
            } else if let colon = line.firstIndex(of: ":") {
                let name = String(line[..<colon])
                if name.isEmpty || !name.unicodeScalars.allSatisfy({ (33...126).contains($0.value) }) {
                    problems.append("an invalid header field name '\(name)'")
                }
                headers.append((name, String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            } else {
                problems.append("a header line without a colon: \(line.prefix(40))")
            }
            if !line.unicodeScalars.allSatisfy({ $0.isASCII }) { problems.append("non-ASCII in a header: \(line.prefix(40))") }
            index += 1
        }
        if index >= lines.endIndex { problems.append("no blank line after the header section") }
        let body = index < lines.endIndex ? Array(lines[(index + 1)...]) : []
        return Part(headers: headers, bodyLines: body)
    }

    private static func value(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func parameter(_ name: String, in value: String) -> String? {
        for item in value.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    private mutating func check(_ part: Part, depth: Int) {
        let contentType = Self.value("Content-Type", in: part.headers) ?? "text/plain"
        let encoding = (Self.value("Content-Transfer-Encoding", in: part.headers) ?? "7bit").lowercased()
        guard contentType.lowercased().hasPrefix("multipart/") else {
            checkLeaf(contentType: contentType, encoding: encoding, body: part.bodyLines)
            leaves.append((contentType, encoding, part.bodyLines))
            return
        }
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 70 else {
            problems.append("a multipart without a valid boundary")
            return
        }
        let delimiter = "--\(boundary)"
        let close = "--\(boundary)--"
        guard let closeIndex = part.bodyLines.firstIndex(of: close) else {
            problems.append("boundary \(boundary) is never closed")
            return
        }
        let starts = part.bodyLines.indices.filter { part.bodyLines[$0] == delimiter }
        if starts.isEmpty { problems.append("a multipart with no parts") }
        if starts.contains(where: { $0 > closeIndex }) { problems.append("a part after the close delimiter") }
        for (order, start) in starts.enumerated() {
            let end = order + 1 < starts.count ? starts[order + 1] : closeIndex
            // The CRLF before a delimiter belongs to it (RFC 2046 §5.1.1).
            var slice = part.bodyLines[(start + 1)..<end]
            if slice.last == "" { slice = slice.dropLast() }
            check(split(slice, isTop: false), depth: depth + 1)
        }
    }

    private mutating func checkLeaf(contentType: String, encoding: String, body: [String]) {
        switch encoding {
        case "base64":
            for line in body where line.count > 76 { problems.append("a base64 line of \(line.count) characters") }
            if Data(base64Encoded: body.joined()) == nil { problems.append("invalid base64 in \(contentType)") }
        case "quoted-printable":
            for line in body where line.count > 76 { problems.append("a quoted-printable line of \(line.count) characters") }
            if !line8bitFree(body) { problems.append("8-bit bytes in a quoted-printable part") }
        case "7bit":
            if !line8bitFree(body) { problems.append("8-bit bytes in a 7bit part") }
        case "8bit":
            break
        default:
            problems.append("unknown transfer encoding \(encoding)")
        }
    }

    private func line8bitFree(_ lines: [String]) -> Bool {
        lines.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The value of a top-level header field.
    func header(_ name: String) -> String? { Self.value(name, in: topHeaders) }
}
