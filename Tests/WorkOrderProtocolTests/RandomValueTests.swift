import Foundation
import Testing
import WorkOrderCore
import WorkOrderProtocol

/// Property: any JSON value in any field of a well-formed message, decoded strictly and
/// run through the engine, never traps; a refusal's reason stays short. (A trap would end
/// this test process: the run itself is the assertion, the counts below show it ran.)
@Suite struct RandomValueTests {
    static let engine = WorkflowEngine(policy: PolicySet(version: "property"))
    static let now = Instant(millisecondsSinceEpoch: 1_795_400_000_000)

    static func intake(_ kind: String, _ subject: String, _ fields: [String: JSONValue]) -> JSONValue {
        ["schema_version": 1, "kind": .string(kind), "site": "NJ-01", "household": ["building": "5", "unit": "2", "room": "301"],
         "owner": ["name": "张三", "phone": "13812345678"], "channel": "phone", "subject": .string(subject), "content": "漏水",
         "recorded_by": ["id": "cs-1", "role": "cs_staff"], "fields": .object(fields)]
    }

    static let intakes: [JSONValue] = [
        intake("complaint", "neighbour_behaviour", ["households": 2]),
        intake("repair", "tap", ["mode": "appointment", "category": "leak", "appointment_at": 1_795_500_000_000]),
        intake("paid_service", "cleaning", ["service": "cleaning"]),
        intake("help", "help", ["help_type": "medical", "floor": "5"]),
        intake("renovation", "kitchen", ["applicant": "owner"]),
        intake("move_in", "move-in", ["buyer": "owner"]),
    ]

    static let events: [JSONValue] = [
        ["schema_version": 1, "order_id": "R-1", "event": "escalated", "actor": ["id": "s", "role": "gm"], "fields": ["to": "gm", "reason": "r", "level": 2]],
        ["schema_version": 1, "order_id": "R-1", "event": "completed", "actor": ["id": "t", "role": "technician"],
         "fields": ["owner_accepted": true, "owner_signature": "张三", "summary": "ok", "fee_fen": 100]],
        ["schema_version": 1, "order_id": "R-1", "event": "fees_collected", "actor": ["id": "c", "role": "cs_staff"], "fields": ["fees": ["property_fee": 1200]]],
        ["schema_version": 1, "order_id": "R-1", "event": "materials_quoted", "actor": ["id": "t", "role": "technician"],
         "fields": ["items": ["pipe"], "amount_fen": 5000, "owner_agreed": true]],
    ]

    /// Hostile values first, then random ones.
    static let hostile: [JSONValue] = [
        .number(1e19), .number(-1e19), .number(1e308), .number(-1e308), .number(18_446_744_073_709_551_616), .number(1.5), .number(-0.0),
        .number(9_007_199_254_740_993), .number(Double(Int64.max)), .number(Double(Int64.min)), .null, .bool(true), .string(""),
        .string("a\u{0}b"), .string("\n"), .string(String(repeating: "长", count: 5000)), .array([]), .object([:]),
        .array(Array(repeating: .number(1), count: 600)),
    ]

    static func random(_ rng: inout SeededRandom, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let magnitude = pow(10, Double.random(in: -3...310, using: &rng))
            return .number(Bool.random(using: &rng) ? magnitude : -magnitude.rounded())
        case 3:
            let scalars = (0..<Int.random(in: 0...20, using: &rng)).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &rng)) }
            return .string(String(String.UnicodeScalarView(scalars)))
        case 4: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in random(&rng, depth: depth + 1) })
        default:
            return .object(Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0...3, using: &rng)).map { i in ("k\(i)", random(&rng, depth: depth + 1)) }))
        }
    }

    /// Every path to a value in `value`, as key lists.
    static func paths(_ value: JSONValue, prefix: [String] = []) -> [[String]] {
        guard case .object(let object) = value else { return [prefix] }
        return [prefix] + object.flatMap { key, inner in paths(inner, prefix: prefix + [key]) }
    }

    static func replacing(_ path: ArraySlice<String>, in value: JSONValue, with new: JSONValue) -> JSONValue {
        guard let key = path.first else { return new }
        guard case .object(var object) = value else { return value }
        object[key] = replacing(path.dropFirst(), in: object[key] ?? .null, with: new)
        return .object(object)
    }

    static func run(_ body: JSONValue, route: InboundEnvelope.Route, kind: String) -> Bool {
        let bytes = Array((try? JSONEncoder().encode(body)) ?? Data())
        let envelope = InboundEnvelope(route: route, routingKey: kind, messageID: "p-1", body: bytes)
        switch InboundMessage.decode(envelope, maxBodyBytes: 65_536) {
        case .intake(let request, _):
            if case .success(let step) = engine.open(request, id: "P-1", at: now) {
                for case .armTimer(let id, let due) in step.actions { _ = engine.timerFired(id, on: step.order, at: due) }
            }
            return true
        case .transition(let message, _, _, _):
            let orders = intakes.compactMap { intake -> WorkOrder? in
                guard case .intake(let request, _) = InboundMessage.decode(
                    InboundEnvelope(route: .intake, routingKey: Self.kind(of: intake), messageID: "o", body: Array((try? JSONEncoder().encode(intake)) ?? Data())),
                    maxBodyBytes: 65_536) else { return nil }
                return try? engine.open(request, id: "P-0", at: now).get().order
            }
            for order in orders {
                if case .failure(let rejection) = engine.handle(OrderEvent(message.event, by: message.actor, fields: message.fields), on: order, at: now) {
                    #expect(rejection.description.count < 2_000)
                }
            }
            return true
        case .invalid(let violation, _):
            #expect(violation.description.count < 1_000, "\(violation.description.prefix(200))")
            return false
        }
    }

    static func kind(of intake: JSONValue) -> String {
        if case .object(let object) = intake, case .string(let kind)? = object["kind"] { return kind }
        return "repair"
    }

    @Test func anyValueInAnyFieldNeverTraps() {
        var rng = SeededRandom(seed: 20_261_201)
        var tried = 0, accepted = 0
        for message in Self.intakes + Self.events {
            let isIntake = Self.intakes.contains(message)
            for path in Self.paths(message) where !path.isEmpty {
                let values = Self.hostile + (0..<25).map { _ in Self.random(&rng) }
                for value in values {
                    let body = Self.replacing(path[...], in: message, with: value)
                    if Self.run(body, route: isIntake ? .intake : .transitions, kind: Self.kind(of: message)) { accepted += 1 }
                    tried += 1
                }
            }
        }
        #expect(tried > 3_000, "\(tried) bodies")
        #expect(accepted > 0 && accepted < tried, "\(accepted) of \(tried) decoded")
    }
}
