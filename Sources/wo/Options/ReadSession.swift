import ArgumentParser
import Foundation
import Logging
import WorkOrderCore
import WorkOrderReports
import WorkOrderStore

/// A read-only connection to the store (safe beside a running `wo serve`), the policy,
/// and the moment deadlines are judged at.
struct ReadSession {
    let store: any OrderStore
    let context: ReadContext
    let options: ReadOptions
    /// The language and labels the text output is written with.
    let locale: StaffLocale

    var policy: PolicySet { context.policy }

    /// Opens, runs `body`, closes. Any failure becomes one line on stderr and exit 1.
    static func run(_ options: ReadOptions, site: String? = nil, _ body: (ReadSession) async throws -> Void) async throws {
        let policy: PolicySet
        do {
            policy = try options.policy.load()
        } catch {
            let folder = options.policy.resolvedDirectory
            throw ReadError(.badPolicyFolder(folder))
        }
        let locale: StaffLocale
        do {
            locale = try options.policy.locale(options.language.chosen)
        } catch {
            throw ReadError("\(error)")
        }
        let calendar = policy.calendar(forSite: site ?? "")
        let wallMs = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        var now = Instant(millisecondsSinceEpoch: wallMs)
        let store: any OrderStore
        do {
            var logger = Logger(label: "wo.read")
            logger.logLevel = .error
            store = try await OrderStores.open(options.store.resolvedStore, readOnly: true, logger: logger)
        } catch {
            throw ReadError(error)
        }
        if let text = options.now {
            guard let parsed = InstantArgument.parse(text, calendar: calendar) else {
                try? await store.close()
                throw ReadError.badArgument(.badNow(text))
            }
            now = parsed
        } else if let clock = try? await store.serverClock(), clock.scale != 1 {
            // One notion of time: a server running at --time-scale is ahead of the wall
            // clock, and its deadlines are judged by its own time. Said on stderr, so
            // --json output stays clean.
            now = clock.now(atWallMs: wallMs)
            printError(Phrase.serverClock(scale: Int(exactly: clock.scale).map(String.init) ?? "\(clock.scale)", now: calendar.localText(now)).text(options.language.chosen))
        }
        let context = ReadContext(now: now, policy: policy, risk: options.risk, reveal: options.reveal)
        do {
            try await body(ReadSession(store: store, context: context, options: options, locale: locale))
        } catch let error as ReadError {
            try? await store.close()
            throw error
        } catch {
            try? await store.close()
            throw ReadError(error)
        }
        try? await store.close()
    }

    /// The orders matching `filter`, with their histories, timers and follow-ups.
    func facts(_ filter: OrderFilter, where keep: (WorkOrder) -> Bool = { _ in true }) async throws -> [OrderFacts] {
        let orders = try await store.orders(matching: filter).filter(keep)
        return try await OrderRecords.load(orders, from: store).map { OrderFacts($0, context: context) }
    }

    /// JSON with sorted keys, or text with colours only on a terminal.
    func emit<Model: Encodable>(_ model: Model, text: (TextStyle) -> String) throws {
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(model), as: UTF8.self))
        } else {
            print(text(Terminal.style), terminator: "")
        }
    }
}

/// Runs a read command: a failure is one line on stderr (`Error: …`) and a non-zero
/// exit — 64 for a bad argument, 1 for anything else — never a usage dump or a trace.
func reading(_ language: StaffLanguage = .en, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ReadError {
        var standardError = StandardError()
        print(Phrase.errorPrefix.text(language) + error.text(language), to: &standardError)
        throw ExitCode(error.badArgument ? 64 : 1)
    }
}

/// A failure a person can act on.
struct ReadError: Error, CustomStringConvertible {
    let description: String
    /// The Chinese of a message this program wrote (nil: a library's, English only).
    var zh: String?
    /// The command line asked for something malformed or unknown (exit 64).
    var badArgument = false

    init(_ message: String) {
        description = message
    }

    init(_ phrase: Phrase) {
        description = phrase.en
        zh = phrase.zh
    }

    func text(_ language: StaffLanguage) -> String { language == .zh ? zh ?? description : description }

    static func badArgument(_ phrase: Phrase) -> ReadError {
        var error = ReadError(phrase)
        error.badArgument = true
        return error
    }

    /// Only the first line of whatever a library said: no dumps, no stack traces.
    init(_ error: any Error) {
        let text = "\(error)"
        description = String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? Substring(text))
    }
}

enum Terminal {
    /// Colours only on a terminal, and never with `NO_COLOR` or `TERM=dumb`.
    static var style: TextStyle {
        let env = ProcessInfo.processInfo.environment
        return TextStyle(colour: isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb")
    }
}
