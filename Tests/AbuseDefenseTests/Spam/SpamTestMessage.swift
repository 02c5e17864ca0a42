/// Builds a CRLF message from header lines and a body, for the spam tests.
func spamTestMessage(_ headerLines: [String], body: String = "Hello,\nsee you tomorrow.\n") -> [UInt8] {
    let text = headerLines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")
    return Array(text.utf8)
}

/// A plain, well-formed message that triggers no header rule.
let wellFormedHeader = [
    "Received: from client.example ([192.0.2.7])\r\n\tby mx.test (Martlet) with ESMTP id abc;\r\n\tMon, 23 Nov 2026 10:00:00 +0000",
    "From: Ann <ann@example.org>", "To: bob@test.example", "Subject: Lunch on Friday",
    "Date: Mon, 23 Nov 2026 09:59:00 +0000", "Message-ID: <lunch-1@example.org>",
]
