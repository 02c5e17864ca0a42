/// Gathers the decoded text of a message's text parts for search and the preview:
/// text/plain and text/html parts (HTML reduced to text; within multipart/alternative the
/// HTML is skipped when a plain version exists), transfer encoding removed, charset converted
/// to UTF-8, line breaks made LF, bounded to a number of bytes.
struct BodyTextCollector {
    let bytes: [UInt8]
    let parts: [BodyPart]
    let parents: [Int]

    /// The joined text (at most `limit` bytes) and the preview.
    func collect(limit: Int, defects: inout DefectLog) -> (body: String, preview: String) {
        let alternativesWithPlain = self.alternativesWithPlain()
        var output = [UInt8]()
        var preview: String? = nil
        for index in parts.indices where isCandidate(index, alternativesWithPlain) {
            guard output.count < limit else { break }
            let separatorAt = output.count
            if !output.isEmpty { output.append(ASCII.lineFeed) }
            let textStart = output.count
            let budget = limit - output.count
            switch text(of: index, budget: budget, defects: &defects) {
            case .lineBreaksToNormalize(let source, let range): source.appendNormalizingLineBreaks(range, to: &output)
            case .normalized(let text): output.append(contentsOf: text)
            case nil: break
            }
            if output.count == textStart {
                output.removeSubrange(separatorAt...)
                continue
            }
            if preview == nil && !isAttachment(index) {
                preview = MessagePreview.make(fromUTF8: output[textStart..<Swift.min(output.count, textStart + MessagePreview.sourceTextLimit)])
            }
        }
        if output.count > limit {
            output.removeSubrange(limit...)
            trimIncompleteScalar(&output)
        }
        return (String(decoding: output, as: UTF8.self), preview ?? "")
    }

    /// The preview alone, made from the first text part that is not an attachment and has
    /// text, read as `collect` reads it when no text comes before it. Later parts are not decoded.
    func preview(defects: inout DefectLog) -> String {
        let alternativesWithPlain = self.alternativesWithPlain()
        for index in parts.indices where isCandidate(index, alternativesWithPlain) && !isAttachment(index) {
            guard let decoded = transferDecoded(index, budget: MessagePreview.sourceTextLimit, defects: &defects) else { continue }
            if decoded.readsAsUTF8, let preview = previewOfUnvalidatedText(decoded.source, decoded.range, charset: decoded.charset) {
                return preview
            }
            switch text(of: decoded, defects: &defects) {
            case .lineBreaksToNormalize(let source, let range) where !range.isEmpty:
                return source.withUnsafeBufferPointer { buffer in
                    MessagePreview.make(fromUTF8: UnsafeBufferPointer(rebasing: buffer[range])).preview
                }
            case .normalized(let text) where !text.isEmpty:
                return MessagePreview.make(fromUTF8: text[...])
            default:
                continue
            }
        }
        return ""
    }

    /// The preview of text that `text(of:)` would take as UTF-8 if it is valid, made before
    /// checking more than the bytes it depends on. Those bytes settle it when they are ASCII
    /// (text found not to be UTF-8 is read as Windows-1252, which reads ASCII alike) or,
    /// for a declared UTF-8 charset, valid UTF-8 (invalid bytes further on would be replaced
    /// where they are). Nil when they do not, or when there is no text.
    private func previewOfUnvalidatedText(_ source: [UInt8], _ range: Range<Int>, charset: Charset?) -> String? {
        guard !range.isEmpty else { return nil }
        return source.withUnsafeBufferPointer { buffer -> String? in
            let text = UnsafeBufferPointer(rebasing: buffer[range])
            let (preview, bytesRead) = MessagePreview.make(fromUTF8: text)
            // Three more bytes: a scalar the preview ended in must be whole.
            let read = UnsafeBufferPointer(rebasing: text[..<Swift.min(text.count, bytesRead + 3)])
            if read.count == text.count || ASCII.isASCII(read) { return UTF8Validation.isValid(read) ? preview : nil }
            return charset == .utf8 && UTF8Validation.isValid(read) ? preview : nil
        }
    }
    /// For each part, whether it is a multipart/alternative with a text/plain child (nil when none is).
    private func alternativesWithPlain() -> [Bool]? {
        var result: [Bool]? = nil
        for index in parts.indices where parts[index].kind == .text && parts[index].subtype == "plain" {
            let parent = index < parents.count ? parents[index] : -1
            if parent >= 0 && parts[parent].type == "multipart" && parts[parent].subtype == "alternative" {
                if result == nil { result = [Bool](repeating: false, count: parts.count) }
                result?[parent] = true
            }
        }
        return result
    }

