// Rules for the kinds of message held-out corpus D found misread (tests/parse/corpus-heldout-d.jsonl),
// each with sentences of its own: goods taken out through 那包 / 这袋; 再来 and a clause opening with 加
// add; a sender's correction of their own counts (写错了, 报错了, 不是N) sets them; asking whether the
// order got on the list (报上去了没) or which day it comes (今天送还是明天送) is status; hoarding talk
// (囤了, 多囤点) and how-to questions (怎么报单) are none; 对门 / 大楼 before an address is no marker of it.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const REMOVED: Row[] = [
  [
    "尿不湿那包取消，奶粉照常 7幢1单元602",
    undefined,
    { kind: "amend", household: "7-1-602", items: [], removed: ["DIAPERS"] },
  ],
  ["奶粉那罐不要了 3-2-501", undefined, { kind: "amend", household: "3-2-501", items: [], removed: ["FORMULA"] }],
  ["酱油这瓶去掉，其他不变", "2-1-201 李", { kind: "amend", items: [], removed: ["SOY"] }],
];

const ADDED: Row[] = [
  ["再来一盒鸡蛋哈", undefined, { kind: "amend", items: [["EGGS", 1]], mode: "add" }],
  ["再来两袋盐", "3-2-501 王", { kind: "amend", items: [["SALT", 2]], mode: "add" }],
  [
    "鸡蛋不要了，加一箱牛奶 6-1-202",
    undefined,
    { kind: "amend", household: "6-1-202", items: [["MILK", 1]], removed: ["EGGS"], mode: "add" },
  ],
  ["酱油不要了，再两袋米 3-2-501", undefined, { kind: "amend", items: [["RICE", 2]], removed: ["SOY"], mode: "add" }],
];

const CORRECTED: Row[] = [
  [
    "米要3袋 不是2袋 刚才写错了 5-1-101",
    undefined,
    { kind: "amend", household: "5-1-101", items: [["RICE", 3]], mode: "set" },
  ],
  ["报错了，鸡蛋要2盒 3-2-501", undefined, { kind: "amend", household: "3-2-501", items: [["EGGS", 2]], mode: "set" }],
  ["刚才打错了 牛奶1箱", "4-1-401 周", { kind: "amend", items: [["MILK", 1]], mode: "set" }],
];

const STATUS: Row[] = [
  ["团长 我家订单报上去了没 6组23号", undefined, { kind: "status", household: "6-23" }],
  ["3-2-501 的单子交上去了吗", undefined, { kind: "status", household: "3-2-501" }],
  ["我们家的东西是今天送还是明天送啊？15幢2单元402", undefined, { kind: "status", household: "15-2-402" }],
  ["我家的菜明天到还是后天到？", "5-1-101 吴", { kind: "status" }],
];

const NONE: Row[] = [
  ["哈哈哈 囤了三天泡面 再吃要吐了", undefined, { kind: "none" }],
  ["阿拉老早就讲了，要多囤点米，侬看看", undefined, { kind: "none" }],
  ["大家要多囤点油啊", undefined, { kind: "none" }],
  ["我家老人不会用微信，怎么帮他们报单？", undefined, { kind: "none" }],
  ["新来的，请问怎么下单？", undefined, { kind: "none" }],
  ["如何接龙啊", undefined, { kind: "none" }],
];

// A word ending in 门 or 楼 (对门, 大楼) before an address is no marker of it: the address is read.
const NEIGHBOURS: Row[] = [
  [
    "我家5-2-601 小套餐1份，对门5-2-602 小套餐1份 他家老人不会弄",
    undefined,
    {
      kind: "order",
      household: null,
      entries: [
        ["5-2-601", [["PKG50", 1]]],
        ["5-2-602", [["PKG50", 1]]],
      ],
    },
  ],
  ["对门3-1-202 大套餐1份", undefined, { kind: "order", household: "3-1-202", items: [["PKG150", 1]] }],
  ["帮隔壁大楼4-2-301 报两袋米", undefined, { kind: "order", household: "4-2-301", items: [["RICE", 2]] }],
];

// 有事打我电话 / 有问题联系我 tell how to reach the sender: no talk about what goods there are.
const CONTACT: Row[] = [
  [
    "团长您好，我家老人腿脚不方便，麻烦给报个50园的套餐，地址是李家村六组十四号，有事打我电话13574561230，谢谢了",
    undefined,
    { kind: "order", household: "6-14", items: [["PKG50", 1]], phone: "13574561230" },
  ],
  ["麻烦报个小套餐 3-2-501 有问题联系我", undefined, { kind: "order", household: "3-2-501", items: [["PKG50", 1]] }],
];

// A flattened 接龙 whose first entry follows the title's colon: that entry is read too.
const FLATTENED: Row[] = [
  [
    "#接龙 九组团购：1. 9组1号 小套餐 2. 9组5号 中套餐 3. 9组7号 大套餐",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["9-1", [["PKG50", 1]]],
        ["9-5", [["PKG100", 1]]],
        ["9-7", [["PKG150", 1]]],
      ],
    },
  ],
  [
    "#接龙 大米团购:1. 3-1-101 2袋 2. 3-1-102 1袋",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-1-101", [["RICE", 2]]],
        ["3-1-102", [["RICE", 1]]],
      ],
    },
  ],
];

const TABLES: [string, Row[]][] = [
  ["goods taken out through 那包 / 这袋", REMOVED],
  ["再来, and a clause opening with an add word", ADDED],
  ["a correction of one's own counts", CORRECTED],
  ["whether the order got on the list, which day it comes", STATUS],
  ["hoarding talk and how-to questions", NONE],
  ["an address after 对门 / 大楼", NEIGHBOURS],
  ["how to reach the sender, after an order", CONTACT],
  ["a flattened 接龙 whose first entry follows the title's colon", FLATTENED],
];

for (const [name, rows] of TABLES)
  describe(name, () => {
    for (const [text, sender, e] of rows) it(text, () => check(parse(text, sender), e));
  });
