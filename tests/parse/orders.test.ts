import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const ORDERS: Row[] = [
  // packages by price, size, letter
  [
    "2栋1单元301 王五 100元套餐1份",
    undefined,
    { kind: "order", household: "2-1-301", items: [["PKG100", 1]], rejected: false, name: "王五" },
  ],
  ["3号楼2单元501 100套餐1份", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["3/2/501 张 100的", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["3-2-501 要一个100的", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["3-2-501 一百块的", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["一百元的套餐 一份 3-2-501", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["3-2-501 一百五十元套餐", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["3-2-501 一百五的套餐两份", undefined, { kind: "order", items: [["PKG150", 2]] }],
  ["3-2-501 150块钱的套餐", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["3-2-501 套餐100元 1份", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["3#601 中套餐", undefined, { kind: "order", household: "3-601", items: [["PKG100", 1]] }],
  ["2#1-301 大套餐一份", undefined, { kind: "order", household: "2-1-301", items: [["PKG150", 1]] }],
  ["三组十五号 李 小套餐", undefined, { kind: "order", household: "3-15", items: [["PKG50", 1]], name: "李" }],
  ["套餐B 两份 4-1-101", undefined, { kind: "order", household: "4-1-101", items: [["PKG100", 2]] }],
  ["B套餐1份 4-1-101", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["3-2-501 套餐 b 一份", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["套餐C×1 6栋402", undefined, { kind: "order", household: "6-402", items: [["PKG150", 1]] }],
  ["3-2-501 C套餐x1", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["3-2-501 小套餐 ×2", undefined, { kind: "order", items: [["PKG50", 2]] }],
  ["要两份中套餐 11-2-303", undefined, { kind: "order", household: "11-2-303", items: [["PKG100", 2]] }],
  ["3-2-501 两大套餐", undefined, { kind: "order", items: [["PKG150", 2]] }],
  [
    "3-2-501 两小套餐 一中套餐",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG50", 2],
        ["PKG100", 1],
      ],
    },
  ],
  ["3-2-501 要两箱红烧牛肉面", undefined, { kind: "order", items: [["NOODLES", 2]] }],
  ["3-2-501 老坛酸菜面一箱", undefined, { kind: "order", items: [["NOODLES", 1]] }],
  ["100套餐*2 3-2-501", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["100元的 2份 3-2-501", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["3-2-501 100元 1份", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["3-2-501 100元", undefined, { kind: "order", items: [["PKG100", 1]] }],
  [
    "3-2-501 100元套餐两份 50元套餐一份",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG100", 2],
        ["PKG50", 1],
      ],
    },
  ],
  ["3-2-501 100元套餐 2", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["5-1-1101 何 100元套餐贰份", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["3-2-501 中份套餐1份", undefined, { kind: "order", items: [["PKG100", 1]] }],
  // catalog goods, quantities before/after, numerals
  ["12幢1单元1102 奶粉2罐", undefined, { kind: "order", household: "12-1-1102", items: [["FORMULA", 2]] }],
  ["5号楼1门101 鸡蛋两盒", undefined, { kind: "order", household: "5-1-101", items: [["EGGS", 2]] }],
  ["我要2罐奶粉", "3-501 张三", { kind: "order", household: "3-501", items: [["FORMULA", 2]] }],
  ["奶粉×2", "11栋501-吴", { kind: "order", household: "11-501", items: [["FORMULA", 2]] }],
  ["奶粉 x 2", "7-1-101 郑", { kind: "order", items: [["FORMULA", 2]] }],
  ["泡面*3", "7-1-101 郑", { kind: "order", items: [["NOODLES", 3]] }],
  [
    "两份中套餐 一袋米 3-2-501",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG100", 2],
        ["RICE", 1],
      ],
    },
  ],
  [
    "2罐奶粉1包尿不湿 3-2-501",
    undefined,
    {
      kind: "order",
      items: [
        ["FORMULA", 2],
        ["DIAPERS", 1],
      ],
    },
  ],
  [
    "奶粉2罐尿不湿1包 3-2-501",
    undefined,
    {
      kind: "order",
      items: [
        ["FORMULA", 2],
        ["DIAPERS", 1],
      ],
    },
  ],
  [
    "鸡蛋 2盒 大米 1袋 3-2-501",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 2],
        ["RICE", 1],
      ],
    },
  ],
  [
    "3-2-501 一箱泡面 两袋米 三盒鸡蛋",
    undefined,
    {
      kind: "order",
      items: [
        ["NOODLES", 1],
        ["RICE", 2],
        ["EGGS", 3],
      ],
    },
  ],
  [
    "3-2-501 米两袋，油一桶，盐两包",
    undefined,
    {
      kind: "order",
      items: [
        ["RICE", 2],
        ["OIL", 1],
        ["SALT", 2],
      ],
    },
  ],
  [
    "3-2-501 鸡蛋、大米各2",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 2],
        ["RICE", 2],
      ],
    },
  ],
  [
    "3-2-501 鸡蛋+大米+油",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 1],
        ["RICE", 1],
        ["OIL", 1],
      ],
    },
  ],
  [
    "3-2-501 鸡蛋加大米",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 1],
        ["RICE", 1],
      ],
    },
  ],
  [
    "3-2-501 鸡蛋和牛奶",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 1],
        ["MILK", 1],
      ],
    },
  ],
  ["3-2-501 鸡蛋1盒 鸡蛋2盒", undefined, { kind: "order", items: [["EGGS", 3]] }],
  ["3-2-501 抽纸2提和纸巾1提", undefined, { kind: "order", items: [["TISSUE", 3]] }],
  [
    "3-2-501 鸡蛋壹盒 大米叁袋",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 1],
        ["RICE", 3],
      ],
    },
  ],
  [
    "3-2-501 奶粉贰罐 尿片肆包",
    undefined,
    {
      kind: "order",
      items: [
        ["FORMULA", 2],
        ["DIAPERS", 4],
      ],
    },
  ],
  ["3-2-501 鸡蛋俩盒", undefined, { kind: "order", items: [["EGGS", 2]] }],
  ["3-2-501 十盒鸡蛋", undefined, { kind: "order", items: [["EGGS", 10]] }],
  ["3-2-501 拾盒鸡蛋", undefined, { kind: "order", items: [["EGGS", 10]] }],
  ["3-2-501 鸡蛋十二盒", undefined, { kind: "order", items: [["EGGS", 12]] }],
  ["3-2-501 鸡蛋二十盒", undefined, { kind: "order", items: [["EGGS", 20]] }],
  ["３－２－５０１ 鸡蛋２盒", undefined, { kind: "order", household: "3-2-501", items: [["EGGS", 2]] }],
  [
    "3-2-501 面粉2袋+酱油1瓶+白糖1袋",
    undefined,
    {
      kind: "order",
      items: [
        ["FLOUR", 2],
        ["SOY", 1],
        ["SUGAR", 1],
      ],
    },
  ],
  [
    "3-2-501 方便面2箱 加 牛奶1箱",
    undefined,
    {
      kind: "order",
      items: [
        ["NOODLES", 2],
        ["MILK", 1],
      ],
    },
  ],
  [
    "3-2-501\n100元套餐1份\n鸡蛋2盒",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG100", 1],
        ["EGGS", 2],
      ],
    },
  ],
  ["3-2-501 两桶油", undefined, { kind: "order", items: [["OIL", 2]] }],
  ["3-2-501 菜籽油 1", undefined, { kind: "order", items: [["OIL", 1]] }],
  ["3-2-501 奶粉3段2罐", undefined, { kind: "order", items: [["FORMULA", 2]] }],
  ["3-2-501 帮我订一份大套餐", undefined, { kind: "order", items: [["PKG150", 1]] }],
  ["3栋501 俩罐奶粉", undefined, { kind: "order", household: "3-501", items: [["FORMULA", 2]] }],
  ["十一栋二单元602 大米一袋", undefined, { kind: "order", household: "11-2-602", items: [["RICE", 1]] }],
  ["6组23号 泡面1箱", undefined, { kind: "order", household: "6-23", items: [["NOODLES", 1]] }],
  ["鸡蛋2盒、3-2-501", undefined, { kind: "order", household: "3-2-501", items: [["EGGS", 2]] }],
  ["3-2-501鸡蛋2盒", undefined, { kind: "order", household: "3-2-501", items: [["EGGS", 2]] }],
  ["150元套餐 1份", "7-1-101 郑", { kind: "order", household: "7-1-101", items: [["PKG150", 1]] }],
  ["150元套餐", "7-1-101 郑", { kind: "order", household: "7-1-101", items: [["PKG150", 1]] }],
  ["有的话来两盒鸡蛋", "3-501 张三", { kind: "order", items: [["EGGS", 2]] }],
  ["@团长 3-2-501 100元套餐1份", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  [
    "3-2-501 鸡蛋2盒 电话138-1234-5678",
    undefined,
    { kind: "order", household: "3-2-501", items: [["EGGS", 2]], phone: "13812345678" },
  ],
  ["2022-04-15 3-2-501 大米1袋", undefined, { kind: "order", household: "3-2-501", items: [["RICE", 1]] }],
  ["3-2-501 玉米油1桶", undefined, { kind: "order", items: [["OIL", 1]] }],
  ["3-2-501 要100元的套餐，两份", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["3-2-501 鸡蛋，两盒", undefined, { kind: "order", items: [["EGGS", 2]] }],
  [
    "3-2-501 鸡蛋，大米，油",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 1],
        ["RICE", 1],
        ["OIL", 1],
      ],
    },
  ],
  ["3-2-501 100元套餐（2份）", undefined, { kind: "order", items: [["PKG100", 2]] }],
  [
    "3-2-501 100元套餐和50元套餐各一份",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG100", 1],
        ["PKG50", 1],
      ],
    },
  ],
  [
    "3-2-501 鸡蛋 x2 大米 x1",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 2],
        ["RICE", 1],
      ],
    },
  ],
  ["麻烦给3-2-501送一份100元套餐", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["楼号3-2-501，姓名王五，100元套餐一份", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["3-2-501号 鸡蛋1盒", undefined, { kind: "order", household: "3-2-501", items: [["EGGS", 1]] }],
  ["100元套餐1份", "张三-3-2-501", { kind: "order", household: "3-2-501", items: [["PKG100", 1]], name: "张三" }],
  ["团长，3-2-501要一份100元套餐", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["3-2-501 100元套餐1份 备注：放门口", undefined, { kind: "order", items: [["PKG100", 1]] }],
  [
    "3-2-501 我要一份100元套餐和两盒鸡蛋",
    undefined,
    {
      kind: "order",
      items: [
        ["PKG100", 1],
        ["EGGS", 2],
      ],
    },
  ],
  [
    "王五3-2-501 100元套餐1份",
    undefined,
    { kind: "order", household: "3-2-501", name: "王五", items: [["PKG100", 1]] },
  ],
  ["3-2-501王五100元套餐1份", undefined, { kind: "order", household: "3-2-501", name: "王五", items: [["PKG100", 1]] }],
  [
    "【3-2-501】王五：100元套餐1份",
    undefined,
    { kind: "order", household: "3-2-501", name: "王五", items: [["PKG100", 1]] },
  ],
  ["3-2-501/王五/100元套餐/1份", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  ["3－2－501　王五　１００元套餐１份", undefined, { kind: "order", household: "3-2-501", items: [["PKG100", 1]] }],
  [
    "地址：3栋2单元501 姓名：王五 电话：13812345678 需要：100元套餐1份",
    undefined,
    { kind: "order", household: "3-2-501", name: "王五", phone: "13812345678", items: [["PKG100", 1]] },
  ],
  ["3-2-501 两个100元套餐", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["3-2-501 100元的两份", undefined, { kind: "order", items: [["PKG100", 2]] }],
  ["3-2-501 来份100元的", undefined, { kind: "order", items: [["PKG100", 1]] }],
  [
    "3-2-501 鸡蛋一盒大米一袋油一桶",
    undefined,
    {
      kind: "order",
      items: [
        ["EGGS", 1],
        ["RICE", 1],
        ["OIL", 1],
      ],
    },
  ],
];

describe("orders: goods, packages and quantities", () => {
  it.each(ORDERS)("%s (%s)", (text, sender, want) => check(parse(text, sender), want));
});

const REFUSALS: Row[] = [
  [
    "4-1-101 杨 100元套餐1份 红酒1瓶",
    undefined,
    { kind: "order", items: [["PKG100", 1]], rejected: "CATEGORY_NOT_ALLOWED" },
  ],
  [
    "8-3-301 朱 炸鸡1份",
    undefined,
    { kind: "order", household: "8-3-301", items: [], rejected: "CATEGORY_NOT_ALLOWED" },
  ],
  [
    "3-1-502 秦 香烟一条 鸡蛋一盒",
    undefined,
    { kind: "order", items: [["EGGS", 1]], rejected: "CATEGORY_NOT_ALLOWED" },
  ],
  ["3-2-501 啤酒一箱 鸡蛋1盒", undefined, { kind: "order", items: [["EGGS", 1]], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 奶茶2杯", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 零食 薯片2包", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 苹果5斤 大米1袋", undefined, { kind: "order", items: [["RICE", 1]], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 点个外卖", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 香烟", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 西瓜一个 辣条3包 白酒1瓶", undefined, { kind: "order", items: [], rejected: "CATEGORY_NOT_ALLOWED" }],
  ["3-2-501 猪肉2斤", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 来两斤五花肉 鸡蛋1盒", undefined, { kind: "order", items: [["EGGS", 1]], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 要口罩1包", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 豇豆2斤", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 200元套餐1份", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 酒精1瓶 鸡蛋1盒", undefined, { kind: "order", items: [["EGGS", 1]], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 鸡蛋0盒", undefined, { kind: "order", items: [], rejected: "BAD_QUANTITY" }],
  ["3-2-501 大米100袋", undefined, { kind: "order", items: [], rejected: "BAD_QUANTITY" }],
  ["3-2-501 大米-1袋 鸡蛋1盒", undefined, { kind: "order", items: [["EGGS", 1]], rejected: "BAD_QUANTITY" }],
  ["3-2-501 大米半袋", undefined, { kind: "order", items: [], rejected: "BAD_QUANTITY" }],
  ["3-2-501 大米1.5袋", undefined, { kind: "order", items: [], rejected: "BAD_QUANTITY" }],
  ["3-2-501 奶粉×1000", undefined, { kind: "order", items: [], rejected: "BAD_QUANTITY" }],
  ["3-2-501 一份套餐", undefined, { kind: "order", items: [], rejected: "UNKNOWN_ITEM" }],
  ["3-2-501 辣条两包 泡面1箱", undefined, { kind: "order", items: [["NOODLES", 1]], rejected: "CATEGORY_NOT_ALLOWED" }],
];

describe("refusals: categories, unknown goods, bad quantities", () => {
  it.each(REFUSALS)("%s", (text, sender, want) => check(parse(text, sender), want));
});
