import Speech
// Which language a driver spoke, and where a turn that asks two things divides.

enum SpokenLanguage {
    /// The locale to answer in: the session's when the utterance is in its language, else the language
    /// spoken ("还能开多远" in an en-US session is answered in Chinese). Chinese is told by its script;
    /// English and German by which lexicon knows more of the words.
    static func locale(of utterance: String, session: GeniusLocale) -> GeniusLocale {
        let han = utterance.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
        if han { return session.language == .zh ? session : .zhCN }
        let latin = utterance.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
        guard latin >= 3 else { return session }
        let words = Normalizer.words(of: utterance, language: .en)
        var english = 0
        var german = 0
        for word in words where word.first?.isLetter == true {
            let en = Lexicon.english.phrases[word] != nil
            let de = Lexicon.german.phrases[word] != nil || Lexicon.german.fuzzy[word] != nil
            if en && !de { english += 1 }
            if de && !en { german += 1 }
        }
        if utterance.contains(where: { "äöüÄÖÜß".contains($0) }) { german += 1 }
        switch session.language {
        case .en: return german >= 2 && german > 2 * english ? .deDE : session
        case .de: return english >= 2 && english > 2 * german ? .enGB : session
        case .zh: return german > english ? .deDE : .enUS
        }
    }

    /// Phrases with which a speaker takes back what they just said ("the front no wait the rear one").
    static let corrections: [Language: [String]] = [
        .en: ["no wait", "wait no", "no hang on", "no sorry", "sorry i mean", "i mean", "or rather", "scratch that", "actually no"],
        .de: ["nein moment", "na moment", "nee moment", "ne moment", "nein warte", "äh nein", "ich mein", "ich meine", "oder besser", "quatsch"],
        .zh: ["不对不对", "不对", "不是不是", "我是说", "说错了", "哦不"],
    ]

    /// What the speaker meant after taking something back: the words after the last correction ("and the one in
    /// front no wait the one opposite" → "and the one opposite"); a leading "and" stays. The utterance when there is none.
    static func afterSelfCorrection(_ utterance: String, language: Language) -> String {
        // Words in en and de, characters in zh; a marker at the very start takes nothing back.
        let units: [String] =
            language == .zh
            ? utterance.lowercased().map(String.init) : utterance.lowercased().split(separator: " ").map(String.init)
        var cut = 0
        for marker in corrections[language] ?? [] {
            let m: [String] = language == .zh ? marker.map(String.init) : marker.split(separator: " ").map(String.init)
            guard units.count > m.count else { continue }
            for start in 1...(units.count - m.count) where Array(units[start..<(start + m.count)]) == m {
                cut = max(cut, start + m.count)
            }
        }
        guard cut > 0, cut < units.count else { return utterance }
        let rest = units[cut...].joined(separator: language == .zh ? "" : " ").trimmingSpaces
        guard !rest.isEmpty else { return utterance }
        let first = units.first ?? ""
        // "How hot is the front left no wait the front right tyre": what is taken back is the part the correction
        // names again ("front"); the question before it stays ("how hot is the front right tyre").
        if language != .zh, let head = units[cut...].first(where: { !articles.contains($0) }),
            !questionStarts[language, default: []].contains(head)
        {
            let before = Array(units[..<(cut - markerLength(units, cut: cut, language: language))])
            let isQuestion = before.contains(where: { questionStarts[language, default: []].contains($0) })
            let named = units[cut...].drop { articles.contains($0) }.joined(separator: " ")
            if let at = before.lastIndex(of: head), at > 0, isQuestion {
                return (before[..<at].joined(separator: " ") + " " + named).trimmingSpaces
            }
            // "The one with like headphones no wait earmuffs": a word taken back for another.
            if isQuestion, before.count >= 3, units.count - cut <= 5 {
                return (before.dropLast().joined(separator: " ") + " " + named).trimmingSpaces
            }
        }
        if language == .zh { return first == "那" && !rest.hasPrefix("那") ? "那" + rest : rest }
        return (joiners[language] ?? []).contains(first) && !rest.hasPrefix(first + " ") ? first + " " + rest : rest
    }

    /// How many words the correction marker that ends at `cut` has.
    static func markerLength(_ units: [String], cut: Int, language: Language) -> Int {
        var longest = 0
        for marker in corrections[language] ?? [] {
            let m = marker.split(separator: " ").map(String.init)
            if cut >= m.count, Array(units[(cut - m.count)..<cut]) == m { longest = max(longest, m.count) }
        }
        return longest
    }

    static let articles: Set<String> = ["the", "a", "an", "die", "der", "das", "den", "dem", "de", "d", "da"]

    /// Words that start a question ("how", "is", "wie", "hängt"): a second question may begin at one without
    /// a joining word ("is the hood shut how far can i go"); a split is tried before each.
    static let questionStarts: [Language: Set<String>] = [
        .en: [
            "how", "hows", "what", "whats", "which", "where", "wheres", "when", "is", "isnt", "are", "arent", "does", "do", "did", "can", "will",
            "has", "have", "any",
        ],
        .de: [
            "wie", "wia", "was", "wos", "welche", "welcher", "welches", "wo", "ist", "is", "isch", "sind", "san", "hat", "hats", "hängt", "kann",
            "konn", "brennt", "leuchtet", "läuft", "fährt", "reicht", "langt",
        ],
        .zh: [],
    ]

