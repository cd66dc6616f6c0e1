public import JSON

/// A Varlink type from the interface definition language.
public indirect enum VarlinkType: Sendable, Equatable {
    case bool, int, float, string
    /// `object`: any JSON value, not checked further.
    case object
    /// A type declared with `type Name` in the same interface.
    case named(String)
    case structure([VarlinkField])
    case enumeration([String])
    /// `[]T`
    case array(VarlinkType)
    /// `[string]T`
    case dictionary(VarlinkType)
    /// `?T`: the field may be missing or `null`.
    case optional(VarlinkType)
}

public struct VarlinkField: Sendable, Equatable {
    public var name: String
    public var type: VarlinkType

    public init(name: String, type: VarlinkType) {
        self.name = name
        self.type = type
    }
}

/// A method declaration: `method Name(inputs) -> (outputs)`.
public struct VarlinkMethod: Sendable, Equatable {
    public var name: String
    public var input: [VarlinkField]
    public var output: [VarlinkField]

    public init(name: String, input: [VarlinkField], output: [VarlinkField]) {
        self.name = name
        self.input = input
        self.output = output
    }
}

/// A parsed `.varlink` interface description, with the source text it came from.
public struct InterfaceDescription: Sendable, Equatable {
    /// The reverse-domain interface name, `io.cargenius.Vehicle`.
    public var name: String
    /// The text as given, served verbatim by `GetInterfaceDescription`.
    public var text: String
    public var types: [String: VarlinkType]
    public var methods: [String: VarlinkMethod]
    public var errors: [String: [VarlinkField]]

    /// Parses an interface description and checks that every named type it uses is declared.
    public init(parsing text: String) throws(VarlinkError) {
        var parser = IDLParser(text: text)
        let parsed = try parser.parseInterface()
        self.name = parsed.name
        self.text = text
        self.types = parsed.types
        self.methods = parsed.methods
        self.errors = parsed.errors
        for (name, type) in types { try checkNames(type, in: "type \(name)") }
        for method in methods.values {
            for field in method.input + method.output { try checkNames(field.type, in: "method \(method.name)") }
        }
        for (name, fields) in errors {
            for field in fields { try checkNames(field.type, in: "error \(name)") }
        }
    }

    private func checkNames(_ type: VarlinkType, in context: String) throws(VarlinkError) {
        switch type {
        case .named(let name) where types[name] == nil:
            throw .invalidInterfaceDescription(
                interface: self.name, line: 0, column: 0, reason: "\(context) uses undeclared type \(name)")
        case .structure(let fields): for field in fields { try checkNames(field.type, in: context) }
        case .array(let element), .dictionary(let element), .optional(let element):
            try checkNames(element, in: context)
        default: break
        }
    }

    /// Checks a call's parameters against the method's input fields: types, finite numbers, and no field
    /// the declaration does not name (at any depth), as sd-varlink does: a misspelt optional field would
    /// otherwise be dropped without a word. Clients that build calls from the interface (the Python
    /// `varlink` package, `varlinkctl`) send only declared fields.
    /// - Throws: `VarlinkError.invalidParameter` naming the first offending field (as a dotted path).
    public func validate(parameters: [String: JSONValue], of method: VarlinkMethod) throws(VarlinkError) {
        try validate(fields: method.input, in: parameters, path: "")
    }

    /// The `int` and `float` input fields of `method`, as dotted paths through structures and named types
    /// (`interval`, `area.latitude`); numbers inside arrays and dictionaries as `field[]`.
    public func numericInputFields(of method: String) -> [String] {
        guard let declared = methods[method] else { return [] }
        var found: [String] = []
        func walk(_ type: VarlinkType, _ path: String, depth: Int) {
            guard depth < 16 else { return }  // a recursive type
            switch type {
            case .int, .float: found.append(path)
            case .optional(let wrapped): walk(wrapped, path, depth: depth)
            case .named(let name): if let declared = types[name] { walk(declared, path, depth: depth + 1) }
            case .structure(let fields): for field in fields { walk(field.type, path + "." + field.name, depth: depth + 1) }
            case .array(let element), .dictionary(let element): walk(element, path + "[]", depth: depth + 1)
            case .bool, .string, .object, .enumeration: break
            }
        }
        for field in declared.input { walk(field.type, field.name, depth: 0) }
        return found
    }

