/// The vocabulary generated messages are made of: words, phrases in several scripts,
/// people and attachment kinds. Invented for this tool.
enum SampleText {
    static let words = [
        "meeting", "report", "schedule", "budget", "review", "project", "release", "server", "mailbox",
        "invoice", "draft", "agenda", "quarter", "update", "question", "answer", "team", "notes",
        "deadline", "contract", "summary", "proposal", "customer", "support", "ticket", "plan",
        "the", "a", "of", "and", "to", "in", "for", "on", "with", "about", "next", "last", "new",
        "please", "thanks", "could", "would", "should", "we", "you", "they", "this", "that", "will",
        "check", "send", "read", "attached", "below", "above", "soon", "today", "tomorrow", "week",
    ]

    /// Sentences with non-ASCII text, for UTF-8 bodies and RFC 2047 subjects.
    static let internationalPhrases = [
        "Réunion d'équipe à 14 h, café compris",
        "Über die Prüfung der Änderungen",
        "Привет, как дела с отчётом?",
        "日本語の件名と本文のテスト",
        "Ημερήσια διάταξη της συνάντησης",
        "Sprawozdanie kwartalne — ważne",
        "¿Podemos hablar mañana por la mañana?",
        "Grüße aus Zürich ☀️ und bis bald",
        "Ödeme planı ve şirket bütçesi",
        "会议纪要：第三季度预算",
    ]

    /// Display names (some non-ASCII) with the ASCII local part of their address.
    static let people: [(name: String, localPart: String)] = [
        ("Alice Martin", "alice.martin"), ("Bob Nguyen", "bob.nguyen"), ("Zoë Müller", "zoe.mueller"),
        ("José García", "jose.garcia"), ("Łukasz Kowalski", "lukasz.kowalski"), ("佐藤 花子", "hanako.sato"),
        ("Chloé Dubois", "chloe.dubois"), ("Dmitri Ivanov", "dmitri.ivanov"), ("Priya Shah", "priya.shah"),
        ("Søren Østergaard", "soren.ostergaard"),
    ]

    static let senderDomains = ["example.com", "example.net", "example.org", "corp.example"]

    /// Attachment kinds: media type, file name (some needing RFC 2231), leading bytes.
    static let attachments: [(mediaType: String, fileName: String, magic: [UInt8])] = [
        ("application/pdf", "report.pdf", Array("%PDF-1.4\n".utf8)),
        ("image/png", "photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("application/octet-stream", "données-brutes.bin", []),
        ("application/zip", "archive.zip", [0x50, 0x4B, 0x03, 0x04]),
        ("text/csv", "figures.csv", Array("quarter,amount\n".utf8)),
    ]
}
