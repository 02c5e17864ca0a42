/// Deterministic, realistic-looking messages of a chosen size: headers, a plain-text
/// body of pseudo-words (so the full-text index has real work), a unique Message-ID.
/// Words follow a skewed distribution, as in real text: a few are very common, most rare.
struct BenchmarkMessages {
    private var state: UInt64
    private let vocabulary: [String]

    init(seed: UInt64) {
        state = seed
        var words: [String] = []
        var generator = SplitMix64(seed: seed ^ 0x5EED)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for _ in 0 ..< 20_000 {
            let length = 2 + Int(generator.next() % 9)
            words.append(String((0 ..< length).map { _ in letters[Int(generator.next() % 26)] }))
        }
        vocabulary = words
    }

    /// A word whose rank follows roughly a power law (rank = n · u³ for uniform u).
    private func word(_ generator: inout SplitMix64) -> String {
        let uniform = Double(generator.next() >> 11) / Double(1 << 53)
        let rank = Int(uniform * uniform * uniform * Double(vocabulary.count))
        return vocabulary[min(rank, vocabulary.count - 1)]
    }

    /// Message number `index`, `size` octets long (give or take a line).
    mutating func make(index: Int, size: Int) -> [UInt8] {
        var generator = SplitMix64(seed: state &+ UInt64(index))
        let subject = (0 ..< 6).map { _ in word(&generator) }.joined(separator: " ")
        var text = """
            From: Sender \(index % 97) <sender\(index % 97)@example.net>\r
            To: Bench User <user@bench.test>\r
            Subject: \(subject)\r
            Date: Mon, 3 Nov 2025 10:00:00 +0000\r
            Message-ID: <\(index).\(state)@bench.example.net>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r

            """
        var line = ""
        while text.utf8.count + line.utf8.count < size - 2 {
            let word = word(&generator)
            if line.utf8.count + word.utf8.count > 72 {
                text += line + "\r\n"
                line = ""
            }
            line += line.isEmpty ? word : " " + word
        }
        text += line + "\r\n"
        var bytes = Array(text.utf8)
        if bytes.count > size { bytes.removeLast(bytes.count - size) }
        return bytes
    }
}

/// A small, fast, deterministic generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
