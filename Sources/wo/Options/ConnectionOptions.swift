import AMQPClient
import ArgumentParser
import Foundation
import Logging
import WorkOrderServer

/// `--amqp-url` (or `WO_AMQP_URL`): every subcommand that talks to the broker.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: ArgumentHelp(
        "Broker URL, amqp://user:pass@host:port/vhost or amqps://…?cacertfile=…&certfile=…&keyfile=…",
        discussion: "Overrides WO_AMQP_URL. Default: amqp://guest:guest@127.0.0.1:5672/"
    ))
    var amqpURL: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func resolvedURL() throws -> AMQPURL {
        let text = amqpURL ?? ProcessInfo.processInfo.environment["WO_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/"
        do {
            return try AMQPURL(parsing: text)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// `--store` (or `WO_STORE`): where orders are kept. A path means SQLite,
/// `postgres://…` PostgreSQL.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "Store: a SQLite file path or postgres://user@host:port/db.",
        discussion: "Overrides WO_STORE. Default: var/wo.sqlite"
    ))
    var store: String?

    var resolvedStore: String {
        store ?? ProcessInfo.processInfo.environment["WO_STORE"] ?? "var/wo.sqlite"
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

enum Logging {
    /// One stderr handler for the process; libraries only receive loggers.
    static func bootstrap(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            // Message text from outside can never start a forged log line.
            return EscapingLogHandler(wrapping: handler)
        }
        return Logger(label: "wo")
    }
}
