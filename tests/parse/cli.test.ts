import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runParseCommand } from "../../src/cli/parse-command";
import { DEFAULT_CATALOG } from "../../src/domain/catalog";
import { buildCatalogIndex, ParseInputSchema, ParseResultSchema, parseMessage } from "../../src/flows/parse";

async function run(input: string | Buffer | Buffer[]): Promise<Record<string, unknown>[]> {
  const chunks = Array.isArray(input) ? input : [input];
  const out = new PassThrough();
  const got: Buffer[] = [];
  out.on("data", (b: Buffer) => got.push(b));
  await runParseCommand(Readable.from(chunks), out);
  const text = Buffer.concat(got).toString("utf8");
  expect(text === "" || text.endsWith("\n")).toBe(true);
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("runParseCommand", () => {
  it("writes one line per input line, in order", async () => {
    const lines = [
      { text: "2栋1单元301 王五 100元套餐1份" },
      { text: "150元套餐 1份", sender: "7-1-101 郑" },
      { text: "好的好的" },
    ];
    const out = await run(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    expect(out.map((o) => o.kind)).toEqual(["order", "order", "none"]);
    expect(out[1]!.household).toBe("7-1-101");
    for (const o of out) expect(ParseResultSchema.safeParse(o).success).toBe(true);
  });

  it("never stops on a bad line", async () => {
    const input = `${['{"text": "3-2-501 鸡蛋2盒"}', "not json", '{"txt": 1}', '{"text": 5}', "[1,2]", "null", '{"text":"x","sender":7}', "", '{"text": "取消", "sender": "3-501 张三"}'].join("\n")}\n`;
    const out = await run(input);
    expect(out).toHaveLength(9);
    expect(out.map((o) => o.kind)).toEqual(["order", "none", "none", "none", "none", "none", "none", "none", "cancel"]);
    for (const o of out.slice(1, 8)) expect(typeof o.error).toBe("string");
    for (const o of out) expect(ParseResultSchema.safeParse(o).success).toBe(true);
  });

  it("reads a usual line as the input schema does (sender absent, null or a string; other fields ignored)", async () => {
    const lines = [
      { text: "3-2-501 鸡蛋2盒" },
      { text: "鸡蛋2盒", sender: "3-2-501 王五" },
      { text: "鸡蛋2盒", sender: null },
      { text: "鸡蛋2盒", sender: "3-2-501 王五", name: "7-1-101 郑", extra: [1] },
    ];
    const out = await run(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const index = buildCatalogIndex(DEFAULT_CATALOG);
    expect(out).toEqual(lines.map((l) => JSON.parse(JSON.stringify(parseMessage(ParseInputSchema.parse(l), index)))));
    expect(out[3]!.household).toBe("3-2-501");
  });

  it("reads a last line without a newline, CRLF line ends, and lines split across chunks", async () => {
    const line = Buffer.from('{"text": "3-2-501 鸡蛋2盒"}\r\n{"text": "订单查询 3-3-303"}');
    const out = await run([line.subarray(0, 17), line.subarray(17, 40), line.subarray(40)]);
    expect(out.map((o) => o.kind)).toEqual(["order", "status"]);
  });

  it("handles a 100,000-character line", async () => {
    const text = "3-2-501 王五 100元套餐1份，鸡蛋2盒 ".repeat(5000).slice(0, 100_000);
    const out = await run(`${JSON.stringify({ text })}\n${JSON.stringify({ text: "好的" })}\n`);
    expect(out).toHaveLength(2);
    expect(out[0]!.household).toBe("3-2-501");
  });

  it("handles random bytes", async () => {
    const bytes = Buffer.alloc(20_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = x & 0xff;
    }
    const newlines = bytes.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
    const out = await run(Buffer.concat([bytes, Buffer.from("\n")]));
    expect(out).toHaveLength(newlines + 1);
    for (const o of out) expect(o.kind).toBe("none");
  });

  it("uses the catalog it is given", async () => {
    const catalog = [
      { sku: "PORK", name: "猪肉", aliases: ["五花肉"], unit: "斤", category: "necessity" as const, priceCents: 2600 },
    ];
    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on("data", (b: Buffer) => got.push(b));
    await runParseCommand(Readable.from(['{"text":"3-2-501 五花肉2斤"}\n']), out, catalog);
    const r = JSON.parse(Buffer.concat(got).toString("utf8")) as { items: unknown };
    expect(r.items).toEqual([{ sku: "PORK", qty: 2 }]);
  });
});
