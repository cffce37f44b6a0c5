// Personal data stays out of logs: phone numbers are masked in every field.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { maskPersonalData } from "../../src/domain/personal-data";
import { createLogger } from "../../src/infra/logger";

describe("masking", () => {
  it("masks mainland mobile numbers, not other numbers", () => {
    expect(maskPersonalData("王五 13812345678 100元套餐")).toBe("王五 138****5678 100元套餐");
    expect(maskPersonalData("3-2-501 1001 12345678901234")).toBe("3-2-501 1001 12345678901234");
    expect(maskPersonalData("电话 139-0000-1111")).toBe("电话 139-****-1111");
  });
  it("masks phone numbers in log lines, nested fields included", async () => {
    const dest = new PassThrough();
    let out = "";
    dest.on("data", (d: Buffer) => (out += d.toString()));
    const log = createLogger({ level: "info", destination: dest });
    log.info(
      { text: "9-1-902 王 100套餐*2，联系电话13900001111", nested: { phones: ["13700002222"] } },
      "order from 13600003333",
    );
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain("139****1111");
    expect(out).toContain("137****2222");
    expect(out).toContain("136****3333");
    expect(out).not.toMatch(/13900001111|13700002222|13600003333/);
  });
});
