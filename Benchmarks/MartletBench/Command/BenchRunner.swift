import ProcessLimits
import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// Sets up a run (event loop group sized to the cores, file descriptor limit, TLS
/// context, deadlines), runs its workload, and turns what was recorded into a report.
enum BenchRunner {
    static func run(
        _ plan: RunPlan, connection: ConnectionOptions, accounts: AccountOptions,
        standardPort: Int, implicitTLSPort: Int,
        workload: @escaping @Sendable (RunContext) async throws(BenchError) -> WorkloadOutcome
    ) async throws -> BenchReport {
        let endpoint = try connection.endpoint(standardPort: standardPort, implicitTLSPort: implicitTLSPort)
        let users = try accounts.pattern()
        OpenFileLimit.raise(toAtLeast: plan.clients * 2 + 256)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let start = ContinuousClock.now
        let deadline = start + .nanoseconds(Int64(plan.seconds * 1e9))
        let hardDeadline = deadline + .nanoseconds(Int64((plan.extraSeconds + connection.timeout + BenchLimits.shutdownGraceSeconds) * 1e9))
        let budget = RunBudget(deadline: deadline, operations: plan.operations)
        let recorder = RunRecorder()
        let context = RunContext(
            endpoint: endpoint, startTLS: connection.starttls, group: group, users: users, password: accounts.password,
            clients: plan.clients, recorder: recorder, budget: budget, hardDeadline: hardDeadline, seed: plan.seed)
        let outcome = await LoadDriver.withHardDeadline(hardDeadline, budget: budget) { () -> Result<WorkloadOutcome, BenchError> in
            do throws(BenchError) {
                return .success(try await workload(context))
            } catch {
                return .failure(error)
            }
        }
        let elapsed = ContinuousClock.now - start
        try? await group.shutdownGracefully()
        var extra = WorkloadOutcome.nothingMore
        switch outcome {
        case .success(let reported): extra = reported
        case .failure(let error): throw error
        case nil: break
        }
        var report = BenchReport(
            command: plan.command, workload: plan.workload,
            target: .init(host: endpoint.host, port: endpoint.port, security: connection.security),
            clients: plan.clients, elapsed: elapsed, rateInterval: extra.rateInterval, headline: plan.headline, snapshot: recorder.snapshot(),
            stoppedBy: budget.stopReason.rawValue)
        report.memory = extra.memory
        return report
    }

    /// Prints the report: one JSON object, or the table.
    static func print(_ report: BenchReport, json: Bool) throws {
        Swift.print(json ? try report.json() : ReportTable.render(report))
    }
}
