import VSS

// Chinese lexicon. Utterances are segmented by longest dictionary match over these words, so a
// word listed here is also a segmentation unit. Homophones an ASR confuses are listed as variants.

extension Lexicon {
    static let chineseEntries: KeyValuePairs<String, [Concept]> = [
        // Fillers and particles
        "嗯": [], "呃": [], "啊": [], "那个": [], "这个": [], "就是": [], "就是说": [], "然后": [], "哎": [], "诶": [],
        "的": [], "了": [], "吧": [], "呀": [], "哦": [], "喂": [], "我": [], "我们": [], "我的": [], "车的": [.car],
        "一下": [], "帮我": [.politeness], "请": [.politeness], "麻烦": [.politeness], "请问": [.politeness], "你好": [],
        "看看": [], "看一下": [], "查一下": [], "查查": [], "告诉我": [], "现在": [], "目前": [], "当前": [], "还": [],
        "吗": [.question], "呢": [.followUp], "么": [.question], "没": [.question], "没有": [.question], "有没有": [.question],
        "是不是": [.question], "是否": [.question], "多少": [.question], "几": [.question], "怎么样": [.status], "车况": [.status, .car], "车辆状态": [.status, .car],
        "整体情况": [.status, .car],
        "如何": [.status], "正常": [.status], "状态": [.status], "情况": [.status], "车": [.car], "车子": [.car],
        "汽车": [.car], "爱车": [.car], "是": [], "有": [], "在": [], "都": [.all], "所有": [.all], "全部": [.all],
        "吗?": [.question],

        // Range, reaching, fuel
        "续航": [.range], "续航里程": [.range], "剩余续航": [.range], "续行": [.range], "续杭": [.range], "续航多少": [.range], "几分钟": [.time], "几个小时": [.time],
        "须航": [.range], "序航": [.range],
        "剩余里程": [.range], "可行驶里程": [.range], "还能跑": [.drive], "还能开": [.drive], "能跑": [.drive], "能开": [.drive],
        "跑": [.drive], "开": [.drive], "行驶": [.drive], "走": [.drive], "多远": [.howFar], "多少公里": [.howFar, .unitKm], "几公里": [.howFar, .unitKm],
        "几英里": [.howFar, .unitMile], "多少英里": [.howFar, .unitMile],
        "到得了": [.reach], "到达": [.reach], "开到": [.reach], "跑到": [.reach], "到": [.reach], "撑到": [.reach], "能开到": [.reach, .drive],
        "开得到": [.reach, .drive], "能到": [.reach], "回家": [.reach], "目的地": [.reach], "终点": [.reach], "到家": [.reach],
        "够": [.enough], "够不够": [.enough], "足够": [.enough], "够用": [.enough],
        "油": [.fuel], "油量": [.fuel], "游量": [.fuel], "油箱": [.fuel], "汽油": [.fuel], "燃油": [.fuel], "剩余油量": [.fuel],

        // Battery and charging
        "电池": [.battery], "电瓶": [.battery], "动力电池": [.battery], "高压电池": [.battery],
        "电量": [.soc], "点量": [.soc], "电亮": [.soc], "剩余电量": [.soc], "电": [.soc], "还有多少电": [.soc],
        "百分之": [.percent], "%": [.percent],
        "充上电": [.charging], "充上": [.charging], "充到": [.limit], "充电": [.charging], "在充电": [.charging], "冲电": [.charging], "充着": [.charging],
        "充": [.charging],
        "充电枪": [.plug, .charging], "充电线": [.plug, .charging], "插上": [.plug, .charging], "插着": [.plug, .charging],
        "插枪": [.plug, .charging], "充满": [.full, .charging], "充完": [.full, .charging], "满电": [.full, .soc], "满": [.full],
        "多久": [.time], "多长时间": [.time], "什么时候": [.time], "时间": [.time], "还要": [.time], "需要": [],
        "充电上限": [.limit, .charging], "上限": [.limit], "充电限制": [.limit, .charging], "限制": [.limit], "设置": [.limit],
        "目标电量": [.limit, .soc],

        // Tyres
        "轮胎": [.tyre], "胎": [.tyre], "轮子": [.tyre], "车胎": [.tyre], "胎压": [.tyre, .pressure], "台压": [.tyre, .pressure],
        "太压": [.tyre, .pressure], "胎儿压": [.tyre, .pressure], "气压": [.pressure], "压力": [.pressure], "气": [.pressure],
        "胎温": [.tyre, .temperature], "漏气": [.low, .tyre, .falling], "缺气": [.low, .tyre], "亏气": [.low, .tyre], "爆胎": [.low, .tyre],
        "瘪": [.low, .tyre], "低": [.low], "偏低": [.low], "不足": [.low], "在掉": [.low, .falling], "下降": [.low, .falling], "扎胎": [.low, .tyre],
        "掉压": [.pressure, .low, .falling], "掉气": [.pressure, .low, .falling], "撒气": [.pressure, .low, .falling],
        "跑气": [.pressure, .low, .falling], "降低": [.falling], "减少": [.falling], "变低": [.low, .falling], "越来越低": [.low, .falling],
        "在降": [.falling], "掉了": [.falling], "降了": [.falling], "少了": [.falling],

        // Temperature
        "温度": [.temperature], "气温": [.temperature, .outside], "多少度": [.temperature], "几度": [.temperature],
        "热": [.hot], "冷": [.cold], "热不热": [.temperature, .hot], "冷不冷": [.temperature, .cold],
        "结冰": [.temperature, .cold], "零下": [.temperature, .cold], "超速": [.speed], "开太快": [.speed], "太快": [.speed],
        "充好": [.full, .charging, .time], "充满了": [.full, .charging, .time],
        "外头": [.outside], "外面": [.outside], "车外": [.outside], "室外": [.outside], "外边": [.outside], "户外": [.outside], "外部": [.outside],
        "车内": [.cabin], "车里": [.cabin], "里面": [.cabin], "室内": [.cabin], "座舱": [.cabin], "车厢": [.cabin],
        "车内温度": [.cabin, .temperature], "车外温度": [.outside, .temperature],

        // Openings and locks
        "门": [.door], "车门": [.door], "门窗": [.door, .window],
        "窗": [.window], "窗户": [.window], "车窗": [.window], "窗子": [.window], "玻璃": [.window],
        "储物箱": [.trunk], "储物仓": [.trunk], "后备箱": [.trunk], "后备厢": [.trunk], "后被箱": [.trunk], "尾箱": [.trunk], "尾门": [.trunk], "行李箱": [.trunk],
        "前备箱": [.frunk], "前备厢": [.frunk], "前舱": [.frunk], "前机舱储物": [.frunk],
        "引擎盖": [.hood], "机盖": [.hood], "发动机盖": [.hood], "前盖": [.hood],
        "天窗": [.sunroof], "全景天窗": [.sunroof], "车顶": [.sunroof],
        "锁": [.lock], "锁了": [.lock], "锁好": [.lock], "锁上了": [.lock], "上锁": [.lock], "锁车": [.lock], "帮我锁车": [.commandVerb, .lock],
        "锁上": [.commandVerb, .lock],
        "帮我锁": [.commandVerb, .lock], "车在动": [.moving], "在动": [.moving], "在走": [.moving], "本次里程": [.trip],
        "这次里程": [.trip], "单次里程": [.trip], "蓄电池": [.lowVoltage, .battery],
        "启动电池": [.lowVoltage, .battery], "剩余公里": [.range], "剩余公里数": [.range],
        "剩下的公里": [.range], "省电": [.foreign], "最省电": [.foreign], "启动电瓶": [.lowVoltage, .battery], "气囊灯": [.warning], "安全气囊灯": [.warning],
        "abs灯": [.warning], "电瓶灯": [.warning], "机油灯": [.warning], "水温灯": [.warning], "保养灯": [.warning],
        "胎压灯": [.warning], "胎压报警灯": [.warning], "没问题": [.enough], "没有问题": [.enough],
        "没锁": [.lock, .unlock], "解锁": [.lock, .unlock], "门锁": [.lock, .door], "落锁": [.lock],
        "开着": [.open], "打开着": [.open], "打开了": [.open], "开了": [.open], "没关": [.open], "关": [.closed],
        "关好": [.closed], "关着": [.closed], "关上了": [.closed], "关闭": [.closed], "关了": [.closed],
        "什么": [.anything], "哪些": [.anything], "哪个": [.anything], "有什么": [.anything],

        // Lights
        "灯": [.light], "车灯": [.light], "灯光": [.light], "大灯": [.light, .lowBeam], "前大灯": [.light, .lowBeam],
        "近光灯": [.light, .lowBeam], "近光": [.light, .lowBeam], "远光灯": [.light, .highBeam], "远光": [.light, .highBeam],
        "雾灯": [.light, .fogLight], "前雾灯": [.light, .fogLight], "后雾灯": [.light, .fogLight],
        "双闪": [.light, .hazard], "危险警示灯": [.light, .hazard], "示廓灯": [.light, .parkingLight], "小灯": [.light, .parkingLight],
        "日行灯": [.light, .drl], "亮": [.on], "亮着": [.on], "开启": [.on], "灭": [.off],

        // Driving
        "车速": [.speed], "公里每小时": [.speed], "码": [.speed], "多少码": [.speed], "速度": [.speed], "多快": [.speed], "时速": [.speed], "开多快": [.speed],
        "总里程": [.odometer], "里程": [.odometer], "里程表": [.odometer], "公里数": [.odometer], "表显里程": [.odometer],
        "一共": [.odometer], "总共": [.odometer], "累计": [.odometer],
        "本次": [.trip], "这次": [.trip], "行程": [.trip], "小计里程": [.trip], "今天": [], "这趟": [.trip], "本次行程": [.trip],
        "开了多少": [.trip], "跑了多少": [.trip], "今天开了": [.trip], "今天跑了": [.trip],

        // Service, warnings, codes
        "保养": [.service], "保样": [.service], "维修保养": [.service], "保养里程": [.service], "换机油": [.service], "机油": [.service], "充电站": [.foreign],
        "充电桩": [.foreign], "加油站": [.foreign],
        "附近": [.foreign], "路况": [.foreign], "堵车": [.foreign],
        "检修": [.service], "维护": [.service],
        "警告": [.warning], "警告灯": [.warning], "报警": [.warning], "故障灯": [.warning], "故障": [.warning], "仪表盘": [.warning],
        "仪表": [.warning], "指示灯": [.warning], "警示": [.warning], "问题": [.problem], "毛病": [.problem], "报错": [.warning],
        "发动机故障灯": [.warning, .checkEngine], "发动机灯": [.warning, .checkEngine], "发动机": [.checkEngine],
        "故障码": [.faultCode], "故障代码": [.faultCode], "代码": [.faultCode], "错误码": [.faultCode], "诊断": [.faultCode],
        "什么意思": [.explain], "意思": [.explain], "怎么办": [.explain], "含义": [.explain],

        // 12 V battery, brake, gear, belts, washer
        "小电瓶": [.lowVoltage, .battery], "低压电池": [.lowVoltage, .battery], "12伏": [.lowVoltage], "伏": [.lowVoltage], "伏特": [.lowVoltage],
        "车开了多少": [.car, .odometer], "车跑了多少": [.car, .odometer], "12v": [.lowVoltage],
        "12 v": [.lowVoltage], "蓄电池": [.lowVoltage, .battery], "电压": [.lowVoltage], "低压": [.lowVoltage],
        "手刹": [.parkingBrake], "驻车制动": [.parkingBrake], "电子手刹": [.parkingBrake], "手闸": [.parkingBrake], "驻车": [.parkingBrake],
        "拉起": [.on], "拉了": [.on], "放下": [.off],
        "档": [.gear], "挡": [.gear], "档位": [.gear], "挡位": [.gear], "几档": [.gear], "变速箱": [.gear], "p档": [.gear],
        "安全带": [.seatbelt], "系好": [.seatbelt], "系": [.seatbelt], "系了": [.seatbelt],
        "玻璃水": [.washer], "雨刮水": [.washer], "清洗液": [.washer], "玻璃清洗液": [.washer],

        // Positions
        "前": [.front], "前面": [.front], "前排": [.front], "前轮": [.front, .tyre], "前胎": [.front, .tyre],
        "后": [.rear], "后面": [.rear], "后排": [.rear], "后轮": [.rear, .tyre], "后胎": [.rear, .tyre], "后边": [.rear],
        "左": [.left], "左边": [.left], "右": [.right], "右边": [.right], "左前": [.front, .left], "右前": [.front, .right],
        "左后": [.rear, .left], "右后": [.rear, .right], "左前轮": [.front, .left, .tyre], "右前轮": [.front, .right, .tyre],
        "左后轮": [.rear, .left, .tyre], "右后轮": [.rear, .right, .tyre], "主驾": [.driverSide], "主驾驶": [.driverSide],
        "驾驶座": [.driverSide], "司机": [.driverSide], "副驾": [.passengerSide], "副驾驶": [.passengerSide], "中间": [.middle],
        "四个": [.all], "四个轮胎": [.all, .tyre],

        // Units
        "公里": [.unitKm], "千米": [.unitKm], "km": [.unitKm], "英里": [.unitMile], "米": [.unitMetre],

        // Dialogue
        "那": [.followUp], "那么": [.followUp], "那个呢": [.followUp], "还有": [.followUp], "也": [.followUp],
        "你能做什么": [.help], "你会什么": [.help], "帮助": [.help], "能问什么": [.help],

        // Control verbs
        "打开": [.commandVerb], "关掉": [.commandVerb], "关上": [.commandVerb], "锁上": [.commandVerb], "开一下": [.commandVerb],
        "调高": [.commandVerb], "调低": [.commandVerb], "调到": [.commandVerb], "播放": [.commandVerb, .foreign],
        "放一首": [.commandVerb, .foreign], "导航": [.commandVerb, .foreign], "打电话": [.commandVerb, .foreign],
        "启动": [.commandVerb], "升起": [.commandVerb], "降下": [.commandVerb],

        // Other domains
        "天气": [.foreign], "下雨": [.foreign], "下雪": [.foreign], "预报": [.foreign], "明天": [.weatherTime], "后天": [.weatherTime],
        "音乐": [.foreign], "歌": [.foreign], "笑话": [.foreign], "新闻": [.foreign], "邮件": [.foreign], "日历": [.foreign],
        "闹钟": [.foreign], "会议": [.foreign], "航班": [.foreign], "机票": [.foreign], "火车": [.foreign], "餐厅": [.foreign],
        "股票": [.foreign], "电影": [.foreign], "电视": [.home], "电话": [.foreign], "p挡": [.gear], "几点": [.foreign], "手机": [.phone], "电脑": [.phone],
        "房间": [.home], "家里": [.home],
        "客厅": [.home], "空调": [.foreign], "油耗": [.foreign], "电耗": [.foreign], "雨刷": [.foreign], "雨刮": [.foreign],
        "胎纹": [.foreign], "怎么换": [.foreign], "座椅加热": [.foreign], "卧室": [.home], "厨房": [.home],

        // Natural speech (issue 12): word classes, not sentences.
        "为什么": [.why], "为啥": [.why], "怎么回事": [.why], "咋回事": [.why],
        "怎么办": [.advice], "咋办": [.advice], "怎么处理": [.advice], "该怎么做": [.advice], "要紧吗": [.advice], "要紧": [.advice],
        "严重吗": [.advice], "严重": [.advice], "危险吗": [.advice], "危险": [.advice], "还能继续开": [.advice, .drive], "继续开": [.advice, .drive],
        "继续走": [.advice, .drive], "还能开吗": [.advice], "要停车吗": [.advice], "需要停车": [.advice], "要不要停车": [.advice],
        "有事吗": [.advice], "有没有事": [.advice], "影响开车": [.advice], "能继续": [.advice], "接着开": [.advice],
        "另一边": [.otherSide], "另一侧": [.otherSide], "对面": [.otherSide], "另外一边": [.otherSide], "另一个": [.otherSide],
        "一共": [.total], "总共": [.total], "累计": [.total], "总": [.total],
        "出毛病": [.problem, .car], "毛病": [.problem], "不对劲": [.problem, .car],
        "公里每小时": [.speed, .unitKm], "英里每小时": [.speed, .unitMile], "公里时速": [.speed, .unitKm],
        "那个灯": [.light, .warning], "这个灯": [.light, .warning], "那个图标": [.warning], "这个图标": [.warning], "那个标志": [.warning],
        "摄氏": [.unitCelsius], "摄氏度": [.temperature, .unitCelsius], "华氏": [.unitFahrenheit], "华氏度": [.temperature, .unitFahrenheit],
        "冻": [.cold], "冻不冻": [.cold, .question], "冷死": [.cold], "热死": [.hot], "趴窝": [.range],
        "可以开了": [.advice, .drive], "能开了": [.advice, .drive], "可以走了": [.advice], "能走了": [.advice], "可以上路": [.advice],
    ]
}
