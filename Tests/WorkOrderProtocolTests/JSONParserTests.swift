import Foundation
import Testing
import WorkOrderCore
@testable import WorkOrderProtocol

/// The message-body parser that replaced `JSONDecoder` on the hot path (issue 13): the
/// same values as Foundation for every valid body, and stricter where that is safer.
@Suite struct JSONParserTests {
    static func foundation(_ text: [UInt8]) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text)) }
    static func ours(_ text: [UInt8]) -> JSONValue? { try? JSONParser.parse(text, maxDepth: 64) }

    @Test func randomValuesParseAsFoundationParsesThem() throws {
        var rng = SeededRandom(seed: 20261202)
        let encoder = JSONEncoder()
        var compared = 0
        for _ in 0..<3000 {
            let value = JSONValue.object(["v": RandomValueTests.random(&rng)])
            // Infinities have no JSON text: nothing to compare.
            guard let data = try? encoder.encode(value) else { continue }
            let text = [UInt8](data)
            let expected = try #require(Self.foundation(text))
            #expect(Self.ours(text) == expected, "\(String(decoding: text, as: UTF8.self))")
            compared += 1
        }
        #expect(compared > 2000)
    }

    @Test(arguments: [
        #"{"a": [1, -2.5e3, 0, -0, 1E+2, 3.25], "b": {"c": null, "d": true, "e": false}}"#,
        #"{"esc": "q\"b\\s\/n\n t\t u\u00e9 \u4e2d \ud83d\ude00 r\r f\f b\b"}"#,
        " \t\r\n{ \"a\" :\n1 } \n",
        #"{"big": 1e400, "small": 1e-400}"#,
        #"{"n": 18446744073709551616}"#,
    ])
    func validTextsAgreeWithFoundation(text: String) {
        let bytes = Array(text.utf8)
        #expect(Self.ours(bytes) == Self.foundation(bytes) || Self.foundation(bytes) == nil, "\(text)")
        #expect(Self.ours(bytes) != nil, "\(text)")
    }

    @Test(arguments: [(String, String)]([
        (#"{"a": 1, "a": 2}"#, "key given twice"),
        (#"{"a": "\ud800"}"#, "unpaired surrogate"),
        (#"{"a": "\udc00x"}"#, "unpaired surrogate"),
        ("{\"a\": \"tab\there\"}", "control character"),
        (#"{"a": 1} x"#, "text after the value"),
        (#"{"a": 01}"#, "expected ',' or '}'"),
        (#"{"a": 1.}"#, "invalid number"),
        (#"{"a": -}"#, "invalid number"),
        (#"{"a": tru}"#, "unexpected character"),
        (#"{"a": "\x"}"#, "invalid escape"),
        (#"{"a": "\u12g4"}"#, #"invalid \u escape"#),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{"a": [1, 2}"#, "expected ',' or ']'"),
        (#"{"a": "open"#, "unterminated string"),
        (#"{a: 1}"#, "expected a key"),
        (#"{"a": 1,}"#, "expected a key"),
        ("", "unexpected end"),
    ]))
    func invalidTextsAreRefusedWithAReason(text: String, reason: String) {
        #expect {
            try JSONParser.parse(Array(text.utf8), maxDepth: 8)
        } throws: { error in
            (error as? JSONParser.Invalid)?.reason.contains(reason) == true
        }
    }

    @Test func nestingIsBoundedWithoutRecursingFurther() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: JSONParser.Invalid.self) { try JSONParser.parse(deep, maxDepth: 8) }
        let eight = Array((String(repeating: "[", count: 8) + String(repeating: "]", count: 8)).utf8)
        #expect(Self.ours(eight) != nil)
        #expect(throws: JSONParser.Invalid.self) {
            try JSONParser.parse(Array((String(repeating: "[", count: 9) + String(repeating: "]", count: 9)).utf8), maxDepth: 8)
        }
    }

    @Test func aBodyWithATwiceGivenKeyIsRefusedAsNotValidJSON() {
        let body = Array(#"{"schema_version": 1, "kind": "repair", "kind": "complaint"}"#.utf8)
        #expect {
            try StrictJSON.object(body)
        } throws: { error in
            "\(error)".contains("not valid JSON") && "\(error)".contains("key given twice")
        }
    }
}
