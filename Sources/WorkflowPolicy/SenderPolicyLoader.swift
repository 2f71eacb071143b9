import Foundation
import WorkOrderCore

/// Reads `access.yaml` (who may act as whom) strictly, like the policy files. It sits in
/// the policy folder but is not a versioned policy file: `PolicyLoader` leaves it out.
public enum SenderPolicyLoader {
    public static let fileName = "access.yaml"

    public static func load(directory: String) throws(PolicyError) -> SenderPolicy {
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let path = "\(folder)/\(fileName)"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PolicyError(problems: [PolicyProblem(file: path, message: "is missing or unreadable; it lists the broker users allowed to send transitions")])
        }
        return try load(text: text, origin: path)
    }

    public static func load(text: String, origin: String) throws(PolicyError) -> SenderPolicy {
        var r = PolicyFileReader(file: origin, text: text)
        var policy = SenderPolicy()
        if r.isReadable {
            r.onlyKeys("", ["users"])
            if r.required("users", "a mapping of broker user → { roles, department }") != nil {
                for user in r.keys("users") {
                    let path = "users.\(user)"
                    r.onlyKeys(path, ["roles", "department"])
                    if user.isEmpty || user.utf8.count > 255 || user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                        r.problem(path, "is not a usable broker user name")
                        continue
                    }
                    let department = r.exists("\(path).department") ? r.department("\(path).department") : nil
                    guard let roles = r.roles("\(path).roles") else { continue }
                    if roles.contains(.system) || roles.contains(.owner) {
                        r.problem("\(path).roles", "system and owner are not roles a broker user may take")
                    }
                    policy.senders[user] = SenderPolicy.Sender(roles: Set(roles), department: department)
                }
            }
        }
        guard r.problems.isEmpty else { throw PolicyError(problems: r.problems) }
        return policy
    }
}
