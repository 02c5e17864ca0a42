import MailCore

/// The ESMTP parameters after a MAIL or RCPT path (RFC 5321 §4.1.2 `esmtp-param`), turned into
/// the typed values of the extensions Martlet offers.
enum SMTPParameterParser {
    /// One `keyword[=value]`, keyword upper-cased.
    struct Parameter {
        let keyword: String
        let value: ArraySlice<UInt8>?
    }

    /// RFC 3461 §4.4: ENVID is at most 100 characters.
    static let maximumEnvelopeIDLength = 100
    /// RFC 3461 §4.2: ORCPT is at most 500 characters.
    static let maximumOriginalRecipientLength = 500

    /// Splits the text after a path into parameters. It must be empty or start with a space.
    static func split(_ bytes: ArraySlice<UInt8>, usage: String) throws(SMTPCommandError) -> [Parameter] {
        guard let first = bytes.first else { return [] }
        guard first == UInt8(ascii: " ") else { throw .invalidArguments(usage: usage) }
        var parameters: [Parameter] = []
        var seen = Set<String>()
        for token in bytes.split(separator: UInt8(ascii: " ")) {
            let equals = token.firstIndex(of: UInt8(ascii: "="))
            let keywordBytes = token[..<(equals ?? token.endIndex)]
            // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
            guard let head = keywordBytes.first, head != UInt8(ascii: "-"),
                keywordBytes.allSatisfy(AddressLiteral.isLetterDigitOrHyphen)
            else { throw .invalidArguments(usage: usage) }
            let keyword = String(decoding: keywordBytes, as: UTF8.self).uppercased()
            guard seen.insert(keyword).inserted else { throw .duplicateParameter(keyword) }
            var value: ArraySlice<UInt8>?
            if let equals {
                let text = token[(equals + 1)...]
                // esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 (RFC 6531 §3.3).
                guard !text.isEmpty, text.allSatisfy({ ($0 >= 33 && $0 != UInt8(ascii: "=") && $0 != 127) }) else {
                    throw .invalidParameter(keyword)
                }
                value = text
            }
            parameters.append(Parameter(keyword: keyword, value: value))
        }
        return parameters
    }

    /// The parameters of MAIL FROM.
    static func mailParameters(_ bytes: ArraySlice<UInt8>) throws(SMTPCommandError) -> SMTPMailParameters {
        var result = SMTPMailParameters()
        for parameter in try split(bytes, usage: "MAIL FROM:<address> [parameters]") {
            let keyword = parameter.keyword
            switch keyword {
            case "SIZE":
                guard let value = parameter.value, value.count <= 20, value.allSatisfy(isDigit) else {
                    throw .invalidParameter(keyword)
                }
                result.size = decimalValue(value) ?? Int.max
            case "BODY":
                guard let value = parameter.value,
                    let body = SMTPBodyType(rawValue: String(decoding: value, as: UTF8.self).uppercased())
                else { throw .invalidParameter(keyword) }
                result.body = body
            case "SMTPUTF8":
                guard parameter.value == nil else { throw .invalidParameter(keyword) }
                result.requestsSMTPUTF8 = true
            case "AUTH":
                guard let value = parameter.value, let decoded = XText.decode(value),
                    let text = String(validating: decoded, as: UTF8.self)
                else { throw .invalidParameter(keyword) }
                if text == "<>" {
                    result.submitter = .unknown
                } else {
                    guard (try? EmailAddress(parsing: text)) != nil else { throw .invalidParameter(keyword) }
                    result.submitter = .mailbox(text)
                }
            case "RET":
                guard let value = parameter.value,
                    let returnContent = SMTPReturnContent(rawValue: String(decoding: value, as: UTF8.self).uppercased())
                else { throw .invalidParameter(keyword) }
                result.returnContent = returnContent
            case "ENVID":
                guard let value = parameter.value, value.count <= maximumEnvelopeIDLength,
                    let decoded = XText.decode(value), !decoded.isEmpty, decoded.allSatisfy(isPrintableASCII)
                else { throw .invalidParameter(keyword) }
                result.envelopeID = String(decoding: decoded, as: UTF8.self)
            default:
                throw .unrecognizedParameter(keyword)
            }
        }
        return result
    }

    /// The parameters of RCPT TO.
    static func recipientParameters(_ bytes: ArraySlice<UInt8>) throws(SMTPCommandError) -> SMTPRecipientParameters {
        var result = SMTPRecipientParameters()
        for parameter in try split(bytes, usage: "RCPT TO:<address> [parameters]") {
            let keyword = parameter.keyword
            switch keyword {
            case "NOTIFY":
                guard let value = parameter.value, let notify = notifyConditions(value) else {
                    throw .invalidParameter(keyword)
                }
                result.notify = notify
            case "ORCPT":
                guard let value = parameter.value, let original = originalRecipient(value) else {
                    throw .invalidParameter(keyword)
                }
                result.originalRecipient = original
            default:
                throw .unrecognizedParameter(keyword)
            }
        }
        return result
    }

    /// `NEVER`, or a comma-separated list of `SUCCESS`, `FAILURE` and `DELAY` (RFC 3461 §4.1).
    private static func notifyConditions(_ value: ArraySlice<UInt8>) -> SMTPNotifyConditions? {
        let words = String(decoding: value, as: UTF8.self).uppercased()
            .split(separator: ",", omittingEmptySubsequences: false)
        if words == ["NEVER"] { return .never }
        var conditions: SMTPNotifyConditions = []
        for word in words {
            switch word {
            case "SUCCESS": conditions.insert(.success)
            case "FAILURE": conditions.insert(.failure)
            case "DELAY": conditions.insert(.delay)
            default: return nil
            }
        }
        return conditions
    }

    /// `addr-type ";" xtext` (RFC 3461 §4.2); UTF-8 is allowed for the `utf-8` type (RFC 6533).
    private static func originalRecipient(_ value: ArraySlice<UInt8>) -> SMTPOriginalRecipient? {
        guard value.count <= maximumOriginalRecipientLength,
            let semicolon = value.firstIndex(of: UInt8(ascii: ";"))
        else { return nil }
        let typeBytes = value[..<semicolon]
        guard !typeBytes.isEmpty, typeBytes.allSatisfy(AddressLiteral.isLetterDigitOrHyphen) else { return nil }
        let addressType = String(decoding: typeBytes, as: UTF8.self).lowercased()
        guard let decoded = XText.decode(value[(semicolon + 1)...], allowingUTF8: addressType == "utf-8"),
            !decoded.isEmpty, decoded.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }),
            let address = String(validating: decoded, as: UTF8.self)
        else { return nil }
        return SMTPOriginalRecipient(addressType: addressType, address: address)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// The value of a run of decimal digits, or `nil` if it does not fit in an `Int`.
    static func decimalValue(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            if overflowShift || overflowAdd { return nil }
            value = sum
        }
        return value
    }
}
