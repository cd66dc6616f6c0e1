import FoundationEssentials
import GeniusTestSupport
import Testing

/// The layering rules of docs/architecture.md, checked on the sources as they are (read from the checkout).
///
/// - A module of a "(portable)" layer of Package.swift imports no platform library (Glibc, Musl, Darwin,
///   FoundationNetworking) and none of our C modules: the decoder, the store, the agents and the API build and
///   test on any machine.
/// - No two modules under Sources/ declare the same public top-level type name (one `JSONValue`, one `SignalReading`).
@Suite struct ArchitectureRulesTests {
    static let sources = repositoryRoot + "/Sources"

    /// The modules the brief of the layering declares portable; Package.swift may add to them, never drop one.
    static let knownPortable: Set<String> = [
        "CANBus", "JSON", "DBC", "VSS", "Speech", "VehicleSignals", "Simulator", "Varlink", "LLM",
        "CarGenius", "TravelCompanion", "Assistant", "GeniusAPI",
    ]

    /// Platform libraries a portable module must not import.
    static let platformLibraries: Set<String> = ["Glibc", "Musl", "Darwin", "FoundationNetworking"]

    @Test func packageDeclaresThePortableLayers() throws {
        let portable = try Self.portableModules()
        #expect(
            portable.isSuperset(of: Self.knownPortable),
            "not in a (portable) layer of Package.swift: \(Self.knownPortable.subtracting(portable).sorted())")
        let modules = Set(try Self.modules())
        #expect(portable.isSubset(of: modules), "portable targets without a Sources/ folder: \(portable.subtracting(modules).sorted())")
        #expect(try Self.cModules() == ["CSDBus", "CSocketCAN", "CSystemd"])
    }

    @Test func portableModulesImportNoPlatformLibraryOrCModule() throws {
        let forbidden = Self.platformLibraries.union(try Self.cModules())
        var found: [String] = []
        for module in try Self.portableModules().sorted() {
            for file in try Self.swiftFiles(module) {
                let lines = try Self.read(file).split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() {
                    if let imported = Self.importedModule(line), forbidden.contains(imported) {
                        found.append("\(file.dropFirst(repositoryRoot.count + 1)):\(index + 1) imports \(imported)")
                    }
                }
            }
        }
        #expect(found.isEmpty, "portable modules must not import a platform library or a C module:\n\(found.joined(separator: "\n"))")
    }

    @Test func noTwoModulesDeclareTheSamePublicTopLevelType() throws {
        var owners: [String: Set<String>] = [:]
        for module in try Self.modules() {
            for file in try Self.swiftFiles(module) {
                for line in Self.topLevelLines(try Self.read(file)) {
                    if let name = Self.publicTypeName(line) { owners[name, default: []].insert(module) }
                }
            }
        }
        #expect(owners.count > 100, "the scan found \(owners.count) public types: too few to be a real check")
        let twice = owners.filter { $0.value.count > 1 }.map { "\($0.key): \($0.value.sorted().joined(separator: ", "))" }.sorted()
        #expect(twice.isEmpty, "public types declared in more than one module:\n\(twice.joined(separator: "\n"))")
    }

    // MARK: - Reading the tree

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
    }

    /// The folders under Sources/, one per module.
    static func modules() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sources).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The Swift files of `module`, as paths from the file system root.
    static func swiftFiles(_ module: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: sources + "/" + module).filter { $0.hasSuffix(".swift") }.sorted()
            .map { sources + "/" + module + "/" + $0 }
    }

    /// Our C modules: folders under Sources/ with C sources and no Swift.
    static func cModules() throws -> Set<String> {
        var result: Set<String> = []
        for module in try modules() {
            let files = try FileManager.default.subpathsOfDirectory(atPath: sources + "/" + module)
            if !files.contains(where: { $0.hasSuffix(".swift") }), files.contains(where: { $0.hasSuffix(".c") || $0.hasSuffix(".h") }) {
                result.insert(module)
            }
        }
        return result
    }

    /// The targets of Package.swift's layers whose MARK line says "(portable)".
    static func portableModules() throws -> Set<String> {
        let package = try read(repositoryRoot + "/Package.swift")
        let marks = try Regex(#"//\s*MARK:\s*([^\n]*)"#)
        // A target's declaration, not a `.target(name:condition:)` in a dependency list.
        let declarations = try Regex(#"\.(?:target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"(?!\s*,\s*condition:)"#)
        var layers: [(start: String.Index, portable: Bool)] = []
        for mark in package.matches(of: marks) {
            let title = mark.output[1].substring.map(String.init) ?? ""
            let name = title.split(separator: ":", maxSplits: 1).first.map(String.init) ?? title
            layers.append((mark.range.lowerBound, name.contains("(portable)")))
        }
        var portable: Set<String> = []
        for declaration in package.matches(of: declarations) {
            guard let layer = layers.last(where: { $0.start < declaration.range.lowerBound }), layer.portable,
                let name = declaration.output[1].substring
            else { continue }
            portable.insert(String(name))
        }
        return portable
    }

    // MARK: - Reading Swift

    /// The module an `import` line imports (`import struct Foundation.Data` imports Foundation), or `nil`.
    static func importedModule(_ line: Substring) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let first = words.first, first.hasPrefix("@") || accessModifiers.contains(String(first)) { words = words.dropFirst() }
        guard words.first == "import" else { return nil }
        words = words.dropFirst()
        if let kind = words.first, importKinds.contains(String(kind)) { words = words.dropFirst() }
        return words.first.map { String($0.split(separator: ".").first ?? $0) }
    }

    static let accessModifiers: Set<String> = ["public", "package", "internal", "fileprivate", "private"]
    static let importKinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]

    /// The name a line declares when it starts a public type (`public final class Name`), or `nil`.
    static func publicTypeName(_ line: Substring) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let first = words.first, first.hasPrefix("@") { words = words.dropFirst() }
        guard let access = words.first, access == "public" || access == "open" else { return nil }
        words = words.dropFirst()
        while let first = words.first, typeModifiers.contains(String(first)) { words = words.dropFirst() }
        guard let kind = words.first, typeKinds.contains(String(kind)), let name = words.dropFirst().first else { return nil }
        let identifier = name.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return identifier.isEmpty ? nil : String(identifier)
    }

    static let typeModifiers: Set<String> = ["final", "indirect", "nonisolated", "open"]
    static let typeKinds: Set<String> = ["class", "struct", "enum", "protocol", "actor", "typealias"]

    /// The lines of Swift source that begin outside every brace: the top level (`#if` blocks do not count).
    ///
    /// Braces inside comments and string literals (with interpolations, raw and multi-line strings) are skipped.
    static func topLevelLines(_ text: String) -> [Substring] {
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        let backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n")
        enum State { case code, lineComment, blockComment(Int), string(hashes: Int, multiline: Bool) }
        var state = State.code
        // Strings suspended by an interpolation, with the parentheses open in the interpolation's code.
        var suspended: [(hashes: Int, multiline: Bool, parentheses: Int)] = []
        var parentheses = 0
        var depth = 0
        var startsAtTop = [true]  // per line: whether it begins in code at brace depth 0
        func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        func hashes(from index: Int) -> Int {
            var count = 0
            while at(index + count) == hash { count += 1 }
            return count
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == newline {
                if case .string(_, false) = state { state = .code }  // an unterminated literal: resynchronise
                if case .lineComment = state { state = .code }
                var inCode = false
                if case .code = state { inCode = suspended.isEmpty }
                startsAtTop.append(inCode && depth == 0)
                i += 1
                continue
            }
            switch state {
            case .lineComment:
                i += 1
            case .blockComment(let level):
                if byte == slash, at(i + 1) == star {
                    state = .blockComment(level + 1)
                    i += 2
                } else if byte == star, at(i + 1) == slash {
                    state = level == 1 ? .code : .blockComment(level - 1)
                    i += 2
                } else {
                    i += 1
                }
            case .string(let count, let multiline):
                if byte == backslash, hashes(from: i + 1) >= count {
                    let after = i + 1 + count
                    if at(after) == UInt8(ascii: "(") {
                        suspended.append((count, multiline, parentheses))
                        parentheses = 0
                        state = .code
                        i = after + 1
                    } else {
                        i = after + 1
                    }
                } else if byte == quote {
                    let closing = multiline ? (at(i + 1) == quote && at(i + 2) == quote) : true
                    let end = i + (multiline ? 3 : 1)
                    if closing, hashes(from: end) >= count {
                        state = .code
                        i = end + count
                    } else {
                        i += 1
                    }
                } else {
                    i += 1
                }
            case .code:
                if byte == slash, at(i + 1) == slash {
                    state = .lineComment
                    i += 2
                } else if byte == slash, at(i + 1) == star {
                    state = .blockComment(1)
                    i += 2
                } else if byte == quote || byte == hash {
                    let count = hashes(from: i)
                    let start = i + count
                    if at(start) == quote {
                        let multiline = at(start + 1) == quote && at(start + 2) == quote
                        state = .string(hashes: count, multiline: multiline)
                        i = start + (multiline ? 3 : 1)
                    } else {
                        i = start
                    }
                } else {
                    if byte == UInt8(ascii: "{") { depth += 1 }
                    if byte == UInt8(ascii: "}") { depth -= 1 }
                    if !suspended.isEmpty {
                        if byte == UInt8(ascii: "(") { parentheses += 1 }
                        if byte == UInt8(ascii: ")") {
                            if parentheses == 0 {
                                let outer = suspended.removeLast()
                                state = .string(hashes: outer.hashes, multiline: outer.multiline)
                                parentheses = outer.parentheses
                            } else {
                                parentheses -= 1
                            }
                        }
                    }
                    i += 1
                }
            }
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return zip(lines, startsAtTop).filter(\.1).map(\.0)
    }

    // MARK: - The scanners themselves

    @Test func topLevelLinesSkipBracesInStringsAndComments() {
        let source = #"""
            public struct A {
                let s = "{ \(f { "}" }) {"
                let m = """
                    public struct Inside {
                    """
                // }
                /* { /* } */ } */
                public struct Nested {}
            }
            #if os(Linux)
                public final class B {}
            #endif
            @frozen public enum C: Int { case x }
            """#
        let names = Self.topLevelLines(source).compactMap(Self.publicTypeName)
        #expect(names == ["A", "B", "C"])
    }

    @Test func importsAreReadWithAttributesAndKinds() {
        #expect(Self.importedModule("@preconcurrency import Glibc") == "Glibc")
        #expect(Self.importedModule("    public import struct FoundationNetworking.URLRequest") == "FoundationNetworking")
        #expect(Self.importedModule("import CSocketCAN") == "CSocketCAN")
        #expect(Self.importedModule("// import Glibc") == nil)
        #expect(Self.importedModule("let important = 1") == nil)
    }
}
