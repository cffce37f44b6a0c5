// forNameIn tests a few cue words before its costly regex: every way the regex can match must
// hold one of them, so each of its forms is still read (帮/给/替/代 before the person, or one of
// the words after it).
import { describe, expect, it } from "vitest";
import { forNameIn } from "../../src/flows/parse/names";

describe("forNameIn", () => {
  it.each([
    ["帮李奶奶改一下单", "李奶奶"],
    ["给张阿姨的订单加一盒鸡蛋", "张阿姨"],
    ["替老杜把面粉去掉", "老杜"],
    ["代王大爷取消", "王大爷"],
    ["李爷爷那份换成小套餐", "李爷爷"],
    ["李爷爷那单取消", "李爷爷"],
    ["李爷爷的单改一下", "李爷爷"],
    ["李爷爷的订单取消", "李爷爷"],
    ["李爷爷的单子取消", "李爷爷"],
    ["李爷爷的菜到了吗", "李爷爷"],
    ["李爷爷那边不要了", "李爷爷"],
    ["李爷爷家的取消", "李爷爷"],
    ["李爷爷家 的那份不要了", "李爷爷"],
    ["李爷爷的套餐换成大的", "李爷爷"],
    ["李爷爷的东西到了吗", "李爷爷"],
  ])("%s → %s", (text, name) => expect(forNameIn(text)).toBe(name));

  it.each(["李爷爷说不要了", "小套餐一份", "张阿姨好"])("%s → null", (text) => expect(forNameIn(text)).toBeNull());
});
