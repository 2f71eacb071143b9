import Foundation

/// A table of cells, rendered as aligned text, Markdown or CSV.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[Cell]]
    /// Columns of numbers, aligned right.
    public var numeric: Set<Int>

    public init(headers: [String], rows: [[Cell]], numeric: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
    }

    /// Columns padded to the widest cell (wide CJK characters count twice); the tone is
    /// applied after padding so escape codes never shift a column.
    public func text(_ style: TextStyle) -> String {
        let widths = headers.indices.map { column in
            ([DisplayWidth.of(headers[column])] + rows.map { DisplayWidth.of($0[safe: column]?.text ?? "") }).max() ?? 0
        }
        func line(_ cells: [Cell], header: Bool) -> String {
            headers.indices.map { column in
                let cell = cells[safe: column] ?? Cell("")
                let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell.text))
                let padded = numeric.contains(column) ? padding + cell.text : cell.text + padding
                return header ? style.bold(padded) : style.apply(cell.tone, padded)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return ([line(headers.map { Cell($0) }, header: true)] + rows.map { line($0, header: false) }).joined(separator: "\n")
    }

    public func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let rule = "|" + headers.indices.map { numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|"
        return ([line(headers), rule] + rows.map { line($0.map(\.text)) }).joined(separator: "\n")
    }

    /// RFC 4180: fields with commas, quotes or line breaks are quoted.
    public func csv() -> String {
        ([headers] + rows.map { $0.map(\.text) }).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// A cell's text and how it should stand out on a terminal.
public struct Cell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var tone: Tone

    public enum Tone: Hashable, Sendable { case plain, good, warning, bad, dim }

    public init(_ text: String, _ tone: Tone = .plain) {
        self.text = text
        self.tone = tone
    }

    public init(stringLiteral value: String) { self.init(value) }
}

enum CSV {
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

/// Terminal columns a string takes: East Asian Wide and Fullwidth characters (CJK
/// ideographs and punctuation, kana, Hangul, fullwidth forms, emoji) take two; combining
/// marks, zero-width characters, variation selectors and controls take none.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width($1) }
    }

    public static func width(_ scalar: Unicode.Scalar) -> Int {
        if isZeroWidth(scalar) { return 0 }
        return isWide(scalar) ? 2 : 1
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F,                       // controls
             0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, // combining marks
             0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
             0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFEFF, // zero-width, joiners, marks
             0xFE00...0xFE0F, 0xE0100...0xE01EF:              // variation selectors
            return true
        default:
            return false
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x25FD...0x25FE, 0x2614...0x2615,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingOccurrences(of: target, with: replacement)
    }
}
