/// Refusing input and skipping what the client still sends of it.
extension CommandParser {
    /// Refuses the command in progress. After a synchronizing literal announcement the client
    /// sends nothing more of the command; after a non-synchronizing one its octets and the
    /// rest of the command still arrive and are skipped.
    mutating func refuse(_ error: GrammarError, marker: LiteralMarker?) {
        var rejection = CommandRejection(tag: appendProgress?.tag ?? CommandGrammar.tag(of: command), status: error.status,
                                         code: error.code, text: error.message)
        resetCommand()
        appendProgress = nil
        if let marker, marker.isNonSynchronizing {
            if let size = marker.size, size <= configuration.maximumDiscardedLiteralSize {
                state = .discardLiteral(remaining: size)
            } else {
                rejection.closesConnection = true
                state = .closed
            }
        } else {
            state = .line
        }
        pending.append(.rejected(rejection))
    }

    /// Refuses a line longer than the limit and skips it (literal announcements at its end
    /// included) without keeping it.
    mutating func refuseLongLine() {
        let tag = appendProgress?.tag
            ?? CommandGrammar.tag(of: command.isEmpty ? input.slice(0..<min(scannedLength, 256)) : command[...])
        let text = "command line too long (the limit is \(configuration.maximumLineLength) octets)"
        let isCommand = specialLine == nil
        if specialLine == .authenticationResponse { specialLine = nil }
        resetCommand()
        appendProgress = nil
        pending.append(.rejected(CommandRejection(tag: isCommand ? tag : nil, text: text)))
        startDiscardingLine(literalAware: isCommand)
    }

    /// Starts skipping the current line from the read position.
    mutating func startDiscardingLine(literalAware: Bool) {
        scanner = LineScanner(keepsTail: literalAware)
        scannedLength = 0
        state = .discardLine
    }

    /// Drops octets up to the end of the line; a non-synchronizing literal announced at its
    /// end is skipped too, a synchronizing one ends the command (the client waits for a
    /// continuation that never comes, and reads the refusal instead).
    mutating func stepDiscardLine() -> Bool {
        var offset = 0
        while offset < input.count {
            let byte = input[offset]
            if byte == IMAPCharacters.lineFeed {
                input.consume(offset + 1)
                let marker = scanner.keepsTail ? scanner.marker() : nil
                resetLine()
                if let marker, marker.isNonSynchronizing {
                    if let size = marker.size, size <= configuration.maximumDiscardedLiteralSize {
                        state = .discardLiteral(remaining: size)
                    } else {
                        pending.append(.rejected(CommandRejection(tag: nil, text: "literal too large to skip",
                                                                  closesConnection: true)))
                        state = .closed
                    }
                } else {
                    state = .line
                }
                return true
            }
            scanner.scan(byte)
            offset += 1
        }
        input.consume(offset)
        return offset > 0
    }

    /// Drops the octets of a refused literal, then the rest of its command.
    mutating func stepDiscardLiteral(_ remaining: Int) -> Bool {
        guard remaining > 0 else {
            startDiscardingLine(literalAware: true)
            return true
        }
        guard !input.isEmpty else { return false }
        let dropped = min(remaining, input.count)
        input.consume(dropped)
        state = .discardLiteral(remaining: remaining - dropped)
        return true
    }
}
