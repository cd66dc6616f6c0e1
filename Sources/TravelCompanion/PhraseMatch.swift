/// A phrase compiled once for matching: the needle `TravelUnderstanding` looks for, as UTF-8 bytes.
///
/// Latin phrases match on word edges (" pizza " in " a pizza place "); a trailing `*` matches any word
/// ending (" ladestation" in " ladestationen "); CJK phrases match anywhere. A class, so that walking a
/// list retains one reference per phrase rather than each of its strings.
final class Phrase: Sendable {
    /// The phrase as written in the word list.
    let word: String
    /// What is searched for in a normalized (space-padded) text.
    let needle: String
    let bytes: [UInt8]
    /// False when the needle holds a scalar for which byte search and `String.contains` could disagree.
    let bytewise: Bool
    /// `MatchText.bigram` of the needle's first two bytes and of its last two (0 when shorter).
    let head: Int
    let tail: Int

    convenience init(_ word: String) {
        let needle: String =
            if word.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                word
            } else if word.hasSuffix("*") {
                " " + word.dropLast()
            } else {
                " " + word + " "
            }
        self.init(word: word, needle: needle)
    }

    /// A needle searched for as it is (a dish name, a marker word).
    init(word: String, needle: String) {
        self.word = word
        self.needle = needle
        bytes = Array(needle.utf8)
        bytewise = MatchText.isBytewise(needle)
        head = bytes.count >= 2 ? MatchText.bigram(bytes[0], bytes[1]) : 0
        tail = bytes.count >= 2 ? MatchText.bigram(bytes[bytes.count - 2], bytes[bytes.count - 1]) : 0
    }

    /// A needle searched for as it is.
    static func literal(_ needle: String) -> Phrase { Phrase(word: needle, needle: needle) }
}

/// A list of phrases compiled once (write them as array literals; keep them in `static let`s).
struct PhraseList: Sendable, ExpressibleByArrayLiteral {
    let phrases: [Phrase]

    init(_ words: [String]) { phrases = words.map(Phrase.init) }
    init(arrayLiteral words: String...) { self.init(words) }

    var words: [String] { phrases.map(\.word) }
}

/// A text prepared once for many phrase searches: its UTF-8 bytes and which byte pairs occur in it.
///
/// `String.contains` compares grapheme clusters under canonical equivalence, which costs microseconds per
/// phrase. When every scalar of both texts is its own grapheme cluster and its own canonical form (ASCII,
/// Latin-1 and Latin Extended letters without combining marks, CJK ideographs and kana, full-width forms),
/// that comparison is exactly a byte comparison of the UTF-8; otherwise the search falls back to
/// `String.contains`, so the answer never differs.
struct MatchText: Sendable {
    let string: String
    let bytes: [UInt8]
    /// True when byte search gives the same answer as `String.contains` for this text.
    let bytewise: Bool
    /// Bit `bigram(a, b)` is set when bytes a, b occur next to each other.
    private let pairs: [UInt64]

    init(_ string: String) {
        self.string = string
        bytes = Array(string.utf8)
        bytewise = Self.isBytewise(string)
        var pairs = [UInt64](repeating: 0, count: Self.pairBits / 64)
        if bytes.count >= 2 {
            for i in 1..<bytes.count {
                let h = Self.bigram(bytes[i - 1], bytes[i])
                pairs[h >> 6] |= 1 << UInt64(h & 63)
            }
        }
        self.pairs = pairs
    }

    static let pairBits = 4096

    static func bigram(_ a: UInt8, _ b: UInt8) -> Int { (Int(a) &* 61 &+ Int(b)) & (pairBits - 1) }

    /// True when each scalar of `text` is a grapheme cluster of its own that no other scalar is canonically equivalent to.
    static func isBytewise(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            let v = s.value
            if v < 0x300 { return v >= 0x20 && (v < 0x7F || v >= 0xA0) }
            if v >= 0x2E80 && v < 0xA000 { return !(0x302A...0x302F).contains(v) && v != 0x3099 && v != 0x309A }
            return v >= 0xFF01 && v < 0xFF9E
        }
    }

    /// True when the phrase occurs in the text (on word edges for Latin phrases, see `Phrase`).
    func contains(_ phrase: Phrase) -> Bool {
        guard bytewise, phrase.bytewise else { return string.contains(phrase.needle) }
        return containsBytes(phrase)
    }

    /// True when any phrase of the list occurs.
    func contains(_ list: PhraseList) -> Bool { list.phrases.contains { contains($0) } }

    /// The first phrase of the list (in the list's order) that occurs, as written there.
    func first(of list: PhraseList) -> String? { list.phrases.first { contains($0) }?.word }

    private func containsBytes(_ phrase: Phrase) -> Bool {
        let n = phrase.bytes.count
        let h = bytes.count
        guard n > 0 else { return string.contains(phrase.needle) }
        guard n <= h else { return false }
        if n >= 2 {
            guard pairs[phrase.head >> 6] & (1 << UInt64(phrase.head & 63)) != 0,
                pairs[phrase.tail >> 6] & (1 << UInt64(phrase.tail & 63)) != 0
            else { return false }
        }
        return bytes.withUnsafeBufferPointer { hay in
            phrase.bytes.withUnsafeBufferPointer { needle in
                let first = needle[0]
                var i = 0
                let last = h - n
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < n, hay[i + j] == needle[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
