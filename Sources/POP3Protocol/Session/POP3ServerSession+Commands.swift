/// Routing a command line to its handler, by state (RFC 1939 §4–§6).
extension POP3ServerSession {
    mutating func handleCommandLine(_ line: [UInt8]) {
        if state == .authorization {
            commandsBeforeLogin += 1
            if commandsBeforeLogin > limits.maximumCommandsBeforeLogin {
                return closeConnection(with: .tooManyCommandsBeforeLogin)
            }
        }
        let command: POP3Command
        do {
            command = try POP3CommandParser.parse(line)
        } catch {
            return rejectCommand(with: .malformed(error))
        }
        switch state {
        case .authorization: handleAuthorizationCommand(command)
        case .transaction: handleTransactionCommand(command)
        case .update: break  // Input is not read while the deletions are committed.
        }
    }

    private mutating func handleAuthorizationCommand(_ command: POP3Command) {
        switch command {
        case .user(let name): user(name)
        case .pass(let password): pass(password)
        case .apop(let name, let digest): apop(name: name, digest: digest)
        case .auth(let mechanism, let initialResponse): authenticate(mechanism: mechanism, initialResponse: initialResponse)
        case .capa: sendCapabilities()
        case .stls: startTLS()
        case .quit: closeConnection(with: .goodbye)
        case .stat, .list, .retr, .dele, .noop, .rset, .top, .uidl:
            rejectCommand(with: .notAllowedBeforeLogin)
        }
    }

    private mutating func handleTransactionCommand(_ command: POP3Command) {
        switch command {
        case .stat: stat()
        case .list(let number): list(number)
        case .retr(let number): transfer(number, bodyLineLimit: nil)
        case .top(let number, let lineCount): transfer(number, bodyLineLimit: lineCount)
        case .dele(let number): delete(number)
        case .uidl(let number): uniqueIDListing(number)
        case .noop: send(.noop)
        case .rset: reset()
        case .capa: sendCapabilities()
        case .quit: quit()
        case .user, .pass, .apop, .auth, .stls:
            rejectCommand(with: .notAllowedAfterLogin)
        }
    }
}
