import WorkOrderCore
import Yams

/// Reads one YAML policy file, collecting a problem (file, key path, line, what was
/// expected) for everything missing or wrong instead of stopping at the first.
struct PolicyFileReader {
    let file: String
    let root: Node?
    var problems: [PolicyProblem] = []

    init(file: String, text: String) {
        self.file = file
        do {
            root = try Yams.compose(yaml: text)
            if root?.mapping == nil {
                problems.append(PolicyProblem(file: file, message: "expected a mapping of keys at the top of the file"))
            }
        } catch {
            root = nil
            problems.append(PolicyProblem(file: file, message: "is not valid YAML: \(error)"))
        }
    }

    /// A reader for a file that could not be found.
    init(missing file: String) {
        self.file = file
        root = nil
        problems.append(PolicyProblem(file: file, message: "is missing; every policy file must be present"))
    }

    var isReadable: Bool { root?.mapping != nil }

    // MARK: - Navigation

    func node(_ path: String) -> Node? {
        var current = root
        for key in path.split(separator: ".") {
            if let sequence = current?.sequence, let index = Int(key) {
                guard index >= 0 && index < sequence.count else { return nil }
                current = sequence[sequence.index(sequence.startIndex, offsetBy: index)]
                continue
            }
            guard let mapping = current?.mapping else { return nil }
            current = mapping[String(key)]
        }
        return current
    }

    func exists(_ path: String) -> Bool { node(path) != nil }

    /// The keys of the mapping at `path`, in file order.
    func keys(_ path: String) -> [String] {
        let mapping = path.isEmpty ? root?.mapping : node(path)?.mapping
        return mapping?.keys.compactMap(\.string) ?? []
    }

    mutating func problem(_ path: String, _ message: String, node: Node? = nil) {
        guard isReadable else { return }
        let line = (node ?? self.node(path))?.mark?.line
        problems.append(PolicyProblem(file: file, key: path.isEmpty ? nil : path, line: line, message: message))
    }

    /// The node at `path`, or a "missing" problem.
    mutating func required(_ path: String, _ expected: String) -> Node? {
        guard let found = node(path) else {
            problem(path, "is missing; expected \(expected)")
            return nil
        }
        return found
    }

    /// Reports keys of the mapping at `path` that are not in `allowed` (typos).
    mutating func onlyKeys(_ path: String, _ allowed: [String]) {
        for key in keys(path) where !allowed.contains(key) {
            let full = path.isEmpty ? key : "\(path).\(key)"
            problem(full, "is not a known key; expected one of " + allowed.joined(separator: ", "))
        }
    }

    // MARK: - Scalars

    mutating func string(_ path: String) -> String? {
        guard let n = required(path, "text") else { return nil }
        guard let s = n.scalar?.string, !s.isEmpty else { problem(path, "expected text", node: n); return nil }
        return s
    }

    mutating func int(_ path: String) -> Int? {
        guard let n = required(path, "a whole number") else { return nil }
        guard let value = n.int else { problem(path, "expected a whole number, got '\(n.string ?? "a list or mapping")'", node: n); return nil }
        return value
    }

    mutating func double(_ path: String) -> Double? {
        guard let n = required(path, "a number") else { return nil }
        guard let value = n.float ?? n.int.map(Double.init) else { problem(path, "expected a number, got '\(n.string ?? "a list or mapping")'", node: n); return nil }
        return value
    }

    mutating func duration(_ path: String) -> PolicyDuration? {
        guard let text = string(path) else { return nil }
        do {
            return try PolicyDuration(parsing: text)
        } catch {
            problem(path, error.description)
            return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ path: String, _: T.Type, what: String) -> T? where T.RawValue == String {
        guard let text = string(path) else { return nil }
        return parse(text, T.self, what: what, path: path)
    }

    mutating func parse<T: RawRepresentable & CaseIterable>(_ text: String, _: T.Type, what: String, path: String, node: Node? = nil) -> T? where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            problem(path, "unknown \(what) '\(text)'; expected one of " + T.allCases.map(\.rawValue).joined(separator: ", "), node: node)
            return nil
        }
        return value
    }

    // MARK: - Lists

    mutating func strings(_ path: String) -> [String]? {
        guard let n = required(path, "a list") else { return nil }
        guard let sequence = n.sequence else { problem(path, "expected a list, e.g. [a, b]", node: n); return nil }
        var result: [String] = []
        for (index, item) in sequence.enumerated() {
            guard let s = item.scalar?.string else { problem("\(path).\(index)", "expected text", node: item); continue }
            result.append(s)
        }
        return result
    }

    mutating func choices<T: RawRepresentable & CaseIterable>(_ path: String, _: T.Type, what: String) -> [T]? where T.RawValue == String {
        guard let texts = strings(path) else { return nil }
        let items = node(path)?.sequence.map(Array.init) ?? []
        var result: [T] = []
        for (index, text) in texts.enumerated() {
            if let value = parse(text, T.self, what: what, path: "\(path).\(index)", node: index < items.count ? items[index] : nil) {
                result.append(value)
            }
        }
        return result.count == texts.count ? result : nil
    }

    mutating func roles(_ path: String) -> [Role]? { choices(path, Role.self, what: "role") }
    mutating func role(_ path: String) -> Role? { choice(path, Role.self, what: "role") }
    mutating func department(_ path: String) -> Department? { choice(path, Department.self, what: "department") }
    mutating func departments(_ path: String) -> [Department]? { choices(path, Department.self, what: "department") }
}