    /// Whether a part's text is collected: text/plain, or text/html without a plain alternative.
    private func isCandidate(_ index: Int, _ alternativesWithPlain: [Bool]?) -> Bool {
        guard parts[index].kind == .text else { return false }
        let subtype = parts[index].subtype
        if subtype == "plain" { return true }
        guard subtype == "html" else { return false }
        let parent = index < parents.count ? parents[index] : -1
        return !(parent >= 0 && alternativesWithPlain?[parent] == true)
    }

    private func isAttachment(_ index: Int) -> Bool { parts[index].disposition?.type == "attachment" }

    /// A part's text as UTF-8.
    private enum PartText {
        /// UTF-8 in `source[range]` whose line breaks (CRLF, CR) are still to be made LF.
        case lineBreaksToNormalize(source: [UInt8], range: Range<Int>)
        /// UTF-8 with LF line breaks.
        case normalized([UInt8])
    }

    /// A text part's content with its transfer encoding removed, and how to read it.
    private struct DecodedPart {
        var source: [UInt8]
        var range: Range<Int>
        /// Whether the input was cut at the budget (decoding problems at its end are expected).
        var truncated: Bool
        var isHTML: Bool
        var charsetName: String?
        var charset: Charset?

        /// Whether the text is taken as it is when it is valid UTF-8 (no charset conversion).
        var readsAsUTF8: Bool { !isHTML && (charsetName == nil || charset == .utf8 || charset == .usASCII) }
    }

    /// The UTF-8 text of one part, read from at most enough input to fill `budget` bytes of output.
    private func text(of index: Int, budget: Int, defects: inout DefectLog) -> PartText? {
        transferDecoded(index, budget: budget, defects: &defects).flatMap { text(of: $0, defects: &defects) }
    }

    /// A part's body with the transfer encoding removed, read from at most enough input to
    /// fill `budget` bytes of output; nil when it is empty.
    private func transferDecoded(_ index: Int, budget: Int, defects: inout DefectLog) -> DecodedPart? {
        let isHTML = parts[index].subtype == "html"
        let inputBudget = budget.multipliedReportingOverflow(by: isHTML ? 8 : 4).partialValue &+ 16
        let body = parts[index].bodyRange
        guard body.lowerBound >= 0, body.upperBound <= bytes.count, !body.isEmpty else { return nil }
        let truncated = body.count > inputBudget && inputBudget > 0
        let inputRange = truncated ? body.lowerBound..<(body.lowerBound + inputBudget) : body

        let encoding = parts[index].transferEncoding
        if case .other(let name) = encoding { defects.record(.unknownTransferEncoding(DefectText.excerpt(name))) }
        let source: [UInt8]
        let sourceRange: Range<Int>
        if encoding.isIdentity {
            source = bytes
            sourceRange = inputRange
        } else {
            var decoded = [UInt8]()
            let clean = encoding.decode(bytes[inputRange], appendingTo: &decoded)
            if !clean && !truncated { defects.record(encoding == .base64 ? .invalidBase64 : .invalidQuotedPrintable) }
            source = decoded
            sourceRange = 0..<decoded.count
        }
        let charsetName = parts[index].parameters.value(named: "charset")
        return DecodedPart(source: source, range: sourceRange, truncated: truncated, isHTML: isHTML,
                           charsetName: charsetName, charset: charsetName.flatMap { Charset(named: $0) })
    }

    /// The UTF-8 text of a decoded part.
    private func text(of part: DecodedPart, defects: inout DefectLog) -> PartText? {
        let source = part.source
        let sourceRange = part.range
        if part.readsAsUTF8 && source.withUnsafeBufferPointer({ UTF8Validation.isValid(UnsafeBufferPointer(rebasing: $0[sourceRange])) }) {
            // The common case: UTF-8 (or ASCII) text, read where it is.
            return .lineBreaksToNormalize(source: source, range: sourceRange)
        }
        var utf8 = [UInt8]()
        let status = CharsetDecoder.appendUTF8(source[sourceRange], charsetNamed: part.charsetName, to: &utf8)
        switch status {
        case .exact: break
        case .invalidBytes:
            if !part.truncated { defects.record(.invalidCharsetData(DefectText.excerpt(part.charsetName ?? "us-ascii"))) }
        case .unknownCharset(let name): defects.record(.unknownCharset(DefectText.excerpt(name)))
        }
        if part.isHTML { return .normalized(HTMLTextExtractor.text(from: utf8[...])) }
        return .lineBreaksToNormalize(source: utf8, range: 0..<utf8.count)
    }

    private func trimIncompleteScalar(_ output: inout [UInt8]) {
        var continuation = 0
        var index = output.count - 1
        while index >= 0 && output[index] & 0xC0 == 0x80 && continuation < 3 {
            continuation += 1
            index -= 1
        }
        guard index >= 0 else { return }
        let lead = output[index]
        let expected = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
        if continuation < expected { output.removeSubrange(index...) }
    }
}
