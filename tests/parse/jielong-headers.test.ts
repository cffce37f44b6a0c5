// 接龙 headers people really write (issue 10): a price on its own line under the title, a legend
// of lettered packages, a numbered menu above the entries (not entries), 例 lines (not entries).
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ROWS: Row[] = [
  [
    "#接龙\n6号楼团购\n50元/份\n\n1. 6-1-101 1份\n2. 6-2-201 2份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["6-1-101", [["PKG50", 1]]],
        ["6-2-201", [["PKG50", 2]]],
      ],
    },
  ],
  [
    "#接龙\n2组物资\n一百元一份 明天送\n1. 2组4号 王 1份\n2. 2组9号 李 3份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["2-4", [["PKG100", 1]]],
        ["2-9", [["PKG100", 3]]],
      ],
    },
  ],
  [
    "#接龙\n9栋接龙\n套餐A=50 套餐B=100 套餐C=150\n1. 9-1-101 C 2份\n2. 9-1-102 A 1份\n3. 9-1-103 B×1",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["9-1-101", [["PKG150", 2]]],
        ["9-1-102", [["PKG50", 1]]],
        ["9-1-103", [["PKG100", 1]]],
      ],
    },
  ],
  // The legend's prices say what each letter is.
  [
    "#接龙\n两种套餐 A套餐100 B套餐150\n1. 2-1-101 A 1份\n2. 2-1-102 B 2份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["2-1-101", [["PKG100", 1]]],
        ["2-1-102", [["PKG150", 2]]],
      ],
    },
  ],
  [
    "#接龙\n8号楼团购\n价格：100元/份\n1. 8-1-101 2份\n2. 8-1-202 1份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["8-1-101", [["PKG100", 2]]],
        ["8-1-202", [["PKG100", 1]]],
      ],
    },
  ],
  [
    "#接龙\n团购\nA. 50元套餐 B. 100元套餐\n1. 3-1-101 B 2份",
    undefined,
    { kind: "jielong", entries: [["3-1-101", [["PKG100", 2]]]] },
  ],
  [
    "#接龙\n9栋\n套餐：A 50元 B 100元 C 150元\n1. 9-1-101 A 1份\n2. 9-1-102 C 1份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["9-1-101", [["PKG50", 1]]],
        ["9-1-102", [["PKG150", 1]]],
      ],
    },
  ],
  [
    "#接龙\n3组团购\n1、小套餐 50元\n2、大套餐 150元\n\n1. 3组2号 大套餐1份\n2. 3组7号 小套餐2份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-2", [["PKG150", 1]]],
        ["3-7", [["PKG50", 2]]],
      ],
    },
  ],
  [
    "#接龙 5栋团购 1. 例：5-1-101 中套餐1份 2. 5-1-202 大套餐1份 3. 5-2-301 小套餐1份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["5-1-202", [["PKG150", 1]]],
        ["5-2-301", [["PKG50", 1]]],
      ],
    },
  ],
  // An entry without a household is still an entry, not a menu line.
  [
    "#接龙\n奶粉团购\n1. 王 2罐\n2. 3-1-101 李 1罐",
    undefined,
    {
      kind: "jielong",
      entries: [
        [null, [["FORMULA", 2]]],
        ["3-1-101", [["FORMULA", 1]]],
      ],
    },
  ],
];

describe("接龙 headers", () => {
  it.each(ROWS)("%s", (text, sender, want) => check(parse(text, sender), want));
});
