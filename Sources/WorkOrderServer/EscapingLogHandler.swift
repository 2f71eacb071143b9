import Logging
import WorkOrderCore

/// Wraps a log handler so that no message or metadata value can forge a line: control
/// characters (a newline followed by a fake timestamp) are escaped and every value is
/// bounded. Call sites quote sender values with `LogSafe` too; this is the backstop for
/// the ones that do not.
public struct EscapingLogHandler: LogHandler {
    public var wrapped: any LogHandler
    /// Longest value kept, in characters.
    public var limit: Int

    public init(wrapping handler: any LogHandler, limit: Int = 1000) {
        self.wrapped = handler
        self.limit = limit
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt
    ) {
        wrapped.log(
            level: level, message: "\(LogSafe.quote(message.description, limit: limit))",
            metadata: metadata.map { $0.mapValues(escaped) }, source: source, file: file, function: function, line: line)
    }

    private func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): return .string(LogSafe.quote(text, limit: limit))
        case .stringConvertible(let convertible): return .string(LogSafe.quote(convertible.description, limit: limit))
        case .array(let items): return .array(items.map(escaped))
        case .dictionary(let entries): return .dictionary(entries.mapValues(escaped))
        }
    }
}
