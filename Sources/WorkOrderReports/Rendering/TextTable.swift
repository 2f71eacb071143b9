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

/// Terminal columns a string takes: East Asian wide characters take two.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
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
