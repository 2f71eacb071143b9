/// A span of time as the company's procedures state it.
///
/// Some spans run on the wall clock ("staff on site within 10 minutes"), others on the
/// site's business calendar ("solved within 3 working days", "half a day").
/// A calendar turns a `PolicyDuration` and a start `Instant` into a due `Instant`.
public enum PolicyDuration: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Wall-clock time, around the clock (intake runs 24 hours a day).
    case elapsed(Duration)
    /// Working hours of the site's calendar. "Half a day" is 4 working hours.
    case workingHours(Int)
    /// Working days of the site's calendar.
    case workingDays(Int)
    /// By the end of the working day on which the span starts.
    case sameDay

    public var description: String {
        switch self {
        case .elapsed(let d):
            let ms = d.wholeMilliseconds
            if ms % 86_400_000 == 0 { return "\(ms / 86_400_000)d" }
            if ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
            if ms % 60_000 == 0 { return "\(ms / 60_000)m" }
            return "\(ms / 1000)s"
        case .workingHours(let h): return "\(h) working hours"
        case .workingDays(let d): return "\(d) working days"
        case .sameDay: return "same day"
        }
    }
}
