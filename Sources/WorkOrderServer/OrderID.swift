import WorkOrderCore

/// Order ids a person can read out on the phone: kind letter, local date, eight random
/// hex digits, e.g. `R-20261123-3F9A2C07`. The writer re-draws an id that is taken.
enum OrderID {
    static func make(kind: OrderKind, at now: Instant, calendar: BusinessCalendar) -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16, uppercase: true)
        return prefix(kind: kind, at: now, calendar: calendar) + String(repeating: "0", count: 8 - random.count) + random
    }

    /// Kind letter and local date, e.g. `R-20261123-`.
    static func prefix(kind: OrderKind, at now: Instant, calendar: BusinessCalendar) -> String {
        let prefix: String
        switch kind {
        case .complaint: prefix = "C"
        case .repair: prefix = "R"
        case .paid_service: prefix = "P"
        case .help: prefix = "H"
        case .renovation: prefix = "N"
        case .move_in: prefix = "M"
        }
        let date = calendar.localDate(of: now)
        let ymd = "\(date.year)\(date.month < 10 ? "0" : "")\(date.month)\(date.day < 10 ? "0" : "")\(date.day)"
        return "\(prefix)-\(ymd)-"
    }
}
