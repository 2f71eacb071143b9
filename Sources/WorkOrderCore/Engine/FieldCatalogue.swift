/// The fields each intake kind and each event reads, drawn from the machines' own
/// reads (`FieldReader` under a recording): the reference in docs/workflows.md is this
/// catalogue printed, and a test keeps the two equal, so it cannot drift from the code.
public enum FieldCatalogue {
    public struct Field: Hashable, Sendable {
        public var name: String
        /// What the value must be: `text`, `true or false`, `a whole number from 0 to …`.
        public var expected: String
        public var required: Bool
        /// Required only for some values of another field: `mode` = `appointment`.
        public var requiredWhen: String?
        /// Read only for some values of another field.
        public var when: String?

        init(name: String, expected: String, required: Bool) {
            self.name = name
            self.expected = expected
            self.required = required
        }

        /// The "required" column.
        var requirement: String {
            if required { return "yes" }
            if let requiredWhen { return "when \(requiredWhen)" }
            return "no" + (when.map { " (read when \($0))" } ?? "")
        }
    }

    public struct Entry: Hashable, Sendable {
        /// `repair intake` or the event's name.
        public var name: String
        public var fields: [Field]
    }

    /// Fields the server sets on an intake itself; a sender's value is replaced.
    static let setByServer: Set<String> = ["collective_of", "opened_from"]

    /// What an intake of `kind` reads from `fields`.
    public static func intake(_ kind: OrderKind, policy: PolicySet) -> Entry {
        let engine = WorkflowEngine(policy: policy)
        let fields = walk { _ in _ = engine.open(sampleIntake(kind, policy: policy), id: "CATALOGUE-1", at: sampleNow) }
        return Entry(name: "\(kind.rawValue) intake", fields: fields.filter { !setByServer.contains($0.name) })
    }

    /// What each event a person sends to an order of `kind` reads, in the transition
    /// table's order; the engine-level events every open order takes come last.
    public static func events(_ kind: OrderKind, policy: PolicySet) -> [Entry] {
        let engine = WorkflowEngine(policy: policy)
        let context = engine.context(order: "CATALOGUE-1", site: "CATALOGUE", channel: .phone, actor: sampleActor, at: sampleNow)
        let timerEvents = Set(TimerPurpose.allCases.map(\.eventName))
        var names: [String] = []
        for transition in kind.transitionTable.transitions where !timerEvents.contains(transition.event) && !names.contains(transition.event) {
            names.append(transition.event)
        }
        return names.map { name in
            let event = OrderEvent(name, by: sampleActor, fields: [:])
            let fields = walk { _ in
                switch kind {
                case .complaint: _ = try? ComplaintOrder.decode(event, context: context)
                case .repair: _ = try? RepairOrder.decode(event, context: context)
                case .paid_service: _ = try? PaidServiceOrder.decode(event, context: context)
                case .help: _ = try? HelpOrder.decode(event, context: context)
                case .renovation: _ = try? RenovationOrder.decode(event, context: context)
                case .move_in: _ = try? MoveInOrder.decode(event, context: context)
                }
            }
            return Entry(name: name, fields: fields)
        }
    }

    /// The events any open order takes (IN-04, a manual escalation, collective binding).
    public static func engineEvents(policy: PolicySet) -> [Entry] {
        let engine = WorkflowEngine(policy: policy)
        guard let complaint = try? engine.open(sampleIntake(.complaint, policy: policy), id: "CATALOGUE-1", at: sampleNow).get().order else { return [] }
        let supervisor = Actor(id: "catalogue", role: .site_director)
        return [RepeatReport.eventName, SupervisorEscalation.eventName, CollectiveBinding.bindEventName, CollectiveBinding.releaseEventName].map { name in
            let fields = walk { _ in _ = engine.handle(OrderEvent(name, by: supervisor, fields: [:]), on: complaint, at: sampleNow) }
            return Entry(name: name, fields: fields)
        }
    }

