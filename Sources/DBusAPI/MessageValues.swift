import CSDBus
import JSON
import Varlink

/// Reading and writing Varlink parameters (JSON values) as D-Bus values, on the bus's own thread.
///
/// Written: an object is `a{sv}` (members that are `null` left out), an array `av`, a string `s`, an integer
/// `x`, a number `d`, a bool `b`, a `null` inside an array an empty `a{sv}`. Read: any D-Bus value, with
/// integers of every width as integers, `a{..}` as objects (keys as text), other arrays and structures as
/// arrays, variants unwrapped; file descriptors are refused.
enum MessageValues {
    /// Deeper than D-Bus allows (32 arrays plus 32 structures), so the recursion is bounded by the bus.
    static let maximumDepth = 64

    /// A D-Bus value that cannot be a Varlink parameter, with where it is (`parameters.paths[2]`).
    struct Unreadable: Error {
        var reason: String
    }

    // MARK: Writing

    /// Appends `parameters` as one `a{sv}`.
    static func appendObject(_ parameters: [String: JSONValue], to message: OpaquePointer) throws(Unreadable) {
        try check(csdbus_open_container(message, CChar(UInt8(ascii: "a")), "{sv}"), "a{sv}")
        for key in parameters.keys.sorted() {
            guard let value = parameters[key], value != .null else { continue }
            try check(csdbus_open_container(message, CChar(UInt8(ascii: "e")), "sv"), key)
            try check(csdbus_append_string(message, CChar(UInt8(ascii: "s")), key), key)
            try appendVariant(value, to: message)
            try check(csdbus_close_container(message), key)
        }
        try check(csdbus_close_container(message), "a{sv}")
    }

    static func appendVariant(_ value: JSONValue, to message: OpaquePointer) throws(Unreadable) {
        let v = CChar(UInt8(ascii: "v"))
        switch value {
        case .null:
            try check(csdbus_open_container(message, v, "a{sv}"), "null")
            try appendObject([:], to: message)
        case .bool(let bool):
            try check(csdbus_open_container(message, v, "b"), "bool")
            try check(csdbus_append_bool(message, bool ? 1 : 0), "bool")
        case .int(let int):
            try check(csdbus_open_container(message, v, "x"), "int")
            try check(csdbus_append_int64(message, int), "int")
        case .double(let double):
            try check(csdbus_open_container(message, v, "d"), "float")
            try check(csdbus_append_double(message, double), "float")
        case .string(let string):
            try check(csdbus_open_container(message, v, "s"), "string")
            // D-Bus strings cannot hold NUL: a Varlink string with one is cut there by the C string.
            try check(csdbus_append_string(message, CChar(UInt8(ascii: "s")), string), "string")
        case .array(let elements):
            try check(csdbus_open_container(message, v, "av"), "array")
            try check(csdbus_open_container(message, CChar(UInt8(ascii: "a")), "v"), "array")
            for element in elements { try appendVariant(element, to: message) }
            try check(csdbus_close_container(message), "array")
        case .object(let members):
            try check(csdbus_open_container(message, v, "a{sv}"), "object")
            try appendObject(members, to: message)
        }
        try check(csdbus_close_container(message), "variant")
    }

    static func check(_ result: Int32, _ what: String) throws(Unreadable) {
        if result < 0 { throw Unreadable(reason: "cannot append \(what) (errno \(-result))") }
    }

    // MARK: Reading

    /// Reads a call's body as Varlink parameters: no arguments is `{}`, one `a{sv}` its members.
    static func readParameters(_ message: OpaquePointer) throws(Unreadable) -> [String: JSONValue] {
        let signature = csdbus_message_signature(message).map { String(cString: $0) } ?? ""
        if signature.isEmpty { return [:] }
        guard signature == "a{sv}" else {
            throw Unreadable(
                reason: "the arguments are '\(signature)'; every io.cargenius method takes one a{sv}: the Varlink parameters by name")
        }
        guard case .object(let members) = try readNext(message, at: "parameters", depth: 0) else {
            throw Unreadable(reason: "parameters: not a dictionary")
        }
        return members
    }

