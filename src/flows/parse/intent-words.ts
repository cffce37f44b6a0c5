/**
 * Words that tell what a message wants, by tag. Data: extend the lists, not the code.
 * Longer entries win over shorter ones where they overlap (取消订单 over 订单).
 */
export type IntentTag =
  | "amend" // 改成 …: the message changes an order (the goods named get these counts)
  | "add" // 再加, 追加, 多要: the goods named are added to the open order
  | "cancel"
  | "statusStrong" // asks about one's own order by itself (订单查询)
  | "statusWeak" // asks about delivery; about one's own order only with a household or 我家
  | "changeAsked" // 改好了吗, 撤销成功了吗, 生效了没: asks whether a change went through (as statusWeak; changes nothing)
  | "self" // 我家, my: the speaker's own household
  | "verb" // order intent: 要, 订, 下单 …
  | "request" // 需要, 帮买 …: asking for something (medicine)
  | "q" // question words
  | "describe" // talks about goods (包含, 价格, 通知) rather than asks for them
  | "each" // 各: a quantity for every item before it
  | "bridge" // may stand between an item and its quantity (鸡蛋要2盒, 共)
  | "sep" // joins items: 和, 加, 还有
  | "de" // 的
  | "thanks"
  | "neg" // 不要鸡蛋: the goods after it are not wanted
  | "complaint" // 鸡蛋少了一盒, 送错了: about a delivery, not a new request
  | "have" // 家里还有, 够吃: says what the household has, not what it wants
  | "done" // 已送达, 已登记: reports something done (a leader's log), not a request
  | "others" // 谁家要, 有人要: talks to the other members, not to the bot
  | "check" // 查一下, 帮我查: asks to look something up (an order, with 订单 / a household / 我家)
  | "orderNoun" // 订单: the order itself
  | "medAsk" // 买药, 配药: the goods asked for are medicines
  | "symptom" // 发烧, 头疼, 拉肚子: with a request, asks for medicine (./medicine-words.ts)
  | "where" // 哪里能买: asks where to buy (of the neighbours, unless the household is given)
  | "keep" // 牛奶不变: the goods before it stay as they were (not part of the change)
  | "same" // 一样, 同样: 两份一样的小套餐, the count still belongs to the goods after it
  | "restate" // 就是, 也就是: the goods after it name again the goods before it
  | "example" // 例如, 比如: a sample of the format, not a request
  | "priceTalk" // 卖到, 涨到, 太贵: talks about what goods cost (a price complaint), not asks for them
  | "alt" // 还是, 或者: a choice between the goods on either side, not yet made
  | "praise" // 很好, 不错, 推荐: says goods were good (with goods placed in the past: talk, not an order)
  | "oops" // 报少了, 报错了: the sender corrects their own earlier report (not a delivery complaint)
  | "fill"; // carries nothing

import { SYMPTOM_REMEDIES } from "./medicine-words";

/** Every head followed by every tail (改 + 好了吗 → 改好了吗). */
function combos(heads: readonly string[], tails: readonly string[]): string[] {
  return heads.flatMap((h) => tails.map((t) => h + t));
}

// Asking whether a change went through (改好了吗, 撤了没, 生效了吗, 订单改过来了吗): about one's own order.
const CHANGE_VERBS = ["改", "修改", "更改", "换", "加", "减", "取消", "撤", "撤掉", "撤销", "删", "删掉", "退", "退掉", "处理", "弄", "办"];
const DONE_TAILS = ["好了", "成功了", "上了", "掉了", "过来了", "完了", "了", "好", "成功", "上", "掉", "过来", "完"];
const ASKED = ["吗", "没", "没有", "么", "嘛"];
const CHANGE_DONE_ASKED = [
  ...combos([...CHANGE_VERBS, "订单改", "单子改"], combos(DONE_TAILS, ASKED)),
  ...combos(["生效", "生效了", "有效", "有效了", "还有效", "成功", "成功了", "改好", "弄好", "办好"], ASKED),
];

// A change to: 改 / 换 / 转 / 变 + 成 / 为 / 做 / 作 / 到 (改做 and 转做 are Cantonese 改成; 改返 changes back).
const CHANGE_TO = combos(["改", "换", "转", "变"], ["成", "为", "做", "作", "到", "返"]);
// The order itself, then an add word (订单里加, 单子上再添, 在原来的基础上加): goods added to it.
const ADD_WORDS = ["加", "再加", "添", "再添", "添加", "加上", "增加", "多加", "补", "再补"];
const ADDED_TO_ORDER = combos(
  [...combos(["订单", "单子", "原订单", "原单"], ["里", "上", "中", "里面", "上面", ""]), "基础上", "原来的基础上", "原有的基础上", "原来基础上"],
  ADD_WORDS,
);

