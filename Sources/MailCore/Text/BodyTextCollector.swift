/// Gathers the decoded text of a message's text parts for search and the preview:
/// text/plain and text/html parts (HTML reduced to text; within multipart/alternative the
/// HTML is skipped when a plain version exists), transfer encoding removed, charset converted
/// to UTF-8, line breaks made LF, bounded to a number of bytes.
struct BodyTextCollector {
    let bytes: [UInt8]
    let parts: [BodyPart]
    let parents: [Int]
    let limit: Int

    /// The joined text and the preview.
    func collect(defects: inout DefectLog) -> (body: String, preview: String) {
        var alternativesWithPlain = Set<Int>()
        for index in parts.indices where parts[index].kind == .text && parts[index].subtype == "plain" {
            let parent = index < parents.count ? parents[index] : -1
            if parent >= 0 && parts[parent].type == "multipart" && parts[parent].subtype == "alternative" {
                alternativesWithPlain.insert(parent)
            }
        }
        var output = [UInt8]()
        var preview: String? = nil
        for index in parts.indices where parts[index].kind == .text {
            guard output.count < limit else { break }
            let isHTML = parts[index].subtype == "html"
            guard isHTML || parts[index].subtype == "plain" else { continue }
            let parent = index < parents.count ? parents[index] : -1
            if isHTML && alternativesWithPlain.contains(parent) { continue }
            let separatorAt = output.count
            if !output.isEmpty { output.append(ASCII.lineFeed) }
            let textStart = output.count
            appendText(of: index, budget: limit - output.count, to: &output, defects: &defects)
            if output.count == textStart {
                output.removeSubrange(separatorAt...)
                continue
            }
            let isAttachment = parts[index].disposition?.type == "attachment"
            if preview == nil && !isAttachment {
                preview = MessagePreview.make(fromUTF8: output[textStart..<Swift.min(output.count, textStart + MessagePreview.sourceTextLimit)])
            }
        }
        if output.count > limit {
            output.removeSubrange(limit...)
            trimIncompleteScalar(&output)
        }
        return (String(decoding: output, as: UTF8.self), preview ?? "")
    }

    /// Appends the UTF-8 text of one part (LF line breaks), read from at most enough input to fill `budget`.
    private func appendText(of index: Int, budget: Int, to output: inout [UInt8], defects: inout DefectLog) {
        let isHTML = parts[index].subtype == "html"
        let inputBudget = budget.multipliedReportingOverflow(by: isHTML ? 8 : 4).partialValue &+ 16
        let body = parts[index].bodyRange
        guard body.lowerBound >= 0, body.upperBound <= bytes.count, !body.isEmpty else { return }
        let truncated = body.count > inputBudget && inputBudget > 0
        let inputRange = truncated ? body.lowerBound..<(body.lowerBound + inputBudget) : body

        let encoding = parts[index].transferEncoding
        if case .other(let name) = encoding { defects.record(.unknownTransferEncoding(DefectText.excerpt(name))) }
        var decodedStorage = [UInt8]()
        if !encoding.isIdentity {
            let clean = encoding.decode(bytes[inputRange], appendingTo: &decodedStorage)
            if !clean && !truncated { defects.record(encoding == .base64 ? .invalidBase64 : .invalidQuotedPrintable) }
        }
        let source = encoding.isIdentity ? bytes : decodedStorage
        let sourceRange = encoding.isIdentity ? inputRange : 0..<decodedStorage.count

        let charsetName = parts[index].parameters.value(named: "charset")
        let charset = charsetName.flatMap { Charset(named: $0) }
        let readsAsUTF8 = charset == nil || charset == .utf8 || charset == .usASCII
        if !isHTML && (charsetName == nil || readsAsUTF8 && charset != nil) && UTF8Validation.isValid(source[sourceRange]) {
            // The common case: UTF-8 (or ASCII) text, copied once.
            source.appendNormalizingLineBreaks(sourceRange, to: &output)
            return
        }
        var utf8 = [UInt8]()
        let status = CharsetDecoder.appendUTF8(source[sourceRange], charsetNamed: charsetName, to: &utf8)
        switch status {
        case .exact: break
        case .invalidBytes:
            if !truncated { defects.record(.invalidCharsetData(DefectText.excerpt(charsetName ?? "us-ascii"))) }
        case .unknownCharset(let name): defects.record(.unknownCharset(DefectText.excerpt(name)))
        }
        if isHTML {
            output.append(contentsOf: HTMLTextExtractor.text(from: utf8[...]))
        } else {
            utf8.appendNormalizingLineBreaks(0..<utf8.count, to: &output)
        }
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
