import Foundation
import Testing
import WOTesting

/// Copies of the shipped `workflows/` folder for tests that change the policy between runs.
enum PolicyFolders {
    /// A fresh copy of `workflows/` in a temporary folder.
    static func copy() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wo-policy-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.copyItem(atPath: BrokerTestEnvironment.packageRoot + "/workflows", toPath: folder)
        return folder
    }

    /// The `version:` of the project's own `workflows/policy.yaml`.
    static var currentVersion: String {
        let text = (try? String(contentsOfFile: BrokerTestEnvironment.packageRoot + "/workflows/policy.yaml", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("version:") } ?? ""
        return line.dropFirst("version:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
    }

    /// Replaces `old` with `new` in one file of `folder`; the file must contain `old`.
    static func edit(_ folder: String, _ file: String, _ old: String, _ new: String) throws {
        let path = "\(folder)/\(file)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try #require(text.contains(old), "\(file) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A copy with its own `version:` and call-back delay (`3s`, `9m`) for repairs of category other.
    static func copy(version: String, repairCallbackAfter delay: String) throws -> String {
        let folder = try copy()
        try edit(folder, "policy.yaml", "version: \"\(currentVersion)\"", "version: \"\(version)\"")
        try edit(folder, "callbacks.yaml", "repair_other: [ { after: 2d, by: cs_staff } ]", "repair_other: [ { after: \(delay), by: cs_staff } ]")
        return folder
    }
}
