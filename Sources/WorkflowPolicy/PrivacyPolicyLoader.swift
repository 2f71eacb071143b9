import Foundation
import WorkOrderCore

/// Reads `privacy.yaml` (IN-05) strictly. Like `access.yaml`, a side file of the policy
/// folder that `PolicyLoader` leaves out of the versioned procedures.
public enum PrivacyPolicyLoader {
    public static let fileName = "privacy.yaml"
    /// Ten years: anything longer is a typo.
    public static let maxDays = 3650

    public static func load(directory: String) throws(PolicyError) -> PrivacyPolicy {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let path = "\(folder)/\(fileName)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PolicyError(problems: [PolicyProblem(file: path, message: "is missing or unreadable; it says how long owners' data is kept (IN-05)")])
        }
        return try load(text: text, origin: path)
    }

    public static func load(text: String, origin: String) throws(PolicyError) -> PrivacyPolicy {
        var r = PolicyFileReader(file: origin, text: text)
        var policy = PrivacyPolicy()
        if r.isReadable {
            r.onlyKeys("", ["redact_owner_data_after_days"])
            if let days = r.int("redact_owner_data_after_days") {
                if days < 0 || days > maxDays {
                    r.problem("redact_owner_data_after_days", "expected 0 (keep) to \(maxDays) days, got \(days)")
                } else if days > 0 {
                    policy.redactOwnerDataAfterDays = days
                }
            }
        }
        guard r.problems.isEmpty else { throw PolicyError(problems: r.problems) }
        return policy
    }
}
