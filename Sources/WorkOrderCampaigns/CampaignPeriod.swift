import WorkOrderCore

/// The stretch of calendar a campaign belongs to, written as people write it:
/// `2026-06-15` (a day), `2026-06` (a month), `2026-Q3`, `2026-H2`, `2026` (a year).
public enum CampaignPeriod: Hashable, Sendable, CustomStringConvertible {
    case day(CivilDate)
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case half(year: Int, half: Int)
    case year(Int)

    public init?(parsing raw: String) {
        let text = raw.uppercased()
        if let day = CivilDate(parsing: text) { self = .day(day); return }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), first.allSatisfy(\.isNumber) else { return nil }
        if parts.count == 1 { self = .year(year); return }
        guard parts.count == 2 else { return nil }
        let tail = parts[1]
        if tail.count == 2, tail.allSatisfy(\.isNumber), let m = Int(tail), (1...12).contains(m) {
            self = .month(year: year, month: m)
        } else if tail.count == 2, tail.first == "Q", let q = Int(tail.dropFirst()), (1...4).contains(q) {
            self = .quarter(year: year, quarter: q)
        } else if tail.count == 2, tail.first == "H", let h = Int(tail.dropFirst()), (1...2).contains(h) {
            self = .half(year: year, half: h)
        } else {
            return nil
        }
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .day(let d): return d.description
        case .month(let y, let m): return "\(y)-\(two(m))"
        case .quarter(let y, let q): return "\(y)-Q\(q)"
        case .half(let y, let h): return "\(y)-H\(h)"
        case .year(let y): return "\(y)"
        }
    }

    public var firstDay: CivilDate {
        switch self {
        case .day(let d): return d
        case .month(let y, let m): return CivilDate(year: y, month: m, day: 1)
        case .quarter(let y, let q): return CivilDate(year: y, month: 3 * q - 2, day: 1)
        case .half(let y, let h): return CivilDate(year: y, month: 6 * h - 5, day: 1)
        case .year(let y): return CivilDate(year: y, month: 1, day: 1)
        }
    }

    public var lastDay: CivilDate {
        let lastMonth: (Int, Int)
        switch self {
        case .day(let d): return d
        case .month(let y, let m): lastMonth = (y, m)
        case .quarter(let y, let q): lastMonth = (y, 3 * q)
        case .half(let y, let h): lastMonth = (y, 6 * h)
        case .year(let y): lastMonth = (y, 12)
        }
        return CivilDate(year: lastMonth.0, month: lastMonth.1, day: CivilDate.daysInMonth(year: lastMonth.0, month: lastMonth.1))
    }

    /// The period of the same length just before this one (the previous quarter, day…).
    public var previous: CampaignPeriod {
        switch self {
        case .day(let d): return .day(d.adding(days: -1))
        case .month(let y, let m): return m == 1 ? .month(year: y - 1, month: 12) : .month(year: y, month: m - 1)
        case .quarter(let y, let q): return q == 1 ? .quarter(year: y - 1, quarter: 4) : .quarter(year: y, quarter: q - 1)
        case .half(let y, let h): return h == 1 ? .half(year: y - 1, half: 2) : .half(year: y, half: 1)
        case .year(let y): return .year(y - 1)
        }
    }

    public func contains(_ day: CivilDate) -> Bool { firstDay <= day && day <= lastDay }

    /// Whether the two periods share at least one day.
    public func overlaps(_ other: CampaignPeriod) -> Bool {
        firstDay <= other.lastDay && other.firstDay <= lastDay
    }
}

extension CampaignPeriod: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = CampaignPeriod(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
