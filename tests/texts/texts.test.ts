// The one text catalogue: each text in both languages, rendered by the setting, fed by the rules in force.
import { describe, expect, it } from "vitest";
import { commandTexts, everyDays, reasonText, render, replyLanguage, residentTexts, text } from "../../src/texts";

describe("languages", () => {
  it("renders zh, en, or both (Chinese first) by the setting", () => {
    const t = text("已收到", "Received");
    expect(render(t, "zh")).toBe("已收到");
    expect(render(t, "en")).toBe("Received");
    expect(render(t, "zh+en")).toBe("已收到\nReceived");
    expect(render("一条通知原文", "en")).toBe("一条通知原文"); // an official's own words are sent as written
  });

  it("answers an English message in English where the setting allows", () => {
    expect(replyLanguage("zh+en", "en")).toBe("en");
    expect(replyLanguage("en", "en")).toBe("en");
    expect(replyLanguage("zh", "en")).toBe("zh");
    expect(replyLanguage("zh+en", "zh")).toBe("zh+en");
  });

  it("a Chinese-only answer is about half as long as the bilingual one", () => {
    const t = residentTexts.accepted({
      household: "3-2-501",
      items: [{ sku: "PKG100", qty: 1, name: "100元套餐", nameEn: "100-yuan package", unit: "份", priceCents: 10000 }],
      deliveryDate: "2026-12-06",
      proxy: false,
      refused: [],
      rules: { intervalDays: 2 },
    });
    expect(render(t, "zh").length).toBeLessThan(render(t, "zh+en").length / 2);
  });
});

describe("texts state the rules in force", () => {
  it("a village with intervalDays 3 is told 每三天 in every text that states the rule", () => {
    const rules = { intervalDays: 3 };
    expect(everyDays(3).zh).toBe("每三天");
    expect(everyDays(1).zh).toBe("每天");
    expect(
      render(residentTexts.tooSoon({ household: "1-101", nextDate: "2026-12-08", hasOpenOrder: false, rules }), "zh"),
    ).toContain("每户每三天只能下单一次");
    expect(reasonText("TOO_SOON", rules).zh).toContain("每三天");
    expect(render(residentTexts.rejected({ household: "1-101", reason: "TOO_SOON", rules }), "zh")).toContain("每三天");
    expect(render(commandTexts.help(rules), "zh")).toContain("每户每三天一次");
    expect(render(commandTexts.help(rules), "en")).toContain("once every 3 days");
  });
});