    /// Words that join two questions ("and", "und", "还有"); a split is tried at each.
    static let joiners: [Language: Set<String>] = [
        .en: ["and", "also", "plus"],
        .de: ["und", "ausserdem", "außerdem", "sowie"],
        .zh: ["还有", "另外", "以及", "并且", "顺便问一下", "和", "跟"],
    ]

    /// English number words that "and" joins inside one number ("two hundred and fifty", "one and a half").
    static let numberWords: Set<String> = [
        "hundred", "thousand", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "a",
    ]

    /// The candidate halves of a turn, in order: at a joining word (en, de); at a pause, a joining word or
    /// after a question particle (zh). Each half is non-empty.
    static func clauseSplits(_ utterance: String, language: Language) -> [(String, String)] {
        var out: [(String, String)] = []
        if language == .zh {
            let text = utterance.trimmingSpaces
            let chars = Array(text)
            for (i, ch) in chars.enumerated() where i > 0 && i < chars.count - 1 {
                if ch == " " || ch == "，" || ch == "," {
                    out.append((String(chars[..<i]).trimmingSpaces, String(chars[(i + 1)...]).trimmingSpaces))
                } else if "吗呢".contains(ch) {
                    out.append((String(chars[...i]).trimmingSpaces, String(chars[(i + 1)...]).trimmingSpaces))
                }
            }
            // A clause also ends after a question word or an "A not A" ending, with no particle: "车锁了没有引擎盖关好了吗",
            // "这趟跑了多少总里程又是多少"; a particle after the ending stays with the first clause.
            for ending in ["没有", "没", "多少", "多久", "几个"] {
                let needle = Array(ending)
                // "没" ends a clause only as "…了没(有)" ("锁了没有"); "哪个门没锁" is one question.
                let afterLe = ending.hasPrefix("没")
                var i = 1
                while i + needle.count < chars.count {
                    if Array(chars[i..<(i + needle.count)]) == needle, !afterLe || chars[i - 1] == "了",
                        chars.count - (i + needle.count) >= 2
                    {
                        // A trailing particle ends the first clause ("充到多少了 | 还要充多久").
                        var end = i + needle.count
                        while end < chars.count - 1, "了啊呀吧".contains(chars[end]) { end += 1 }
                        out.append((String(chars[..<end]).trimmingSpaces, String(chars[end...]).trimmingSpaces))
                    }
                    i += 1
                }
            }
            for joiner in joiners[.zh, default: []] {
                let needle = Array(joiner)
                var i = 1
                while i + needle.count < chars.count {
                    if Array(chars[i..<(i + needle.count)]) == needle {
                        out.append((String(chars[..<i]).trimmingSpaces, String(chars[(i + needle.count)...]).trimmingSpaces))
                    }
                    i += 1
                }
            }
            return out.filter { !$0.0.isEmpty && !$0.1.isEmpty }
        }
        let words = utterance.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        let join = joiners[language, default: []]
        for (i, word) in words.enumerated() where i > 0 && i < words.count - 1 && join.contains(word.lowercased()) {
            // "a hundred and fifty miles" is one number, not two questions.
            if Self.numberWords.contains(words[i - 1].lowercased()), Self.numberWords.contains(words[i + 1].lowercased()) {
                continue
            }
            out.append((words[..<i].joined(separator: " "), words[(i + 1)...].joined(separator: " ")))
        }
        return out + questionSplits(utterance, language: language)
    }

    /// Splits before a word that starts a question: "is the hood latched all the way | how many miles we got",
    /// "whats the charge limit at | is it actually plugged in". Both sides must be questions of some length: a
    /// question word inside one question ("how far | have i driven", "wie weit | ist das Schiebedach offen")
    /// stands after a short opening, so the left side needs four words and a question word among its first
    /// three; the right side four words after a question word, five after a verb ("is", "hängt").
    /// With `afterRemark`, the left side is a remark, not a question ("theres a ton of wind noise back there |
    /// are the rear windows shut"): it needs two words and no question word.
    static func questionSplits(_ utterance: String, language: Language, afterRemark: Bool = false) -> [(String, String)] {
        guard language != .zh else { return [] }
        let words = utterance.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map { $0.lowercased() }
        let starts = questionStarts[language, default: []]
        let whWords = questionWords[language, default: []]
        var out: [(String, String)] = []
        for i in words.indices where i >= (afterRemark ? 2 : 4) && starts.contains(words[i]) {
            let rightCount = words.count - i
            guard rightCount >= (whWords.contains(words[i]) ? 4 : 5) || afterRemark && rightCount >= 3 else { continue }
            guard afterRemark || words.prefix(3).contains(where: { starts.contains($0) }) else { continue }
            // After a joining word the joiner's own split covers it.
            guard !joiners[language, default: []].contains(words[i - 1]) else { continue }
            out.append((words[..<i].joined(separator: " "), words[i...].joined(separator: " ")))
        }
        return out
    }

    /// The question words among `questionStarts` (a question can start with one after any clause).
    static let questionWords: [Language: Set<String>] = [
        .en: ["how", "hows", "what", "whats", "which", "where", "wheres", "when"],
        .de: ["wie", "wia", "was", "wos", "welche", "welcher", "welches", "wo"],
        .zh: [],
    ]
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
