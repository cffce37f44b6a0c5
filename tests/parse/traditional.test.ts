// Traditional characters read like simplified ones everywhere (issue 10): OpenCC's character
// tables, applied once at the start of normalisation, and `toSimplified` for the app.
import { describe, expect, it } from "vitest";
import { toSimplified } from "../../src/flows/parse";
import { check, parse, type Row } from "./helpers";

const ROWS: Row[] = [
  [
    "尿不濕2包 衛生紙一提",
    "3-2-501 王",
    {
      kind: "order",
      household: "3-2-501",
      items: [
        ["DIAPERS", 2],
        ["TISSUE", 1],
      ],
    },
  ],
  ["訂單作廢 5-1-302", undefined, { kind: "cancel", household: "5-1-302" }],
  ["撤銷 我家的訂單", "7-1-101 鄭", { kind: "cancel", household: "7-1-101" }],
  ["訂單狀態 12-3-402", undefined, { kind: "status", household: "12-3-402" }],
  ["需要降壓藥 纈沙坦 兩盒", "3-2-501 王", { kind: "medicine", medicines: [["缬沙坦", 2]] }],
  ["鹹鴨蛋兩盒 3-2-501", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["#接龍\n滷味團購\n1. 3-1-101 雞蛋2盒", undefined, { kind: "jielong", entries: [["3-1-101", [["EGGS", 2]]]] }],
];

describe("traditional characters", () => {
  it.each(ROWS)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});

describe("toSimplified", () => {
  it.each([
    ["斷糧", "断粮"],
    ["封城斷糧了嗎", "封城断粮了吗"],
    ["聽說明天封鎖", "听说明天封锁"],
    ["謠言：超市關門", "谣言：超市关门"],
    ["already simplified 断粮", "already simplified 断粮"],
    // Simplified text is left as it is (Taiwan's variant table would turn 么 into 幺).
    ["什么时候到 怎么这么慢", "什么时候到 怎么这么慢"],
  ])("%s → %s", (from, to) => {
    expect(toSimplified(from)).toBe(to);
    expect(toSimplified(from)).toHaveLength(from.length);
  });
});
