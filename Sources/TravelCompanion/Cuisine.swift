/// The cuisine taxonomy: each cuisine or speciality with its parents, what it implies, what comes close to
/// it, the words drivers use for it in English, German and Chinese, and its name in German and Chinese.
///
/// Sushi and ramen are both Japanese, so a request for sushi is not met by a ramen bar (a sibling: only a
/// near fit), a Japanese restaurant without a speciality is a general fit, and a sushi bar is exact. An
/// Indian restaurant implies curry; a Thai place serves curry only where its data says so (a dish or tag).
public struct Cuisine: Sendable {
    /// The tag places carry (`PlaceImport` reads it from the data; lower case, English).
    public let tag: String
    /// Broader cuisines: every sushi bar is Japanese.
    public let parents: [String]
    /// What every place of this cuisine also offers (Indian implies curry).
    public let implies: [String]
    /// Cuisines that are a sensible stand-in when nothing exact is found (fish and chips for seafood).
    public let related: [String]
    let words: PhraseList
    public let de: String
    public let zh: String

    init(
        _ tag: String, parents: [String] = [], implies: [String] = [], related: [String] = [], words: [String], de: String,
        zh: String
    ) {
        self.tag = tag
        self.parents = parents
        self.implies = implies
        self.related = related
        self.words = PhraseList(words)
        self.de = de
        self.zh = zh
    }

    /// How well a place's cuisine answers a wished one.
    public enum Fit: Int, Sendable, Comparable {
        /// Neither the cuisine nor anything close.
        case none = 0
        /// A sibling speciality or a related cuisine: ramen for sushi, fish and chips for seafood.
        case related = 1
        /// The broader cuisine without a speciality: a Japanese restaurant for sushi.
        case general = 2
        /// The cuisine itself or one of its specialities.
        case exact = 3

        public static func < (a: Fit, b: Fit) -> Bool { a.rawValue < b.rawValue }
    }

    // MARK: The taxonomy

