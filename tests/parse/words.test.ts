// Words are words (issue 10): a catalog alias is matched as a whole word, never inside a longer
// one; only what looks like goods is refused as UNKNOWN_ITEM; a medicine that contains a food
// word is a medicine.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const NOT_CATALOG_GOODS: Row[] = [
  ["3-2-501 花生米一袋 大米一袋", undefined, { kind: "order", items: [["RICE", 1]], rejected: true }],
  ["油条5根 7-1-101", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["盐水鸭一只 酱油1瓶 4组2号", undefined, { kind: "order", household: "4-2", items: [["SOY", 1]], rejected: true }],
  ["3-2-501 牛奶糖2包", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 鸡蛋面3包", undefined, { kind: "order", items: [], rejected: true }],
  ["午餐肉罐头2罐 食盐1袋 6-1-101", undefined, { kind: "order", items: [["SALT", 1]], rejected: true }],
  ["3-2-501 米线两包", undefined, { kind: "order", items: [], rejected: true }],
  ["蛋糕一个", "8-8-801 周", { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["糖尿病人吃的无糖饼干 3-2-501", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["榴莲糖一包 3-2-501", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  // A catalog word with a character glued after it that makes another food is that food (the head
  // of a Chinese compound comes last): 酱油饼 is a pancake, 白糖糕 a cake — refused, not soy or sugar.
  ["3-2-501 酱油饼4个 酱油2瓶", undefined, { kind: "order", items: [["SOY", 2]], rejected: "UNKNOWN_ITEM" }],
  ["白糖糕3块 7-1-102", undefined, { kind: "order", items: [], rejected: true }],
  ["鸡蛋卷两盒 3-2-501", undefined, { kind: "order", items: [], rejected: true }],
  ["2-2-202 牛奶片3包", undefined, { kind: "order", items: [], rejected: true }],
  ["大米粥两份 5组3号", undefined, { kind: "order", household: "5-3", items: [], rejected: true }],
  ["鸡蛋仔2份 牛奶1箱 3-2-501", undefined, { kind: "order", items: [["MILK", 1]], rejected: true }],
  ["纸巾盒1个 卫生纸2提 8-1-101", undefined, { kind: "order", items: [["TISSUE", 2]], rejected: true }],
  // Two characters that end the name are a head too.
  ["鸡蛋灌饼2个 3-2-501", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["牛奶布丁3盒 食盐1袋 6-1-101", undefined, { kind: "order", items: [["SALT", 1]], rejected: "UNKNOWN_ITEM" }],
  // A head that ends another catalog word is those goods (卫生纸巾 is 纸巾); how goods are packed is no head.
  ["卫生纸巾2包 5-1-101", undefined, { kind: "order", items: [["TISSUE", 2]], rejected: false }],
  ["牛奶盒装2箱 5-1-101", undefined, { kind: "order", items: [["MILK", 2]], rejected: false }],
  ["方便面桶装1箱", "5-1-101 孙", { kind: "order", items: [["NOODLES", 1]], rejected: false }],
  ["抽纸软抽3提 5-1-101", undefined, { kind: "order", items: [["TISSUE", 3]], rejected: false }],
  // What is said about the goods after them is no part of their name.
  ["米快吃完了 再要一袋", "3-2-501 王", { kind: "order", items: [["RICE", 1]], rejected: false }],
  ["油快用完了 要一桶", "3-2-501 王", { kind: "order", items: [["OIL", 1]], rejected: false }],
  ["鸡蛋吃完了 要两盒", "3-2-501 王", { kind: "order", items: [["EGGS", 2]], rejected: false }],
  ["要牛奶啦 一箱", "3-2-501 王", { kind: "order", items: [["MILK", 1]], rejected: false }],
  ["酱油洒了 再要一瓶", "3-2-501 王", { kind: "order", items: [["SOY", 1]], rejected: false }],
  ["3-2-501 牛奶纯的1箱", undefined, { kind: "order", items: [["MILK", 1]], rejected: false }],
  ["3-2-501 面粉一合", undefined, { kind: "order", items: [["FLOUR", 1]], rejected: false }],
  // One-character aliases still name their goods where they stand alone.
  [
    "3-2-501 米一袋 油一桶 盐两袋",
    undefined,
    {
      kind: "order",
      items: [
        ["RICE", 1],
        ["OIL", 1],
        ["SALT", 2],
      ],
      rejected: false,
    },
  ],
  // A kind of the goods is still the goods.
  [
    "低钠盐1袋 珍珠米两袋 葵花籽油一桶 3-2-501",
    undefined,
    {
      kind: "order",
      items: [
        ["SALT", 1],
        ["RICE", 2],
        ["OIL", 1],
      ],
      rejected: false,
    },
  ],
  ["家里没米了 要一袋米", "3-2-501 王", { kind: "order", items: [["RICE", 1]], rejected: false }],
  ["我家没有鸡蛋了 要两盒", "3-2-501 王", { kind: "order", items: [["EGGS", 2]], rejected: false }],
];

// Goods outside the catalog, counted in a unit of goods, are asked for: refused, not read as chatter.
const COUNTED_UNKNOWN_GOODS: Row[] = [
  ["包子6个", "6-2-301 李", { kind: "order", household: "6-2-301", items: [], rejected: "UNKNOWN_ITEM" }],
  ["馒头一袋", "5-1-101 孙", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["豆角两斤", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["两斤排骨", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["粽子×4", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["馄饨2碗", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["大饼2张", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["烧饼3个 谢谢", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["烧饼3个 急", "2-2-202 周", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  // Goods whose name holds a catalog word but are other goods (engine oil, instant rice, other eggs),
  // and cigarettes and spirits by brand or slang: refused, never the catalog goods, never ignored.
  ["3-2-501 机油一桶", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 大米1袋 机油1桶", undefined, { kind: "order", items: [["RICE", 1]], rejected: "UNKNOWN_ITEM" }],
  ["汽油两桶", "3-2-501 王", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 黄油1盒 食用油1桶", undefined, { kind: "order", items: [["OIL", 1]], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 自热米饭2盒", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["要两盒米饭", "3-2-501 王", { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 自热火锅2盒 方便面1箱", undefined, { kind: "order", items: [["NOODLES", 1]], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 鹅蛋10个 鸡蛋1盒", undefined, { kind: "order", items: [["EGGS", 1]], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 华子一条", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["帮我带两包华子", "3-2-501 王", { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 中华烟一条 鸡蛋2盒", undefined, { kind: "order", items: [["EGGS", 2]], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 牛栏山2瓶", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  // The catalog's own compounds stay catalog goods; 加油 is no oil.
  [
    "3-2-501 泡面2箱 酱油1瓶",
    undefined,
    {
      kind: "order",
      items: [
        ["NOODLES", 2],
        ["SOY", 1],
      ],
      rejected: false,
    },
  ],
  ["3-2-501 香米一袋", undefined, { kind: "order", items: [["RICE", 1]], rejected: false }],
  ["大家加油", "3-2-501 王", { kind: "none" }],
  // Telling what was eaten, made or given is no order; nor are people and messages counted.
  ["孩子今天吃了3个包子", "6-2-301 李", { kind: "none" }],
  ["谢谢你送的两个馒头", "6-2-301 李", { kind: "none" }],
  ["今天包了20个饺子", "6-2-301 李", { kind: "none" }],
  ["发了两条消息都没人回", "6-2-301 李", { kind: "none" }],
  ["家里三个老人两个孩子", "6-2-301 李", { kind: "none" }],
];

const NOT_GOODS: Row[] = [
  ["3-2-501 大套餐一份 家里两个老人", undefined, { kind: "order", items: [["PKG150", 1]], rejected: false }],
  ["家里三个大人两个小孩 要一份中套餐", "5-1-202 吴", { kind: "order", items: [["PKG100", 1]], rejected: false }],
  ["6组8号 住着两位老人 小套餐一份", undefined, { kind: "order", items: [["PKG50", 1]], rejected: false }],
];

const MEDICINES: Row[] = [
  ["葡萄糖酸钙口服液 1盒 3-2-501", undefined, { kind: "medicine", medicines: [["葡萄糖酸钙口服液", 1]] }],
  ["孩子腹泻 要口服补液盐两袋", "8-2-101 严", { kind: "medicine", medicines: [["口服补液盐", 2]] }],
  ["盐酸二甲双胍片 2盒 4组5号", undefined, { kind: "medicine", household: "4-5", medicines: [["盐酸二甲双胍片", 2]] }],
  ["开塞露不够 甘油灌肠剂一盒 2-2-202", undefined, { kind: "medicine" }],
  ["布地奈德气雾剂1支", "9-1-101 孔", { kind: "medicine", medicines: [["布地奈德气雾剂", 1]] }],
  ["葡萄糖一袋 3-2-501", undefined, { kind: "medicine", medicines: [["葡萄糖", 1]] }],
  // Syrups and lozenges are medicine forms, even when a food word is inside (枇杷糖浆: 糖 + 浆).
  ["枇杷糖浆两瓶 6组2号", undefined, { kind: "medicine", household: "6-2", medicines: [["枇杷糖浆", 2]] }],
  ["孩子咳嗽 要糖浆一瓶", "3-2-501 王", { kind: "medicine", medicines: [["糖浆", 1]] }],
  ["罗汉果喉糖2盒 5-1-101", undefined, { kind: "medicine", medicines: [["罗汉果喉糖", 2]] }],
  ["枇杷膏一瓶 3-2-501", undefined, { kind: "medicine", medicines: [["枇杷膏", 1]] }],
  ["薄荷含片 1盒", "3-2-501 王", { kind: "medicine", medicines: [["薄荷含片", 1]] }],
  ["这个群能代买药吗", undefined, { kind: "none" }],
];

describe("words are words", () => {
  it.each(NOT_CATALOG_GOODS)("not catalog goods: %s (sender %s)", (text, sender, want) =>
    check(parse(text, sender), want),
  );
  it.each(COUNTED_UNKNOWN_GOODS)("counted goods outside the catalog: %s (sender %s)", (text, sender, want) =>
    check(parse(text, sender), want),
  );
  it.each(NOT_GOODS)("not goods at all: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
  it.each(MEDICINES)("medicines: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
