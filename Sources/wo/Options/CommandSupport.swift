import AMQPClient
import ArgumentParser
import Foundation
import Logging
import WorkOrderCore

/// Diagnostics go to stderr; results to stdout.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("wo: " + message + "\n").utf8))
}

/// Connects, or stops with a one-line reason a person can act on.
func connectOrExplain(_ options: ConnectionOptions, name: String, language: StaffLanguage = .en, logger: Logger) async throws -> AMQPConnection {
    let url = try options.resolvedURL()
    do {
        return try await AMQPConnection.connect(to: url, name: name, logger: logger)
    } catch {
        printError(Phrase.cannotReachBroker("\(url)", "\(error)").text(language))
        throw ExitCode(1)
    }
}

extension JSONEncoder {
    /// Stable key order, for output people diff and programs parse.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// The `--json` form of a result: pretty, keys sorted, so runs can be diffed.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

extension Array where Element == Double {
    /// The middle measurement of several runs (the upper middle for an even count).
    var median: Double? { isEmpty ? nil : sorted()[count / 2] }
}