    public static let all: [Cuisine] = [
        Cuisine("asian", words: ["asian", "asiatisch*", "asia", "亚洲菜", "亚洲"], de: "asiatisch", zh: "亚洲菜"),
        Cuisine("chinese", parents: ["asian"], words: ["chinese", "chinesisch*", "chinese food", "中餐", "中国菜", "中餐馆"], de: "chinesisch", zh: "中餐"),
        Cuisine(
            "sichuan", parents: ["chinese"], related: ["hunan", "hotpot"], words: ["sichuan", "szechuan", "szechwan", "schezwan", "川菜", "四川", "川味"],
            de: "Sichuan", zh: "川菜"),
        Cuisine("hunan", parents: ["chinese"], related: ["sichuan"], words: ["hunan", "湘菜"], de: "Hunan", zh: "湘菜"),
        Cuisine("cantonese", parents: ["chinese"], words: ["cantonese", "kantonesisch*", "粤菜", "广东菜"], de: "kantonesisch", zh: "粤菜"),
        Cuisine("dim sum", parents: ["cantonese"], words: ["dim sum", "dimsum", "yum cha", "早茶", "点心", "茶点", "虾饺", "烧卖"], de: "Dim Sum", zh: "早茶点心"),
        Cuisine(
            "hotpot", parents: ["chinese"], related: ["sichuan"], words: ["hotpot", "hot pot", "hotpots", "feuertopf", "火锅", "涮锅", "涮羊肉"],
            de: "Feuertopf", zh: "火锅"),
        Cuisine("beijing", parents: ["chinese"], words: ["beijing food", "beijing cuisine", "北京菜", "京菜", "老北京"], de: "Pekinger Küche", zh: "北京菜"),
        Cuisine(
            "peking duck", parents: ["beijing"], words: ["peking duck", "beijing duck", "roast duck", "pekingente", "烤鸭"], de: "Pekingente", zh: "烤鸭"),
        Cuisine(
            "shanghainese", parents: ["chinese"], words: ["shanghainese", "shanghai food", "本帮菜", "上海菜", "沪菜"], de: "Shanghaier Küche", zh: "本帮菜"),
        Cuisine("izakaya", parents: ["japanese"], words: ["izakaya", "居酒屋"], de: "Izakaya", zh: "居酒屋"),
        Cuisine(
            "dumplings", parents: ["chinese"],
            words: ["dumplings", "dumpling", "jiaozi", "xiaolongbao", "soup dumplings", "maultaschen", "饺子", "包子", "水饺", "小笼包", "生煎"],
            de: "Teigtaschen", zh: "饺子包子"),
        Cuisine(
            "noodles", related: ["ramen"],
            words: [
                "noodles", "noodle", "noodle bar", "noodle shop", "nudeln", "nudelsuppe", "nudelbar", "面馆", "面条", "拉面", "吃面", "米线", "米粉", "螺蛳粉",
                "酸辣粉", "牛肉面", "碗面", "来碗面", "lo mein", "chow mein", "dan dan", "knife cut", "hand pulled", "hand-pulled",
            ], de: "Nudeln", zh: "面食"),
        Cuisine(
            "japanese", parents: ["asian"], words: ["japanese", "japanisch*", "japaner", "日料", "日本菜", "日本料理", "日式"], de: "japanisch", zh: "日本料理"),
        Cuisine("sushi", parents: ["japanese"], related: ["seafood"], words: ["sushi", "sashimi", "寿司", "刺身"], de: "Sushi", zh: "寿司"),
        Cuisine("ramen", parents: ["japanese", "noodles"], related: ["noodles"], words: ["ramen", "日式拉面", "豚骨"], de: "Ramen", zh: "日式拉面"),
        Cuisine(
            "japanese curry", parents: ["japanese", "curry"], words: ["japanese curry", "japanisches curry", "日式咖喱"], de: "japanisches Curry",
            zh: "日式咖喱"),
        // Specialities under their cuisines: asking for one is not met by another of the same kitchen.
        Cuisine("pho", parents: ["vietnamese", "noodles"], words: ["pho", "phở", "越南粉", "河粉"], de: "Pho", zh: "越南粉"),
        Cuisine("banh mi", parents: ["vietnamese"], words: ["banh mi", "bánh mì", "越南法棍"], de: "Banh Mi", zh: "越南法棍"),
        Cuisine("tacos", parents: ["mexican"], words: ["tacos", "taco", "taqueria", "塔可"], de: "Tacos", zh: "塔可"),
        Cuisine("burrito", parents: ["mexican"], words: ["burrito", "burritos"], de: "Burrito", zh: "墨西哥卷饼"),
        Cuisine(
            "kebab", parents: ["turkish"],
            words: ["kebab", "kebabs", "kebap", "kebab shop", "döner", "doner", "dönerbude", "döner*", "dürüm", "烤肉卷"], de: "Döner", zh: "土耳其烤肉"),
        Cuisine("tapas", parents: ["spanish"], words: ["tapas", "tapasbar"], de: "Tapas", zh: "西班牙小吃"),
        Cuisine("falafel", parents: ["lebanese"], words: ["falafel", "沙拉三明治"], de: "Falafel", zh: "法拉费"),
        Cuisine("udon", parents: ["japanese", "noodles"], words: ["udon", "乌冬"], de: "Udon", zh: "乌冬面"),
        Cuisine("tempura", parents: ["japanese"], words: ["tempura", "天妇罗"], de: "Tempura", zh: "天妇罗"),
        Cuisine(
            "korean bbq", parents: ["korean", "bbq"], words: ["korean bbq", "korean barbecue", "koreanisches grillen", "韩式烤肉"],
            de: "koreanisches Barbecue", zh: "韩式烤肉"),
        Cuisine("schnitzel", parents: ["german"], words: ["schnitzel", "wiener schnitzel", "炸猪排"], de: "Schnitzel", zh: "炸猪排"),
        Cuisine(
            "korean", parents: ["asian"], words: ["korean", "koreanisch*", "bibimbap", "kimchi", "韩国", "韩餐", "韩式", "部队锅"], de: "koreanisch", zh: "韩国菜"
        ),
        Cuisine("curry", related: ["indian", "thai"], words: ["curry", "curries", "currywurst", "咖喱"], de: "Curry", zh: "咖喱"),
        Cuisine(
            "indian", parents: ["asian"], implies: ["curry"],
            words: [
                "indian", "indisch*", "inder", "tandoori", "curry house", "curry houses", "curryhouse", "ruby murray", "biryani", "tikka", "masala",
                "naan", "印度",
            ], de: "indisch", zh: "印度菜"),
        Cuisine(
            "thai", parents: ["asian"], related: ["vietnamese"],
            words: ["thai", "thailändisch*", "thailänder", "pad thai", "tom yum", "泰国", "泰餐", "泰式"], de: "thailändisch",
            zh: "泰国菜"),
        Cuisine(
            "vietnamese", parents: ["asian"], related: ["thai"], words: ["vietnamese", "vietnamesisch*", "越南"], de: "vietnamesisch", zh: "越南菜"),
        Cuisine(
            "italian", words: ["italian", "italienisch*", "italiener", "trattoria", "osteria", "ristorante", "意大利", "意餐"], de: "italienisch",
            zh: "意大利菜"),
        Cuisine("pizza", parents: ["italian"], words: ["pizza", "pizzas", "pizzeria", "披萨", "比萨"], de: "Pizza", zh: "披萨"),
        Cuisine("pasta", parents: ["italian"], words: ["pasta", "spaghetti", "意面", "意大利面"], de: "Pasta", zh: "意面"),
        Cuisine(
            "mexican", words: ["mexican", "mexikanisch*", "mexikaner", "quesadilla", "enchiladas", "墨西哥"], de: "mexikanisch", zh: "墨西哥菜"),
        Cuisine("american", words: ["american", "amerikanisch*", "diner", "美式"], de: "amerikanisch", zh: "美式"),
        Cuisine("burger", parents: ["american"], words: ["burger", "burgers", "hamburger", "汉堡"], de: "Burger", zh: "汉堡"),
        Cuisine("fast food", words: ["fast food", "fastfood", "快餐"], de: "Fast Food", zh: "快餐"),
        Cuisine(
            "german", words: ["german food", "german", "deutsch*", "deutsche küche", "gutbürgerlich*", "hausmannskost", "deftig*", "德国菜", "德国"],
            de: "deutsch", zh: "德国菜"),
        Cuisine(
            "bavarian", parents: ["german"],
            words: ["bavarian", "bayerisch*", "biergarten", "beer garden", "wirtshaus", "weißwurst", "schweinshaxe", "巴伐利亚"], de: "bayerisch",
            zh: "巴伐利亚菜"),
        Cuisine("british", words: ["british", "britisch*", "englisch*", "english food", "英式", "英国菜"], de: "britisch", zh: "英国菜"),
        Cuisine(
            "pub", related: ["british"], words: ["pub", "pubs", "pubby", "boozer", "a pint", "pub grub", "kneipe", "kneipen", "酒吧", "小酒馆"],
            de: "Kneipe",
            zh: "酒吧"),
        Cuisine("gastropub", parents: ["pub"], words: ["gastropub", "gastro pub", "gastrokneipe", "美食酒吧"], de: "Gastropub", zh: "美食酒吧"),
        Cuisine(
            "fish and chips", parents: ["british"], related: ["seafood"], words: ["fish and chips", "fish n chips", "chippy", "chip shop", "炸鱼薯条"],
            de: "Fish and Chips", zh: "炸鱼薯条"),
        Cuisine(
            "seafood", related: ["fish and chips", "sushi"],
            words: [
                "seafood", "fish", "oyster", "oysters", "lobster", "crab", "shellfish", "shrimp", "prawns", "meeresfrücht*", "fisch",
                "fischrestaurant*", "fischlokal*", "muscheln", "austern", "海鲜", "吃鱼", "龙虾", "螃蟹", "生蚝",
            ], de: "Meeresfrüchte", zh: "海鲜"),
        Cuisine(
            "steak", related: ["bbq"],
            words: ["steak", "steaks", "steakhouse", "steakhouses", "steak house", "chophouse", "chop house", "steakhaus", "steakhäuser", "牛排"],
            de: "Steak", zh: "牛排"),
        Cuisine(
            "bbq", related: ["steak"],
            words: ["bbq", "barbecue", "grill", "smokehouse", "smoke house", "brisket", "ribs", "pulled pork", "grillhaus", "烧烤", "烤肉", "撸串"],
            de: "Grill", zh: "烧烤"),
        Cuisine("turkish", words: ["turkish", "türkisch*", "土耳其"], de: "türkisch", zh: "土耳其菜"),
        Cuisine("greek", words: ["greek", "griechisch*", "grieche", "gyros", "souvlaki", "taverna", "taverne", "希腊"], de: "griechisch", zh: "希腊菜"),
        Cuisine("spanish", words: ["spanish", "spanisch*", "paella", "西班牙"], de: "spanisch", zh: "西班牙菜"),
        Cuisine("french", words: ["french", "französisch*", "franzose", "bistro", "brasserie", "法餐", "法国菜"], de: "französisch", zh: "法国菜"),
        Cuisine("lebanese", parents: ["middle eastern"], words: ["lebanese", "libanesisch*", "黎巴嫩"], de: "libanesisch", zh: "黎巴嫩菜"),
        Cuisine("vegetarian", words: ["vegetarian", "veggie", "vegetarisch*", "素食", "吃素"], de: "vegetarisch", zh: "素食"),
        Cuisine("vegan", parents: ["vegetarian"], words: ["vegan", "vegane*", "纯素"], de: "vegan", zh: "纯素"),
        Cuisine("western", words: ["western food", "西餐"], de: "westlich", zh: "西餐"),
        Cuisine("snacks", words: ["snack", "snacks", "imbiss", "小吃"], de: "Imbiss", zh: "小吃"),
        Cuisine("halal", words: ["halal", "清真"], de: "halal", zh: "清真"),
        Cuisine("buffet", words: ["buffet", "all you can eat", "自助餐", "自助"], de: "Buffet", zh: "自助餐"),
        // Regional Chinese kitchens and specialities.
        Cuisine("zhejiang", parents: ["chinese"], words: ["zhejiang", "浙菜", "浙江菜"], de: "Zhejiang-Küche", zh: "浙菜"),
        Cuisine(
            "hangzhou", parents: ["zhejiang"], words: ["hangzhou food", "hangzhou cuisine", "杭帮菜", "杭州菜", "西湖醋鱼"], de: "Hangzhouer Küche", zh: "杭帮菜"),
        Cuisine("huaiyang", parents: ["chinese"], words: ["huaiyang", "jiangsu food", "淮扬菜", "苏菜", "江苏菜"], de: "Huaiyang-Küche", zh: "淮扬菜"),
        Cuisine("suzhou", parents: ["huaiyang"], words: ["suzhou food", "suzhou cuisine", "苏帮菜", "苏州菜"], de: "Suzhouer Küche", zh: "苏帮菜"),
        Cuisine("henan", parents: ["chinese"], words: ["henan", "豫菜", "河南菜", "烩面", "胡辣汤"], de: "Henan-Küche", zh: "豫菜"),
        Cuisine("guizhou", parents: ["chinese"], words: ["guizhou", "贵州菜", "黔菜", "酸汤鱼"], de: "Guizhou-Küche", zh: "贵州菜"),
        Cuisine("anhui", parents: ["chinese"], words: ["anhui", "徽菜", "安徽菜"], de: "Anhui-Küche", zh: "徽菜"),
        Cuisine(
            "sausage", parents: ["german"], words: ["sausage", "sausages", "brats", "bratwurst", "bratwürste", "würstchen", "wurstbude", "香肠"],
            de: "Bratwurst", zh: "香肠"),
        Cuisine("hakka", parents: ["chinese"], words: ["hakka", "客家菜"], de: "Hakka-Küche", zh: "客家菜"),
        Cuisine("dongbei", parents: ["chinese"], words: ["dongbei", "northeastern chinese", "东北菜", "锅包肉"], de: "nordostchinesisch", zh: "东北菜"),
        Cuisine("xinjiang", parents: ["chinese"], words: ["xinjiang", "uyghur", "uighur", "新疆菜", "大盘鸡", "羊肉串"], de: "Xinjiang-Küche", zh: "新疆菜"),
        Cuisine("yunnan", parents: ["chinese"], words: ["yunnan", "云南菜", "过桥米线"], de: "Yunnan-Küche", zh: "云南菜"),
        Cuisine("shaanxi", parents: ["chinese"], words: ["shaanxi", "xian food", "biang biang", "陕西菜", "肉夹馍", "凉皮"], de: "Shaanxi-Küche", zh: "陕西菜"),
        Cuisine("taiwanese", parents: ["chinese"], words: ["taiwanese", "taiwanesisch*", "台湾菜", "台菜"], de: "taiwanisch", zh: "台湾菜"),
        // China's other regional kitchens, by the name a driver gives them ("地道点的海南菜", "闽南小吃", "西北菜").
        Cuisine("hainan", parents: ["chinese"], words: ["hainan", "hainanese", "海南菜", "琼菜", "海南风味"], de: "Hainan-Küche", zh: "海南菜"),
        Cuisine("fujian", parents: ["chinese"], words: ["fujian", "fukien", "hokkien", "闽菜", "福建菜"], de: "Fujian-Küche", zh: "闽菜"),
        Cuisine("minnan", parents: ["fujian"], words: ["minnan", "闽南菜", "闽南小吃", "闽南风味", "闽南"], de: "Minnan-Küche", zh: "闽南菜"),
        Cuisine("shandong", parents: ["chinese"], words: ["shandong", "鲁菜", "山东菜"], de: "Shandong-Küche", zh: "鲁菜"),
        Cuisine("jiangsu", parents: ["chinese"], words: ["jiangsu", "苏菜", "江苏菜"], de: "Jiangsu-Küche", zh: "苏菜"),
        Cuisine("jiangxi", parents: ["chinese"], words: ["jiangxi", "赣菜", "江西菜"], de: "Jiangxi-Küche", zh: "赣菜"),
        Cuisine("hubei", parents: ["chinese"], words: ["hubei", "wuhan food", "鄂菜", "湖北菜", "楚菜"], de: "Hubei-Küche", zh: "鄂菜"),
        Cuisine("guangxi", parents: ["chinese"], words: ["guangxi", "桂菜", "广西菜"], de: "Guangxi-Küche", zh: "广西菜"),
        Cuisine("shanxi", parents: ["chinese"], words: ["shanxi", "晋菜", "山西菜"], de: "Shanxi-Küche", zh: "晋菜"),
        Cuisine(
            "chongqing", parents: ["chinese"], related: ["sichuan", "hotpot"], words: ["chongqing", "渝菜", "重庆菜"], de: "Chongqing-Küche",
            zh: "渝菜"),
        Cuisine(
            "teochew", parents: ["cantonese"], words: ["teochew", "chaozhou", "chiuchow", "潮汕菜", "潮州菜", "潮汕"], de: "Teochew-Küche",
            zh: "潮汕菜"),
        Cuisine("northwestern", parents: ["chinese"], words: ["northwestern chinese", "西北菜", "西北风味"], de: "nordwestchinesisch", zh: "西北菜"),
        Cuisine(
            "ningxia", parents: ["northwestern"], words: ["ningxia", "宁夏菜", "手抓羊肉", "手抓"], de: "Ningxia-Küche", zh: "宁夏菜"),
        Cuisine("mongolian", parents: ["chinese"], words: ["mongolian", "mongolisch*", "蒙餐", "蒙古菜", "内蒙菜"], de: "mongolisch", zh: "蒙餐"),
        Cuisine("tibetan", parents: ["asian"], words: ["tibetan", "tibetisch*", "藏餐", "藏菜"], de: "tibetisch", zh: "藏餐"),
        Cuisine("grilled fish", parents: ["chinese"], related: ["seafood"], words: ["grilled fish", "烤鱼"], de: "gegrillter Fisch", zh: "烤鱼"),
        Cuisine("chuanchuan", parents: ["hotpot"], words: ["chuanchuan", "chuan chuan", "串串", "串串香"], de: "Chuanchuan", zh: "串串香"),
        Cuisine("malatang", parents: ["sichuan"], related: ["hotpot"], words: ["malatang", "麻辣烫", "冒菜"], de: "Malatang", zh: "麻辣烫"),
        Cuisine(
            "roast meat", parents: ["cantonese"], words: ["roast meat", "roast meats", "char siu", "siu mei", "烧腊", "烧味", "叉烧", "烧鹅"],
            de: "kantonesischer Braten",
            zh: "烧腊"),
        Cuisine("cha chaan teng", parents: ["cantonese"], words: ["cha chaan teng", "hong kong cafe", "茶餐厅"], de: "Hongkong-Café", zh: "茶餐厅"),
        // South Asian and Middle Eastern kitchens.
        Cuisine(
            "pakistani", parents: ["asian"], related: ["indian"], words: ["pakistani", "pakistanisch*", "巴基斯坦"], de: "pakistanisch", zh: "巴基斯坦菜"),
        Cuisine("balti", parents: ["indian"], words: ["balti", "baltis", "balti house"], de: "Balti", zh: "巴尔蒂咖喱"),
        Cuisine(
            "nepalese", parents: ["asian"], related: ["indian"], words: ["nepalese", "nepali", "nepalesisch*", "momos", "尼泊尔"], de: "nepalesisch",
            zh: "尼泊尔菜"),
        Cuisine(
            "sri lankan", parents: ["asian"], related: ["indian"], words: ["sri lankan", "srilankisch*", "斯里兰卡"], de: "sri-lankisch", zh: "斯里兰卡菜"),
        Cuisine(
            "middle eastern", related: ["turkish", "lebanese", "greek"],
            words: ["middle eastern", "mezze", "meze", "hummus", "shawarma", "schawarma", "orientalisch*", "arabisch*", "中东"], de: "orientalisch",
            zh: "中东菜"),
        Cuisine("persian", parents: ["middle eastern"], words: ["persian", "iranian", "persisch*", "iranisch*", "波斯"], de: "persisch", zh: "波斯菜"),
        Cuisine("ethiopian", words: ["ethiopian", "eritrean", "äthiopisch*", "eritreisch*", "埃塞俄比亚"], de: "äthiopisch", zh: "埃塞俄比亚菜"),
        Cuisine(
            "malaysian", parents: ["asian"], related: ["indonesian", "thai"], words: ["malaysian", "malaiisch*", "laksa", "马来西亚", "马来菜"],
            de: "malaiisch", zh: "马来西亚菜"),
        Cuisine(
            "indonesian", parents: ["asian"], related: ["malaysian"], words: ["indonesian", "indonesisch*", "nasi goreng", "印尼"], de: "indonesisch",
            zh: "印尼菜"),
        Cuisine("filipino", parents: ["asian"], words: ["filipino", "philippinisch*", "菲律宾"], de: "philippinisch", zh: "菲律宾菜"),
        // European regional kitchens.
        Cuisine(
            "rhenish", parents: ["german"], words: ["rhenish", "rheinisch*", "kölsch*", "kölner küche", "himmel un ääd", "halve hahn"],
            de: "rheinisch", zh: "莱茵菜"),
        Cuisine(
            "brauhaus", parents: ["german"], related: ["pub", "bavarian", "rhenish"],
            words: ["brauhaus", "brauhaus*", "brauhäuser", "brewhouse", "brewpub", "brew pub", "brewery", "brauerei*", "bierhaus", "啤酒屋"],
            de: "Brauhaus",
            zh: "啤酒屋"),
        Cuisine("swabian", parents: ["german"], words: ["swabian", "schwäbisch*", "spätzle", "käsespätzle", "施瓦本"], de: "schwäbisch", zh: "施瓦本菜"),
        Cuisine("franconian", parents: ["german"], words: ["franconian", "fränkisch*", "schäufele", "法兰克尼亚"], de: "fränkisch", zh: "法兰克尼亚菜"),
        Cuisine(
            "north german", parents: ["german"], related: ["seafood"],
            words: ["north german", "norddeutsch*", "friesisch*", "labskaus", "matjes", "fischbrötchen", "krabbenbrötchen", "北德"],
            de: "norddeutsch", zh: "北德菜"),
        Cuisine("austrian", words: ["austrian", "österreichisch*", "kaiserschmarrn", "奥地利"], de: "österreichisch", zh: "奥地利菜"),
        Cuisine("swiss", words: ["swiss", "schweizer küche", "fondue", "raclette", "瑞士菜"], de: "schweizerisch", zh: "瑞士菜"),
        Cuisine("portuguese", words: ["portuguese", "portugiesisch*", "piri piri", "peri peri", "葡萄牙"], de: "portugiesisch", zh: "葡萄牙菜"),
        Cuisine("polish", words: ["polish food", "polnisch*", "pierogi", "波兰菜"], de: "polnisch", zh: "波兰菜"),
        Cuisine("scandinavian", words: ["scandinavian", "nordic", "skandinavisch*", "北欧"], de: "skandinavisch", zh: "北欧菜"),
        Cuisine(
            "sunday roast", parents: ["british"],
            words: ["sunday roast", "sunday lunch", "roast dinner", "carvery", "carveries", "a roast", "sonntagsbraten"],
            de: "Sonntagsbraten", zh: "周日烤肉"),
        Cuisine(
            "full english", parents: ["british"], words: ["full english", "fry up", "english breakfast", "greasy spoon", "full breakfast"],
            de: "englisches Frühstück",
            zh: "英式早餐"),
        Cuisine("pies", parents: ["british"], words: ["pie and mash", "pie shop", "pies", "a pie", "pasty", "pasties"], de: "Pies", zh: "英式馅饼"),
        // The Americas and elsewhere.
        Cuisine("tex mex", parents: ["mexican"], words: ["tex mex", "texmex", "fajitas", "nachos"], de: "Tex-Mex", zh: "德州墨西哥菜"),
        Cuisine("cajun", parents: ["american"], words: ["cajun", "creole", "gumbo", "jambalaya", "crawfish"], de: "Cajun", zh: "卡津菜"),
        Cuisine(
            "soul food", parents: ["american"], words: ["soul food", "southern food", "southern cooking", "collard greens"], de: "Soul Food",
            zh: "美国南方菜"),
        Cuisine(
            "fried chicken", parents: ["american"], words: ["fried chicken", "chicken wings", "hot wings", "wings", "chicken shop", "炸鸡"],
            de: "Brathähnchen",
            zh: "炸鸡"),
        Cuisine(
            "sandwiches", related: ["deli"],
            words: [
                "sandwich", "sandwiches", "sandwich shop", "sub", "subs", "sub shop", "hoagie", "hoagies", "wrap", "wraps", "panini",
                "belegte brötchen",
                "belegtes", "三明治",
            ], de: "Sandwiches", zh: "三明治"),
        Cuisine("deli", words: ["deli", "delis", "delicatessen", "sandwich shop", "sandwiches", "三明治"], de: "Feinkost", zh: "熟食店"),
        Cuisine("caribbean", words: ["caribbean", "jamaican", "jerk chicken", "karibisch*", "加勒比"], de: "karibisch", zh: "加勒比菜"),
        Cuisine("peruvian", words: ["peruvian", "peruanisch*", "ceviche", "秘鲁"], de: "peruanisch", zh: "秘鲁菜"),
        Cuisine("brazilian", words: ["brazilian", "brasilianisch*", "churrascaria", "rodizio", "巴西"], de: "brasilianisch", zh: "巴西菜"),
        Cuisine("argentinian", related: ["steak"], words: ["argentinian", "argentine", "argentinisch*", "阿根廷"], de: "argentinisch", zh: "阿根廷菜"),
        Cuisine("hawaiian", words: ["hawaiian", "poke", "poke bowl", "hawaiianisch*", "夏威夷"], de: "hawaiianisch", zh: "夏威夷菜"),
        Cuisine("cafe", words: [], de: "Café", zh: "咖啡"),
    ]

