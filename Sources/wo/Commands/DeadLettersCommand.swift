import ArgumentParser
import Foundation
import WorkOrderWorkers

/// `wo dead-letters list | show | replay`: what could not be used, why, and a way back.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List, show and replay messages in wo.dead-letters.",
        subcommands: [List.self, Show.self, Replay.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, oldest first (they stay in the queue).")
        @Option(help: "At most this many.") var limit = 100
        @Flag(help: "JSON lines, one per letter.") var json = false
        @Flag(help: "Show owners' phone numbers in full (IN-05: masked otherwise).") var reveal = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let letters = try await DeadLettersCommand.withQueue(connection) { try await $0.list(limit: limit) }
            if json {
                for letter in letters { print(String(decoding: try JSONEncoder.sorted.encode(reveal ? letter : letter.masked()), as: UTF8.self)) }
            } else if letters.isEmpty {
                print("no dead letters")
            } else {
                letters.forEach { print($0.line) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one dead letter in full.")
        @Argument(help: "Its message id.") var messageID: String
        @Flag(help: "As JSON.") var json = false
        @Flag(help: "Show owners' phone numbers in full (IN-05: masked otherwise).") var reveal = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let letters = try await DeadLettersCommand.withQueue(connection) { try await $0.list(limit: 10_000) }
            guard let found = letters.first(where: { $0.message_id == messageID }) else {
                printError("no dead letter with message id '\(messageID)'")
                throw ExitCode(1)
            }
            let letter = reveal ? found : found.masked()
            if json {
                print(String(decoding: try JSONEncoder.sorted.encode(letter), as: UTF8.self))
            } else {
                print("""
                    message id:  \(letter.message_id ?? "(none)")
                    type:        \(letter.type ?? "-")
                    reason:      \(letter.reason)
                    was going:   exchange '\(letter.original_exchange)', routing key '\(letter.original_routing_key)'
                    body:        \(letter.body_bytes) bytes
                    \(letter.body)
                    """)
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a dead letter again where it was going, as it was or corrected (--body FILE).",
            discussion: "The replay gets a new message id ending in /replay-<ms>; a dead_letter.replayed record goes to wo.events.")
        @Argument(help: "The dead letter's message id.") var messageID: String
        @Option(help: "A file with the corrected body; default: the original body.") var body: String?
        @Option(help: "Who replays it (recorded).") var by: String
        @Option(help: "Why (recorded).") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            var corrected: [UInt8]?
            if let body {
                guard let data = FileManager.default.contents(atPath: body) else { throw ValidationError("cannot read --body '\(body)'") }
                corrected = Array(data)
            }
            let id = try await DeadLettersCommand.withQueue(connection) {
                try await $0.replay(messageID: messageID, body: corrected, by: by, reason: reason)
            }
            guard let id else {
                printError("no dead letter with message id '\(messageID)'")
                throw ExitCode(1)
            }
            print("replayed \(messageID) as \(id)")
        }
    }

    static func withQueue<T: Sendable>(_ options: ConnectionOptions, _ body: (DeadLetterQueue) async throws -> T) async throws -> T {
        let logger = Logging.bootstrap(level: options.logLevel)
        let amqp = try await connectOrExplain(options, name: "wo-dead-letters", logger: logger)
        do {
            let result = try await body(DeadLetterQueue(connection: amqp))
            await amqp.close()
            return result
        } catch {
            await amqp.close()
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
