/// Why a duration in a policy file could not be read.
public struct PolicyDurationSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var description: String {
        "'\(text)' is not a duration; expected e.g. 10m, 2h, 3d, 30s, half_day, same_day, 4 working hours, 3 working days"
    }
}

extension PolicyDuration {
    /// Reads the spellings used in `workflows/`:
    /// `30s`, `10m`, `2h`, `3d` (wall clock), `4wh` / `4 working hours`,
    /// `3wd` / `3 working days`, `half_day` (4 working hours), `same_day`.
    public init(parsing raw: String) throws(PolicyDurationSyntaxError) {
        let text = raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        switch text {
        case "half_day", "half a day", "half day": self = .workingHours(4); return
        case "same_day", "same day": self = .sameDay; return
        default: break
        }
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let n = Int(digits), n >= 0 else { throw PolicyDurationSyntaxError(text: raw) }
        let unit = text.dropFirst(digits.count).trimmingPrefix(" ")
        switch unit {
        case "s", "sec", "second", "seconds": self = .elapsed(.seconds(n))
        case "m", "min", "minute", "minutes": self = .elapsed(.seconds(n * 60))
        case "h", "hour", "hours": self = .elapsed(.seconds(n * 3600))
        case "d", "day", "days": self = .elapsed(.seconds(n * 86_400))
        case "wh", "working hour", "working hours": self = .workingHours(n)
        case "wd", "working day", "working days": self = .workingDays(n)
        default: throw PolicyDurationSyntaxError(text: raw)
        }
    }
}

extension Substring {
    fileprivate func trimmingPrefix(_ prefix: String) -> Substring {
        var s = self
        while s.hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        return s
    }
}
