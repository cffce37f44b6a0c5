// Log lines carry no personal data: every form of a mobile number and ID-card numbers are masked
// by the same code the parser uses (src/domain/personal-data.ts).
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger";

async function logged(write: (log: ReturnType<typeof createLogger>) => void): Promise<string> {
  const dest = new PassThrough();
  let out = "";
  dest.on("data", (d: Buffer) => (out += d.toString()));
  write(createLogger({ level: "info", destination: dest }));
  await new Promise((r) => setTimeout(r, 20));
  return out;
}

describe("log masking", () => {
  it.each([
    ["138 1234 5678", "138 **** 5678"],
    ["138-1234-5678", "138-****-5678"],
    ["+8613812345678", "+86138****5678"],
    ["+86 138 1234 5678", "+86 138 **** 5678"],
    ["１３８１２３４５６７８", "１３８****５６７８"],
    ["110101199003071234", "110101********1234"],
    ["11010119900307123X", "110101********123X"],
    ["138.1234.5678", "138.****.5678"],
    ["138 1234-5678", "138 ****-5678"],
    ["138—1234—5678", "138—****—5678"],
    ["138·1234·5678", "138·****·5678"],
    ["138\u200b1234\u200b5678", "138\u200b****\u200b5678"],
    ["1381\u200b2345678", "138*\u200b***5678"],
    ["138\ufeff1234\u20605678", "138\ufeff****\u20605678"],
  ])("masks %j in messages and fields", async (raw, masked) => {
    const out = await logged((log) => log.info({ text: `2-1-110 蒋 ${raw}`, nested: { list: [raw] } }, `from ${raw}`));
    expect(out).not.toContain(raw);
    expect(JSON.parse(out).text).toBe(`2-1-110 蒋 ${masked}`);
    expect(JSON.parse(out).nested.list).toEqual([masked]);
    expect(JSON.parse(out).msg).toBe(`from ${masked}`);
    // Whatever stands between its digits, the number is not in the line.
    expect(out.replace(/[\s.·\-—\u200b-\u200f\u2060-\u206f\ufeff]/g, "")).not.toContain("13812345678");
  });

  it("leaves households, prices and dates as they are", async () => {
    const text = "58-12-601 3-2-501 100元套餐1份 ¥138 2026-12-06 12345678901234";
    const out = await logged((log) => log.info({ text }, "order"));
    expect(JSON.parse(out).text).toBe(text);
  });
});

describe("log masking beyond the message", () => {
  it("masks a child logger's fields", async () => {
    const out = await logged((log) => log.child({ sender: "2-1-110 蒋 139 8765 4321" }).info("hello"));
    expect(JSON.parse(out).sender).toBe("2-1-110 蒋 139 **** 4321");
    const deeper = await logged((log) => log.child({ a: 1 }).child({ id: "110101199003071234" }).info("hello"));
    expect(JSON.parse(deeper).id).toBe("110101********1234");
  });

  it("masks an error's message and stack, and keeps it an error", async () => {
    const err = new Error("cannot read 3-2-501 蒋 +8613987654321");
    const out = await logged((log) => log.error({ err }, "failed"));
    expect(out).not.toContain("13987654321");
    expect(JSON.parse(out).err.message).toBe("cannot read 3-2-501 蒋 +86139****4321");
    expect(JSON.parse(out).err.type).toBe("Error");
    expect(err.message).toBe("cannot read 3-2-501 蒋 +8613987654321");
  });
});
