import { describe, expect, it } from "vitest";
import { buttonReserve, splitText, TEXT_LIMIT } from "../../src/domain/message-parts";

describe("long messages in parts", () => {
  it("leaves a short message alone", () => {
    expect(splitText("short", 4096)).toEqual(["short"]);
  });
  it("splits at whole lines, numbers the parts, never over the limit", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. 3-${i + 1}-501 张：100元套餐×1份、鸡蛋×2盒，130元`);
    const text = lines.join("\n");
    const parts = splitText(text, TEXT_LIMIT.telegram);
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(p.startsWith(`(${i + 1}/${parts.length}) `)).toBe(true);
    });
    // every line is whole in exactly one part
    const back = parts.map((p) => p.replace(/^\(\d+\/\d+\) /, "")).join("\n");
    expect(back).toBe(text);
  });
  it("cuts only a line longer than a part", () => {
    const parts = splitText("x".repeat(5000), 1800);
    expect(parts.every((p) => p.length <= 1800)).toBe(true);
    expect(parts.map((p) => p.replace(/^\(\d+\/\d+\) /, "")).join("")).toBe("x".repeat(5000));
  });
  it("keeps room on WeChat for the button lines", () => {
    expect(buttonReserve("wechat", [{ text: "确认 Confirm" }])).toBe(2 + 10 + 3);
    expect(buttonReserve("telegram", [{ text: "确认 Confirm" }])).toBe(0);
    const text = Array.from({ length: 200 }, () => "一二三四五六七八九十").join("\n");
    for (const p of splitText(text, 1800, 15)) expect(p.length + 15).toBeLessThanOrEqual(1800);
  });
});
