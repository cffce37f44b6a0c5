// Amendments per the contract (issue 10): 再加 / 追加 / 多要 add; 改成 / 换成 / 加到 set; goods
// taken out are `removed` (not the whole order); 删掉订单 / 撤销 cancel; a remark about one's own
// earlier report keeps the message; a question whether the order was cancelled is a status
// question; a change by a person's name carries `forName`, never the sender's household.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ADD: Row[] = [
  ["再加两盒鸡蛋", "5-5-501 严", { kind: "amend", household: "5-5-501", items: [["EGGS", 2]], mode: "add" }],
  ["追加一箱泡面 4组7号", undefined, { kind: "amend", household: "4-7", items: [["NOODLES", 1]], mode: "add" }],
  ["酱油多要一瓶", "2-2-201 卫", { kind: "amend", items: [["SOY", 1]], mode: "add" }],
  ["我家再追加一份大套餐", "6-1-601 秦", { kind: "amend", items: [["PKG150", 1]], mode: "add" }],
  [
    "多加一提纸巾 一条烟",
    "8-1-801 许",
    { kind: "amend", items: [["TISSUE", 1]], rejected: "CATEGORY_NOT_ALLOWED", mode: "add" },
  ],
  ["plus one bag of flour 3-3-303", undefined, { kind: "amend", items: [["FLOUR", 1]], mode: "add" }],
  ["add 2 boxes of eggs please", "1-1-101 Lee", { kind: "amend", items: [["EGGS", 2]], mode: "add" }],
  ["我家还要加一袋米", "3-3-303 王", { kind: "amend", items: [["RICE", 1]], mode: "add" }],
  ["多来一袋米", "3-2-501 王", { kind: "amend", items: [["RICE", 1]], mode: "add" }],
  // An add word after the order itself (订单里加, 单子上再添, 在原来的基础上加), and 添: added to it.
  ["3-2-501 订单里加一箱牛奶", undefined, { kind: "amend", household: "3-2-501", items: [["MILK", 1]], mode: "add" }],
  ["单子上再添两袋盐", "3-2-501 王", { kind: "amend", household: "3-2-501", items: [["SALT", 2]], mode: "add" }],
  ["3-2-501 在原来的基础上加两盒鸡蛋", undefined, { kind: "amend", items: [["EGGS", 2]], mode: "add" }],
  ["3-2-501 再给我添一袋米", undefined, { kind: "amend", items: [["RICE", 1]], mode: "add" }],
  ["再给我添一袋米", "3-2-501 王", { kind: "amend", items: [["RICE", 1]], mode: "add" }],
  ["3-2-501 订单加一提纸巾", undefined, { kind: "amend", items: [["TISSUE", 1]], mode: "add" }],
  // Joining goods of one new order is no change: 再加 after goods that already have their count.
  [
    "3-1-101 50元套餐一份，再加两袋盐",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG50", 1],
        ["SALT", 2],
      ],
    },
  ],
];

const SET: Row[] = [
  ["白糖改成两袋", "7-7-701 金", { kind: "amend", items: [["SUGAR", 2]], mode: "set" }],
  ["大米加到3袋 5组1号", undefined, { kind: "amend", household: "5-1", items: [["RICE", 3]], mode: "set" }],
  ["换成大套餐 之前报错了", "2-3-302 孔", { kind: "amend", items: [["PKG150", 1]], mode: "set" }],
  ["change milk to 2 cartons, 4-4-401", undefined, { kind: "amend", items: [["MILK", 2]], mode: "set" }],
  // 改 / 换 / 转 + 做 / 为 …, Cantonese and written Chinese alike.
  ["3-2-501 將大套餐改做2份", undefined, { kind: "amend", items: [["PKG150", 2]], mode: "set" }],
  ["大米转做3袋", "3-2-501 王", { kind: "amend", items: [["RICE", 3]], mode: "set" }],
  ["3-2-501 鸡蛋改为3盒", undefined, { kind: "amend", items: [["EGGS", 3]], mode: "set" }],
  // An arrow: its right side is what the order holds now; goods on the left that differ are taken out.
  ["3-2-501 中套餐→大套餐", undefined, { kind: "amend", items: [["PKG150", 1]], removed: ["PKG100"], mode: "set" }],
  ["3-2-501 小套餐 -> 中套餐", undefined, { kind: "amend", items: [["PKG100", 1]], removed: ["PKG50"], mode: "set" }],
  ["3-2-501 A套餐 2→3", undefined, { kind: "amend", items: [["PKG50", 3]], removed: [], mode: "set" }],
  ["牛奶1箱=>2箱", "3-2-501 王", { kind: "amend", items: [["MILK", 2]], removed: [], mode: "set" }],
];

