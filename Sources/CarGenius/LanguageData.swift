import FoundationEssentials
import Speech

// The language data lives in JSON files in Resources/, embedded in the binary by SwiftPM (`PackageResources`):
// lexicons, answer templates, warning knowledge and lamp symbols. Each file is decoded once, on first use, into
// the tables the engine reads. A test decodes every file and checks every name in it, so a file that fails
// here at run time is a build defect: `load` stops with the file and entry named.

/// One JSON data file embedded in the binary.
struct DataFile: Sendable {
    /// The file name in Resources/, for messages.
    var name: String
    var bytes: [UInt8]

    static func lexicon(_ language: Language) -> DataFile {
        switch language {
        case .en: DataFile(name: "lexicon-en.json", bytes: PackageResources.lexicon_en_json)
        case .de: DataFile(name: "lexicon-de.json", bytes: PackageResources.lexicon_de_json)
        case .zh: DataFile(name: "lexicon-zh.json", bytes: PackageResources.lexicon_zh_json)
        }
    }

    static func templates(_ language: Language) -> DataFile {
        switch language {
        case .en: DataFile(name: "templates-en.json", bytes: PackageResources.templates_en_json)
        case .de: DataFile(name: "templates-de.json", bytes: PackageResources.templates_de_json)
        case .zh: DataFile(name: "templates-zh.json", bytes: PackageResources.templates_zh_json)
        }
    }

    static let warnings = DataFile(name: "warnings.json", bytes: PackageResources.warnings_json)
    static let lampSymbols = DataFile(name: "lamp-symbols.json", bytes: PackageResources.lamp_symbols_json)

    /// Decodes the file as `T`; throws `CarGeniusError.invalidResource` with the path of the bad entry.
    func decode<T: Decodable>(_ type: T.Type) throws(CarGeniusError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            let (path, reason): ([any CodingKey], String) =
                switch error {
                case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
                    (c.codingPath, c.debugDescription)
                @unknown default: ([], "\(error)")
                }
            throw .invalidResource(file: name, entry: Self.describe(path), reason: reason)
        } catch {
            throw .invalidResource(file: name, entry: "(file)", reason: "\(error)")
        }
    }

    /// The decoded value, or a stop naming the file and entry: the data is part of the binary.
    static func load<T>(_ decode: @autoclosure () throws(CarGeniusError) -> T) -> T {
        do {
            return try decode()
        } catch {
            fatalError("embedded data file is invalid: \(error)")
        }
    }

    /// A coding path as `sections[3].entries[12]`.
    static func describe(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out.isEmpty ? "(top level)" : out
    }

    func concepts(_ names: [String], entry: String) throws(CarGeniusError) -> [Concept] {
        var out: [Concept] = []
        for name in names {
            guard let concept = Concept(rawValue: name) else {
                throw .invalidResource(file: self.name, entry: entry, reason: "unknown concept \"\(name)\"")
            }
            out.append(concept)
        }
        return out
    }

    /// A `{"en": …, "de": …, "zh": …}` object by language; with `complete`, every language must be there.
    func byLanguage<V>(_ values: [String: V], entry: String, complete: Bool) throws(CarGeniusError) -> [Language: V] {
        var out: [Language: V] = [:]
        for (code, value) in values {
            guard let language = Language(rawValue: code) else {
                throw .invalidResource(file: name, entry: entry, reason: "unknown language \"\(code)\"")
            }
            out[language] = value
        }
        if complete {
            for language in [Language.en, .de, .zh] where out[language] == nil {
                throw .invalidResource(file: name, entry: entry, reason: "no text in \(language.rawValue)")
            }
        }
        return out
    }
}

/// One language's lexicon file: phrases with their concepts in file order (a phrase may repeat; `Lexicon`
/// merges repeats in this order), and the word sets the normaliser weighs specially.
struct LexiconData: Sendable {
    var entries: [(phrase: String, concepts: [Concept])]
    var imperativeWhenFirst: Set<String>
    var weakWords: Set<String>

    private struct File: Decodable {
        var imperativeWhenFirst: [String]
        var weakWords: [String]
        var sections: [Section]
    }

    private struct Section: Decodable { var entries: [Entry] }

