import AMQPClient
import ArgumentParser
import Foundation
import Logging
import WorkOrderServer

/// `--amqp-url`, `--amqp-url-file` (or `WO_AMQP_URL`, `WO_AMQP_URL_FILE`): every
/// subcommand that talks to the broker. A URL with a password is best kept in a file
/// (mode 0600) or the environment: a command-line argument shows in `ps`.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: ArgumentHelp(
        "Broker URL, amqp://user:pass@host:port/vhost or amqps://…?cacertfile=…&certfile=…&keyfile=…",
        discussion: "Overrides WO_AMQP_URL. Default: amqp://guest:guest@127.0.0.1:5672/ (visible in ps: prefer --amqp-url-file)"
    ))
    var amqpURL: String?

    @Option(name: .customLong("amqp-url-file"), help: ArgumentHelp(
        "A file holding the broker URL (first line), so its password is not on the command line.",
        discussion: "Overrides WO_AMQP_URL_FILE; --amqp-url overrides both."
    ))
    var amqpURLFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    func resolvedURL() throws -> AMQPURL {
        let environment = ProcessInfo.processInfo.environment
        var text = amqpURL
        if text == nil, let file = amqpURLFile ?? environment["WO_AMQP_URL_FILE"] {
            // The file's contents are never echoed: an error names the file only.
            guard let data = FileManager.default.contents(atPath: file), let contents = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read the broker URL file '\(file)'")
            }
            guard let line = contents.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
                  !line.isEmpty else {
                throw ValidationError("the broker URL file '\(file)' is empty")
            }
            text = line
        }
        let resolved = text ?? environment["WO_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/"
        do {
            return try AMQPURL(parsing: resolved)
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
