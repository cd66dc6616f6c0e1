import Speech

/// One language's word tables, compiled once into lookup structures.
struct Lexicon: Sendable {
    let language: Language
    /// Phrase (words joined by one space; for Chinese, characters) to concepts.
    let phrases: [String: [Concept]]
    /// Longest phrase in words (en, de) or characters (zh).
    let maxPhraseLength: Int
    /// One-deletion neighbourhood of content words, for ASR and spelling slips (en, de).
    let fuzzy: [String: String]

    init(language: Language) {
        self.language = language
        var phrases: [String: [Concept]] = [:]
        var longest = 1
        for (written, concepts) in LexiconData.forLanguage(language).entries {
            // The normaliser turns number words into digits before the lookup ("the one behind" reaches it as
            // "the 1 behind"), so a phrase with a number word is also known in digits.
            for key in Set([written, Self.inDigits(written, language: language)]) {
                var merged = phrases[key] ?? []
                for c in concepts where !merged.contains(c) { merged.append(c) }
                phrases[key] = merged
                let length = language == .zh ? key.count : key.split(separator: " ").count
                longest = max(longest, length)
            }
        }
        self.phrases = phrases
        self.maxPhraseLength = longest
        var fuzzy: [String: String] = [:]
        if language != .zh {
            for (key, concepts) in phrases
            where key.count >= 5 && !key.contains(" ") && !concepts.isEmpty
                && !concepts.contains(.foreign) && !concepts.contains(.commandVerb)
            {
                let chars = Array(key)
                if fuzzy[key] == nil { fuzzy[key] = key }
                for i in chars.indices {
                    var variant = chars
                    variant.remove(at: i)
                    let v = String(variant)
                    if fuzzy[v] == nil { fuzzy[v] = key }
                }
            }
        }
        self.fuzzy = fuzzy
    }

    /// A multi-word phrase with its single number words as the normaliser spells them ("lowest one" → "lowest 1").
    static func inDigits(_ phrase: String, language: Language) -> String {
        guard language != .zh, phrase.contains(" ") else { return phrase }
        var codes: [String] = []
        return phrase.split(separator: " ").map { word in
            let tokens = NumberWords.convert([String(word)], language: language, codes: &codes)
            return tokens.count == 1 && tokens[0].number != nil ? tokens[0].text : String(word)
        }.joined(separator: " ")
    }

    /// Words that are orders when they open an utterance ("open the trunk") but states elsewhere ("is it open").
    static let imperativeWhenFirst: [Language: Set<String>] = [
        .en: LexiconData.english.imperativeWhenFirst, .de: LexiconData.german.imperativeWhenFirst, .zh: LexiconData.chinese.imperativeWhenFirst,
    ]

    /// Words too common outside cars to carry an intent alone ("air" in "ipad air", "trip" in "take a trip"):
    /// they count 0.6 instead of 1, so they need a second clue.
    static let weakWords: [Language: Set<String>] = [
        .en: Set(LexiconData.english.weakWords.flatMap { [$0, inDigits($0, language: .en)] }),
        .de: Set(LexiconData.german.weakWords.flatMap { [$0, inDigits($0, language: .de)] }),
        .zh: LexiconData.chinese.weakWords,
    ]

    static let english = Lexicon(language: .en)
    static let german = Lexicon(language: .de)
    static let chinese = Lexicon(language: .zh)

    static func forLanguage(_ language: Language) -> Lexicon {
        switch language {
        case .en: english
        case .de: german
        case .zh: chinese
        }
    }
}

/// What the normaliser found in an utterance: concepts with confidence, numbers, codes, and cues.
public struct Analysis: Sendable {
    var hits: [Concept: Double] = [:]
    /// Concepts in order of appearance (for "first content word" rules).
    var sequence: [Concept] = []
    /// A distance the driver named ("300 km", "two hundred miles"); unit `nil` when none was said.
    var distance: (value: Double, unit: DistanceUnit?)?
    /// Diagnostic trouble codes said in the utterance, upper case ("P0420").
    var codes: [String] = []
    /// The normalised words, for tests and debugging.
    public internal(set) var words: [String] = []
    /// True when the utterance starts with an actuation verb ("open the trunk", "打开后备箱").
    var isCommand = false
    var numbers: [Double] = []
    /// Warning lamps the utterance points at by symbol or name, best first (see `LampSymbols`).
    var lamps: [String] = []

    func weight(_ c: Concept) -> Double { hits[c] ?? 0 }
    func has(_ c: Concept) -> Bool { hits[c] != nil }
    mutating func add(_ c: Concept, _ w: Double) {
        if let old = hits[c] { hits[c] = max(old, w) } else { hits[c] = w; sequence.append(c) }
    }
}