    /// Reads the next value of the current container; `path` names it in errors.
    static func readNext(_ message: OpaquePointer, at path: String, depth: Int) throws(Unreadable) -> JSONValue {
        guard depth < maximumDepth else { throw Unreadable(reason: "\(path): nested deeper than \(maximumDepth)") }
        var type: CChar = 0
        var contentsPointer: UnsafePointer<CChar>?
        let peeked = csdbus_peek(message, &type, &contentsPointer)
        guard peeked > 0 else { throw Unreadable(reason: "\(path): missing (errno \(-peeked))") }
        let contents = contentsPointer.map { String(cString: $0) } ?? ""
        switch UInt8(bitPattern: type) {
        case UInt8(ascii: "v"):
            try enter(message, type, contents, path)
            let inner = try readNext(message, at: path, depth: depth + 1)
            try exit(message, path)
            return inner
        case UInt8(ascii: "a"):
            try enter(message, type, contents, path)
            var result: JSONValue
            if contents.hasPrefix("{") {
                var members: [String: JSONValue] = [:]
                let entry = String(contents.dropFirst().dropLast())
                while true {
                    var next: CChar = 0
                    var nextContents: UnsafePointer<CChar>?
                    let more = csdbus_peek(message, &next, &nextContents)
                    if more == 0 { break }
                    guard more > 0 else { throw Unreadable(reason: "\(path): unreadable entry (errno \(-more))") }
                    try enter(message, CChar(UInt8(ascii: "e")), entry, path)
                    let key: String
                    switch try readNext(message, at: path + " key", depth: depth + 1) {
                    case .string(let text): key = text
                    case let other: key = other.jsonText
                    }
                    let value = try readNext(message, at: path + "." + key, depth: depth + 1)
                    try exit(message, path)
                    members[key] = value
                }
                result = .object(members)
            } else {
                var elements: [JSONValue] = []
                while true {
                    var next: CChar = 0
                    var nextContents: UnsafePointer<CChar>?
                    let more = csdbus_peek(message, &next, &nextContents)
                    if more == 0 { break }
                    guard more > 0 else { throw Unreadable(reason: "\(path): unreadable element (errno \(-more))") }
                    elements.append(try readNext(message, at: "\(path)[\(elements.count)]", depth: depth + 1))
                }
                result = .array(elements)
            }
            try exit(message, path)
            return result
        case UInt8(ascii: "r"):
            try enter(message, type, contents, path)
            var elements: [JSONValue] = []
            while true {
                var next: CChar = 0
                var nextContents: UnsafePointer<CChar>?
                let more = csdbus_peek(message, &next, &nextContents)
                if more == 0 { break }
                guard more > 0 else { throw Unreadable(reason: "\(path): unreadable structure (errno \(-more))") }
                elements.append(try readNext(message, at: "\(path)[\(elements.count)]", depth: depth + 1))
            }
            try exit(message, path)
            return .array(elements)
        case UInt8(ascii: "h"):
            throw Unreadable(reason: "\(path): file descriptors are not accepted")
        default:
            var kind: Int32 = 0
            var integer: Int64 = 0
            var real: Double = 0
            var text: UnsafePointer<CChar>?
            let read = csdbus_read_basic(message, type, &kind, &integer, &real, &text)
            guard read > 0 else {
                throw Unreadable(
                    reason: read == -34
                        ? "\(path): an unsigned 64-bit number above 2^63-1"
                        : "\(path): unreadable '\(Character(Unicode.Scalar(UInt8(bitPattern: type))))' (errno \(-read))")
            }
            switch kind {
            case 1: return .int(integer)
            case 2: return .double(real)
            case 3: return .string(text.map { String(cString: $0) } ?? "")
            default: return .bool(integer != 0)
            }
        }
    }

    static func enter(_ message: OpaquePointer, _ type: CChar, _ contents: String, _ path: String) throws(Unreadable) {
        let result = csdbus_enter_container(message, type, contents)
        if result <= 0 { throw Unreadable(reason: "\(path): cannot enter the container (errno \(-result))") }
    }

    static func exit(_ message: OpaquePointer, _ path: String) throws(Unreadable) {
        let result = csdbus_exit_container(message)
        if result < 0 { throw Unreadable(reason: "\(path): cannot leave the container (errno \(-result))") }
    }
}
