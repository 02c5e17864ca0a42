import MailCore

/// The base subject of RFC 5256 §2.1, by which SORT SUBJECT orders and THREAD groups:
/// the subject decoded, with reply and forward markers, list tags in brackets and
/// `[fwd: ...]` wrappers taken away.
public struct BaseSubject: Hashable, Sendable {
    /// The base subject, case folded for comparison (i;unicode-casemap).
    public let text: String
    /// Whether something marked the message as a reply or forward (`Re:`, `Fwd:`, `(fwd)`,
    /// `[fwd: ...]`), as THREAD=REFERENCES step 5 asks.
    public let isReplyOrForward: Bool

    /// The base subject of a raw Subject value (encoded words undecoded); nil is no subject.
    public init(subject: String?) {
        guard let subject else {
            self.text = ""
            self.isReplyOrForward = false
            return
        }
        // Step 1: decode, tabs and line breaks to spaces, runs of spaces to one.
        let decoded = EncodedWordDecoder.decode(subject).lowercased()
        var buffer = [UInt8]()
        buffer.reserveCapacity(decoded.utf8.count)
        for byte in decoded.utf8 {
            let normalized = (byte == 0x09 || byte == 0x0D || byte == 0x0A) ? 0x20 : byte
            if normalized == 0x20 && buffer.last == 0x20 { continue }
            buffer.append(normalized)
        }
        var extraction = Extraction(buffer)
        extraction.run()
        self.text = String(decoding: buffer[extraction.start..<extraction.end], as: UTF8.self)
        self.isReplyOrForward = extraction.isReplyOrForward
    }

    /// Steps 2 to 6 of RFC 5256 §2.1 over lower-cased UTF-8, moving the bounds inwards.
    private struct Extraction {
        let bytes: [UInt8]
        var start: Int
        var end: Int
        var isReplyOrForward = false

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            start = 0
            end = bytes.count
        }

        mutating func run() {
            while true {
                removeTrailers()
                var changed = true
                while changed {
                    changed = removeLeaders()
                    // Step 4: a leading blob goes when something remains after it.
                    if let afterBlob = blob(at: start), afterBlob < end {
                        start = afterBlob
                        changed = true
                    }
                }
                // Step 6: "[fwd:" ... "]" around the whole subject.
                guard hasPrefix("[fwd:"), end - start >= 6, bytes[end - 1] == 0x5D else { return }
                start += 5
                end -= 1
                isReplyOrForward = true
            }
        }

        /// Step 2: trailing `subj-trailer` (`(fwd)` or whitespace), repeatedly.
        private mutating func removeTrailers() {
            while end > start {
                if bytes[end - 1] == 0x20 {
                    end -= 1
                } else if end - start >= 5, bytes[(end - 5)..<end].elementsEqual("(fwd)".utf8) {
                    end -= 5
                    isReplyOrForward = true
                } else {
                    return
                }
            }
        }

        /// Step 3: leading `subj-leader` (whitespace, or blobs then `re:`/`fw:`/`fwd:`),
        /// repeatedly; whether anything went.
        private mutating func removeLeaders() -> Bool {
            var removed = false
            while start < end {
                if bytes[start] == 0x20 {
                    start += 1
                } else if let after = replyOrForwardLeader(at: start) {
                    start = after
                    isReplyOrForward = true
                } else {
                    break
                }
                removed = true
            }
            return removed
        }

        /// `*subj-blob subj-refwd` at `index`: where it ends, or nil.
        private func replyOrForwardLeader(at index: Int) -> Int? {
            var position = index
            while true {
                if let after = refwd(at: position) { return after }
                guard let afterBlob = blob(at: position) else { return nil }
                position = afterBlob
            }
        }

        /// `subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"`.
        private func refwd(at index: Int) -> Int? {
            var position: Int
            if matches("re", at: index) {
                position = index + 2
            } else if matches("fwd", at: index) {
                position = index + 3
            } else if matches("fw", at: index) {
                position = index + 2
            } else {
                return nil
            }
            while position < end && bytes[position] == 0x20 { position += 1 }
            if let afterBlob = blob(at: position) { position = afterBlob }
            guard position < end, bytes[position] == 0x3A else { return nil }
            return position + 1
        }

        /// `subj-blob = "[" *BLOBCHAR "]" *WSP`: where it ends, or nil.
        private func blob(at index: Int) -> Int? {
            guard index < end, bytes[index] == 0x5B else { return nil }
            var position = index + 1
            while position < end && bytes[position] != 0x5B && bytes[position] != 0x5D { position += 1 }
            guard position < end, bytes[position] == 0x5D else { return nil }
            position += 1
            while position < end && bytes[position] == 0x20 { position += 1 }
            return position
        }

        private func matches(_ word: StaticString, at index: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard end - index >= count else { return false }
            return word.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
        }

        private func hasPrefix(_ word: StaticString) -> Bool { matches(word, at: start) }
    }
}