    static let byTag: [String: Cuisine] = Dictionary(all.map { ($0.tag, $0) }, uniquingKeysWith: { a, _ in a })

    /// For each cuisine, the specialities directly under it (noodles: ramen, udon, pho).
    static let specialities: [String: [Cuisine]] = {
        var out: [String: [Cuisine]] = [:]
        for c in all { for p in c.parents { out[p, default: []].append(c) } }
        return out
    }()

    /// For each cuisine word, the longer words of other cuisines that contain it ("fish" → "fish and chips").
    static let longerWords: [String: [String]] = {
        let pairs = all.flatMap { c in c.words.words.filter { !$0.hasSuffix("*") }.map { ($0, c.tag) } }
        var out: [String: [String]] = [:]
        for (w, tag) in pairs {
            out[w] = pairs.filter { $0.1 != tag && $0.0 != w && $0.0.contains(w) }.map(\.0)
        }
        return out
    }()

    /// Every cuisine a tag stands for: itself, its ancestors, and what it implies (with their ancestors).
    public static func closure(_ tag: String) -> Set<String> {
        var out: Set<String> = []
        var todo = [tag]
        while let t = todo.popLast() {
            guard out.insert(t).inserted, let c = byTag[t] else { continue }
            todo += c.parents + c.implies
        }
        return out
    }

