// Quoted replies (issue 10): 「name：quoted text」, a dashed line, the reply. A "me too" reply
// orders the quoted goods (the reply's own count where it gives one) for the replier's household;
// anything else is read from the reply alone. `quoted` carries the quoted message for the app.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const SEP = "\n- - - - - - - - - - - - - - -\n";
const q = (name: string, text: string, reply: string): string => `「${name}：${text}」${SEP}${reply}`;

const ROWS: Row[] = [
  [
    q("5-5-101 钱", "鸡蛋2盒 牛奶1箱", "同上"),
    "5-5-102 孙",
    {
      kind: "order",
      household: "5-5-102",
      items: [
        ["EGGS", 2],
        ["MILK", 1],
      ],
      quoted: { name: "5-5-101 钱", text: "鸡蛋2盒 牛奶1箱" },
    },
  ],
  [
    q("老陈 4组2号", "大套餐1份", "我家也要 两份"),
    "4组3号 老林",
    { kind: "order", household: "4-3", items: [["PKG150", 2]] },
  ],
  [q("小林", "奶粉3罐", "+1 6-6-606"), "阿芳", { kind: "order", household: "6-6-606", items: [["FORMULA", 3]] }],
  [
    q("7-7-701 Amy", "2 bags of rice", "me too"),
    "7-7-702 Ben",
    { kind: "order", household: "7-7-702", items: [["RICE", 2]] },
  ],
  [
    q("8-1-101 周", "小套餐一份 卫生纸一提", "我们也一样"),
    "8-1-102 吴",
    {
      kind: "order",
      household: "8-1-102",
      items: [
        ["PKG50", 1],
        ["TISSUE", 1],
      ],
    },
  ],
  [q("8-1-101 周", "泡面1箱 鸡蛋2盒", "同上 鸡蛋要三盒的"), "8-1-102 吴", { kind: "order", items: [["EGGS", 3]] }],
  [
    q("3-1-101 王", "中套餐1份", "同样来一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [q("3-1-101 王", "中套餐1份", "加1"), "3-1-102 李", { kind: "order", household: "3-1-102", items: [["PKG100", 1]] }],
  [
    q("3-1-101 王", "中套餐1份", "照这个来两份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 2]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "跟你家一样"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "帮她也订一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "你家订了啊，我家也要一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  // Remarking that someone else ordered is no "me too", whatever goods it names.
  [q("4-2-201 刘姐", "小套餐1份 鸡蛋1盒", "刘姐你也订这个呀 嘿嘿"), "4-2-202 小马", { kind: "none" }],
  [q("4-2-201 刘姐", "小套餐1份", "他们家也要小套餐啊"), "4-2-202 小马", { kind: "none" }],
  [q("4-2-201 刘姐", "小套餐1份", "刘姐家也来了一份 哈哈"), "4-2-202 小马", { kind: "none" }],
  [q("4-2-201 刘姐", "小套餐1份", "刘姐也订小套餐了呀"), "4-2-202 小马", { kind: "none" }],
  [
    q("4-2-201 刘姐", "小套餐1份", "同楼上"),
    "4-2-202 小马",
    { kind: "order", household: "4-2-202", items: [["PKG50", 1]] },
  ],
  // "Also" as 都 after the replier (Cantonese and colloquial), 亦, 也 with other ordering words, and
  // "count me in": the quoted goods for the replier.
  [
    q("3-1-101 王", "中套餐1份", "我都要一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "我哋都要"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "大米1袋 鸡蛋2盒", "我哋屋企都要"),
    "3-1-102 李",
    {
      kind: "order",
      household: "3-1-102",
      items: [
        ["RICE", 1],
        ["EGGS", 2],
      ],
    },
  ],
  [
    q("3-1-101 王", "中套餐1份", "我家都要两份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 2]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "俺们都来一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "我亦要"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "我也整一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "算我家一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "照楼上"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "俺也要一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  [
    q("3-1-101 王", "中套餐1份", "跟楼上一样"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["PKG100", 1]] },
  ],
  // 一份 / 两份 under goods not counted in 份: orders like the quoted one, in the quoted counts.
  [
    q("3-1-101 王", "鸡蛋2盒", "俺家也来一份"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["EGGS", 2]] },
  ],
  [
    q("3-1-101 王", "大米1袋 鸡蛋2盒", "我都要两份"),
    "3-1-102 李",
    {
      kind: "order",
      household: "3-1-102",
      items: [
        ["RICE", 2],
        ["EGGS", 4],
      ],
    },
  ],
  [
    q("3-1-101 王", "鸡蛋2盒", "我也要3盒"),
    "3-1-102 李",
    { kind: "order", household: "3-1-102", items: [["EGGS", 3]] },
  ],
  // 都 said of others, or 都 not wanting: no "me too".
  [q("3-1-101 王", "中套餐1份", "佢哋都要咗啊"), "3-1-102 李", { kind: "none" }],
  [q("3-1-101 王", "中套餐1份", "大家都要这个吗"), "3-1-102 李", { kind: "none" }],
  [q("3-1-101 王", "中套餐1份", "我都唔要喇"), "3-1-102 李", { kind: "cancel" }],
  // Not "me too": read from the reply alone, never from the quote.
  [
    q("3-1-101 李", "大套餐1份", "这么多吃得完吗"),
    "3-1-102 赵",
    { kind: "none", quoted: { name: "3-1-101 李", text: "大套餐1份" } },
  ],
  [q("团长", "明天上午截单", "好的 收到"), "3-1-102 赵", { kind: "none" }],
  [q("3-1-101 李", "大套餐1份", "我家也不要了"), "3-1-102 赵", { kind: "cancel", household: "3-1-102" }],
  // The quote's phone number is not echoed.
  [
    q("张三 13812345678", "小套餐1份", "同上"),
    "2-2-202 黄",
    {
      kind: "order",
      household: "2-2-202",
      items: [["PKG50", 1]],
      quoted: { name: "张三 138****5678", text: "小套餐1份" },
    },
  ],
  // No quote: no `quoted`.
  ["3-2-501 小套餐1份", undefined, { kind: "order", quoted: null }],
];

describe("quoted replies", () => {
  it.each(ROWS)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
