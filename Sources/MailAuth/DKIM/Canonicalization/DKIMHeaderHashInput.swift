/// The header data a DKIM or ARC signature signs (RFC 6376 §3.7, §5.4): the fields named in
/// `h=` in canonical form, then the signature field itself with `b=` empty.
enum DKIMHeaderHashInput {
    /// The canonical data for `signedFields` of `message`, ending with `signatureField`
    /// (its `b=` value removed, no final CRLF).
    static func data(message: RawMessage, signedFields: [String], canonicalization: DKIMCanonicalization,
                     signatureField: RawHeaderField) -> [UInt8] {
        data(message: message, signedFields: signedFields, canonicalization: canonicalization,
             unsignedSignatureField: ArraySlice(withoutSignatureValue(message.bytes(of: signatureField))),
             excluding: signatureField)
    }

    /// The canonical data for `signedFields` of `message`, ending with
    /// `unsignedSignatureField`, a signature field whose `b=` is already empty.
    static func data(message: RawMessage, signedFields: [String], canonicalization: DKIMCanonicalization,
                     unsignedSignatureField: ArraySlice<UInt8>, excluding excluded: RawHeaderField?) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(4096)
        for field in selectedFields(signedFields, from: message.fields, excluding: excluded) {
            DKIMHeaderCanonicalizer.append(message.bytes(of: field), canonicalization, to: &output)
            output.append(RawMessage.carriageReturn)
            output.append(RawMessage.lineFeed)
        }
        DKIMHeaderCanonicalizer.append(unsignedSignatureField, canonicalization, to: &output)
        return output
    }

    /// The fields `names` picks, in its order: each name takes the bottom-most instance not yet
    /// taken, and a name with none left stands for nothing (§5.4.2). `excluded` (the field
    /// being verified) is never a candidate.
    static func selectedFields(_ names: [String], from fields: [RawHeaderField],
                               excluding excluded: RawHeaderField?) -> [RawHeaderField] {
        let wanted = Set(names)
        var candidates = [String: [RawHeaderField]]()
        for field in fields where wanted.contains(field.lowercasedName) && field != excluded {
            candidates[field.lowercasedName, default: []].append(field)
        }
        var selected = [RawHeaderField]()
        selected.reserveCapacity(names.count)
        for name in names {
            if let field = candidates[name]?.popLast() { selected.append(field) }
        }
        return selected
    }

    /// The field with the value of its `b=` tag deleted, the rest untouched (§3.5, b=).
    static func withoutSignatureValue(_ field: ArraySlice<UInt8>) -> [UInt8] {
        guard let colon = field.firstIndex(of: RawMessage.colon) else { return Array(field) }
        var output = Array(field[field.startIndex...colon])
        output.reserveCapacity(field.count)
        var elementStart = colon + 1
        while elementStart <= field.endIndex {
            let elementEnd = field[elementStart...].firstIndex(of: semicolon) ?? field.endIndex
            let element = field[elementStart..<elementEnd]
            if let equals = element.firstIndex(of: equals), isSignatureTag(element[element.startIndex..<equals]) {
                output.append(contentsOf: element[element.startIndex...equals])
            } else {
                output.append(contentsOf: element)
            }
            if elementEnd < field.endIndex { output.append(semicolon) }
            elementStart = elementEnd + 1
        }
        return output
    }

    /// Whether a tag name (with the whitespace around it) is "b".
    private static func isSignatureTag(_ name: ArraySlice<UInt8>) -> Bool {
        var letters = name.lazy.filter { !DKIMTagList.isFoldingWhitespace($0) }.makeIterator()
        return letters.next() == 0x62 && letters.next() == nil
    }

    private static let semicolon: UInt8 = 0x3B
    private static let equals: UInt8 = 0x3D
}