    /// A place's cuisine tag as the taxonomy names it ("barbecue" is bbq, "fish & chips" is fish and chips).
    static let canonical: [String: String] = {
        var out: [String: String] = [:]
        for c in all {
            for w in c.words.words where !w.hasSuffix("*") && out[w] == nil { out[w] = c.tag }
            out[c.tag] = c.tag
        }
        return out
    }()

    static func canonicalTag(_ tag: String) -> String {
        canonical[tag] ?? canonical[tag.replacing("&", with: "and")] ?? canonical[tag.replacing("-", with: " ")] ?? tag
    }

    /// Ancestors of a tag (not itself, not what it implies).
    static func ancestors(_ tag: String) -> Set<String> {
        var out: Set<String> = []
        var todo = byTag[tag]?.parents ?? []
        while let t = todo.popLast() {
            guard out.insert(t).inserted else { continue }
            todo += byTag[t]?.parents ?? []
        }
        return out
    }

    /// The cuisines a place offers: its tags with their closures; fast food covers the chains filed as pizza
    /// or burgers; western covers the European and American kitchens (CrossWOZ's 西餐).
    static func offered(by place: Place) -> Set<String> {
        var out: Set<String> = []
        for t in place.cuisines + place.tags { out.formUnion(closure(canonicalTag(t))) }
        if out.contains("pizza") || out.contains("burger") { out.insert("fast food") }
        if !out.isDisjoint(with: ["italian", "french", "american", "steak", "spanish", "british", "german"]) { out.insert("western") }
        return out
    }

