import Speech
import Testing

@testable import CarGenius

/// The embedded data files (Resources/*.json) decode, and every name in them is one the engine knows: the
/// engine stops on a bad file at run time, so a bad file must fail here first.
@Suite struct LanguageDataTests {
    static let languages: [Language] = [.en, .de, .zh]

    @Test(arguments: languages)
    func lexiconsDecodeWithKnownConcepts(_ language: Language) throws {
        let data = try LexiconData(.lexicon(language))
        #expect(!data.entries.isEmpty)
        for (phrase, _) in data.entries {
            #expect(!phrase.isEmpty && phrase == phrase.lowercased(), "\(language): \"\(phrase)\"")
        }
        let phrases = Set(data.entries.map(\.phrase))
        // A weak word the lexicon does not know would never be weighed.
        for word in data.weakWords { #expect(phrases.contains(word), "\(language): \"\(word)\"") }
    }

    @Test(arguments: languages)
    func templatesDecodeWithBalancedPlaceholders(_ language: Language) throws {
        let data = try TemplateData(.templates(language))
        #expect(data.templates.count == AnswerTemplates.english.count, "\(language) and en have different keys")
        for (key, template) in data.templates {
            #expect(Self.placeholdersBalanced(template), "\(language) \(key): \(template)")
            #expect(AnswerTemplates.english[key] != nil, "\(language) \(key) has no English template")
        }
        #expect(data.britishWords.isEmpty == (language != .en))
    }

    @Test func warningsDecodeWithEveryLampAndCodeInEveryLanguage() throws {
        let data = try WarningData(.warnings)
        #expect(!data.lamps.isEmpty && !data.codes.isEmpty)
        for (name, lamp) in data.lamps {
            for language in Self.languages {
                #expect(lamp.label[language]?.isEmpty == false, "\(name): no \(language) label")
                #expect(lamp.advice[language]?.isEmpty == false, "\(name): no \(language) advice")
            }
        }
        for (code, meanings) in data.codes {
            for language in Self.languages { #expect(meanings[language]?.isEmpty == false, "\(code): no \(language) meaning") }
        }
    }

    @Test func lampSymbolsDecodeAndNameKnownLamps() throws {
        let data = try LampSymbolData(.lampSymbols)
        let lamps = try WarningData(.warnings).lamps
        for (lamp, cue) in data.cues {
            #expect(lamps[lamp] != nil, "\(lamp) is no lamp in warnings.json")
            for language in Self.languages {
                // Utterances are matched lower case in English and German.
                for picture in cue.shapes[language, default: []] + cue.names[language, default: []] {
                    #expect(!picture.isEmpty && (language == .zh || picture == picture.lowercased()), "\(lamp): \"\(picture)\"")
                }
            }
        }
    }

    @Test(arguments: [
        (
            #"{"imperativeWhenFirst": [], "weakWords": [], "sections": [{"entries": [["tyre", ["tyre", "wheelie"]]]}]}"#,
            CarGeniusError.invalidResource(file: "bad.json", entry: "\"tyre\"", reason: "unknown concept \"wheelie\"")
        ),
        (
            #"{"imperativeWhenFirst": [], "weakWords": [], "sections": [{"entries": [["tyre", ["tyre"], 1]]}]}"#,
            .invalidResource(file: "bad.json", entry: "sections[0].entries[0][2]", reason: "an entry is [phrase, [concepts]]")
        ),
    ])
    func aBadLexiconNamesFileAndEntry(_ json: String, _ error: CarGeniusError) {
        #expect(throws: error) { try LexiconData(DataFile(name: "bad.json", bytes: Array(json.utf8))) }
    }

    @Test func aBadWarningFileNamesFileAndEntry() {
        let noGerman = #"""
            {"lamps": {"ABS": {"severity": 2, "label": {"en": "a", "zh": "c"}, "advice": {"en": "a", "de": "b", "zh": "c"}, "concepts": []}},
             "codes": {}}
            """#
        #expect(throws: CarGeniusError.invalidResource(file: "bad.json", entry: "lamps.ABS.label", reason: "no text in de")) {
            try WarningData(DataFile(name: "bad.json", bytes: Array(noGerman.utf8)))
        }
        #expect(throws: CarGeniusError.self) { try WarningData(DataFile(name: "bad.json", bytes: Array("{\"lamps\": [".utf8))) }
    }

    /// Every `{` closes with a `}` before the next `{`, and no `}` stands alone.
    static func placeholdersBalanced(_ template: String) -> Bool {
        var open = false
        for ch in template {
            if ch == "{" {
                if open { return false }
                open = true
            } else if ch == "}" {
                if !open { return false }
                open = false
            }
        }
        return !open
    }
}
