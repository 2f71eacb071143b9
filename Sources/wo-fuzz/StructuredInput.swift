import Foundation
import WorkOrderCore
import WorkOrderProtocol

/// A second way to read the fuzzer's bytes, so its mutations reach the engine's fields
/// and not only the JSON syntax: a well-formed seed message with one value replaced by
/// one the bytes describe (a number from 8 raw bytes, a power of ten, text, a list…).
/// Layout (after the two header bytes): seed message, path, value kind, payload.
enum StructuredInput {
    struct Seed {
        var route: InboundEnvelope.Route
        var routingKey: String
        var body: JSONValue
        var paths: [[String]]
    }

    static let seeds: [Seed] = {
        var seeds: [Seed] = SeedIntakes.all.compactMap { request in
            guard let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.encodedForWire())) else { return nil }
            return Seed(route: .intake, routingKey: request.kind.rawValue, body: body, paths: paths(body))
        }
        for (event, fields) in SeedEvents.all {
            let body: JSONValue = [
                "schema_version": 1, "order_id": "F-20261201-0", "event": .string(event),
                "actor": ["id": "staff-1", "role": "site_director"], "fields": .object(fields),
            ]
            seeds.append(Seed(route: .transitions, routingKey: "task.\(event)", body: body, paths: paths(body)))
        }
        return seeds
    }()

    /// The route, routing key and body these bytes describe.
    static func message(from bytes: ArraySlice<UInt8>) -> (InboundEnvelope.Route, String, [UInt8])? {
        guard bytes.count >= 3, !seeds.isEmpty else { return nil }
        var rest = bytes
        let seed = seeds[Int(rest.removeFirst()) % seeds.count]
        let path = seed.paths[Int(rest.removeFirst()) % seed.paths.count]
        let value = self.value(kind: rest.removeFirst(), payload: Array(rest))
        let body = replacing(path[...], in: seed.body, with: value)
        guard let encoded = try? JSONEncoder().encode(body) else { return nil }
        return (seed.route, seed.routingKey, Array(encoded))
    }

    static func value(kind: UInt8, payload: [UInt8]) -> JSONValue {
        var raw: UInt64 = 0
        for byte in payload.prefix(8) { raw = raw << 8 | UInt64(byte) }
        switch kind % 8 {
        case 0:
            let number = Double(bitPattern: raw)
            return number.isFinite ? .number(number) : .number(0)
        case 1: return .number(Double(Int64(bitPattern: raw)))
        case 2: return .string(String(decoding: payload, as: UTF8.self))
        case 3: return .number(pow(10, Double(Int(payload.first ?? 0) % 320)) * (payload.count > 1 && payload[1] % 2 == 1 ? -1 : 1))
        case 4: return payload.isEmpty ? .null : .bool(payload[0] % 2 == 0)
        case 5: return .array(payload.prefix(16).map { .number(Double($0)) })
        case 6: return .object([String(decoding: payload.prefix(16), as: UTF8.self): .number(Double(raw % 1_000_000))])
        default: return .number(Double(raw % 100_000_000_000_000))
        }
    }

    static func paths(_ value: JSONValue, prefix: [String] = []) -> [[String]] {
        guard case .object(let object) = value else { return [prefix] }
        return [prefix] + object.keys.sorted().flatMap { key in paths(object[key] ?? .null, prefix: prefix + [key]) }
    }

    static func replacing(_ path: ArraySlice<String>, in value: JSONValue, with new: JSONValue) -> JSONValue {
        guard let key = path.first else { return new }
        guard case .object(var object) = value else { return value }
        object[key] = replacing(path.dropFirst(), in: object[key] ?? .null, with: new)
        return .object(object)
    }
}

/// Transitions with the fields the engine reads, for the structured inputs.
enum SeedEvents {
    static let at: JSONValue = .number(1_795_500_000_000)
    static let all: [(String, [String: JSONValue])] = [
        ("escalated", ["to": "gm", "reason": "late", "level": 2]),
        ("completed", ["owner_accepted": true, "owner_signature": "张三", "summary": "done", "fee_fen": 1200, "materials_used": false]),
        ("classified", ["class": "effective", "severity": "minor"]),
        ("contacted", ["agreed_reply_at": at]),
        ("extension_granted", ["deadline": "reply", "new_deadline": at, "reason": "parts"]),
        ("owner_absent", ["new_appointment_at": at, "note_left": true]),
        ("materials_quoted", ["items": ["pipe"], "amount_fen": 5000, "owner_agreed": true]),
        ("fee_fixed", ["amount_fen": 100]),
        ("callback_reached", ["form": "phone", "script_followed": true, "satisfaction": "satisfied", "answer_by": at]),
        ("quoted", ["items": ["a"], "scheduled_at": at, "fee_fen": 100]),
        ("visit_scheduled", ["visit_at": at]),
        ("collective_reported", ["reply_at": at, "incident_report": "IR-1"]),
        ("fees_collected", ["fees": ["property_fee": 120_000]]),
        ("inspected", ["meters": ["water": 12, "electricity": 305.5], "defects": []]),
        ("permit_issued", ["passes": ["P1"], "deposit_fen": 200_000]),
        ("responded", ["callback_sample": 0.5]),
    ]
}
