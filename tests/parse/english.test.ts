import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ENGLISH: Row[] = [
  [
    "3-2-501 Zhang: one 100 yuan package and 2 cans of formula",
    undefined,
    {
      kind: "order",
      household: "3-2-501",
      name: "Zhang",
      items: [
        ["PKG100", 1],
        ["FORMULA", 2],
      ],
    },
  ],
  ["6-6-606 Li: two 50 yuan packages", undefined, { kind: "order", household: "6-6-606", items: [["PKG50", 2]] }],
  [
    "Building 3 Unit 2 Room 501, two bags of rice please",
    undefined,
    { kind: "order", household: "3-2-501", items: [["RICE", 2]] },
  ],
  ["5-1-101 need 3 boxes of eggs", undefined, { kind: "order", items: [["EGGS", 3]] }],
  [
    "3-2-501: 2 bags of rice, 1 bottle of soy sauce",
    undefined,
    {
      kind: "order",
      items: [
        ["RICE", 2],
        ["SOY", 1],
      ],
    },
  ],
  ["Can I get 2 boxes of eggs? 3-2-501", undefined, { kind: "order", items: [["EGGS", 2]] }],
  [
    "please send 1 medium package to 4-1-202",
    undefined,
    { kind: "order", household: "4-1-202", items: [["PKG100", 1]] },
  ],
  ["3-2-501 package B x2", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["3-2-501 a 150-yuan package", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["4-4-404 twelve eggs... no, three boxes of eggs", undefined, { kind: "order", household: "4-4-404" }],
  [
    "3-2-501 one bag of rice and a bottle of beer",
    undefined,
    { kind: "order", items: [["RICE", 1]], rejected: "CATEGORY_NOT_ALLOWED" },
  ],
  ["3-2-501 eleven packs of diapers", undefined, { kind: "order", items: [["DIAPERS", 11]] }],
  ["Cancel order for 5-1-302", undefined, { kind: "cancel", household: "5-1-302" }],
  ["where is my order 5-1-302", undefined, { kind: "status", household: "5-1-302" }],
  ["When will my package arrive? 3-2-501", undefined, { kind: "status", household: "3-2-501" }],
  ["Thank you so much!", undefined, { kind: "none" }],
  ["Do you have formula?", undefined, { kind: "none" }],
];

describe("English", () => it.each(ENGLISH)("%s", (t, s, e) => check(parse(t, s), e)));
