import Foundation
import WorkOrderCore

/// A policy version as a server first ran it: the text of each of its files, by path
/// relative to the policy folder (`repair.yaml`, `calendars/cn-mainland.yaml`).
public struct StoredPolicyVersion: Hashable, Sendable {
    public var version: String
    public var files: [String: String]
    /// Wall-clock time the version was first recorded.
    public var firstLoadedAtMS: Int64

    public init(version: String, files: [String: String], firstLoadedAtMS: Int64) {
        self.version = version
        self.files = files
        self.firstLoadedAtMS = firstLoadedAtMS
    }

    /// The `files` column: one JSON object of path → text.
    static func encode(_ files: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(files), as: UTF8.self)
    }

    static func decode(_ text: String, version: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("policy version \(version): \(error)")
        }
    }

    /// Of `(version, kind, state)` rows, the versions with an order not yet finished
    /// (the kind's transition table says which states end an order).
    static func versionsOfOpenOrders(_ rows: [(version: String, kind: String, state: String)]) -> Set<String> {
        Set(rows.filter { row in
            // An unknown kind is counted as open: better an engine too many than one missing.
            guard let kind = OrderKind(rawValue: row.kind) else { return true }
            return !kind.transitionTable.finals.contains(row.state)
        }.map(\.version))
    }
}
