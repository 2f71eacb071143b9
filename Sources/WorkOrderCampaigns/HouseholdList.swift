import WorkOrderCore

/// Why a list of households could not be read.
public struct HouseholdListError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// The occupied households of a site, one `building-unit-room` per line (`3-2-501`).
/// Blank lines and lines starting with `#` are skipped; a household listed twice is
/// an error, because the quota and the survey count each unit once.
public enum HouseholdList {
    public static func parse(_ text: String) throws(HouseholdListError) -> [Household] {
        var households: [Household] = []
        var seen: [Household: Int] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let household = household(line) else {
                throw HouseholdListError(line: index + 1, message: "'\(line)' is not building-unit-room (e.g. 3-2-501)")
            }
            if let first = seen[household] {
                throw HouseholdListError(line: index + 1, message: "\(household) is already listed on line \(first)")
            }
            seen[household] = index + 1
            households.append(household)
        }
        return households
    }

    /// `3-2-501` → building 3, unit 2, room 501; nil unless exactly three non-empty parts.
    public static func household(_ text: String) -> Household? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else { return nil }
        return Household(building: String(parts[0]), unit: String(parts[1]), room: String(parts[2]))
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