    /// `["phrase", ["concept", …]]`.
    private struct Entry: Decodable {
        var phrase: String
        var concepts: [String]

        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            phrase = try pair.decode(String.self)
            concepts = try pair.decode([String].self)
            guard pair.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: pair, debugDescription: "an entry is [phrase, [concepts]]")
            }
        }
    }

    init(_ file: DataFile) throws(CarGeniusError) {
        let decoded = try file.decode(File.self)
        var entries: [(phrase: String, concepts: [Concept])] = []
        for section in decoded.sections {
            for entry in section.entries {
                entries.append((entry.phrase, try file.concepts(entry.concepts, entry: "\"\(entry.phrase)\"")))
            }
        }
        self.entries = entries
        self.imperativeWhenFirst = Set(decoded.imperativeWhenFirst)
        self.weakWords = Set(decoded.weakWords)
    }

    static let english = DataFile.load(try LexiconData(.lexicon(.en)))
    static let german = DataFile.load(try LexiconData(.lexicon(.de)))
    static let chinese = DataFile.load(try LexiconData(.lexicon(.zh)))

    static func forLanguage(_ language: Language) -> LexiconData {
        switch language {
        case .en: english
        case .de: german
        case .zh: chinese
        }
    }
}

/// One language's answer templates (key to template with `{name}` placeholders); English also carries the
/// word pairs that make an en-GB answer.
struct TemplateData: Sendable {
    var templates: [String: String]
    var britishWords: [(String, String)]

    private struct File: Decodable {
        var templates: [String: String]
        var britishWords: [[String]]?
    }

    init(_ file: DataFile) throws(CarGeniusError) {
        let decoded = try file.decode(File.self)
        templates = decoded.templates
        britishWords = []
        for (i, pair) in (decoded.britishWords ?? []).enumerated() {
            guard pair.count == 2 else { throw .invalidResource(file: file.name, entry: "britishWords[\(i)]", reason: "not a word pair") }
            britishWords.append((pair[0], pair[1]))
        }
    }
}

/// The warning knowledge file: every lamp's severity, label, advice and naming concepts, and OBD-II code meanings.
struct WarningData: Sendable {
    var lamps: [String: LampInfo]
    var codes: [String: [Language: String]]

    private struct File: Decodable {
        var lamps: [String: Lamp]
        var codes: [String: [String: String]]
    }

    private struct Lamp: Decodable {
        var severity: Int
        var label: [String: String]
        var advice: [String: String]
        var concepts: [String]
    }

    init(_ file: DataFile) throws(CarGeniusError) {
        let decoded = try file.decode(File.self)
        lamps = [:]
        for (name, lamp) in decoded.lamps {
            guard (1...3).contains(lamp.severity) else {
                throw .invalidResource(file: file.name, entry: "lamps.\(name)", reason: "severity \(lamp.severity) is not 1, 2 or 3")
            }
            lamps[name] = LampInfo(
                severity: lamp.severity, label: try file.byLanguage(lamp.label, entry: "lamps.\(name).label", complete: true),
                advice: try file.byLanguage(lamp.advice, entry: "lamps.\(name).advice", complete: true),
                concepts: try file.concepts(lamp.concepts, entry: "lamps.\(name).concepts"))
        }
        codes = [:]
        for (code, meanings) in decoded.codes {
            codes[code] = try file.byLanguage(meanings, entry: "codes.\(code)", complete: true)
        }
    }

    static let shared = DataFile.load(try WarningData(.warnings))
}

/// The lamp symbols file: the pictures and names that point at each lamp, per language.
struct LampSymbolData: Sendable {
    var cues: [String: LampCue]

    private struct File: Decodable { var cues: [String: Cue] }

    private struct Cue: Decodable {
        var shapes: [String: [String]]
        var names: [String: [String]]
    }

    init(_ file: DataFile) throws(CarGeniusError) {
        let decoded = try file.decode(File.self)
        cues = [:]
        for (lamp, cue) in decoded.cues {
            cues[lamp] = LampCue(
                shapes: try file.byLanguage(cue.shapes, entry: "cues.\(lamp).shapes", complete: false),
                names: try file.byLanguage(cue.names, entry: "cues.\(lamp).names", complete: false))
        }
    }

    static let shared = DataFile.load(try LampSymbolData(.lampSymbols))
}
