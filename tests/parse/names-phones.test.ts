import { describe, expect, it } from "vitest";
import { maskPersonalData } from "../../src/domain/personal-data";
import { parse } from "./helpers";

const NAMES: [string, string | undefined, string | null][] = [
  ["2栋1单元301 王五 100元套餐1份", undefined, "王五"],
  ["8号楼1单元1201 钱 150元套餐一份", undefined, "钱"],
  ["5组7号 孙奶奶 50元套餐", undefined, "孙奶奶"],
  ["4-1-101 王爷爷 需要阿司匹林 1盒", undefined, "王爷爷"],
  ["王五 2栋1单元301 100元套餐1份", undefined, "王五"],
  ["3-2-501 Zhang: one 100 yuan package", undefined, "Zhang"],
  ["3-2-501 张阿姨：鸡蛋2盒", undefined, "张阿姨"],
  ["100元套餐1份", "3-501 张三", "张三"],
  ["100元套餐1份", "11栋501-吴", "吴"],
  ["3-2-501 鸡蛋改成2盒", undefined, null],
  ["3-2-501 米2袋", undefined, null],
  ["奶粉2罐尿不湿1包 3-2-501", undefined, null],
  // The road before a Shanghai lane, and a medicine with a surname's character first, are no names.
  ["武夷路58弄12支弄3号201 牛奶1箱", undefined, null],
  ["薄荷含片 1盒", "3-2-501 王", "王"],
];

describe("names", () => {
  it.each(NAMES)("%s (%s) → %s", (text, sender, want) => expect(parse(text, sender).name).toBe(want));
});

describe("phones", () => {
  it.each([
    ["9-1-902 王 100套餐*2，联系电话13900001111", "13900001111"],
    ["3-2-501 鸡蛋2盒 电话138-1234-5678", "13812345678"],
    ["3-2-501 鸡蛋2盒 手机+86 13712345678", "13712345678"],
    ["3-2-501 鸡蛋2盒", null],
    ["3-2-501 鸡蛋2盒 12345678901", null],
  ])("%s → %s", (text, want) => expect(parse(text).phone).toBe(want));

  it("a phone number is never a household or a quantity", () => {
    const r = parse("鸡蛋2盒 13812345678");
    expect(r.household).toBeNull();
    expect(r.items).toEqual([{ sku: "EGGS", qty: 2 }]);
  });

  it.each([
    ["13812345678", "138****5678"],
    ["电话：13812345678，谢谢", "电话：138****5678，谢谢"],
    ["138-1234-5678", "138-****-5678"],
    ["a 13812345678 b 15900001111", "a 138****5678 b 159****1111"],
    ["3-2-501 鸡蛋2盒", "3-2-501 鸡蛋2盒"],
    ["12345678901", "12345678901"],
    ["213812345678", "213812345678"],
  ])("maskPersonalData(%s) → %s", (text, want) => expect(maskPersonalData(text)).toBe(want));
});

describe("lang", () => {
  it("tells English from Chinese", () => {
    expect(parse("where is my order 5-1-302").lang).toBe("en");
    expect(parse("3-2-501 鸡蛋2盒").lang).toBe("zh");
  });
});