    /// The whole reference as Markdown, for docs/workflows.md (`wo workflows fields`).
    public static func markdown(policy: PolicySet) -> String {
        func table(_ entries: [Entry]) -> String {
            var lines = ["| event | field | value | required |", "|---|---|---|---|"]
            for entry in entries {
                if entry.fields.isEmpty { lines.append("| `\(entry.name)` | — | | |") }
                for (index, field) in entry.fields.enumerated() {
                    lines.append("| \(index == 0 ? "`\(entry.name)`" : "") | `\(field.name)` | \(field.expected) | \(field.requirement) |")
                }
            }
            return lines.joined(separator: "\n")
        }
        var out = ["<!-- fields:begin (generated by `wo workflows fields` from the machines' reads; do not edit) -->"]
        for kind in OrderKind.allCases {
            out.append("### `\(kind.rawValue)`")
            out.append("")
            let intake = intake(kind, policy: policy)
            out.append("Intake `fields`: " + (intake.fields.isEmpty ? "none." : ""))
            if !intake.fields.isEmpty {
                out.append("")
                out.append("| field | value | required |")
                out.append("|---|---|---|")
                for field in intake.fields {
                    out.append("| `\(field.name)` | \(field.expected) | \(field.requirement) |")
                }
            }
            out.append("")
            out.append("Events (`fields` of a transition):")
            out.append("")
            out.append(table(events(kind, policy: policy)))
            out.append("")
        }
        out.append("### Any open order")
        out.append("")
        out.append(table(engineEvents(policy: policy)))
        out.append("<!-- fields:end -->")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Walking the reads

    static let sampleNow = Instant(millisecondsSinceEpoch: 1_795_400_000_000)
    static let sampleActor = Actor(id: "catalogue", role: .cs_supervisor)

    static func sampleIntake(_ kind: OrderKind, policy: PolicySet) -> IntakeRequest {
        let subject = kind == .complaint ? (policy.complaint.subjects.keys.sorted().first ?? "other") : "catalogue"
        return IntakeRequest(
            kind: kind, site: "CATALOGUE", household: Household(building: "1", unit: "1", room: "101"),
            owner: Owner(name: "owner", phone: "0"), channel: .phone, subject: subject, content: "catalogue",
            recordedBy: sampleActor)
    }

    /// Runs `body` once as it is, then once more for every other value of each choice it
    /// read: a field read only then is noted with the condition.
    /// Runs `body` once for every value of the first choice it reads (a repair's
    /// `mode`, a help request's `help_type`), or once if it reads none. A field required
    /// for every value is required; one required or read only for some says for which.
    static func walk(_ body: (FieldRecording) -> Void) -> [Field] {
        let base = FieldRecording()
        FieldReader.$recording.withValue(base) { body(base) }
        guard let (key, options) = base.choices.first else { return base.fields }
        var runs: [(option: String, fields: [Field])] = []
        for option in options {
            let variant = FieldRecording(forced: [key: option])
            FieldReader.$recording.withValue(variant) { body(variant) }
            runs.append((option, variant.fields))
        }
        var names: [String] = []
        for run in runs { for field in run.fields where !names.contains(field.name) { names.append(field.name) } }
        func condition(_ values: [String]) -> String {
            "`\(key)` = " + values.map { "`\($0)`" }.joined(separator: " or ")
        }
        return names.compactMap { name -> Field? in
            let seen = runs.compactMap { run in run.fields.first { $0.name == name }.map { (run.option, $0) } }
            guard var field = seen.first?.1 else { return nil }
            let requiredIn = seen.filter { $0.1.required }.map(\.0)
            field.required = requiredIn.count == runs.count
            if !field.required && !requiredIn.isEmpty { field.requiredWhen = condition(requiredIn) }
            if seen.count < runs.count && !field.required { field.when = condition(seen.map(\.0)) }
            return field
        }
    }
}

/// The reads of one walk through a machine's decoding (see `FieldCatalogue`).
final class FieldRecording: @unchecked Sendable {
    // One walk runs on one thread, start to end; nothing is shared.
    private(set) var fields: [FieldCatalogue.Field] = []
    /// Keys read as choices, with their options in order (first: the one used).
    private(set) var choices: [(String, [String])] = []
    let forced: [String: String]

    init(forced: [String: String] = [:]) {
        self.forced = forced
    }

    func read(_ key: String, _ expected: String, required: Bool, sample: JSONValue) -> JSONValue {
        if let index = fields.firstIndex(where: { $0.name == key }) {
            fields[index].required = fields[index].required || required
        } else {
            fields.append(FieldCatalogue.Field(name: key, expected: expected, required: required))
        }
        return sample
    }

    func wholeNumber(_ key: String, _ range: ClosedRange<Int>, required: Bool) -> Int? {
        let expected: String
        if range == FieldReader.fen {
            expected = "a whole amount in fen (0 to \(range.upperBound))"
        } else if range == FieldReader.milliseconds {
            expected = "milliseconds since 1970"
        } else if range == FieldReader.wholeNumbers {
            expected = "a whole number"
        } else {
            expected = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        }
        _ = read(key, expected, required: required, sample: .number(Double(range.lowerBound)))
        return required ? max(range.lowerBound, 0) : nil
    }

    func instant(_ key: String, required: Bool) -> Instant? {
        _ = read(key, "milliseconds since 1970", required: required, sample: .null)
        return required ? FieldCatalogue.sampleNow : nil
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type, required: Bool) -> T? where T.RawValue == String {
        let options = T.allCases.map(\.rawValue)
        _ = read(key, "one of " + options.map { "`\($0)`" }.joined(separator: ", "), required: required, sample: .null)
        if !choices.contains(where: { $0.0 == key }) { choices.append((key, options)) }
        if let value = forced[key] { return T(rawValue: value) }
        return required ? T.allCases.first : nil
    }
}
