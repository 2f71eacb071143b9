/// SAT-03: causes ranked by count with their cumulative share. The main causes to
/// improve are those reached before the cumulative share passes the cutoff: a cause
/// counts when the causes ranked above it hold less than the cutoff, so the cause that
/// crosses the line is in (one cause holding 85% is still the main one).
public struct ParetoTable: Hashable, Codable, Sendable {
    public var cutoffPercent: Double
    public var total: Int
    public var items: [Item]

    public struct Item: Hashable, Codable, Sendable {
        public var cause: String
        public var count: Int
        public var sharePercent: Double
        public var cumulativePercent: Double
        public var main: Bool
    }

    /// Ties are ranked by name so the table is the same on every run.
    public init(counts: [String: Int], cutoffPercent: Double) {
        self.cutoffPercent = cutoffPercent
        let ranked = counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let total = ranked.reduce(0) { $0 + $1.value }
        self.total = total
        var before = 0
        items = ranked.map { cause, count in
            let share = Double(count) * 100 / Double(total)
            let above = Double(before) * 100 / Double(total)
            before += count
            return Item(cause: cause, count: count, sharePercent: share,
                        cumulativePercent: Double(before) * 100 / Double(total), main: above < cutoffPercent)
        }
    }

    public var mainCauses: [String] { items.filter(\.main).map(\.cause) }
}