    /// How well `place` answers a wish for `wanted` (a tag of the taxonomy or any cuisine word of the data).
    public static func fit(_ place: Place, wanted: String) -> Fit {
        let offered = offered(by: place)
        if offered.contains(wanted) { return .exact }
        // The place's name or its dishes name the wish ("Curry House", a Thai place serving "green curry",
        // "北京烤鸭"), unless the word is part of another cuisine's name there ("Fish & Chips" is no seafood place).
        let text = ([place.name] + place.dishes).joined(separator: " ").lowercased().replacing("&", with: "and")
        let words = byTag[wanted].map { $0.words.words.filter { !$0.hasSuffix("*") } } ?? [wanted]
        for w in words where w.count >= 2 && (w.count >= 4 || !w.allSatisfy(\.isASCII)) && text.contains(w) {
            let inLonger = longerWords[w, default: []].contains { text.contains($0) }
            if !inLonger { return .exact }
        }
        // A dish that is a speciality of the wish ("pho" at a Vietnamese place for noodles).
        let dishes = place.dishes.map { " " + $0.lowercased() + " " }
        for s in specialities[wanted, default: []] {
            for w in s.words.words where !w.hasSuffix("*") && w.count >= 2 {
                // Whole words in Latin script ("pho", not "phone"); any run in Chinese ("越南粉").
                let key = w.allSatisfy(\.isASCII) ? " " + w + " " : w
                if dishes.contains(where: { $0.contains(key) }) { return .exact }
            }
        }
        let ancestors = ancestors(wanted)
        // A speciality of two kitchens belongs first to its first ("korean bbq" is Korean before it is barbecue):
        // a place of only the other kitchen (an American smokehouse) is a related fit, not a general one.
        if let parents = byTag[wanted]?.parents, parents.count > 1 {
            let primary = Set([parents[0]]).union(Cuisine.ancestors(parents[0]))
            if offered.isDisjoint(with: primary), !offered.isDisjoint(with: ancestors) { return .related }
        }
        if !ancestors.isEmpty, !offered.isDisjoint(with: ancestors) {
            // The broader cuisine: general when the place names no other speciality under it, else a sibling.
            let specialities = offered.filter { tag in
                tag != wanted && !ancestors.contains(tag) && !Cuisine.ancestors(tag).isDisjoint(with: ancestors)
            }
            if specialities.isEmpty { return .general }
            // A sibling under the same parent (ramen for sushi) is related; one that shares only a broader
            // ancestor (Hunan for sushi: both Asian) is not.
            let parents = Set(byTag[wanted]?.parents ?? [])
            if specialities.contains(where: { parents.contains($0) || !Cuisine.ancestors($0).isDisjoint(with: parents) }) { return .related }
        }
        let related = Set(byTag[wanted]?.related ?? [])
        if !related.isDisjoint(with: offered) { return .related }
        return .none
    }

    /// The cuisines named in a normalized text, most specific only ("japanese sushi" is sushi).
    static func mentioned(in text: MatchText) -> [String] { mostSpecific(said(in: text)) }

    /// Every cuisine named in a normalized text, with the word that named it.
    static func said(in text: MatchText) -> [(tag: String, word: String)] {
        all.compactMap { c in text.first(of: c.words).map { (c.tag, $0) } }
    }

    /// The most specific of the cuisines named: no parent of another, no word inside another's.
    static func mostSpecific(_ found: [(tag: String, word: String)]) -> [String] {
        found.filter { f in
            // "Japanese curry" names curry and Japanese too, "fish and chips" names fish: keep the speciality
            // and the longer phrase.
            !found.contains { $0.tag != f.tag && (ancestors($0.tag).contains(f.tag) || ($0.word.count > f.word.count && $0.word.contains(f.word))) }
        }.map(\.tag)
    }
}