const REMOVED: Row[] = [
  ["面粉不要了，别的照旧", "3-3-301 戚", { kind: "amend", items: [], removed: ["FLOUR"] }],
  ["把卫生纸去掉 6-2-202", undefined, { kind: "amend", household: "6-2-202", items: [], removed: ["TISSUE"] }],
  ["泡面和鸡蛋都不要了 其他不变", "9-9-901 韦", { kind: "amend", items: [], removed: ["NOODLES", "EGGS"] }],
  ["酱油去掉 白糖改成两袋", "1-2-101 谢", { kind: "amend", items: [["SUGAR", 2]], removed: ["SOY"], mode: "set" }],
  ["食盐也不要了 谢谢团长", "4-1-102 喻", { kind: "amend", items: [], removed: ["SALT"] }],
  ["把油去掉 再加一袋面粉", "3-1-303 柏", { kind: "amend", items: [["FLOUR", 1]], removed: ["OIL"], mode: "add" }],
  ["奶粉那个不要了 别的不变", "3-3-303 王", { kind: "amend", items: [], removed: ["FORMULA"] }],
  // Cantonese: 唔要喇 is 不要了, 其他冇变 / 其他照旧 keep the rest — a change, not a cancel.
  ["3-2-501 鸡蛋唔要喇，其他冇變", undefined, { kind: "amend", items: [], removed: ["EGGS"] }],
  ["牛奶唔要喇 其他照旧", "3-2-501 王", { kind: "amend", household: "3-2-501", items: [], removed: ["MILK"] }],
  ["3-2-501 大米唔要 其他冇变", undefined, { kind: "amend", items: [], removed: ["RICE"] }],
  // A package taken out is the whole order.
  ["3-2-501 取消100元套餐", undefined, { kind: "cancel" }],
];

const CANCEL_STATUS: Row[] = [
  ["我那单删掉吧 下错了", "5-2-502 伍", { kind: "cancel", household: "5-2-502" }],
  ["订单撤销 4-4-404", undefined, { kind: "cancel", household: "4-4-404" }],
  ["之前报多了 鸡蛋改成1盒", "8-8-802 汪", { kind: "amend", items: [["EGGS", 1]] }],
  ["我们家的单没被取消吧", "3-3-303 石", { kind: "status", household: "3-3-303" }],
  ["单子还在吗？群里有人说被删了", "6-6-606 罗", { kind: "status", household: "6-6-606" }],
  ["团长 我的订单确认了没", "2-2-202 毕", { kind: "status", household: "2-2-202" }],
  ["几点能送到 3-2-501", undefined, { kind: "status", household: "3-2-501" }],
  ["我家订单取消了吗？", "3-3-303 王", { kind: "status", household: "3-3-303" }],
  ["能帮我取消订单吗", "3-3-303 王", { kind: "cancel", household: "3-3-303" }],
];

const FOR_NAME: Row[] = [
  [
    "李爷爷那份换成小套餐",
    "3-1-101 志愿者小张",
    { kind: "amend", household: null, items: [["PKG50", 1]], forName: "李爷爷" },
  ],
  ["帮老周把鸡蛋去掉", "网格员 小郑", { kind: "amend", household: null, removed: ["EGGS"], forName: "老周" }],
  [
    "帮5组8号张奶奶改一下 改成中套餐",
    "志愿者 阿杰",
    { kind: "amend", household: "5-8", items: [["PKG100", 1]], forName: "张奶奶" },
  ],
  ["王阿姨的订单取消", "楼组长 沈", { kind: "cancel", household: null, forName: "王阿姨" }],
  ["帮刘爷爷看看菜到了没", "志愿者 小何", { kind: "status", household: null, forName: "刘爷爷" }],
  ["帮我把奶粉改成2罐", "3-2-501 王", { kind: "amend", household: "3-2-501", forName: null }],
];

describe("amendments", () => {
  it.each(ADD)("add: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
  it.each(SET)("set: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
  it.each(REMOVED)("removed: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
  it.each(CANCEL_STATUS)("cancel or status: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
  it.each(FOR_NAME)("by name: %s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
