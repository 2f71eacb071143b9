import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderProtocol

/// The encoder that replaced `JSONEncoder` for order bodies and wire messages (issue 13):
/// what it writes reads back, with Foundation's own decoder, as the value it was given,
/// and is the same JSON as Foundation's encoding.
@Suite struct CompactJSONEncoderTests {
    static func sameJSON(_ a: [UInt8], _ b: Data) -> Bool {
        guard let left = try? JSONSerialization.jsonObject(with: Data(a), options: [.fragmentsAllowed]) as? NSObject,
              let right = try? JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed]) as? NSObject else { return false }
        return left.isEqual(right)
    }

    @Test func randomValuesReadBackAndMatchFoundation() throws {
        var rng = SeededRandom(seed: 20261203)
        var compared = 0
        for _ in 0..<3000 {
            let value = JSONValue.object(["v": RandomValueTests.random(&rng), "w": .array([.string("a/b\"c\\d\n\u{1}é中😀")])])
            guard let foundation = try? JSONEncoder().encode(value) else {
                #expect(throws: (any Error).self) { try CompactJSONEncoder.encode(value) }
                continue
            }
            let ours = try CompactJSONEncoder.encode(value)
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(ours)) == value)
            #expect(Self.sameJSON(ours, foundation), "\(String(decoding: ours, as: UTF8.self))")
            compared += 1
        }
        #expect(compared > 2000)
    }

    @Test func ordersOfEveryKindReadBackEqual() throws {
        var orders: [WorkOrder] = []
        for intake in RandomValueTests.intakes {
            let body = try JSONEncoder().encode(intake)
            guard case .intake(let request, _) = InboundMessage.decode(
                InboundEnvelope(route: .intake, routingKey: RandomValueTests.kind(of: intake), messageID: "o", body: Array(body)), maxBodyBytes: 65_536),
                case .success(let step) = RandomValueTests.engine.open(request, id: "P-1", at: RandomValueTests.now) else { continue }
            orders.append(step.order)
            // And the order after each of its timers fired (states with more inside them).
            for case .armTimer(let id, let due) in step.actions {
                if case .success(let later) = RandomValueTests.engine.timerFired(id, on: step.order, at: due) { orders.append(later.order) }
            }
        }
        #expect(Set(orders.map(\.kind)).count == OrderKind.allCases.count)
        for order in orders {
            let ours = try CompactJSONEncoder.encode(order)
            #expect(try JSONDecoder().decode(WorkOrder.self, from: Data(ours)) == order, "\(order.id) \(order.stateName)")
            #expect(Self.sameJSON(ours, try JSONEncoder().encode(order)))
        }
    }

    @Test func wireBodiesAreFoundationsJSONWithSortedKeys() throws {
        let message = TransitionMessage(orderID: "R-1", event: "completed", actor: Actor(id: "t/1", role: .technician),
                                        fields: ["owner_signature": "张三", "fee_fen": 1200, "ratio": 0.25, "items": ["a", "b"], "none": .null])
        let ours = message.encoded()
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(Self.sameJSON(ours, try foundation.encode(message)))
        #expect(String(decoding: ours, as: UTF8.self).hasPrefix(#"{"actor":{"id":"t/1","role":"technician"},"event":"completed","fields":{"#))
        #expect(try TransitionMessage.decode(ours) == message)
    }

    @Test func numbersAndStringsAreWrittenAsJSONWants() throws {
        #expect(String(decoding: try CompactJSONEncoder.encode([1.0, 2.5, -0.125, 1e20, 1e-7]), as: UTF8.self) == "[1,2.5,-0.125,1e+20,1e-07]")
        #expect(String(decoding: try CompactJSONEncoder.encode("q\"\\\n\t\u{0}/"), as: UTF8.self) == #""q\"\\\n\t\u0000/""#)
        #expect(throws: (any Error).self) { try CompactJSONEncoder.encode([Double.nan]) }
        #expect(throws: (any Error).self) { try CompactJSONEncoder.encode([Double.infinity]) }
    }
}