// Asking about delivery in any wording: when (什么时候, 啥子时候, 几时 …) + a delivering verb (到, 送到 …);
// a delivering verb + done + asked (送出来了吗, 到了未 — Cantonese 到咗未, 发出了没有); 送不送, 到不到.
const WHEN = ["什么时候", "啥时候", "啥子时候", "啥时", "几时", "何时", "几点", "几点钟", "哪天", "什么时间", "啥时间", "多久", "多长时间", "几号"];
const DELIVERING = [
  "到", "送", "送到", "送来", "送过来", "能到", "能送", "能送到", "会到", "会送", "会送到", "可以到", "可以送", "可以送到", "发货", "配送", "派送", "发",
  "出发", "到货", "取", "拿", "能取", "能拿", "可以取", "可以拿", "有得拿", "有得送",
];
const DELIVERED = ["到", "送", "送到", "送来", "送出", "送出来", "送出去", "送过来", "发出", "发出来", "发货", "配送", "派送", "出发", "到货", "收到", "安排"];
const ASKED_DONE = combos(["了", ""], ["吗", "没", "没有", "么", "未", "嘛", "不"]);
const DAYS = ["今天", "明天", "后天", "今晚", "明晚", "上午", "下午", "晚上"];
const DELIVERY_ASKED = [
  ...combos(WHEN, DELIVERING),
  ...combos(DELIVERED, ASKED_DONE),
  // 今天送还是明天送: which delivery, asked.
  ...combos(["送", "到", "配送", "发货", "送到"], ["还是"]),
  // 今天还是明天到: which day it comes, asked with the day first.
  ...combos(combos(DAYS, ["还是"]), combos(DAYS, ["到", "送", "送到", "能到", "送来", "发货"])),
  "送不送", "到不到", "发不发", "有没有送", "有没有到", "有没有发", "送了没送", "到了没到", "今天有送吗", "今天有没有送", "明天有没有送",
];
// Whether one's own order got on the list (订上了没有, 登记上了未, 报上了吗): about the asker's order by itself.
const PLACED_ASKED = combos(
  ["订上", "订好", "登记上", "报上", "记上", "下单成功", "下上单", "订成功", "报名上", "报上去", "订上去", "登记上去", "交上去", "提交上去", "报进去", "统计上", "统计进去"],
  ASKED_DONE,
);

