import Foundation
import Testing
import WorkOrderCore
import WorkOrderProtocol

/// The decoder that replaced `JSONDecoder` for stored order bodies (issue 13): the same
/// values as Foundation for everything the server writes, and a refusal, never a trap or
/// a rounded number, for anything else.
@Suite struct CompactJSONDecoderTests {
    /// Orders of every kind, in their first state and after each timer their opening arms.
    static let orders: [WorkOrder] = {
        var orders: [WorkOrder] = []
        for intake in RandomValueTests.intakes {
            guard let body = try? JSONEncoder().encode(intake),
                  case .intake(let request, _) = InboundMessage.decode(
                    InboundEnvelope(route: .intake, routingKey: RandomValueTests.kind(of: intake), messageID: "o", body: Array(body)), maxBodyBytes: 65_536),
                  case .success(let step) = RandomValueTests.engine.open(request, id: "P-1", at: RandomValueTests.now) else { continue }
            orders.append(step.order)
            for case .armTimer(let id, let due) in step.actions {
                if case .success(let later) = RandomValueTests.engine.timerFired(id, on: step.order, at: due) { orders.append(later.order) }
            }
        }
        return orders
    }()

    @Test func ordersOfEveryKindReadBackAsFoundationReadsThem() throws {
        #expect(Set(Self.orders.map(\.kind)).count == OrderKind.allCases.count)
        for order in Self.orders {
            let ours = String(decoding: try CompactJSONEncoder.encode(order), as: UTF8.self)
            let foundations = String(decoding: try JSONEncoder().encode(order), as: UTF8.self)
            #expect(try CompactJSONDecoder.decode(WorkOrder.self, from: ours) == order, "\(order.id) \(order.stateName)")
            #expect(try CompactJSONDecoder.decode(WorkOrder.self, from: foundations) == order)
        }
    }

    @Test func historyFactsReadBack() throws {
        let facts: [HistoryFact] = [
            .deadlineSet(purpose: .on_site, dueMs: 1_795_400_000_000), .deadlineCleared(purpose: .on_site),
            .callbackScheduled(round: 2, dueMs: 1_795_400_000_000, role: .cs_staff),
            .callbackAnswered(round: 1, form: .phone, by: "cs-1", satisfaction: "满意", ownerSigned: true),
            .callbackNotSampled(sample: 0.25, ratio: 0.3),
        ]
        for fact in facts {
            let text = String(decoding: try CompactJSONEncoder.encode(fact, sortedKeys: true), as: UTF8.self)
            #expect(try CompactJSONDecoder.decode(HistoryFact.self, from: text) == fact, "\(text)")
        }
    }

    @Test func randomValuesReadAsFoundationReadsThem() throws {
        var rng = SeededRandom(seed: 20261202)
        struct Holder: Codable, Equatable { var v: JSONValue; var list: [JSONValue?]; var map: [String: [Int64]]; var maybe: [String: JSONValue]? }
        for _ in 0..<2000 {
            let holder = Holder(v: RandomValueTests.random(&rng), list: [nil, RandomValueTests.random(&rng)],
                                map: ["a": [Int64.random(in: -9_007_199_254_740_991...9_007_199_254_740_991, using: &rng)], "b": []],
                                maybe: Bool.random(using: &rng) ? nil : ["x": RandomValueTests.random(&rng)])
            guard let data = try? JSONEncoder().encode(holder) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            #expect(try CompactJSONDecoder.decode(Holder.self, from: text) == JSONDecoder().decode(Holder.self, from: data), "\(text)")
        }
    }

    struct Numbers: Decodable { var i: Int?; var u8: UInt8?; var i64: Int64?; var f: Float?; var d: Double? }

    @Test(arguments: [
        #"{"i":1.5}"#, #"{"i":9007199254740992}"#, #"{"i64":-9007199254740993}"#, #"{"i64":1e300}"#, #"{"u8":-1}"#, #"{"u8":256}"#,
        #"{"f":1e300}"#, #"{"d":"1"}"#, #"{"i":true}"#, #"{"i":[1]}"#,
    ])
    func numbersOutOfRangeOrNotWholeAreRefused(_ text: String) {
        #expect(throws: DecodingError.self) { try CompactJSONDecoder.decode(Numbers.self, from: text) }
    }

    @Test func numbersInRangeAreExact() throws {
        let numbers = try CompactJSONDecoder.decode(Numbers.self, from: #"{"i":-42,"u8":255,"i64":9007199254740991,"f":0.5,"d":-1e-300}"#)
        #expect(numbers.i == -42 && numbers.u8 == 255 && numbers.i64 == 9_007_199_254_740_991 && numbers.f == 0.5 && numbers.d == -1e-300)
        let absent = try CompactJSONDecoder.decode(Numbers.self, from: #"{"i":null}"#)
        #expect(absent.i == nil && absent.u8 == nil)
    }

    @Test func aMissingOrNullFieldNamesTheKey() throws {
        let order = try #require(Self.orders.first)
        let text = String(decoding: try CompactJSONEncoder.encode(order), as: UTF8.self)
        let withoutSite = text.replacingOccurrences(of: #""site":"NJ-01","#, with: "")
        #expect(withoutSite != text)
        do {
            _ = try CompactJSONDecoder.decode(WorkOrder.self, from: withoutSite)
            Issue.record("decoded an order with no site")
        } catch {
            #expect("\(error)".contains("'site'"))
        }
        let nullSite = text.replacingOccurrences(of: #""site":"NJ-01""#, with: #""site":null"#)
        #expect(throws: DecodingError.self) { try CompactJSONDecoder.decode(WorkOrder.self, from: nullSite) }
    }

    /// Any change to a stored body, byte by byte: a value or a refusal, never a trap.
    @Test func mangledBodiesAreRefusedOrRead() throws {
        var rng = SeededRandom(seed: 7)
        var refused = 0, read = 0
        for order in Self.orders {
            let bytes = try CompactJSONEncoder.encode(order)
            for _ in 0..<300 {
                var mangled = bytes
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<mangled.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: mangled[at] = UInt8.random(in: 0...255, using: &rng)
                    case 1: mangled.remove(at: at)
                    default:
                        let syntax = Array(#"{}[]",:0-e"#.utf8)
                        mangled.insert(syntax[Int.random(in: 0..<syntax.count, using: &rng)], at: at)
                    }
                }
                if (try? CompactJSONDecoder.decode(WorkOrder.self, from: String(decoding: mangled, as: UTF8.self))) != nil { read += 1 } else { refused += 1 }
            }
        }
        #expect(refused > read)
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: DecodingError.self) { try CompactJSONDecoder.decode(JSONValue.self, from: deep) }
    }
}
