import NIOCore

/// The held half of a flood: connections from one address that read the greeting and then
/// say nothing, occupying the server's connection slots. Connects are limited to
/// `parallelism` in flight; greetings are awaited outside that limit (a greeting delay
/// must not slow the opening down).
struct HeldConnections: Sendable {
    /// The port the held connections go to.
    enum Service: String, Codable, Sendable, CaseIterable {
        case smtp
        case imap
    }

    let endpoint: ClientConnection.Endpoint
    let service: Service
    let count: Int
    let parallelism: Int
    let group: any EventLoopGroup
    let tally: HoldTally

    /// One step of opening: a connection made (or not), then greeted (or not).
    private enum Step: Sendable {
        case connected(ClientConnection?)
        case greeted(ClientConnection?)
    }

    /// Opens the connections and returns those greeted and held. Returns early when
    /// cancelled: connections still waiting for their greeting are closed and counted.
    func open() async -> [ClientConnection] {
        await withTaskGroup(of: Step.self) { tasks in
            var held: [ClientConnection] = []
            var started = 0
            var connecting = 0
            func startConnects() {
                while started < count, connecting < parallelism, !Task.isCancelled {
                    started += 1
                    connecting += 1
                    tasks.addTask { .connected(await connect()) }
                }
            }
            startConnects()
            while let step = await tasks.next() {
                switch step {
                case .connected(let connection):
                    connecting -= 1
                    if let connection { tasks.addTask { .greeted(await greet(connection)) } }
                case .greeted(let connection):
                    if let connection { held.append(connection) }
                }
                startConnects()
            }
            return held
        }
    }

    private func connect() async -> ClientConnection? {
        do throws(BenchError) {
            return try await ClientConnection.connect(to: endpoint, group: group)
        } catch {
            switch error {
            case _ where Task.isCancelled: tally.record(.awaitingGreetingAtEnd)
            // Connected, then closed before the client could read: a refusal too quick to see.
            case .connectionClosed: tally.record(.closedBeforeGreeting, example: "closed right after the connect")
            default: tally.record(.connectFailed, example: error.description)
            }
            return nil
        }
    }

    /// Waits for the greeting; returns the connection if it was a welcome.
    private func greet(_ connection: ClientConnection) async -> ClientConnection? {
        do throws(BenchError) {
            switch service {
            case .smtp:
                let greeting = try await connection.receive(SMTPReplyDecoder()).first
                if let greeting, greeting.code == 220 { return connection }
                tally.record(.refusedWithReply, example: greeting?.summary)
            case .imap:
                let greeting = try await connection.receive(IMAPResponseDecoder(.greeting))
                if case .greeting(let text) = greeting.ending {
                    let status = text.uppercased()
                    if status.hasPrefix("OK") || status.hasPrefix("PREAUTH") { return connection }
                    tally.record(.refusedWithReply, example: "* \(text)")
                } else {
                    tally.record(.malformedGreeting, example: "no untagged greeting")
                }
            }
        } catch {
            switch error {
            case _ where Task.isCancelled: tally.record(.awaitingGreetingAtEnd)
            case .connectionClosed: tally.record(.closedBeforeGreeting)
            case .timedOut: tally.record(.awaitingGreetingAtEnd, example: error.description)
            case .malformedReply, .limitExceeded: tally.record(.malformedGreeting, example: error.description)
            default: tally.record(.closedBeforeGreeting, example: error.description)
            }
        }
        connection.close()
        return nil
    }

    /// Counts which held connections the server closed and which are still open, then
    /// closes them all.
    func release(_ held: [ClientConnection]) {
        for connection in held {
            tally.record(connection.isActive ? .heldToEnd : .closedWhileHeld)
            connection.close()
        }
    }
}