/// Turns ASR text into concepts: lower case, fillers, spelling variants, number words to digits,
/// Chinese segmentation and German decompounding by dictionary, fuzzy matching of misheard words.
enum Normalizer {
    static func analyze(_ utterance: String, language: Language) -> Analysis {
        switch language {
        case .zh: analyzeChinese(utterance)
        case .en, .de: analyzeAlphabetic(utterance, language: language)
        }
    }

    // MARK: English and German

    static func words(of text: String, language: Language) -> [String] {
        var out: [String] = []
        var current = ""
        var previous: Character = " "
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        let chars = Array(text.lowercased())
        for (i, raw) in chars.enumerated() {
            var ch = raw
            if ch == "ß" { current += "ss"; previous = "s"; continue }
            if ch == "’" || ch == "'" || ch == "`" { continue }
            if ch == "-" || ch == "_" || ch == "/" { ch = " " }
            let next: Character = i + 1 < chars.count ? chars[i + 1] : " "
            if (ch == "." || ch == ","), previous.isNumber, next.isNumber {
                current.append(ch)
            } else if ch == "%" {
                flush(); out.append("%")
            } else if ch.isLetter || ch.isNumber {
                // "300km" -> "300 km", but "p0420" stays one word.
                if ch.isLetter, previous.isNumber, !current.isEmpty, current.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }) {
                    flush()
                }
                current.append(ch)
            } else {
                flush()
            }
            previous = ch
        }
        flush()
        return out
    }

    static func analyzeAlphabetic(_ utterance: String, language: Language) -> Analysis {
        let lexicon = Lexicon.forLanguage(language)
        var analysis = Analysis()
        let tokens = mergeSplitCompounds(
            NumberWords.convert(words(of: utterance, language: language), language: language, codes: &analysis.codes), lexicon: lexicon)
        // Numbers stay as digit strings; a bare "%" after a number is a percent.
        analysis.words = tokens.map(\.text)
        var i = 0
        var firstContent: [Concept]? = nil
        var firstContentWord: String? = nil
        var questionFirst = false
        var afterPoliteness = false
        var lastNumber: Double? = nil
        while i < tokens.count {
            if let n = tokens[i].number {
                analysis.numbers.append(n)
                lastNumber = n
                // "12 volt" is a phrase: let the phrase matcher see it.
                if let (concepts, length) = longestPhrase(tokens, from: i, lexicon: lexicon) {
                    for c in concepts { analysis.add(c, 1) }
                    if firstContent == nil, !concepts.isEmpty { firstContent = concepts }
                    i += length
                    lastNumber = nil
                    continue
                }
                i += 1
                if i < tokens.count, let unit = lexicon.phrases[tokens[i].text].flatMap(distanceUnit) {
                    analysis.distance = (n, unit.0)
                    i += 1
                    lastNumber = nil
                } else if analysis.distance == nil {
                    analysis.distance = (n, nil)
                }
                continue
            }
            if let (concepts, length) = longestPhrase(tokens, from: i, lexicon: lexicon) {
                let key = tokens[i..<(i + length)].map(\.text).joined(separator: " ")
                let weight = Lexicon.weakWords[language]?.contains(key) == true ? 0.6 : 1
                for c in concepts { analysis.add(c, weight) }
                if concepts.contains(.commandVerb), afterPoliteness { analysis.isCommand = true }
                afterPoliteness = concepts == [.politeness]
                if firstContent == nil, concepts == [.question] { questionFirst = true }
                if firstContent == nil, !concepts.isEmpty, concepts != [.politeness], concepts != [.question] {
                    firstContent = concepts
                    firstContentWord = tokens[i..<(i + length)].map(\.text).joined(separator: " ")
                }
                if concepts == [.percent], lastNumber != nil { lastNumber = nil }
                i += length
                continue
            }
            let word = tokens[i].text
            if let concepts = fallback(word, lexicon: lexicon) ?? (language == .de ? englishLoanword(word) : nil) {
                for c in concepts.0 { analysis.add(c, concepts.1) }
                if firstContent == nil, !concepts.0.isEmpty { firstContent = concepts.0 }
            }
            i += 1
        }
        if !questionFirst, let first = firstContent {
            if first.contains(.commandVerb) { analysis.isCommand = true }
            if let word = firstContentWord, Lexicon.imperativeWhenFirst[language]?.contains(word) == true { analysis.isCommand = true }
        }
        // German puts the verb last: "kannst du den kofferraum öffnen".
        if language == .de, let last = tokens.last, let concepts = lexicon.phrases[last.text], concepts.contains(.commandVerb),
            analysis.has(.politeness) || tokens.first.map({ $0.text == "bitte" }) == true
        {
            analysis.isCommand = true
        }
        return analysis
    }

    /// Joins two words an ASR split ("reich weite", "head lights") when together they are a listed word
    /// and one of them alone is not.
    static func mergeSplitCompounds(_ tokens: [NumberWords.Token], lexicon: Lexicon) -> [NumberWords.Token] {
        var out: [NumberWords.Token] = []
        var i = 0
        while i < tokens.count {
            if i + 1 < tokens.count, tokens[i].number == nil, tokens[i + 1].number == nil {
                let a = tokens[i].text, b = tokens[i + 1].text
                if let joined = lexicon.phrases[a + b], !joined.isEmpty, lexicon.phrases[a + " " + b] == nil,
                    lexicon.phrases[a] == nil || lexicon.phrases[b] == nil
                {
                    out.append(NumberWords.Token(text: a + b))
                    i += 2
                    continue
                }
            }
            out.append(tokens[i])
            i += 1
        }
        return out
    }

    static func distanceUnit(_ concepts: [Concept]) -> (DistanceUnit, Bool)? {
        if concepts.contains(.unitKm) { return (.km, true) }
        if concepts.contains(.unitMile) { return (.mile, true) }
        return nil
    }

    static func longestPhrase(_ tokens: [NumberWords.Token], from start: Int, lexicon: Lexicon) -> ([Concept], Int)? {
        var length = min(lexicon.maxPhraseLength, tokens.count - start)
        while length >= 1 {
            var key = tokens[start].text
            if length > 1 {
                for j in (start + 1)..<(start + length) { key += " " + tokens[j].text }
            }
            if let concepts = lexicon.phrases[key] { return (concepts, length) }
            length -= 1
        }
        return nil
    }

    /// An English word in a German or Chinese utterance ("wie ist der tire pressure", "range多少").
    static func englishLoanword(_ word: String) -> ([Concept], Double)? {
        guard let concepts = Lexicon.english.phrases[word], !concepts.isEmpty,
            !concepts.contains(.foreign), !concepts.contains(.commandVerb), !concepts.contains(.question)
        else { return nil }
        return (concepts, 1)
    }

    /// Inflection, compounds and near misses, for a word the lexicon does not list.
    static func fallback(_ word: String, lexicon: Lexicon) -> ([Concept], Double)? {
        let suffixes: [String] = lexicon.language == .de ? ["en", "es", "er", "n", "s", "e"] : ["es", "s", "ed"]
        for suffix in suffixes where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            if let c = lexicon.phrases[String(word.dropLast(suffix.count))], !c.isEmpty { return (c, 1) }
        }
        if lexicon.language == .de, word.count >= 6, let parts = decompound(Array(word), lexicon: lexicon) {
            return (parts, 1)
        }
        if word.count >= 6 {
            // All keys one edit away; a key naming a specific subject beats a generic one ("trunck": trunk, not truck).
            var candidates: [[Concept]] = []
            if let key = lexicon.fuzzy[word], let c = lexicon.phrases[key] { candidates.append(c) }
            let chars = Array(word)
            for i in chars.indices {
                var variant = chars
                variant.remove(at: i)
                if let key = lexicon.fuzzy[String(variant)], let c = lexicon.phrases[key] { candidates.append(c) }
            }
            let generic: Set<Concept> = [.car, .status, .question, .politeness]
            if let best = candidates.first(where: { !Set($0).isSubset(of: generic) }) ?? candidates.first { return (best, 0.5) }
        }
        return nil
    }

    /// Splits a German compound into listed parts (at least three letters each), allowing the
    /// linking letters s, n, e, en, es between parts; `nil` when the word is not fully covered.
    static func decompound(_ chars: [Character], lexicon: Lexicon) -> [Concept]? {
        var memo: [Int: [Concept]?] = [:]
        func solve(_ start: Int) -> [Concept]? {
            if start == chars.count { return [] }
            if let cached = memo[start] { return cached }
            var result: [Concept]? = nil
            var end = chars.count
            while end - start >= 3, result == nil {
                let piece = String(chars[start..<end])
                if let concepts = lexicon.phrases[piece], !concepts.isEmpty || piece.count >= 4 {
                    for link in ["", "s", "n", "e", "en", "es"] {
                        let next = end + link.count
                        guard next <= chars.count, String(chars[end..<next]) == link else { continue }
                        if let rest = solve(next) {
                            result = concepts + rest.filter { !concepts.contains($0) }
                            break
                        }
                    }
                }
                end -= 1
            }
            memo[start] = .some(result)
            return result
        }
        return solve(0)
    }

    // MARK: Chinese

    static func analyzeChinese(_ utterance: String) -> Analysis {
        let lexicon = Lexicon.chinese
        var analysis = Analysis()
        // Spaces go (an ASR may split 胎压 as 胎 压), except between Latin words ("tire pressure").
        let raw = Array(utterance.lowercased())
        var chars: [Character] = []
        for (i, ch) in raw.enumerated() {
            if ch.isWhitespace {
                let before = chars.last
                let after = raw[(i + 1)...].first { !$0.isWhitespace }
                if let before, let after, before.isASCII, before.isLetter, after.isASCII, after.isLetter, chars.last != "\u{1}" {
                    chars.append("\u{1}")
                }
            } else if !isPunctuation(ch) {
                chars.append(ch)
            }
        }
        var i = 0
        var firstContent: [Concept]? = nil
        var words: [String] = []
        var pendingNumber: Double? = nil
        var percentNext = false
        while i < chars.count {
            let ch = chars[i]
            // Latin letters and digits: one run ("p0420", "300", "km").
            if ch.isASCII, ch.isLetter || ch.isNumber || ch == "." {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "." {
                    if j > i, chars[j].isLetter, chars[j - 1].isNumber, !chars[i].isLetter { break }
                    j += 1
                }
                // A number with its unit that the lexicon lists as one word ("12v") stays one run.
                var k = j
                while k < chars.count, chars[k].isASCII, chars[k].isLetter || chars[k].isNumber { k += 1 }
                if k > j, lexicon.phrases[String(chars[i..<k])] != nil { j = k }
                let run = String(chars[i..<j])
                // "P零四二零": a code letter, then its four digits spoken one by one.
                if run.count == 1, "pcbu".contains(run), j + 4 <= chars.count {
                    let digits = chars[j..<(j + 4)].compactMap { "零〇一二三四五六七八九".firstIndex(of: $0) }
                        .map { "零〇一二三四五六七八九".distance(from: "零〇一二三四五六七八九".startIndex, to: $0) }
                        .map { max(0, $0 - 1) }
                    if digits.count == 4, let code = NumberWords.dtc(run + digits.map(String.init).joined()) {
                        words.append(code.lowercased())
                        analysis.codes.append(code)
                        i = j + 4
                        continue
                    }
                }
                words.append(run)
                if let code = NumberWords.dtc(run) {
                    analysis.codes.append(code)
                } else if let n = Double(run) {
                    pendingNumber = n
                    analysis.numbers.append(n)
                    if analysis.distance == nil { analysis.distance = (n, nil) }
                } else if let concepts = lexicon.phrases[run] {
                    apply(concepts, 1, &analysis, &firstContent, &pendingNumber)
                } else if let (concepts, weight) = englishLoanword(run) {
                    apply(concepts, weight, &analysis, &firstContent, &pendingNumber)
                }
                i = j
                continue
            }
            let numeralLength = NumberWords.chineseNumeralRun(chars, from: i)
            var matchLength = 0
            var matched: [Concept] = []
            var length = min(lexicon.maxPhraseLength, chars.count - i)
            while length >= 1 {
                if let concepts = lexicon.phrases[String(chars[i..<(i + length)])] {
                    matchLength = length
                    matched = concepts
                    break
                }
                length -= 1
            }
            if numeralLength > matchLength, let n = NumberWords.chineseNumber(Array(chars[i..<(i + numeralLength)])) {
                words.append(String(chars[i..<(i + numeralLength)]))
                analysis.numbers.append(n)
                if percentNext { analysis.add(.percent, 1); percentNext = false }
                pendingNumber = n
                if analysis.distance == nil { analysis.distance = (n, nil) }
                i += numeralLength
                continue
            }
            if matchLength > 0 {
                words.append(String(chars[i..<(i + matchLength)]))
                let word = String(chars[i..<(i + matchLength)])
                if matched == [.percent], word == "百分之" { percentNext = true }
                apply(matched, Lexicon.weakWords[.zh]?.contains(word) == true ? 0.6 : 1, &analysis, &firstContent, &pendingNumber)
                i += matchLength
            } else {
                words.append(String(ch))
                i += 1
            }
        }
        analysis.words = words
        // Chinese puts the verb anywhere ("把车窗关上"); a question particle makes it a question.
        if analysis.has(.commandVerb), !analysis.has(.question), firstContent != nil {
            analysis.isCommand = true
        }
        return analysis
    }

    private static func apply(
        _ concepts: [Concept], _ weight: Double, _ analysis: inout Analysis,
        _ firstContent: inout [Concept]?, _ pendingNumber: inout Double?
    ) {
        if let n = pendingNumber, let unit = distanceUnit(concepts) {
            analysis.distance = (n, unit.0)
        }
        pendingNumber = nil
        for c in concepts { analysis.add(c, weight) }
        if firstContent == nil, !concepts.isEmpty, concepts != [.politeness] { firstContent = concepts }
    }

    static func isPunctuation(_ ch: Character) -> Bool {
        if ch == "%" { return false }
        if ch.isPunctuation || ch.isSymbol { return true }
        return "，。？！、；：“”‘’（）《》…～".contains(ch)
    }
}
