import AMQPClient
import ArgumentParser
import Logging
import WorkOrderServer
import WorkOrderTopology

/// `wo broker setup`: declare the public topology, for operators.
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Broker administration.",
        subcommands: [Setup.self, BrokerUsersCommand.self]
    )

    struct Setup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare the exchanges and queues of docs/protocol.md (idempotent)."
        )

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let logger = Logging.bootstrap(level: connection.logLevel)
            let amqp = try await AMQPConnection.connect(to: try connection.resolvedURL(), name: "wo-broker-setup", reconnect: .never, logger: logger)
            try await BrokerTopology.declare(on: amqp)
            await amqp.close()
            print("declared: exchanges \(BrokerTopology.intakeExchange), \(BrokerTopology.transitionsExchange), \(BrokerTopology.eventsExchange), \(BrokerTopology.deadLetterExchange); queues for \(BrokerTopology.departments.count) departments, \(BrokerTopology.followupsQueue), \(BrokerTopology.deadLetterQueue)")
        }
    }
}