    private func validate(fields: [VarlinkField], in members: [String: JSONValue], path: String)
        throws(VarlinkError)
    {
        for field in fields {
            try validate(members[field.name], against: field.type, path: path + field.name)
        }
        if members.keys.contains(where: { key in !fields.contains { $0.name == key } }) {
            // Sorted, so the same call always names the same field.
            for key in members.keys.sorted() where !fields.contains(where: { $0.name == key }) {
                throw .invalidParameter(path + key)
            }
        }
    }

    private func validate(_ value: JSONValue?, against type: VarlinkType, path: String) throws(VarlinkError) {
        if case .optional(let wrapped) = type {
            guard let value, value != .null else { return }
            return try validate(value, against: wrapped, path: path)
        }
        guard let value, value != .null else { throw .invalidParameter(path) }
        switch type {
        case .bool: guard case .bool = value else { throw .invalidParameter(path) }
        case .int: guard case .int = value else { throw .invalidParameter(path) }
        case .float: guard let number = value.number, number.isFinite else { throw .invalidParameter(path) }
        case .string: guard case .string = value else { throw .invalidParameter(path) }
        case .object: break
        case .named(let name):
            guard let declared = types[name] else { throw .invalidParameter(path) }
            try validate(value, against: declared, path: path)
        case .structure(let fields):
            guard case .object(let members) = value else { throw .invalidParameter(path) }
            try validate(fields: fields, in: members, path: path + ".")
        case .enumeration(let names):
            guard case .string(let name) = value, names.contains(name) else { throw .invalidParameter(path) }
        case .array(let element):
            guard case .array(let elements) = value else { throw .invalidParameter(path) }
            for (index, item) in elements.enumerated() {
                try validate(item, against: element, path: "\(path)[\(index)]")
            }
        case .dictionary(let element):
            guard case .object(let members) = value else { throw .invalidParameter(path) }
            for (key, item) in members { try validate(item, against: element, path: "\(path)[\(key)]") }
        case .optional: break  // handled above
        }
    }
}

/// A recursive-descent parser for the Varlink IDL (varlink.org, "Interface Definition").
struct IDLParser {
    private let bytes: [UInt8]
    private var index = 0
    private var interfaceName = "<interface>"

    init(text: String) { bytes = Array(text.utf8) }

    struct Parsed {
        var name: String
        var types: [String: VarlinkType] = [:]
        var methods: [String: VarlinkMethod] = [:]
        var errors: [String: [VarlinkField]] = [:]
    }

