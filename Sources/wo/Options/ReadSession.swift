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

    var policy: PolicySet { context.policy }

    /// Opens, runs `body`, closes. Any failure becomes one line on stderr and exit 1.
    static func run(_ options: ReadOptions, site: String? = nil, _ body: (ReadSession) async throws -> Void) async throws {
        let policy = try options.policy.load()
        let calendar = policy.calendar(forSite: site ?? "")
        var now = Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        if let text = options.now {
            guard let parsed = InstantArgument.parse(text, calendar: calendar) else {
                throw ReadError("bad --now '\(text)': expected ms since the epoch or YYYY-MM-DD[THH:MM]")
            }
            now = parsed
        }
        let context = ReadContext(now: now, policy: policy, risk: options.risk, reveal: options.reveal)
        let store: any OrderStore
        do {
            var logger = Logger(label: "wo.read")
            logger.logLevel = .error
            store = try await OrderStores.open(options.store.resolvedStore, readOnly: true, logger: logger)
        } catch {
            throw ReadError(error)
        }
        do {
            try await body(ReadSession(store: store, context: context, options: options))
        } catch let error as ReadError {
            try? await store.close()
            throw error
        } catch let error as ValidationError {
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

/// A failure a person can act on, printed as one line (`Error: …`), exit status 1.
struct ReadError: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) {
        description = message
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