export const INTENT_WORDS: Readonly<Record<IntentTag, readonly string[]>> = {
  amend: [
    "改成", "改为", "改到", "改作", "换成", "换为", "换到", "改一下", "改下", "修改", "更改", "变更", "改订", "改要", "调整为", "调整成", "调成", "改买",
    "变成", "换一下", "改订单", "订单改", "帮我改", "改换", "改",
    "更正", "纠正", "订正", "加到", "加为", "加成", "减到", "减为", "减成", "增加到", "增加为", "减少到", "减少为", "增至", "减至",
    "change to", "change it to", "change my order", "change order", "changed to", "instead", "make it", "update my order", "modify", "switch to",
    "change", "swap",
    ...CHANGE_TO,
    // An arrow between the old and the new (中套餐→大套餐, A套餐 2→3): a change to what is on its right.
    "→",
  ],
  add: ["再加", "追加", "再追加", "多加", "多要", "加购", "再多要", "再多加", "多订", "再补", "补加", "还要加", "要加", "还加", "再加个", "加个", "多来", "多拿", "多买", "加多", "添", "再添", "添上", "添加", "加添", "增添",
    ...ADDED_TO_ORDER, "add", "add one more", "one more", "another", "extra"],
  cancel: [
    "取消", "取消订单", "取消掉", "不要了", "退单", "退订", "撤单", "撤销", "撤回订单", "不订了", "不买了", "算了不要", "不用了", "别送了", "不用送了",
    "不需要了", "作废", "退掉", "不要订单",
    "删了", "删单", "删掉订单", "删除订单", "订单删了", "不要送了", "不用再送", "别再送", "别给我送", "别给我家送", "别给我们送", "不用给我送",
    "不用给我家送", "不要给我送", "不要给我家送", "退了吧", "退了哈", "退了啊", "整单取消", "全部取消", "都取消", "订单作废", "单子作废",
    // 撤 as 删: 单撤了吧 is 单删了吧. (撤了 and 撤掉 alone, like 删掉, take out the goods or the order
    // they follow: neg — 志愿者撤了 cancels nothing.)
    "撤了吧", "撤销掉", "撤了哈", "撤了啊",
    "cancel", "cancelled", "canceled", "don't need", "do not need", "no longer need", "don't want", "call off",
  ],
  statusStrong: [
    "订单查询", "查询订单", "查订单", "查一下订单", "查下订单", "订单状态", "到哪了", "到哪儿了", "到哪里了", "送到哪", "物流", "订单进度", "我的订单呢",
    "配送进度", "配送状态", "查单", "查一下我家", "我家的菜呢", "我的菜呢", "我的东西呢", "订单呢",
    ...PLACED_ASKED,
    "where is my order", "where's my order", "order status", "track my order", "status of my order", "my order status", "where is our order",
  ],
  statusWeak: [
    "能到吗", "到了吗", "到了没", "到没到", "到了么", "什么时候到", "啥时候到", "几时到", "何时到", "几点到", "多久到", "多久能到", "送了吗", "送了没",
    "发货了吗", "发了吗", "送到了吗", "还没到", "还没送", "怎么还没", "什么时候送", "啥时候送", "几点送", "今天送吗", "明天送吗", "今天能送", "能送吗",
    "什么时候能到", "配送了吗", "有消息吗", "没收到", "没有收到", "还没收到", "送来了吗", "还要等多久", "到货了吗", "可以取了吗", "能拿了吗", "什么时候能送", "送没送",
    "几点能取", "几点取", "什么时候取", "什么时候能取", "啥时候取", "啥时候能取", "能取了吗", "可以取了没", "可以拿了吗", "几点拿", "什么时候拿",
    "几点可以拿", "几点可以取", "几点来拿", "几点去拿", "几点去取", "什么时候去拿", "什么时候去取", "登记上了吗", "登记了吗", "登记了没", "登记上没",
    "记上了吗", "报上了吗", "订上了吗", "订好了吗", "订上没", "下单成功了吗", "成功了吗", "送到没", "到了没有", "到没有", "啥时候能到", "啥时候能送",
    "收到了吗", "收到没", "收到了没", "收到了没有", "收到没有", "收到了么",
    // Is it still there (没被取消吧, 单子被删了？): asking about the order, not cancelling it.
    "被取消", "没被取消", "没取消", "没有取消", "没有被取消", "不会被取消", "被删", "被删了", "被删掉", "被撤销", "被退", "被退了", "还在吗", "还在吧",
    "还在不在", "是不是漏了", "漏了吗", "漏掉了吗", "漏了没", "确认了吗", "确认了没", "确认没", "确认了吧", "确认好了吗", "看到了吗", "看到了没", "看到没",
    "成功了没", "下单成功了没", "下单成功了吗", "报上了没", "登记上了没", "取消了吗", "取消了没", "取消了没有", "取消了么", "取消成功了吗",
    "取消成功了没", "删了吗", "删了没", "删掉了吗", "撤销了吗", "退了吗", "退了没",
    "几点能送到", "几点能到", "几点送到", "什么时候能送到", "啥时候能送到", "能送到吗", "送到了没", "今天能到吗", "明天能到吗", "几点能送", "多久能送到", "confirmed", "received my order", "got my order",
    ...DELIVERY_ASKED,
    "when will", "any news", "any update", "any updates", "update on", "arrive", "arrives", "arriving", "arrived", "delivered", "shipped", "when is delivery", "delivery time", "how long",
  ],
  changeAsked: CHANGE_DONE_ASKED,
  self: ["我家", "我们家", "俺家", "咱家", "我的", "我们的", "我订的", "我买的", "我家的", "我们家的", "我报的", "我们报的", "我下的", "我们订的", "俺们家", "my", "our", "mine"],
  verb: [
    "要", "我要", "想要", "还要", "再要", "也要", "订", "预订", "预定", "下单", "报名", "来", "帮我", "给我", "帮忙订", "代订", "购买",
    "拼单", "订购", "登记", "申请", "报", "接龙", "只要", "整", "搞", "弄",
    "want", "wants", "need", "needs", "order", "i'd like", "i would like", "would like", "buy", "get", "please", "requesting",
  ],
  request: [
    "需要", "帮买", "帮忙买", "代买", "代购", "急需", "求助", "求", "缺", "吃完了", "没有了", "帮带", "帮拿",
    "买", "买点", "帮我买", "帮忙带", "help", "help buy",
  ],
  q: [
    "吗", "呢", "嘛", "么", "什么", "啥", "怎么", "怎样", "多少", "有没有", "有无", "是否", "能不能", "可不可以", "可以吗", "是不是", "哪里", "哪儿",
    "为什么", "请问", "咋", "几个", "几份", "几盒", "几天", "多少天", "够不够", "能吃多久", "能否", "还有没有", "卖不卖", "有卖", "哪个", "哪种", "哪家", "牌子", "的还是", "还是说",
    "do you", "is there", "are there", "what", "which", "how", "why", "can i", "could i", "does", "any",
  ],
  describe: [
    "包含", "包括", "内含", "含有", "有哪些", "都有", "内容", "价格", "价钱", "单价", "多少钱", "通知", "公告", "温馨提示", "截单", "截止", "配送时间",
    "说明", "明细", "清单", "组成", "搭配", "规格", "里面有", "里有", "收到", "到了", "已收到", "售价", "原价", "特价", "优惠", "库存", "到货", "已到",
    "有", "已付", "已转", "付款", "转账", "已支付", "支付", "收款", "付了", "转了", "交了", "交钱", "已付款", "已转账", "微信转", "红包",
    "不能买", "不能", "不可以", "不让", "禁止", "不允许", "不卖", "不送", "不配送", "不提供", "买不了", "没法买",
    "发放", "领取", "凭身份证", "每户", "每家", "每人", "各户", "户均", "免费",
    "contains", "includes", "price", "notice", "not allowed", "can't buy", "cannot",
  ],
  each: ["各", "每样", "各要", "每种", "各来", "each"],
  have: ["家里还有", "还剩", "剩下", "够吃", "够用", "吃不完", "还没吃完", "没吃完", "用不完", "囤了", "存了", "不缺",
    // Hoarding, told or advised (囤了三天泡面, 要多囤点米): talk about stocks, not a request to the bot.
    "囤", "多囤", "囤点", "囤些", "囤货", "囤的"],
  done: [
    "已送达", "已送", "已登记", "已记录", "已记", "已安排", "已配送", "已发货", "已经送达", "已经登记", "登记好了", "记好了", "已完成", "已处理",
    "已派送",
  ],
  others: ["谁家", "谁要", "有谁", "哪家要", "有人要", "有没有人要", "有需要的", "需要的邻居", "谁需要", "有多的", "多了", "转让", "匀给",
    "邻居们", "各位邻居", "各位居民", "居民们", "全体居民", "各位家人", "家人们", "谁知道", "有谁知道"],
  check: ["查一下", "查下", "查查", "帮我查", "帮忙查", "麻烦查", "查询", "查一查", "看一下我家", "帮我看看", "check"],
  orderNoun: ["订单", "单子", "单", "这单", "那单"],
  symptom: Object.keys(SYMPTOM_REMEDIES),
  medAsk: ["买药", "配药", "开药", "拿药", "断药", "药吃完了", "药没了", "代购药", "买点药", "需要药", "缺药"],
  bridge: ["由", "从", "共", "一共", "总共", "合计", "共计", "就", "都", "再", "也", "再来", "数量", "to", "数量:", "份数", "份数:", "件数", "件数:", "数目"],
  sep: ["和", "加", "及", "与", "跟", "还有", "另外", "以及", "外加", "另加", "and", "plus", "with", "also", "&"],
  de: ["的"],
  priceTalk: [
    "卖到", "涨到", "涨了", "涨价", "涨", "贵", "太贵", "贵了", "好贵", "真贵", "太黑", "黑心", "离谱", "坑人", "宰人", "抢钱", "物价", "贵多了",
    "比超市贵", "才这么点", "就这么点", "有人管吗", "没人管", "哄抬", "天价", "这么贵", "太坑", "暴利", "乱涨", "翻倍", "翻了一倍", "卖这么贵",
    "overpriced", "too expensive", "rip off", "ripoff",
  ],
  alt: ["还是", "或者", "或", "要么", "or"],
  praise: [
    "很好", "挺好", "真好", "不错", "真不错", "挺不错", "很不错", "好吃", "很好吃", "挺好吃", "新鲜", "很新鲜", "挺新鲜", "划算", "很划算", "实惠", "很实惠",
    "点赞", "推荐", "满意", "很满意", "给力", "好评", "五星好评", "很棒", "真棒", "超值", "值得", "性价比高", "物美价廉", "很全", "齐全", "靠谱", "赞",
    "recommend",
  ],
  oops: ["报少了", "报多了", "报错了", "少报了", "多报了", "漏报了", "报漏了", "写错了", "填错了", "打错了", "写少了", "写多了", "点错了", "选错了"],
  complaint: [
    "少了", "漏了", "坏了", "破了", "碎了", "不对", "错了", "发错", "送错", "拿错", "投诉", "退款", "退钱", "质量", "臭了", "烂了", "过期", "少送",
    "漏送", "多送", "少给", "没给", "搞错", "弄错", "missing", "wrong", "broken", "refund", "complaint",
  ],
  neg: ["不要", "别要", "不用", "不需要", "去掉", "删掉", "减掉", "删除", "拿掉", "划掉", "去了", "撤了", "撤掉", "撤下", "撤下来", "撤回", "算了",
    "删一下", "删下", "撤一下", "撤下吧", "don't want", "no more", "remove", "drop"],
  thanks: ["谢谢", "谢了", "感谢", "多谢", "辛苦", "辛苦了", "thanks", "thank you", "thx"],
  where: ["哪里可以买", "哪里能买", "哪里买", "哪儿买", "在哪买", "去哪买", "哪里有卖", "哪有卖", "哪里买得到", "哪里能买到", "哪里可以买到", "哪儿能买"],
  keep: ["不变", "照旧", "不动", "照常", "保持不变", "还是原来的", "维持不变"],
  same: ["一样", "同样", "相同", "一模一样"],
  restate: ["就是", "也就是", "即", "也即", "也就是说", "就是说"],
  example: ["例如", "比如", "举例", "示例", "范例", "样例", "例子", "例:", "如:", "格式如下", "参考格式"],
  fill: [
    "了", "吧", "啊", "呀", "哦", "噢", "哈", "嗯", "好", "好的", "你好", "您好", "大家好", "团长", "老师", "一下", "麻烦", "请", "一起", "家", "户",
    "然后", "今天", "明天", "后天", "今日", "明日", "听日", "琴日", "尋日", "上午", "下午", "晚上", "早上", "现在", "马上", "尽快", "先", "我", "我们", "咱", "俺", "你", "您", "他", "她",
    "是", "在", "给", "帮", "这", "那", "个", "点", "些", "没", "没有", "拿", "领", "一点", "一些", "这个", "那个", "这边", "那边", "其他", "其它",
    "检查", "调查", "排查", "核查", "复查", "审查", "查看", "小时", "钟头", "分钟", "人", "口人", "孩子", "小孩", "老人", "天", "星期", "礼拜", "次", "遍", "趟", "岁", "年", "月", "号", "层", "楼",
    "买的", "上次", "上回", "钱", "块钱", "元钱", "毛", "斤", "左右", "大概", "差不多", "多", "少", "够", "送", "到", "联系电话", "电话", "手机", "手机号", "联系方式",
    "要不要", "重要", "主要", "来了", "回来", "起来", "出来", "过来", "进来", "本来", "原来", "后来", "改天", "改善", "改变", "买不到",
    "调整", "整理", "完整", "整齐", "整个", "整天", "搞定", "弄好", "搞好", "昨天", "前天",
    "备注", "地址", "姓名", "名字", "门牌", "门牌号", "单元", "栋", "号楼", "组", "村", "小区", "团购",
    "菜单", "名单", "单独", "简单", "单位", "账单", "传单", "买单", "单身", "单号", "单据",
    // 有事打我电话, 有问题联系我: how to reach the sender, not what goods there are (有 alone: describe).
    "有事", "有事情", "有啥事", "有什么事", "有问题", "有什么问题", "有啥问题",
    // 孩子闷坏了, 憋坏了: how someone feels, no broken goods (坏了 alone: complaint).
    "闷坏了", "憋坏了", "饿坏了", "累坏了", "急坏了", "吓坏了", "乐坏了", "气坏了", "馋坏了", "闷坏", "憋坏",
    "急", "急用", "加急", "着急", "紧急", "很急", "挺急",
    "i", "we", "me", "us", "would", "like", "for", "the", "some", "hi", "hello", "ok", "okay", "yes", "just", "only", "today",
    "tomorrow", "it", "is", "this", "that", "you", "can", "have", "has", "be", "will", "am", "are", "from", "in", "on", "at", "by", "pls", "plz",
    "order for", "for household", "household", "room", "building", "unit", "group",
  ],
};