    private func failure(_ reason: String) -> VarlinkError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return .invalidInterfaceDescription(interface: interfaceName, line: line, column: column, reason: reason)
    }

    /// Skips whitespace and `#` comments.
    private mutating func skip() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            default: return
            }
        }
    }

    private mutating func peek(_ text: String) -> Bool {
        skip()
        let expected = Array(text.utf8)
        guard index + expected.count <= bytes.count else { return false }
        return Array(bytes[index..<index + expected.count]) == expected
    }

    private mutating func expect(_ text: String) throws(VarlinkError) {
        guard peek(text) else { throw failure("expected '\(text)'") }
        index += text.utf8.count
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private mutating func word() throws(VarlinkError) -> String {
        skip()
        let start = index
        while index < bytes.count, Self.isWordByte(bytes[index]) { index += 1 }
        guard index > start else { throw failure("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `[A-Z][A-Za-z0-9]*`: names of types, methods, errors.
    private mutating func memberName() throws(VarlinkError) -> String {
        let start = index
        let name = try word()
        let utf8 = Array(name.utf8)
        guard utf8[0] >= UInt8(ascii: "A"), utf8[0] <= UInt8(ascii: "Z"),
            utf8.allSatisfy({ $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") })
        else {
            index = start
            skip()
            throw failure("'\(name)' is not a valid member name (an uppercase letter, then letters and digits)")
        }
        return name
    }

    /// `[A-Za-z](_?[A-Za-z0-9])*`: field and enum value names.
    private mutating func fieldName() throws(VarlinkError) -> String {
        let start = index
        let name = try word()
        let utf8 = Array(name.utf8)
        let valid =
            (utf8[0] | 0x20) >= UInt8(ascii: "a") && (utf8[0] | 0x20) <= UInt8(ascii: "z")
            && !utf8.contains(UInt8(ascii: "-")) && !utf8.contains(UInt8(ascii: "."))
            && utf8.last != UInt8(ascii: "_") && !name.contains("__")
        guard valid else {
            index = start
            skip()
            throw failure("'\(name)' is not a valid field name")
        }
        return name
    }

    mutating func parseInterface() throws(VarlinkError) -> Parsed {
        guard peek("interface") else { throw failure("expected 'interface' as the first keyword") }
        index += "interface".utf8.count
        skip()
        let nameStart = index
        let name = try word()
        // [a-z]([-]*[a-z0-9])* ( '.' [a-zA-Z0-9]([-]*[a-zA-Z0-9])* )+
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let validName =
            labels.count >= 2
            && labels.enumerated().allSatisfy { position, label in
                !label.isEmpty && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy { byte in
                        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
                            || (position > 0 && byte >= 0x41 && byte <= 0x5A)
                    }
            } && (labels[0].first.map { $0 >= "a" && $0 <= "z" } ?? false)
        guard validName else {
            index = nameStart
            throw failure("'\(name)' is not a valid interface name (reverse domain, the first label lowercase)")
        }
        interfaceName = name
        var parsed = Parsed(name: name)
        var memberCount = 0
        while true {
            skip()
            if index == bytes.count { break }
            let keyword = try word()
            switch keyword {
            case "type":
                let typeName = try memberName()
                guard parsed.types[typeName] == nil else { throw failure("type \(typeName) declared twice") }
                skip()
                let type = try parseStructOrEnum()
                parsed.types[typeName] = type
            case "method":
                let methodName = try memberName()
                guard parsed.methods[methodName] == nil else { throw failure("method \(methodName) declared twice") }
                let input = try parseStruct()
                try expect("->")
                let output = try parseStruct()
                parsed.methods[methodName] = VarlinkMethod(name: methodName, input: input, output: output)
            case "error":
                let errorName = try memberName()
                guard parsed.errors[errorName] == nil else { throw failure("error \(errorName) declared twice") }
                parsed.errors[errorName] = try parseStruct()
            default:
                throw failure("expected 'type', 'method' or 'error', got '\(keyword)'")
            }
            memberCount += 1
        }
        guard memberCount > 0 else { throw failure("an interface needs at least one member") }
        return parsed
    }

    /// `( field: type, ... )` or `( name, ... )`.
    private mutating func parseStructOrEnum() throws(VarlinkError) -> VarlinkType {
        try expect("(")
        if peek(")") {
            index += 1
            return .structure([])
        }
        // Look ahead: a name followed by ':' starts a struct.
        let save = index
        _ = try fieldName()
        let isStruct = peek(":")
        index = save
        if isStruct {
            return .structure(try parseFields())
        }
        var names: [String] = []
        while true {
            let name = try fieldName()
            guard !names.contains(name) else { throw failure("enum value \(name) listed twice") }
            names.append(name)
            if peek(",") {
                index += 1
                continue
            }
            try expect(")")
            return .enumeration(names)
        }
    }

    private mutating func parseStruct() throws(VarlinkError) -> [VarlinkField] {
        try expect("(")
        if peek(")") {
            index += 1
            return []
        }
        return try parseFields()
    }

    /// Fields after the opening parenthesis, through the closing one.
    private mutating func parseFields() throws(VarlinkError) -> [VarlinkField] {
        var fields: [VarlinkField] = []
        while true {
            skip()
            let nameStart = index
            let name = try fieldName()
            guard !fields.contains(where: { $0.name == name }) else {
                index = nameStart
                throw failure("field \(name) listed twice")
            }
            try expect(":")
            let type = try parseType()
            fields.append(VarlinkField(name: name, type: type))
            if peek(",") {
                index += 1
                continue
            }
            try expect(")")
            return fields
        }
    }

    private mutating func parseType() throws(VarlinkError) -> VarlinkType {
        skip()
        if peek("?") {
            index += 1
            if peek("?") { throw failure("'??' is not a type") }
            return .optional(try parseType())
        }
        if peek("[]") {
            index += 2
            return .array(try parseType())
        }
        if peek("[string]") {
            index += "[string]".utf8.count
            return .dictionary(try parseType())
        }
        if peek("(") { return try parseStructOrEnum() }
        let start = index
        let name = try word()
        switch name {
        case "bool": return .bool
        case "int": return .int
        case "float": return .float
        case "string": return .string
        case "object": return .object
        default:
            index = start
            return .named(try memberName())
        }
    }
}
