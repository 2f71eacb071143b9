import WorkOrderCore

/// What a string field may hold. Every string in a message passes one of these rules:
/// valid UTF-8 (guaranteed by decoding), no NUL or other control characters (line breaks
/// and tabs only where free text allows them), and a bounded length.
public struct TextRule: Hashable, Sendable {
    /// Counted in Unicode scalars (a Chinese character is one).
    public var maxCharacters: Int
    /// Free text (what an owner said, a summary) may span lines; names and ids may not.
    public var allowsLineBreaks: Bool
    public var allowsEmpty: Bool

    public init(maxCharacters: Int, allowsLineBreaks: Bool = false, allowsEmpty: Bool = false) {
        self.maxCharacters = maxCharacters
        self.allowsLineBreaks = allowsLineBreaks
        self.allowsEmpty = allowsEmpty
    }

    /// Ids and codes: a site, a building, an order id, a staff id.
    public static let identifier = TextRule(maxCharacters: 64)
    /// An owner's name.
    public static let personName = TextRule(maxCharacters: 100)
    /// A phone number, as the owner gave it.
    public static let phone = TextRule(maxCharacters: 32)
    /// One line for people: a subject.
    public static let line = TextRule(maxCharacters: 200)
    /// What someone said or wrote: an owner's request, a summary, a note.
    public static let freeText = TextRule(maxCharacters: 4000, allowsLineBreaks: true, allowsEmpty: true)
    /// Any other string anywhere in a body (inside `fields`, lists, nested objects).
    public static let anyValue = TextRule(maxCharacters: 4000, allowsLineBreaks: true, allowsEmpty: true)

    /// Checks `text`; the violation names `field` and the limit.
    public func check(_ text: String, field: String) throws(ContractViolation) {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if scalar.value == 0 {
                throw ContractViolation(field: field, "contains a NUL character at position \(count)")
            }
            if Self.isControl(scalar) {
                let lineBreak = scalar == "\n" || scalar == "\r" || scalar == "\t"
                if !(lineBreak && allowsLineBreaks) {
                    throw ContractViolation(field: field, "contains a control character (U+\(Self.hex(scalar))) at position \(count)"
                        + (lineBreak ? "; line breaks are not allowed here" : ""))
                }
            } else if !allowsLineBreaks, Self.isInvisibleFormatting(scalar) {
                throw ContractViolation(field: field, "contains an invisible formatting character (U+\(Self.hex(scalar))) at position \(count)")
            }
        }
        if count > maxCharacters {
            throw ContractViolation(field: field, "is too long: \(count) characters, at most \(maxCharacters)")
        }
        if !allowsEmpty, text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\u{3000}" }) {
            throw ContractViolation(field: field, "is empty")
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool { LogSafe.isControl(scalar) }
    static func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool { LogSafe.isInvisibleFormatting(scalar) }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
