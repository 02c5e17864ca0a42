/// A plain-text message of about `size` octets with the header fields a mail program writes.
enum BenchmarkMessage {
    static func make(size: Int) -> [UInt8] {
        var text = """
            From: Someone <someone@sender.test>\r
            To: Recipient <recipient@receiver.test>\r
            Subject: Quarterly figures and the plan for the next three months\r
            Date: Mon, 23 Nov 2026 10:00:00 +0000\r
            Message-ID: <benchmark.20261123@sender.test>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r

            """
        let line = "The figures for the quarter are attached below, with the notes we discussed.  \r\n"
        while text.utf8.count + line.utf8.count <= size { text += line }
        return Array(text.utf8)
    }
}
