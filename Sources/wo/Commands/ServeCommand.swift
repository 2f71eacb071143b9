import AMQPClient
import ArgumentParser
import Logging
import ServiceLifecycle
import WorkOrderServer

/// `wo serve`: the workflow server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the workflow server: consume intake and transitions, apply the workflows, publish dispatches."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let logger = Logging.bootstrap(level: connection.logLevel)
        let url = try connection.resolvedURL()
        let amqp = try await AMQPConnection.connect(to: url, name: "wo-serve", logger: logger)
        try await BrokerTopology.declare(on: amqp)
        logger.info("topology declared; server ready", metadata: ["amqp.url": "\(url)", "store": "\(store.resolvedStore)"])
        let group = ServiceGroup(
            services: [IdleService()],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        try await group.run()
        await amqp.close()
        logger.info("server stopped")
    }
}

/// Holds the process open until SIGTERM/SIGINT. Replaced by the real server services.
struct IdleService: Service {
    func run() async throws {
        try? await gracefulShutdown()
    }
}
