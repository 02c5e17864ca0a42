import Foundation
import Testing
import TestSupport

/// A `martlet dev` server on free loopback ports from `portBase`, in a temporary data folder,
/// with the demo user's generated password; and a Python script of the test bundle run
/// against it.
struct DevServer {
    let folder: TemporaryDirectory
    let data: String
    let portBase: Int
    let process: RunningProcess
    let demoPassword: String

    /// Takes one of the ``ServerSlots`` until ``cleanUp()``.
    static func start(prefix: String) async throws -> DevServer {
        await ServerSlots.shared.acquire()
        do {
            return try await startInSlot(portBase: LoopbackPorts.freeBase(), prefix: prefix)
        } catch {
            ServerSlots.shared.release()
            throw error
        }
    }

    private static func startInSlot(portBase: Int, prefix: String) async throws -> DevServer {
        let martlet = try MartletExecutable()
        let folder = try TemporaryDirectory(prefix: prefix)
        let data = folder.appending("data")
        let process = try RunningProcess(martlet.url, ["dev", "--data", data, "--port-base", "\(portBase)",
                                                                 // Outbound mail asks a DNS server that is not there: the
                                                                 // tests never send DNS queries off the machine.
                                                                 "--dns", "127.0.0.1:9"])
        do {
            let ready = try await process.waitForLine(containing: "Ready.", timeout: 120)
            let passwordLine = try #require(ready.first { $0.contains("password:") })
            let password = try #require(passwordLine.split(separator: " ").dropFirst().first.map(String.init))
            return DevServer(folder: folder, data: data, portBase: portBase, process: process, demoPassword: password)
        } catch {
            // A server that never became ready must not outlive the test, holding its ports.
            process.stop()
            folder.remove()
            throw error
        }
    }

    /// Runs the bundled `name.py` with PORT_BASE, DEMO_PASSWORD, WORK (the temporary
    /// folder; the data folder is WORK/data) and MARTLET (the executable, for admin
    /// commands) set; returns its exit status and output.
    func runScript(_ name: String, timeout: TimeInterval) async throws -> (status: Int32, output: String) {
        let script = try #require(Bundle.module.path(forResource: name, ofType: "py"))
        let client = try RunningProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script],
                                        environment: ProcessInfo.processInfo.environment.merging(
                                            ["PORT_BASE": "\(portBase)", "DEMO_PASSWORD": demoPassword, "WORK": folder.path,
                                             "MARTLET": try MartletExecutable().url.path]) { $1 })
        let status = try await client.waitForExit(timeout: timeout)
        var output = "\(client.lines.joined(separator: "\n"))\n\(client.standardError)"
        // A server that stopped answering says what it logged and where its threads were.
        if status != 0 {
            output += "\nthe server's log:\n\(process.standardError)\nthe server's threads:\n\(await process.threadBacktraces())"
        }
        #expect(client.lines.contains("done"), "\(output)")
        return (status, output)
    }

    /// Stops the server gracefully and expects a clean exit.
    func stop() async throws {
        process.signal(SIGTERM)
        do {
            #expect(try await process.waitForExit() == 0)
        } catch {
            Issue.record(error, "the server's threads:\n\(await process.threadBacktraces())")
            throw error
        }
    }

    /// Kills the server if it still runs and removes the folder.
    func cleanUp() {
        process.stop()
        folder.remove()
        ServerSlots.shared.release()
    }
}
