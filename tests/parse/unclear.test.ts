// Messages that name a household and goods but leave what they want open (issue 10): kind none
// with `unclear`, so the app asks one short question. Used sparingly: chatter and plain orders
// are never unclear. (Several households and one set of goods: tests/parse/multi-household.test.ts.)
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ROWS: Row[] = [
  ["5-5-505 小套餐还是中套餐 来一份", undefined, { kind: "none", household: "5-5-505", unclear: true }],
  ["大米或者面粉 一袋", "3-3-101 侯", { kind: "none", household: "3-3-101", unclear: true }],
  // Not unclear: a question to the group, a choice made, a plain order.
  ["小套餐还是中套餐划算？", undefined, { kind: "none", unclear: false }],
  ["3-2-501 还是要一份大套餐", undefined, { kind: "order", items: [["PKG150", 1]], unclear: false }],
  ["团长辛苦了", "3-2-501 王", { kind: "none", unclear: false }],
];

describe("unclear requests", () => {
  it.each(ROWS)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
