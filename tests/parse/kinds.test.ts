import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const AMEND: Row[] = [
  ["奶粉改成3罐", "3-501 张三", { kind: "amend", household: "3-501", items: [["FORMULA", 3]] }],
  ["改成100元套餐", "3-501 张三", { kind: "amend", items: [["PKG100", 1]] }],
  ["4-2-602 鸡蛋改成2盒", undefined, { kind: "amend", household: "4-2-602", items: [["EGGS", 2]] }],
  ["2栋1单元301 改成50元套餐", undefined, { kind: "amend", household: "2-1-301", items: [["PKG50", 1]] }],
  ["4-2-602 换成大套餐", undefined, { kind: "amend", items: [["PKG150", 1]] }],
  ["3-2-501 改一下，鸡蛋3盒", undefined, { kind: "amend", items: [["EGGS", 3]] }],
  ["3-2-501 大米改为2袋", undefined, { kind: "amend", items: [["RICE", 2]] }],
  ["3-2-501 修改订单：100元套餐2份", undefined, { kind: "amend", items: [["PKG100", 2]] }],
  ["3-2-501 不要鸡蛋了，换成2袋米", undefined, { kind: "amend", items: [["RICE", 2]] }],
  ["3-2-501 改成两份", undefined, { kind: "amend", household: "3-2-501" }],
  ["3-2-501 把鸡蛋换成牛奶", undefined, { kind: "amend", items: [["MILK", 1]] }],
  ["3-2-501 100元套餐改成2份", undefined, { kind: "amend", items: [["PKG100", 2]] }],
  ["change my order to 2 bags of rice 3-2-501", undefined, { kind: "amend", items: [["RICE", 2]] }],
];

const CANCEL: Row[] = [
  ["8-1-1201 取消订单", undefined, { kind: "cancel", household: "8-1-1201" }],
  ["我家不要了 取消", "7-1-101 郑", { kind: "cancel", household: "7-1-101" }],
  ["3-2-501 不要了", undefined, { kind: "cancel", household: "3-2-501" }],
  ["取消", "3-501 张三", { kind: "cancel", household: "3-501" }],
  ["3-2-501 退单", undefined, { kind: "cancel" }],
  ["3-2-501的订单不订了", undefined, { kind: "cancel", household: "3-2-501" }],
  ["Cancel order for 5-1-302", undefined, { kind: "cancel", household: "5-1-302" }],
  ["cancel my order 3-2-501", undefined, { kind: "cancel", household: "3-2-501" }],
  ["I want to cancel my order", "3-501 张三", { kind: "cancel", household: "3-501" }],
  // 撤 as 删 / 退: the order withdrawn.
  ["把我家的订单撤了", "5-2-301 冯", { kind: "cancel", household: "5-2-301" }],
  ["6-1-202 单子撤掉吧", undefined, { kind: "cancel", household: "6-1-202" }],
  ["3-2-501 撤了吧", undefined, { kind: "cancel", household: "3-2-501" }],
  ["3-2-501 牛奶撤掉，其他照旧", undefined, { kind: "amend", removed: ["MILK"] }],
  ["志愿者都撤了", "5-2-301 冯", { kind: "none" }],
  ["我家那单算了吧", "5-2-301 冯", { kind: "cancel" }],
  ["撤回我家的订单", "5-2-301 冯", { kind: "cancel" }],
  ["单子删一下", "5-2-301 冯", { kind: "cancel" }],
];

