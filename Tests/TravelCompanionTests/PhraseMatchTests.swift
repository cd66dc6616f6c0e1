import Testing

@testable import TravelCompanion

/// Byte search must answer exactly as `String.contains` did, including for text it has to hand back to it.
@Suite struct PhraseMatchTests {
    static let texts = [
        "find a sichuan place nearby that isnt too expensive", "wo kann ich in der nähe parken", "找个评分高 不堵车的餐厅",
        "die nächste ladestation bitte", "a café with no traffic", "a cafe\u{301} with no traffic",  // NFD é: not bytewise
        "ich mag keine pizza", "straße", "i want 한국 food", "family \u{1F468}\u{200D}\u{1F469} dinner", "ｃｏｆｆｅｅ ２ 星",
        "\u{F900} place", "see\u{302A}", "pizza\u{300}", "", "a",
    ]
    static let words = [
        "pizza", "cafe", "café", "nähe", "in der nähe", "nächste*", "ladestation*", "评分高", "不堵车", "餐厅", "straße",
        "한국", "food", "dinner", "wo ", "a", "see", "\u{8C48}", "ｃｏｆｆｅｅ", "星",
    ]

    @Test(arguments: texts)
    func phrasesMatchAsStringContainsDid(text: String) {
        let padded = " " + TravelUnderstanding.normalize(text) + " "
        for candidate in [padded, text] {
            let match = MatchText(candidate)
            for word in Self.words {
                let phrase = Phrase(word)
                #expect(match.contains(phrase) == candidate.contains(phrase.needle), "\(word) in \(candidate)")
                let literal = Phrase.literal(word)
                #expect(match.contains(literal) == candidate.contains(word), "literal \(word) in \(candidate)")
            }
        }
    }

    @Test func bytewiseOnlyWhereEveryScalarStandsAlone() {
        #expect(MatchText("wo kann ich in der nähe parken 找个餐厅 ２").bytewise)
        #expect(!MatchText("cafe\u{301}").bytewise)
        #expect(!MatchText("한국").bytewise)
        #expect(!MatchText("\u{F900}").bytewise)
        #expect(!MatchText("\u{1F468}\u{200D}\u{1F469}").bytewise)
    }

    @Test func dishIndexFindsWhatAScanOfTheVocabularyFinds() {
        let menus = [
            ["驴杂汤", "杂汤", "宫保鸡丁"], ["Weißwurst", "Schweinshaxe", "pizza margherita"], ["麻婆豆腐", "café crème", "cafe\u{301} au lait"],
            ["水煮鱼", "鱼香肉丝", "回锅肉"],
        ]
        let store = PlaceStore(
            places: menus.enumerated().map { i, dishes in
                var p = Place(id: "p\(i)", name: "P\(i)", category: .restaurant)
                p.dishes = dishes
                return p
            })
        for text in [
            "想吃驴杂汤", "有没有麻婆豆腐和回锅肉", "a WEISSWURST or a Weißwurst", "Pizza Margherita please", "un café crème",
            "un cafe\u{301} au lait", "nothing here", "想吃水煮鱼 \u{1F41F}",
        ] {
            let lowered = text.lowercased()
            var expected = Array(store.dishVocabulary.filter { lowered.contains($0.lowercased()) })
            expected.sort { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
            var kept: [String] = []
            for d in expected where !kept.contains(where: { $0.contains(d) }) { kept.append(d) }
            #expect(store.dishes(mentionedIn: text) == kept, "\(text)")
        }
        #expect(store.dishes(mentionedIn: "想吃驴杂汤") == ["驴杂汤"])
        #expect(store.dishes(mentionedIn: "有没有麻婆豆腐和回锅肉").count == 2)
    }

    @Test func chineseDigitSwitchIsTheTable() {
        for (character, digit) in TravelUnderstanding.chineseDigits {
            #expect(TravelUnderstanding.singleChineseDigit(character.unicodeScalars.first!.value) == digit, "\(character)")
        }
        #expect(TravelUnderstanding.singleChineseDigit(0x5341) == nil)  // 十 is a multiplier, handled apart
    }
}
