/// IN-05: owners' phone numbers are shown masked unless asked for (`--reveal`):
/// `13812345678` → `138****5678`; short numbers keep only their last two digits.
public enum PhoneMask {
    public static func mask(_ phone: String) -> String {
        let digits = Array(phone)
        guard digits.count >= 7 else { return String(repeating: "*", count: max(0, digits.count - 2)) + String(digits.suffix(2)) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }

    public static func shown(_ phone: String, reveal: Bool) -> String { reveal ? phone : mask(phone) }
}
