import WorkOrderCore

/// How times, durations and rates read in tables.
public enum Format {
    /// `2026-03-02 09:00` in the site's local time.
    public static func local(_ instant: Instant, _ calendar: BusinessCalendar) -> String {
        "\(calendar.localDate(of: instant)) \(calendar.localTime(of: instant))"
    }

    public static func local(_ instant: Instant?, _ calendar: BusinessCalendar) -> String {
        instant.map { local($0, calendar) } ?? "-"
    }

    /// `45m`, `3h05m`, `2d04h`: the two largest units.
    public static func duration(ms: Int64) -> String {
        let minutes = max(0, ms) / 60_000
        let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if days > 0 { return "\(days)d\(two(hours))h" }
        if hours > 0 { return "\(hours)h\(two(mins))m" }
        return "\(mins)m"
    }

    /// `92.5%`; `-` when there is nothing to divide.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "-" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }

    public static func tone(meets: Bool?) -> Cell.Tone {
        switch meets {
        case true?: return .good
        case false?: return .bad
        case nil: return .plain
        }
    }

    public static func outcome(_ outcome: DeadlineOutcome) -> Cell {
        switch outcome {
        case .met: return Cell("met", .good)
        case .open: return Cell("open")
        case .at_risk: return Cell("at risk", .warning)
        case .breached: return Cell("breached", .bad)
        case .reminded: return Cell("reminded", .dim)
        case .dropped: return Cell("dropped", .dim)
        }
    }
}