const STATUS: Row[] = [
  ["5组7号的套餐今天能到吗", undefined, { kind: "status", household: "5-7" }],
  ["订单查询 3-3-303", undefined, { kind: "status", household: "3-3-303" }],
  ["3-2-501 的套餐什么时候到", undefined, { kind: "status", household: "3-2-501" }],
  ["3-2-501 我家的菜到哪了", undefined, { kind: "status", household: "3-2-501" }],
  ["订单查询", undefined, { kind: "status", household: null }],
  ["我的套餐今天能到吗", "3-501 张三", { kind: "status", household: "3-501" }],
  ["送了吗？", "3-501 张三", { kind: "status", household: "3-501" }],
  ["等了2个小时还没到", "3-501 张三", { kind: "status" }],
  ["3-2-501 100元套餐什么时候送", undefined, { kind: "status", household: "3-2-501" }],
  ["where is my order 5-1-302", undefined, { kind: "status", household: "5-1-302" }],
  ["3号楼的鸡蛋什么时候到", undefined, { kind: "status", household: "3" }],
  ["我家的鸡蛋还没到", "3-501 张三", { kind: "status", household: "3-501" }],
  ["我家的菜还没收到", "3-501 张三", { kind: "status", household: "3-501" }],
  ["3-2-501 的订单状态", undefined, { kind: "status", household: "3-2-501" }],
  // Whether a change went through (生效, 成功, 改好了吗 …).
  ["昨天改的订单生效没", "5-2-301 冯", { kind: "status", household: "5-2-301" }],
  ["订单修改生效没有", "5-2-301 冯", { kind: "status" }],
  ["改好了吗", "5-2-301 冯", { kind: "status" }],
  ["鸡蛋加上了没有", "5-2-301 冯", { kind: "status" }],
  ["3-2-501 撤销成功了吗", undefined, { kind: "status", household: "3-2-501" }],
  ["孩子病好了吗", "5-2-301 冯", { kind: "none" }],
  ["我家订单改过来了没", "5-2-301 冯", { kind: "status" }],
  ["我加的牛奶加上没", "5-2-301 冯", { kind: "status" }],
  ["我的订单还有效吗", "5-2-301 冯", { kind: "status" }],
  // Delivery asked in any wording: when + a delivering verb, a delivering verb + done + asked (Cantonese
  // 到咗未 included), 送不送; whether one's order got on the list (订上了没有) — with or without a household.
  ["订上了没有", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["3-2-501 订上了没有", undefined, { kind: "status", household: "3-2-501" }],
  ["登记上了未", undefined, { kind: "status", household: null }],
  ["到咗未", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["3-2-501 我家的菜到咗未", undefined, { kind: "status", household: "3-2-501" }],
  ["我哋嘅菜送咗未呀", "6组8号 陈", { kind: "status", household: "6-8" }],
  ["啥子时候到", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["3-2-501 幾時送到呀", undefined, { kind: "status", household: "3-2-501" }],
  ["几时送到", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["送出来了吗", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["3-2-501 菜发出了没有", undefined, { kind: "status", household: "3-2-501" }],
  ["今天送不送", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["今日送唔送", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  ["3-2-501 今天有没有送", undefined, { kind: "status", household: "3-2-501" }],
  ["我家的单子有没有", undefined, { kind: "status" }],
  ["我家的单子有没有", "3-2-501 张", { kind: "status", household: "3-2-501" }],
  // Asked of the group, with no household: no one's order.
  ["今天送不送啊？大家知道吗", undefined, { kind: "none" }],
];

const MEDICINE: Row[] = [
  [
    "4-1-101 王爷爷 需要阿司匹林 1盒",
    undefined,
    { kind: "medicine", household: "4-1-101", name: "王爷爷", medicines: [["阿司匹林", 1]] },
  ],
  ["9组2号 帮买降糖药 格列美脲 2盒", undefined, { kind: "medicine", household: "9-2", medicines: [["格列美脲", 2]] }],
  ["3-2-501 需要降压药 硝苯地平2盒", undefined, { kind: "medicine", medicines: [["硝苯地平", 2]] }],
  ["帮忙买点布洛芬", "3-501 张三", { kind: "medicine", household: "3-501", medicines: [["布洛芬", null]] }],
  ["我妈的胰岛素用完了，急需2支 3-2-501", undefined, { kind: "medicine", medicines: [["胰岛素", 2]] }],
  [
    "3-2-501 感冒药一盒，退烧药一盒",
    undefined,
    {
      kind: "medicine",
      medicines: [
        ["感冒药", 1],
        ["退烧药", 1],
      ],
    },
  ],
  ["降压药吃完了，帮买一盒 3-2-501", undefined, { kind: "medicine", medicines: [["降压药", 1]] }],
  ["3-2-501 需要二甲双胍片3盒", undefined, { kind: "medicine", medicines: [["二甲双胍片", 3]] }],
  ["3-2-501 家里老人需要降压药", undefined, { kind: "medicine", medicines: [["降压药", null]] }],
  ["3-2-501 缺胰岛素", undefined, { kind: "medicine", medicines: [["胰岛素", null]] }],
  [
    "3-2-501 需要买药：阿莫西林2盒，布洛芬1盒",
    undefined,
    {
      kind: "medicine",
      medicines: [
        ["阿莫西林", 2],
        ["布洛芬", 1],
      ],
    },
  ],
  ["3-2-501 need aspirin 2 boxes", undefined, { kind: "medicine", medicines: [["aspirin", 2]] }],
  [
    "3-2-501 100元套餐1份 另外帮买降压药1盒",
    undefined,
    { kind: "order", items: [["PKG100", 1]], medicines: [["降压药", 1]] },
  ],
  // Household remedies over the counter (medicated oils hold 油 and are no cooking oil), with 帮买,
  // 帮忙带, 能不能帮买 or a count.
  ["3-2-501 风油精一瓶", undefined, { kind: "medicine", medicines: [["风油精", 1]], rejected: false }],
  ["帮买清凉油", "3-2-501 王", { kind: "medicine", household: "3-2-501", medicines: [["清凉油", null]] }],
  ["能不能帮买风油精", "3-2-501 王", { kind: "medicine", medicines: [["风油精", null]] }],
  ["帮忙带瓶风油精", "3-2-501 王", { kind: "medicine", medicines: [["风油精", null]] }],
  ["3-2-501 孩子拉肚子，帮忙买盒蒙脱石散", undefined, { kind: "medicine", medicines: [["蒙脱石散", null]] }],
  ["3-2-501 万金油两盒", undefined, { kind: "medicine", items: [], medicines: [["万金油", 2]] }],
  [
    "帮忙带两盒创可贴 一瓶藿香正气水",
    "3-2-501 王",
    {
      kind: "medicine",
      medicines: [
        ["创可贴", 2],
        ["藿香正气水", 1],
      ],
    },
  ],
  // A symptom and a request ask for medicine: the medicine named, else the remedy for the symptom.
  ["孩子发烧了，能帮忙买点药吗", "3-2-501 王", { kind: "medicine", medicines: [["药", null]] }],
  ["孩子发烧了，帮忙带退烧药", "3-2-501 王", { kind: "medicine", medicines: [["退烧药", null]] }],
  ["3-2-501 头疼，帮买布洛芬", undefined, { kind: "medicine", medicines: [["布洛芬", null]] }],
  ["3-2-501 拉肚子了 帮忙买点止泻的", undefined, { kind: "medicine", medicines: [["止泻药", null]] }],
  [
    "老人发烧咳嗽，需要帮买",
    "6组8号 陈",
    {
      kind: "medicine",
      household: "6-8",
      medicines: [
        ["退烧药", null],
        ["止咳药", null],
      ],
    },
  ],
  // A symptom with goods, or with no request, or asked of the neighbours, is no medicine request.
  ["3-2-501 孩子感冒了 要一份大套餐", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["3-2-501 孩子发烧了 怎么办", undefined, { kind: "none" }],
  ["发烧了谁家有退烧药", undefined, { kind: "none" }],
];

const NONE: Row[] = [
  ["团长辛苦了🌹", undefined, { kind: "none", household: null }],
  ["今天几点送菜？大家知道吗", undefined, { kind: "none", household: null }],
  ["好的好的", undefined, { kind: "none" }],
  ["套餐里有鸡蛋吗？", undefined, { kind: "none" }],
  ["[语音]", undefined, { kind: "none" }],
  ["[图片]", undefined, { kind: "none" }],
  ["[动画表情]", undefined, { kind: "none" }],
  ["收到，谢谢团长", undefined, { kind: "none" }],
  ["鸡蛋收到了，谢谢", undefined, { kind: "none" }],
  ["今天的鸡蛋很新鲜", undefined, { kind: "none" }],
  ["有奶粉吗？", undefined, { kind: "none" }],
  ["还有大米吗", "3-501 张三", { kind: "none" }],
  ["大米多少钱一袋？", undefined, { kind: "none" }],
  ["100元套餐里有什么", undefined, { kind: "none" }],
  ["套餐包含鸡蛋2盒、大米1袋、食用油1桶，今晚8点截单", undefined, { kind: "none" }],
  ["今天的套餐有鸡蛋、大米、油", undefined, { kind: "none" }],
  ["大家加油！", undefined, { kind: "none" }],
  ["能买烟吗？", undefined, { kind: "none" }],
  ["烟酒不能买哦", undefined, { kind: "none" }],
  ["我家孩子奶粉快没了", undefined, { kind: "none" }],
  ["明天5号送菜吗", undefined, { kind: "none" }],
  ["发了3个红包", undefined, { kind: "none" }],
  ["谢谢大家，我家3口人吃不完", undefined, { kind: "none" }],
  ["有布洛芬吗", undefined, { kind: "none" }],
  ["楼下药店开门了吗", undefined, { kind: "none" }],
  ["3-2-501 100元已转", undefined, { kind: "none" }],
  ["今天下午3点核酸，请大家下楼", undefined, { kind: "none" }],
  ["「张三：3-2-501 100元套餐1份」\n- - - - - - - - - - - - - - -\n收到", undefined, { kind: "none" }],
  ["「张三：鸡蛋2盒 大米1袋」\n- - - - - - - - - - - - - - -\n好的，明天送", "3-501 李四", { kind: "none" }],
  ["What's in the 100 yuan package?", undefined, { kind: "none" }],
  ["Thanks!", undefined, { kind: "none" }],
  ["", undefined, { kind: "none", household: null }],
  ["群里有人要团购奶粉吗", undefined, { kind: "none" }],
  ["通知：明天上午配送100元套餐", undefined, { kind: "none" }],
  ["今天的100元套餐包括：鸡蛋1盒、大米1袋", undefined, { kind: "none" }],
  ["3-2-501 两份套餐里有鸡蛋吗", undefined, { kind: "none" }],
  ["3-2-501 鸡蛋少了一盒", undefined, { kind: "none" }],
  ["#接龙\n奶粉团购\n例 张三 2罐", undefined, { kind: "jielong" }],
  ["张三：3-2-501 100元套餐1份\n- - - - - - - - - - - - - - -\n收到", undefined, { kind: "none" }],
  ["   ", undefined, { kind: "none" }],
  // Praise of goods had before (上周订的, 之前买的, 昨天的) or recommended to others: no order, no status.
  ["上周订的大套餐很好，推荐大家", undefined, { kind: "none" }],
  ["上周订的大套餐很好，推荐大家", "3-2-501 王", { kind: "none" }],
  ["3-2-501 上次订的中套餐很划算，点赞", undefined, { kind: "none" }],
  ["之前订的两盒鸡蛋都很好吃", "3-2-501 王", { kind: "none" }],
  ["大套餐很好，推荐大家订", "3-2-501 王", { kind: "none" }],
  ["昨天的菜很新鲜，谢谢团长", "3-2-501 王", { kind: "none" }],
  ["之前买的奶粉收到了，谢谢", "3-2-501 王", { kind: "none" }],
  ["昨天订的大套餐到了，很好", "3-2-501 王", { kind: "none" }],
  // … while asking again, or asking about it, still is.
  ["上次订的大套餐很好，再来一份", "3-2-501 王", { kind: "order", items: [["PKG150", 1]] }],
  ["上次订的大套餐很好 这次要两份", "3-2-501 王", { kind: "order", items: [["PKG150", 2]] }],
  ["3-2-501 跟上次一样 大套餐一份", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["昨天订的大套餐还没到", "3-2-501 王", { kind: "status", household: "3-2-501" }],
];

describe("amend", () => it.each(AMEND)("%s (%s)", (t, s, e) => check(parse(t, s), e)));
describe("cancel", () => it.each(CANCEL)("%s (%s)", (t, s, e) => check(parse(t, s), e)));
describe("status", () => it.each(STATUS)("%s (%s)", (t, s, e) => check(parse(t, s), e)));
describe("medicine", () => it.each(MEDICINE)("%s (%s)", (t, s, e) => check(parse(t, s), e)));
describe("none", () => it.each(NONE)("%s (%s)", (t, s, e) => check(parse(t, s), e)));

describe("a quoted reply is read without its quote", () => {
  it("reads the reply's own order", () =>
    check(parse("「团长：明天截单」\n- - - - - - - - - - - - - - -\n3-2-501 100元套餐1份"), {
      kind: "order",
      household: "3-2-501",
      items: [["PKG100", 1]],
    }));
});
