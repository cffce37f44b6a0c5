import { describe, expect, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const LISTS: Row[] = [
  [
    "#接龙\n2号楼套餐团购 后天送\n\n1. 2-101 100元套餐 1份\n2. 2-202 50元套餐 1份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["2-101", [["PKG100", 1]]],
        ["2-202", [["PKG50", 1]]],
      ],
    },
  ],
  [
    "#接龙\n纸尿裤团购\n\n1. 6-1-101 1包\n2. 6-2-202 2包",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["6-1-101", [["DIAPERS", 1]]],
        ["6-2-202", [["DIAPERS", 2]]],
      ],
    },
  ],
  [
    "#接龙\n5组团购\n\n1. 5组2号 150元\n2. 5组8号 100元 2份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["5-2", [["PKG150", 1]]],
        ["5-8", [["PKG100", 2]]],
      ],
    },
  ],
  [
    "#接龙 纸尿裤团购 1. 6-1-101 1包 2. 6-2-202 2包",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["6-1-101", [["DIAPERS", 1]]],
        ["6-2-202", [["DIAPERS", 2]]],
      ],
    },
  ],
  [
    "#接龙\n奶粉团购\n例：1-1-101 张三 2罐\n1. 5-1-101 王 2罐\n2. 5-1-102 李 1罐\n3. 5-1-103 赵",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["5-1-101", [["FORMULA", 2]]],
        ["5-1-102", [["FORMULA", 1]]],
        ["5-1-103", [["FORMULA", 1]]],
      ],
    },
  ],
  [
    "#接龍\n大米团购\n1、3-1-101 2袋\n2、3-1-102 三袋",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-1-101", [["RICE", 2]]],
        ["3-1-102", [["RICE", 3]]],
      ],
    },
  ],
  [
    "#Group Note\nPackage order\n1. 3-2-501 Zhang 100元套餐 1份\n2. 3-2-502 Li 50元 2份",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-2-501", [["PKG100", 1]]],
        ["3-2-502", [["PKG50", 2]]],
      ],
    },
  ],
  [
    "#接龙\n套餐团购\n例：1-1-101 张三 100元套餐1份\n1) 1-1-102 100元 1份\n2) 1-1-103 大套餐\n3) 王五 150元",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["1-1-102", [["PKG100", 1]]],
        ["1-1-103", [["PKG150", 1]]],
        [null, [["PKG150", 1]]],
      ],
    },
  ],
  [
    "#接龙\n套餐团购\n1) 1-1-102 100元 1份\n2) 1-1-103 150\n3) 1-1-104 50的",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["1-1-102", [["PKG100", 1]]],
        ["1-1-103", [["PKG150", 1]]],
        ["1-1-104", [["PKG50", 1]]],
      ],
    },
  ],
  [
    "#接龙\n今天团购\n1. 3-1-101 王 100元\n2. 3-1-102 李 鸡蛋2盒 大米1袋",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-1-101", [["PKG100", 1]]],
        [
          "3-1-102",
          [
            ["EGGS", 2],
            ["RICE", 1],
          ],
        ],
      ],
    },
  ],
  [
    "#接龙\n鸡蛋团购，每盒15元\n1、3栋2单元501 2盒\n2、三栋一单元302 1盒\n3、5组7号 三盒",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-2-501", [["EGGS", 2]]],
        ["3-1-302", [["EGGS", 1]]],
        ["5-7", [["EGGS", 3]]],
      ],
    },
  ],
  [
    "#接龙\n奶粉团购\n1.5-1-101 王 2罐\n2.5-1-102 李 1罐",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["5-1-101", [["FORMULA", 2]]],
        ["5-1-102", [["FORMULA", 1]]],
      ],
    },
  ],
  [
    "#接龙\n大米团购 截止今晚8点\n1. 3-2-501 王五 2袋\n2. 3-2-502 1袋 备注：送到楼下\n\n请大家按格式接龙",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["3-2-501", [["RICE", 2]]],
        ["3-2-502", [["RICE", 1]]],
      ],
    },
  ],
  [
    "#Group Note\nDiapers group buy\n1. 6-1-101 Zhang 2 packs\n2. 6-1-102 Li 1",
    undefined,
    {
      kind: "jielong",
      entries: [
        ["6-1-101", [["DIAPERS", 2]]],
        ["6-1-102", [["DIAPERS", 1]]],
      ],
    },
  ],
];

describe("接龙 lists", () => {
  it.each(LISTS)("%s", (t, s, e) => check(parse(t, s), e));

  it("keeps a refusal on the entry that asks for refused goods", () => {
    const r = parse("#接龙\n团购\n1. 3-1-101 鸡蛋2盒 香烟1条\n2. 3-1-102 大米1袋");
    expect(r.entries[0]!.rejected.map((x) => x.reason)).toEqual(["CATEGORY_NOT_ALLOWED"]);
    expect(r.entries[1]!.rejected).toEqual([]);
  });

  it("gives the title", () => expect(parse("#接龙\n奶粉团购\n1. 5-1-101 2罐").title).toBe("奶粉团购"));

  it("names entries", () => expect(parse("#接龙\n奶粉团购\n1. 5-1-101 王 2罐").entries[0]!.name).toBe("王"));
});
