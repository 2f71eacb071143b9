import ArgumentParser
import Foundation
import WorkOrderCore
import WorkOrderWorkers

/// `wo dead-letters list | show | replay`: what could not be used, why, and a way back.
struct DeadLettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List, show and replay messages in wo.dead-letters · 死信",
        subcommands: [List.self, Show.self, Replay.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters, oldest first (they stay in the queue) · 列出死信")
        @Option(help: "At most this many.") var limit = 100
        @Flag(help: "JSON lines, one per letter.") var json = false
        @Flag(help: "Show owners' phone numbers in full (IN-05: masked otherwise).") var reveal = false
        @OptionGroup var language: LanguageOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let letters = try await DeadLettersCommand.withQueue(connection, language.chosen) { try await $0.list(limit: limit) }
            if json {
                for letter in letters { print(String(decoding: try JSONEncoder.sorted.encode(reveal ? letter : letter.masked()), as: UTF8.self)) }
            } else if letters.isEmpty {
                print(Phrase.noDeadLetters.text(language.chosen))
            } else {
                letters.forEach { print($0.line) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one dead letter in full · 查看死信")
        @Argument(help: "Its message id.") var messageID: String
        @Flag(help: "As JSON.") var json = false
        @Flag(help: "Show owners' phone numbers in full (IN-05: masked otherwise).") var reveal = false
        @OptionGroup var language: LanguageOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let letters = try await DeadLettersCommand.withQueue(connection, language.chosen) { try await $0.list(limit: 10_000) }
            guard let found = letters.first(where: { $0.message_id == messageID }) else {
                printError(Phrase.noDeadLetter(messageID).text(language.chosen))
                throw ExitCode(1)
            }
            let letter = reveal ? found : found.masked()
            if json {
                print(String(decoding: try JSONEncoder.sorted.encode(letter), as: UTF8.self))
            } else if language.chosen == .zh {
                print("""
                    消息编号：\(letter.message_id ?? "（无）")
                    类型：    \(letter.type ?? "-")
                    原因：    \(letter.reason)
                    原发往：  交换机 '\(letter.original_exchange)'，路由键 '\(letter.original_routing_key)'
                    消息体：  \(letter.body_bytes) 字节
                    \(letter.body)
                    """)
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
            abstract: "Publish a dead letter again where it was going, as it was or corrected (--body FILE) · 重发死信",
            discussion: "The replay gets a new message id ending in /replay-<ms>; a dead_letter.replayed record goes to wo.events.")
        @Argument(help: "The dead letter's message id.") var messageID: String
        @Option(help: "A file with the corrected body; default: the original body.") var body: String?
        @Option(help: "Who replays it (recorded).") var by: String
        @Option(help: "Why (recorded).") var reason: String
        @OptionGroup var language: LanguageOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            var corrected: [UInt8]?
            if let body {
                guard let data = FileManager.default.contents(atPath: body) else { throw ValidationError("cannot read --body '\(body)'") }
                corrected = Array(data)
            }
            let id = try await DeadLettersCommand.withQueue(connection, language.chosen) {
                try await $0.replay(messageID: messageID, body: corrected, by: by, reason: reason)
            }
            guard let id else {
                printError(Phrase.noDeadLetter(messageID).text(language.chosen))
                throw ExitCode(1)
            }
            print(Phrase.replayed(messageID, as: id).text(language.chosen))
        }
    }

    static func withQueue<T: Sendable>(
        _ options: ConnectionOptions, _ language: StaffLanguage = .en, _ body: (DeadLetterQueue) async throws -> T
    ) async throws -> T {
        let logger = Logging.bootstrap(level: options.logLevel)
        let amqp = try await connectOrExplain(options, name: "wo-dead-letters", language: language, logger: logger)
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
