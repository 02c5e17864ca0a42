import MailCore

/// Lines and literals of ordinary commands.
extension CommandParser {
    /// Scans for the end of the current line; handles it when complete.
    mutating func stepLine() -> Bool {
        var lineFeed: Int?
        while scannedLength < input.count {
            let byte = input[scannedLength]
            if byte == IMAPCharacters.lineFeed {
                lineFeed = scannedLength
                break
            }
            scanner.scan(byte)
            scannedLength += 1
        }
        let limit = configuration.maximumLineLength
        guard let lineFeed else {
            if commandTextLength + scannedLength > limit {
                refuseLongLine()
                return true
            }
            return false
        }
        var length = lineFeed
        if length > 0 && input[length - 1] == IMAPCharacters.carriageReturn { length -= 1 }
        if commandTextLength + length > limit {
            refuseLongLine()
            return true
        }
        let line = Array(input.slice(0..<length))
        let marker = specialLine == nil ? scanner.marker(atEndOf: line[...]) : nil
        input.consume(lineFeed + 1)
        resetLine()
        if let specialLine {
            handleSpecialLine(specialLine, line)
        } else if let progress = appendProgress {
            handleLineAfterMessage(line, marker: marker, progress: progress)
        } else {
            handleCommandLine(line, marker: marker)
        }
        return true
    }

    /// A line of a command: it completes the command or announces a literal.
    private mutating func handleCommandLine(_ line: [UInt8], marker: LiteralMarker?) {
        if command.isEmpty && line.isEmpty { return }  // a blank line between commands is ignored
        command += line
        commandTextLength += line.count
        guard let marker else {
            completeCommand()
            return
        }
        let prefix: AppendGrammar.Prefix
        do {
            prefix = try AppendGrammar.examine(command)
        } catch {
            refuse(error, marker: marker)
            return
        }
        switch prefix {
        case .message(let tag, let mailbox, let flags, let date):
            startMessage(tag: tag, mailbox: mailbox, flags: flags, internalDate: date, marker: marker, index: 0)
        case .notAppend, .argumentLiteral:
            acceptLiteral(marker)
        }
    }

    /// Parses the complete command.
    private mutating func completeCommand() {
        let bytes = command
        resetCommand()
        do {
            let tagged = try CommandGrammar.parse(bytes, maximumNestingDepth: configuration.maximumNestingDepth)
            pending.append(.command(tagged))
            switch tagged.command {
            case .startTLS, .compress: state = .stopped
            default: break
            }
        } catch {
            pending.append(.rejected(CommandRejection(tag: CommandGrammar.tag(of: bytes), status: error.status,
                                                      code: error.code, text: error.message)))
        }
    }

    /// A literal inside a command: checked against the limits before the client sends it.
    private mutating func acceptLiteral(_ marker: LiteralMarker) {
        guard !marker.isBinary else {
            refuse(GrammarError("literal8 is allowed only for APPEND data"), marker: marker)
            return
        }
        guard let size = marker.size, size <= configuration.maximumLiteralSize,
              size <= configuration.maximumLiteralBytesPerCommand - commandLiteralBytes else {
            refuse(GrammarError("literal too large (the limit is \(configuration.maximumLiteralSize) octets)", code: .tooBig),
                   marker: marker)
            return
        }
        if let refusal = literalMinusRefusal(marker, size: size) {
            refuse(refusal, marker: marker)
            return
        }
        command += [IMAPCharacters.carriageReturn, IMAPCharacters.lineFeed]
        commandLiteralBytes += size
        if !marker.isNonSynchronizing { pending.append(.continuationRequest) }
        state = .literal(remaining: size)
    }

    /// RFC 7888 §4: under LITERAL-, a non-synchronizing literal over 4096 octets is refused
    /// with `BAD [TOOBIG]`.
    func literalMinusRefusal(_ marker: LiteralMarker, size: Int) -> GrammarError? {
        guard marker.isNonSynchronizing, configuration.nonSynchronizingLiterals == .literalMinus,
              size > CommandParserConfiguration.literalMinusMaximum else { return nil }
        return GrammarError("non-synchronizing literals are limited to \(CommandParserConfiguration.literalMinusMaximum) octets",
                            code: .tooBig)
    }

    /// Copies literal octets into the command.
    mutating func stepLiteral(_ remaining: Int) -> Bool {
        guard remaining > 0 else {
            state = .line
            return true
        }
        guard !input.isEmpty else { return false }
        let taken = input.take(remaining)
        command += taken
        state = .literal(remaining: remaining - taken.count)
        return true
    }

    /// A line the session asked for instead of a command.
    private mutating func handleSpecialLine(_ kind: SpecialLine, _ line: [UInt8]) {
        switch kind {
        case .idleDone:
            if line.count == 4, line.map(IMAPCharacters.uppercased).elementsEqual("DONE".utf8) {
                specialLine = nil
                pending.append(.idleDone)
            } else {
                pending.append(.rejected(CommandRejection(tag: nil, text: "expected DONE to end IDLE")))
            }
        case .authenticationResponse:
            specialLine = nil
            if line == [IMAPCharacters.asterisk] {
                pending.append(.authenticationResponse(.cancelled))
            } else if let data = Base64.decodeStrict(line) {
                pending.append(.authenticationResponse(.data(data)))
            } else {
                pending.append(.rejected(CommandRejection(tag: nil, text: "the authentication response is not valid base64")))
            }
        }
    }
}
