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

    /// Words that join two questions ("and", "und", "还有"); a split is tried at each.
    static let joiners: [Language: Set<String>] = [
        .en: ["and", "also", "plus"],
        .de: ["und", "ausserdem", "außerdem", "sowie"],
        .zh: ["还有", "另外", "以及", "并且", "顺便问一下", "和", "跟"],
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
            out.append((words[..<i].joined(separator: " "), words[(i + 1)...].joined(separator: " ")))
        }
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
