/// A wall-clock time of day at a site, to the minute: `00:00` … `24:00`.
///
/// `24:00` exists so that a working period can end at midnight.
public struct LocalTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Minutes after local midnight, 0…1440.
    public var minuteOfDay: Int

    /// `hour` 0…24 and `minute` 0…59; `24:00` is the latest time. Values outside
    /// are clamped: a literal in code is checked by its tests, and text from policy
    /// files goes through ``init(parsing:)``, which rejects them.
    public init(hour: Int, minute: Int = 0) {
        self.init(minuteOfDay: hour * 60 + minute)
    }

    public init(minuteOfDay: Int) {
        self.minuteOfDay = min(max(minuteOfDay, 0), LocalTime.minutesPerDay)
    }

    public static let minutesPerDay = 24 * 60
    public static let midnight = LocalTime(minuteOfDay: 0)
    public static let endOfDay = LocalTime(minuteOfDay: minutesPerDay)

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minuteOfDay < rhs.minuteOfDay
    }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
    }

    /// Reads `H:MM` or `HH:MM` (`08:30`, `8:30`, `24:00`); nil for anything else,
    /// including `25:00` and `12:60`.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              minute < 60, hour < 24 || (hour == 24 && minute == 0)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }
}

/// A range of minutes after local midnight, `start ..< end`.
public struct MinuteRange: Hashable, Codable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public init(_ from: LocalTime, _ to: LocalTime) {
        self.init(start: from.minuteOfDay, end: to.minuteOfDay)
    }

    public var minutes: Int { max(end - start, 0) }

    public func contains(minute: Int) -> Bool { start <= minute && minute < end }

    /// `HH:MM-HH:MM`.
    public var description: String {
        "\(LocalTime(minuteOfDay: start))-\(LocalTime(minuteOfDay: end))"
    }

    /// Reads `08:30-12:00` (spaces around the dash allowed); nil unless both ends are
    /// times and the start is before the end.
    public init?(parsing text: some StringProtocol) {
        let parts = String(text).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let from = LocalTime(parsing: parts[0].trimmingSpaces),
              let to = LocalTime(parsing: parts[1].trimmingSpaces),
              from < to
        else { return nil }
        self.init(from, to)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
