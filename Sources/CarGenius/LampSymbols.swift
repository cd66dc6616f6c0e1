import Speech
import VSS
// How drivers name a warning lamp without its name: by its symbol ("the horseshoe with an exclamation
// mark", "das Hufeisen", "马蹄形") or by the part it is about ("the battery symbol", "发动机的灯").
// A shape names its lamp alone; a part names it only with a lamp cue (light, symbol, lit, why, 灯, 图标).

/// The words that point at one lamp, per language.
struct LampCue: Sendable {
    /// Pictures that only a lamp has ("horseshoe", "spanner", "温度计"); weight 2. A picture of several parts
    /// lists them with " + " and alternatives with "|" ("person|man|guy + ball|circle"): every part must be said.
    var shapes: [Language: [String]]
    /// Parts and names that need a lamp cue beside them ("battery", "motor", "刹车"); weight 1.
    var names: [Language: [String]]
}

enum LampSymbols {
    /// Every lamp's cues, from Resources/lamp-symbols.json.
    static let cues: [String: LampCue] = LampSymbolData.shared.cues

    /// One picture or name, compiled: its parts, each a list of UTF-8 alternatives (English ones padded with
    /// spaces so that only whole words match).
    struct Compiled: Sendable {
        var lamp: String
        var weight: Int
        var parts: [[[UInt8]]]
    }

    /// Every lamp's pictures (weight 2) and names (weight 1) per language, compiled once.
    static let compiled: [Language: [Compiled]] = {
        var out: [Language: [Compiled]] = [:]
        for language in [Language.en, .de, .zh] {
            var list: [Compiled] = []
            for (lamp, cue) in cues.sorted(by: { $0.key < $1.key }) {
                for (weight, pictures) in [(2, cue.shapes[language, default: []]), (1, cue.names[language, default: []])] {
                    for picture in pictures {
                        // English words also match with an "s" (a plural, or a possessive once the apostrophe is gone:
                        // "aladdins lamp").
                        let parts = picture.split(separator: " + ").map { part in
                            part.split(separator: "|").flatMap { word -> [[UInt8]] in
                                guard language == .en else { return [Array(String(word).utf8)] }
                                let plural = word.hasSuffix("s") ? [] : [Array(" \(word)s ".utf8)]
                                return [Array(" \(word) ".utf8)] + plural
                            }
                        }
                        list.append(Compiled(lamp: lamp, weight: weight, parts: parts))
                    }
                }
            }
            out[language] = list
        }
        return out
    }()

    static let articles: Set<String> = ["a", "an", "the", "ein", "eine", "einem", "einer", "einen", "so"]

    static let order: [String: Int] = Dictionary(uniqueKeysWithValues: VSSCatalog.telltaleNames.enumerated().map { ($1, $0) })

    /// The lamps an utterance points at, best first, with their weight (a picture 2, a name 1 with a cue, both 3).
    /// `text` is the utterance's words joined by single spaces (en, de) or its characters (zh).
    static func lamps(in text: String, language: Language, cue: Bool) -> [(lamp: String, weight: Int)] {
        // Articles do not change a picture: "a plus and a minus" is "plus and minus", "ein Kasten" is "Kasten".
        let plain =
            language == .zh ? text : text.split(separator: " ").filter { !articles.contains(String($0)) }.joined(separator: " ")
        let bytes = Array((language == .en ? " \(plain) " : plain).utf8)
        var weights: [String: Int] = [:]
        var seen: Set<String> = []
        for entry in compiled[language, default: []] where cue || entry.weight == 2 {
            let key = "\(entry.lamp)#\(entry.weight)"
            guard !seen.contains(key) else { continue }
            if entry.parts.allSatisfy({ $0.contains { bytes.containsSubsequence($0) } }) {
                seen.insert(key)
                weights[entry.lamp, default: 0] += entry.weight
            }
        }
        return weights.map { (lamp: $0.key, weight: $0.value) }
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : (order[$0.lamp] ?? 99) < (order[$1.lamp] ?? 99) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes (a plain scan: utterances are short).
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count, let first = needle.first else { return needle.isEmpty }
        var i = 0
        let last = count - needle.count
        while i <= last {
            if self[i] == first {
                var j = 1
                while j < needle.count, self[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
