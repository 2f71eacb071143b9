import AMQPClient
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WorkOrderCore
import WorkOrderProtocol
import WorkOrderServer
import WorkOrderStore
import WorkOrderTopology

/// `wo serve`: the workflow server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the workflow server: consume intake and transitions, apply the workflows, publish dispatches."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var policy: PolicyOptions

    @Option(help: "Run the clock N times faster than real time (drills, demos, tests).")
    var timeScale: Double = 1

    @Option(help: "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (0: off).")
    var metricsPort = 0

    @Option(help: "Unacked deliveries per consumer.")
    var prefetch: UInt16 = 500

    @Option(help: "Days to remember processed message ids and keep published events and replies (0: forever).")
    var retainDays = 30

    @Option(help: "Dead-letter a message delivered this many times without its effect being committed (a message that crashes the server).")
    var maxDeliveries = 5

    @Option(help: ArgumentHelp(
        "enforced: every transition must carry the AMQP user_id of a broker user that access.yaml lets take the role it claims. development: transitions without user_id, or from users not listed (guest), are believed as they claim (docs/security.md). Overrides WO_SENDER_CHECK.",
        valueName: "enforced|development"))
    var senderCheck: String?

    func validate() throws {
        _ = try resolvedSenderCheck()
        // Bounded, so no conversion of a scaled time can overflow.
        guard timeScale > 0, timeScale <= WorkClock.maxScale else {
            throw ValidationError("--time-scale must be more than 0 and at most \(Int(WorkClock.maxScale))")
        }
        guard retainDays >= 0 else { throw ValidationError("--retain-days must be 0 (forever) or more") }
        guard (1...1000).contains(maxDeliveries) else { throw ValidationError("--max-deliveries must be between 1 and 1000") }
    }

    func resolvedSenderCheck() throws -> SenderPolicy.Mode {
        let text = senderCheck ?? ProcessInfo.processInfo.environment["WO_SENDER_CHECK"] ?? SenderPolicy.Mode.enforced.rawValue
        guard let mode = SenderPolicy.Mode(rawValue: text) else {
            throw ValidationError("--sender-check must be enforced or development, not \(LogSafe.quote(text))")
        }
        return mode
    }

    func run() async throws {
        let logger = Logging.bootstrap(level: connection.logLevel)
        let stopSignals = await StopSignals.trap(logger: logger)
        let (policySet, policyFiles) = try policy.loadWithFiles()
        let senderCheck = try resolvedSenderCheck()
        let senders = try policy.loadSenders(required: senderCheck == .enforced)
        let privacy = try policy.loadPrivacy()
        let url = try connection.resolvedURL()
        let orderStore = try await OrderStores.open(store.resolvedStore, logger: logger)
        let claim: any ServerClaim
        do {
            claim = try await orderStore.claimForServer()
        } catch {
            try? await orderStore.close()
            printError("\(error)")
            throw ExitCode(1)
        }
        // Under the claim, so no other server records or reads versions meanwhile.
        let engines: PolicyEngines
        do {
            engines = try await PolicyEngines.prepare(current: policySet, files: policyFiles, store: orderStore, logger: logger)
        } catch {
            await claim.release()
            try? await orderStore.close()
            printError("\(error)")
            throw ExitCode(1)
        }
        let amqp = try await AMQPConnection.connect(to: url, name: "wo-serve", logger: logger)
        try await BrokerTopology.declare(on: amqp)

        var configuration = ServerConfiguration()
        configuration.timeScale = timeScale
        configuration.metricsPort = metricsPort
        configuration.prefetch = prefetch
        configuration.retentionDays = retainDays
        configuration.maxDeliveries = maxDeliveries
        configuration.senders = senders
        configuration.redactOwnerDataAfterDays = privacy.redactOwnerDataAfterDays
        configuration.senderCheck = senderCheck
        if senderCheck == .development {
            logger.warning("sender check in development mode: transitions without user_id, or from broker users not in access.yaml, are believed as they claim")
        }
        // Fault injection for the poison-message tests (docs/architecture.md); unset in production.
        if let poison = ProcessInfo.processInfo.environment["WO_FAULT_CRASH_ON_MESSAGE_ID"], !poison.isEmpty {
            configuration.crashOnMessageID = poison
            logger.warning("fault injection on: the server dies on one message id", metadata: ["fault.message_id": "\(LogSafe.quote(poison))"])
        }
        // The read commands judge "now" by this clock while the server runs (under
        // --time-scale the server's time runs ahead of the wall clock).
        let origin = WorkClock.wallNow()
        let clock = WorkClock(scale: timeScale, startingAt: origin)
        try await orderStore.recordServerClock(ServerClockRecord(
            wallOriginMs: origin.millisecondsSinceEpoch, scaledOriginMs: origin.millisecondsSinceEpoch, scale: clock.scale))
        let server = WorkflowServer(
            configuration: configuration, connection: amqp, store: orderStore, engines: engines, clock: clock, logger: logger
        )
        logger.info("server ready", metadata: [
            "amqp.url": "\(url)", "store": "\((try? StoreLocation(store.resolvedStore))?.description ?? "?")",
            "policy.version": "\(policySet.version)", "policy.versions": "\(engines.versions.joined(separator: ", "))",
            "clock.scale": "\(timeScale)", "access.senders": "\(senderCheck.rawValue)",
        ])
        let group = ServiceGroup(services: server.serviceList, gracefulShutdownSignals: [], logger: logger)
        try await stopSignals.run(group)
        await amqp.close()
        // Stopped, its clock no longer runs: the read commands go back to the wall clock.
        try? await orderStore.recordServerClock(nil)
        await claim.release()
        try await orderStore.close()
        logger.info("server stopped")
    }
}
