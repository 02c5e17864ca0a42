import MailCore

/// Status responses, response codes and continuation requests (RFC 9051 §7.1, §7.5).
extension ResponseWriter {
    /// Writes `tag STATUS [code] text` CRLF, or `* STATUS ...` when untagged.
    public mutating func write(_ response: StatusResponse) {
        if let tag = response.tag {
            writeToken(tag)
        } else {
            bytes.append(IMAPCharacters.asterisk)
        }
        writeSpace()
        writeToken(response.status.rawValue)
        writeSpace()
        if let code = response.code {
            bytes.append(IMAPCharacters.openBracket)
            write(code)
            bytes.append(IMAPCharacters.closeBracket)
            writeSpace()
        }
        writeText(response.text)
        writeLineEnd()
    }

    /// Writes a command continuation request with text: `+ text` CRLF.
    public mutating func writeContinuationRequest(text: String) {
        write("+ ")
        writeText(text)
        writeLineEnd()
    }

    /// Writes a SASL challenge as a continuation request: `+ base64` CRLF (RFC 9051 §6.2.2).
    public mutating func writeContinuationRequest(challenge: [UInt8]) {
        write("+ ")
        bytes.append(contentsOf: Base64.encode(challenge, lineLength: nil))
        writeLineEnd()
    }

    /// Writes a response code without its brackets.
    mutating func write(_ code: ResponseCode) {
        switch code {
        case .alert: write("ALERT")
        case .alreadyExists: write("ALREADYEXISTS")
        case .appendUID(let validity, let uids):
            write("APPENDUID ")
            writeNumber(validity)
            writeSpace()
            writeSequenceSet(uids)
        case .authenticationFailed: write("AUTHENTICATIONFAILED")
        case .authorizationFailed: write("AUTHORIZATIONFAILED")
        case .badCharset(let charsets):
            write("BADCHARSET")
            if !charsets.isEmpty {
                writeSpace()
                writeList(charsets) { writer, charset in writer.writeAString(charset) }
            }
        case .cannot: write("CANNOT")
        case .capability(let names):
            write("CAPABILITY")
            for name in names {
                writeSpace()
                writeToken(name)
            }
        case .clientBug: write("CLIENTBUG")
        case .closed: write("CLOSED")
        case .compressionActive: write("COMPRESSIONACTIVE")
        case .contactAdmin: write("CONTACTADMIN")
        case .copyUID(let validity, let source, let destination):
            write("COPYUID ")
            writeNumber(validity)
            writeSpace()
            writeSequenceSet(source)
            writeSpace()
            writeSequenceSet(destination)
        case .corruption: write("CORRUPTION")
        case .expired: write("EXPIRED")
        case .expungeIssued: write("EXPUNGEISSUED")
        case .hasChildren: write("HASCHILDREN")
        case .highestModSeq(let value):
            write("HIGHESTMODSEQ ")
            writeNumber(value)
        case .inUse: write("INUSE")
        case .limit: write("LIMIT")
        case .mailboxID(let id):
            write("MAILBOXID (")
            writeToken(id)
            write(")")
        case .modified(let set):
            write("MODIFIED ")
            writeSequenceSet(set)
        case .noModSeq: write("NOMODSEQ")
        case .noPerm: write("NOPERM")
        case .nonexistent: write("NONEXISTENT")
        case .notSaved: write("NOTSAVED")
        case .overQuota: write("OVERQUOTA")
        case .parse: write("PARSE")
        case .permanentFlags(let flags, let allowsNewKeywords):
            write("PERMANENTFLAGS ")
            writeList(flags + (allowsNewKeywords ? [.extension("*")] : [])) { writer, flag in writer.writeToken(flag.text) }
        case .privacyRequired: write("PRIVACYREQUIRED")
        case .readOnly: write("READ-ONLY")
        case .readWrite: write("READ-WRITE")
        case .serverBug: write("SERVERBUG")
        case .tooBig: write("TOOBIG")
        case .tryCreate: write("TRYCREATE")
        case .uidNext(let value):
            write("UIDNEXT ")
            writeNumber(value)
        case .uidNotSticky: write("UIDNOTSTICKY")
        case .uidValidity(let value):
            write("UIDVALIDITY ")
            writeNumber(value)
        case .unavailable: write("UNAVAILABLE")
        case .unknownCTE: write("UNKNOWN-CTE")
        case .unseen(let value):
            write("UNSEEN ")
            writeNumber(value)
        case .useAttribute: write("USEATTR")
        case .other(let name, let text):
            writeToken(name)
            if let text, !text.isEmpty {
                writeSpace()
                writeText(text, excluding: IMAPCharacters.closeBracket)
            }
        }
    }
}
