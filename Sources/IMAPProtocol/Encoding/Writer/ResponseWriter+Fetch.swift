import MailCore

/// FETCH responses (RFC 9051 §7.5.2), written item by item so that large sections can be
/// streamed by the caller between items.
extension ResponseWriter {
    /// Writes `* n FETCH (`; items follow, then ``endFetch()``.
    public mutating func beginFetch(sequenceNumber: UInt32) {
        write("* ")
        writeNumber(sequenceNumber)
        write(" FETCH (")
        fetchNeedsSeparator = false
    }

    /// Writes one item of the FETCH begun with ``beginFetch(sequenceNumber:)``.
    public mutating func writeFetchItem(_ item: FetchResponseItem) {
        writeFetchSeparator()
        switch item {
        case .uid(let uid):
            write("UID ")
            writeNumber(uid)
        case .flags(let flags):
            write("FLAGS ")
            writeFlags(flags)
        case .internalDate(let date):
            write("INTERNALDATE ")
            writeString(date.imapText)
        case .rfc822Size(let size):
            write("RFC822.SIZE ")
            writeNumber(max(size, 0))
        case .envelope(let envelope):
            write("ENVELOPE ")
            write(envelope)
        case .body(let structure):
            write("BODY ")
            writeBodyStructure(structure, extensible: false)
        case .bodyStructure(let structure):
            write("BODYSTRUCTURE ")
            writeBodyStructure(structure, extensible: true)
        case .bodySection(let section, let origin, let data):
            writeStreamedItemName(.bodySection(section, origin: origin))
            writeSectionData(data, binary: false)
        case .binary(let part, let origin, let data):
            writeStreamedItemName(.binary(part: part, origin: origin))
            writeSectionData(data, binary: data?.contains(0) ?? false)
        case .binarySize(let part, let size):
            write("BINARY.SIZE[")
            writePart(part)
            write("] ")
            writeNumber(max(size, 0))
        case .rfc822(let data):
            writeStreamedItemName(.rfc822)
            writeSectionData(data, binary: false)
        case .rfc822Header(let data):
            writeStreamedItemName(.rfc822Header)
            writeSectionData(data, binary: false)
        case .rfc822Text(let data):
            writeStreamedItemName(.rfc822Text)
            writeSectionData(data, binary: false)
        case .modSeq(let value):
            write("MODSEQ (")
            writeNumber(value)
            write(")")
        case .preview(let text):
            write("PREVIEW ")
            writeNString(text)
        case .emailID(let id):
            write("EMAILID (")
            writeToken(id)
            write(")")
        case .threadID(let id):
            write("THREADID ")
            if let id {
                write("(")
                writeToken(id)
                write(")")
            } else {
                write("NIL")
            }
        case .saveDate(let date):
            write("SAVEDATE ")
            writeNString(date?.imapText)
        }
    }

    /// Writes the name of a section item and the announcement of its literal; the caller
    /// then sends exactly `size` octets (see ``appendRawBytes(_:)``) before further items.
    /// `binary` announces a literal8 (`~{n}`), for BINARY content holding NUL (RFC 3516 §4.2).
    public mutating func beginStreamedFetchItem(_ item: StreamedFetchItem, size: Int, binary: Bool = false) {
        writeFetchSeparator()
        writeStreamedItemName(item)
        writeLiteralPrefix(size: size, binary: binary)
    }

    /// Writes `)` CRLF, ending the FETCH response.
    public mutating func endFetch() {
        write(")")
        writeLineEnd()
        fetchNeedsSeparator = false
    }

    private mutating func writeFetchSeparator() {
        if fetchNeedsSeparator { writeSpace() }
        fetchNeedsSeparator = true
    }

    /// `BODY[section]<origin> `, `BINARY[part] `, `RFC822 `...
    private mutating func writeStreamedItemName(_ item: StreamedFetchItem) {
        switch item {
        case .bodySection(let section, let origin):
            write("BODY[")
            writeSection(section)
            write("]")
            writeOrigin(origin)
        case .binary(let part, let origin):
            write("BINARY[")
            writePart(part)
            write("]")
            writeOrigin(origin)
        case .rfc822: write("RFC822")
        case .rfc822Header: write("RFC822.HEADER")
        case .rfc822Text: write("RFC822.TEXT")
        }
        writeSpace()
    }

    /// `<origin>` of a partial fetch (RFC 9051 §7.5.2, RFC 3516 §4.2), when one was asked.
    private mutating func writeOrigin(_ origin: UInt64?) {
        guard let origin else { return }
        write("<")
        writeNumber(origin)
        write(">")
    }

    /// Section data: NIL, or always a literal (message octets may hold anything).
    private mutating func writeSectionData(_ data: [UInt8]?, binary: Bool) {
        guard let data else {
            write("NIL")
            return
        }
        writeLiteralPrefix(size: data.count, binary: binary)
        bytes.append(contentsOf: data)
    }

    /// `section-spec` as the client asked for it, header field names as astrings.
    private mutating func writeSection(_ section: SectionSpecifier) {
        writePart(section.part)
        let separator = section.part.isEmpty ? "" : "."
        switch section.kind {
        case .complete:
            return
        case .header:
            writeToken(separator + "HEADER")
        case .text:
            writeToken(separator + "TEXT")
        case .mime:
            writeToken(separator + "MIME")
        case .headerFields(let names), .headerFieldsNot(let names):
            if case .headerFields = section.kind {
                writeToken(separator + "HEADER.FIELDS ")
            } else {
                writeToken(separator + "HEADER.FIELDS.NOT ")
            }
            writeList(names) { writer, name in writer.writeAString(name) }
        }
    }

    private mutating func writePart(_ part: [Int]) {
        for (index, number) in part.enumerated() {
            if index > 0 { bytes.append(IMAPCharacters.period) }
            writeNumber(max(number, 0))
        }
    }
}
