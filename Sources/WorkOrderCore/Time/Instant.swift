/// A point in time: milliseconds since 1970-01-01T00:00:00Z.
///
/// The core never reads a clock. Every event carries the `Instant` at which it
/// happened, and deadlines are computed from it, so a test can replay a week of
/// work orders without sleeping.
public struct Instant: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = secondsSinceEpoch * 1000
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        Instant(millisecondsSinceEpoch: lhs.millisecondsSinceEpoch + rhs.wholeMilliseconds)
    }

    public static func - (lhs: Instant, rhs: Instant) -> Duration {
        .milliseconds(lhs.millisecondsSinceEpoch - rhs.millisecondsSinceEpoch)
    }

    public var description: String { "\(millisecondsSinceEpoch)ms" }

    public init(from decoder: any Decoder) throws {
        self.millisecondsSinceEpoch = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSinceEpoch)
    }
}

extension Duration {
    /// The duration rounded towards zero to whole milliseconds.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension DefaultStringInterpolation {
    /// Text for people never shows raw epoch milliseconds: name the site's calendar,
    /// `"\(due, in: calendar)"`, which writes the site-local date and time.
    @available(*, deprecated, message: "write \"\\(instant, in: calendar)\" (site-local time) or \\(instant.millisecondsSinceEpoch) for machines")
    public mutating func appendInterpolation(_ instant: Instant) {
        appendLiteral("\(instant.millisecondsSinceEpoch)ms")
    }

    /// The site-local date and time, e.g. `2026-12-01 14:05`.
    public mutating func appendInterpolation(_ instant: Instant, in calendar: BusinessCalendar) {
        appendLiteral(calendar.localText(instant))
    }
}
