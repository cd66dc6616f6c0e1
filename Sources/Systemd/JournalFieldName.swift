/// Journal field names from swift-log metadata keys.
///
/// journald keeps only fields named `[A-Z0-9_]`, at most 64 characters, not starting with `_` (those
/// are trusted fields) or a digit; it drops the others without a word. So a key is mapped rather than
/// passed through: letters are upper-cased, `.`, `-`, `/` and spaces become `_`, anything else is
/// dropped, runs of `_` collapse, and a name that would start with `_` or a digit, or collide with a
/// field this handler writes itself, gets the `META_` prefix. `can.interface` → `CAN_INTERFACE`,
/// `message.id` → `MESSAGE_ID`.
public enum JournalFieldName {
    /// The longest field name journald accepts.
    public static let maximumLength = 64

    /// The fields the journal handler writes itself; metadata keys that map onto one get `META_`.
    public static let reserved: Set<String> = [
        "MESSAGE", "PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "SYSLOG_IDENTIFIER", "LOGGER", "SOURCE",
    ]

    /// The journal field name for a metadata key; never empty, always valid.
    public static func from(metadataKey key: String) -> String {
        var name: [UInt8] = []
        name.reserveCapacity(key.utf8.count)
        for byte in key.utf8 {
            let mapped: UInt8?
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): mapped = byte - 32
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): mapped = byte
            case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: " "):
                mapped = UInt8(ascii: "_")
            default: mapped = nil
            }
            guard let mapped else { continue }
            if mapped == UInt8(ascii: "_"), name.last == UInt8(ascii: "_") { continue }
            name.append(mapped)
        }
        while name.last == UInt8(ascii: "_") { name.removeLast() }
        var result = String(decoding: name, as: UTF8.self)
        if result.isEmpty { result = "META" }
        if result.hasPrefix("_") || result.first!.isNumber || reserved.contains(result) {
            result = "META_" + result.drop(while: { $0 == "_" })
        }
        if result.utf8.count > maximumLength { result = String(result.prefix(maximumLength)) }  // ASCII only
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }

    /// Whether journald keeps a field of this name (it drops the others silently).
    public static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumLength, let first = name.utf8.first else { return false }
        guard first != UInt8(ascii: "_"), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
