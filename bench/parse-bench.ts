/**
 * Throughput of `bin/baogong parse`, measured from outside like the scorer does: a child
 * process fed JSON lines, timed from spawn to exit (so Node and tsx start-up are included).
 *
 *   npx tsx bench/parse-bench.ts [count]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { seededRandom } from "../src/domain/seeded-random";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface BenchOptions {
  /** Messages in the mixed run (default 100,000). */
  count?: number;
  seed?: number;
}

const CN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const SURNAMES = Array.from(
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁",
);
const GOODS: [string, string][] = [
  ["100元套餐", "份"],
  ["50元套餐", "份"],
  ["150元套餐", "份"],
  ["中套餐", "份"],
  ["套餐B", "份"],
  ["A套餐", "份"],
  ["大套餐", "份"],
  ["奶粉", "罐"],
  ["纸尿裤", "包"],
  ["尿不湿", "包"],
  ["大米", "袋"],
  ["面粉", "袋"],
  ["食用油", "桶"],
  ["花生油", "桶"],
  ["方便面", "箱"],
  ["泡面", "箱"],
  ["鸡蛋", "盒"],
  ["牛奶", "箱"],
  ["食盐", "袋"],
  ["白糖", "袋"],
  ["酱油", "瓶"],
  ["卫生纸", "提"],
  ["抽纸", "提"],
];
const REFUSED = ["香烟一条", "啤酒一箱", "奶茶2杯", "炸鸡1份", "薯片3包", "苹果5斤", "红酒1瓶", "外卖"];
const CHATTER = [
  "团长辛苦了🌹",
  "好的好的",
  "收到，谢谢",
  "今天几点送菜？大家知道吗",
  "套餐里有鸡蛋吗？",
  "[语音]",
  "[图片]",
  "[动画表情]",
  "大家注意安全，出门戴口罩",
  "谢谢志愿者！",
  "今天核酸几点开始？",
  "楼下有人在吗",
  "有没有人知道快递什么时候恢复",
  "👍👍👍",
  "明天还送菜吗",
  "我家楼下的垃圾没人收",
  "大米多少钱一袋？",
  "加油加油！",
  "群里发一下今天的菜单吧",
];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)]!;
}
function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}
function cnNum(n: number): string {
  if (n <= 10) return CN[n]!;
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ""}`;
  return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ""}`;
}
function fullWidth(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

function address(r: () => number): string {
  const b = int(r, 1, 30);
  const u = int(r, 1, 4);
  const room = int(r, 1, 18) * 100 + int(r, 1, 4);
  switch (int(r, 0, 11)) {
    case 0:
      return `${b}-${u}-${room}`;
    case 1:
      return `${b}栋${u}单元${room}室`;
    case 2:
      return `${b}号楼${u}单元${room}`;
    case 3:
      return `${b}幢${u}单元${room}`;
    case 4:
      return `${b}#${room}`;
    case 5:
      return `${b}#${u}-${room}`;
    case 6:
      return `${b}/${u}/${room}`;
    case 7:
      return `${int(r, 1, 12)}组${int(r, 1, 60)}号`;
    case 8:
      return `${cnNum(int(r, 1, 12))}组${cnNum(int(r, 1, 40))}号`;
    case 9:
      return `${cnNum(b)}栋${cnNum(u)}单元${room}`;
    case 10:
      return fullWidth(`${b}栋${u}单元${room}`);
    default:
      return `${b}号楼${u}门${room}`;
  }
}

function quantity(r: () => number, unit: string): string {
  switch (int(r, 0, 5)) {
    case 0:
      return `${int(r, 1, 5)}${unit}`;
    case 1:
      return `${pick(r, ["一", "两", "三", "俩"])}${unit}`;
    case 2:
      return `×${int(r, 1, 4)}`;
    case 3:
      return `*${int(r, 1, 4)}`;
    case 4:
      return `${pick(r, ["壹", "贰", "叁"])}${unit}`;
    default:
      return "";
  }
}

function order(r: () => number): string {
  const parts: string[] = [];
  const n = int(r, 1, 3);
  for (let i = 0; i < n; i++) {
    const [g, unit] = pick(r, GOODS);
    parts.push(r() < 0.2 ? `${int(r, 1, 3)}${unit}${g}` : `${g}${quantity(r, unit)}`);
  }
  if (r() < 0.15) parts.push(pick(r, REFUSED));
  const body = parts.join(pick(r, [" ", "，", "、", "+", " 和 "]));
  const name =
    r() < 0.7 ? ` ${pick(r, SURNAMES)}${r() < 0.4 ? pick(r, ["三", "五", "奶奶", "爷爷", "阿姨"]) : ""}` : "";
  const phone = r() < 0.1 ? ` 电话1${int(r, 3, 9)}${String(int(r, 100000000, 999999999))}` : "";
  return r() < 0.8 ? `${address(r)}${name} ${body}${phone}` : `${body} ${address(r)}`;
}

function jielong(r: () => number): string {
  const theme = pick(r, ["纸尿裤团购", "奶粉团购", "套餐团购 后天送", "大米团购", "5组团购"]);
  const lines = [`#接龙`, theme, "例 1-1-101 张三 2份", ""];
  const n = int(r, 2, 25);
  for (let i = 1; i <= n; i++)
    lines.push(
      `${i}. ${address(r)} ${pick(r, SURNAMES)} ${pick(r, ["1包", "2罐", "100元 2份", "150元", "50元套餐 1份", "3袋"])}`,
    );
  if (r() < 0.2) return lines.join(" ").replace(/\s+/g, " ");
  return lines.join("\n");
}

export function generateMessages(count: number, seed = 42): { text: string; sender?: string }[] {
  const r = seededRandom(seed);
  const out: { text: string; sender?: string }[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    const sender =
      r() < 0.5
        ? `${int(r, 1, 20)}-${int(r, 1, 4)}0${int(r, 1, 4)} ${pick(r, SURNAMES)}${pick(r, ["三", "四", "", "姐"])}`
        : undefined;
    let text: string;
    if (x < 0.45) text = order(r);
    else if (x < 0.65) text = pick(r, CHATTER);
    else if (x < 0.7) text = jielong(r);
    else if (x < 0.75)
      text = `${address(r)} ${pick(r, ["需要阿司匹林 1盒", "帮买降糖药 格列美脲 2盒", "降压药没有了，帮买硝苯地平2盒", "要布洛芬一盒"])}`;
    else if (x < 0.8) text = pick(r, [`${address(r)} 取消订单`, "我家不要了 取消", `${address(r)} 退单`]);
    else if (x < 0.85) text = pick(r, [`${address(r)}的套餐今天能到吗`, `订单查询 ${address(r)}`, "我的菜到哪了"]);
    else if (x < 0.9) text = pick(r, [`${address(r)} 奶粉改成3罐`, "改成100元套餐", `${address(r)} 鸡蛋改成2盒`]);
    else if (x < 0.94)
      text = pick(r, [
        `${int(r, 1, 9)}-${int(r, 1, 4)}-${int(r, 101, 902)} Zhang: one 100 yuan package and 2 cans of formula`,
        `where is my order ${int(r, 1, 9)}-1-302`,
        "Cancel order for 5-1-302",
        "two 50 yuan packages please",
      ]);
    else if (x < 0.97)
      text = `「${pick(r, SURNAMES)}三：${order(r)}」\n- - - - - - - - - - - - - - -\n${pick(r, ["收到", "我也要", "+1"])}`;
    else text = `${order(r)}\n${order(r)}`;
    out.push(sender ? { text, sender } : { text });
  }
  return out;
}

/** Every input line of the project's corpora (../shared/corpus, tests/parse/*.jsonl) and scenario messages. */
function corpusLines(): Array<{ text: string; sender?: string }> {
  const files = [
    join(ROOT, "../shared/corpus/parse-dev.jsonl"),
    ...readdirSync(join(ROOT, "tests/parse"))
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => join(ROOT, "tests/parse", f)),
    ...readdirSync(join(ROOT, "tests/scenarios"))
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => join(ROOT, "tests/scenarios", f)),
  ];
  const out: Array<{ text: string; sender?: string }> = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    for (const l of readFileSync(f, "utf8").split("\n")) {
      if (!l.trim()) continue;
      const v = JSON.parse(l) as { input?: { text?: unknown; sender?: unknown }; text?: unknown; name?: unknown };
      const text = v.input?.text ?? v.text;
      const sender = v.input?.sender ?? v.name;
      if (typeof text === "string" && text) out.push(typeof sender === "string" ? { text, sender } : { text });
    }
  }
  return out;
}

/**
 * `count` varied messages: half the project's corpora with their numbers changed (rooms,
 * buildings, quantities — each line a new one, so the parser's cache of repeated lines
 * does not flatter it), half the generator's messages above.
 */
export function variedCorpus(count: number, seed = 7): Array<{ text: string; sender?: string }> {
  const r = seededRandom(seed);
  const base = corpusLines();
  const gen = generateMessages(Math.ceil(count / 2), seed);
  const out: Array<{ text: string; sender?: string }> = [];
  for (let i = 0; out.length < count; i++) {
    if (i % 2 === 1 && gen.length) {
      out.push(gen.pop()!);
      continue;
    }
    const b = base[i % base.length]!;
    const vary = (s: string) => s.replace(/\d/g, (d) => (r() < 0.5 ? String(int(r, 1, 9)) : d));
    out.push(b.sender ? { text: vary(b.text), sender: vary(b.sender) } : { text: vary(b.text) });
  }
  return out;
}

const COMMAND: [string, string[]] = [join(ROOT, "bin/baogong"), ["parse"]];

/** Runs the command on a file; resolves with wall time (ms) and the number of output lines. */
function runOn(file: string): Promise<{ ms: number; lines: number }> {
  return new Promise((resolvePromise, reject) => {
    const [exe, args] = COMMAND;
    const t0 = performance.now();
    const child = spawn(exe, args, { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
    let lines = 0;
    child.stdout.on("data", (b: Buffer) => {
      for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${exe} exited with ${code}`));
      else resolvePromise({ ms: performance.now() - t0, lines });
    });
    createReadStream(file).pipe(child.stdin);
  });
}

/** Runs `exe args < file` under /usr/bin/time: wall time, CPU (user + system) of the whole process tree, output lines. */
function timed(exe: string, args: string[], file: string): Promise<{ ms: number; cpuMs: number; lines: number }> {
  const dir = mkdtempSync(join(tmpdir(), "parse-time-"));
  const tfile = join(dir, "time");
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "%U %S", "-o", tfile, exe, ...args], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    let lines = 0;
    child.stdout.on("data", (b: Buffer) => {
      for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      const [u, s] = readFileSync(tfile, "utf8").trim().split("\n").pop()!.split(" ").map(Number) as [number, number];
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`${exe} exited with ${code}`));
      else resolvePromise({ ms, cpuMs: (u + s) * 1000, lines });
    });
    createReadStream(file).pipe(child.stdin);
  });
}

/**
 * The parse command against its floor, on a varied corpus of `count` lines built from all
 * the project's corpora: CPU and wall time, start-up included, of bin/baogong parse (the
 * prebuilt bundle), of the same through tsx (compiling TypeScript at start), and of a bare
 * Node JSON-lines echo (bench/json-echo.mjs). Best of `repeats`.
 */
export async function benchParseFloor(count = 100_000, repeats = 3): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), "parse-floor-"));
  try {
    const file = join(dir, "varied.jsonl");
    const lines = variedCorpus(count);
    writeFileSync(file, `${lines.map((m) => JSON.stringify(m)).join("\n")}\n`);
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const cmds: Record<string, [string, string[]]> = {
      echo: [process.execPath, [join(ROOT, "bench/json-echo.mjs")]],
      bin: [join(ROOT, "bin/baogong"), ["parse"]],
      tsx: [process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "parse"]],
    };
    await timed(cmds.bin![0], cmds.bin![1], empty); // builds dist/parse.mjs if a source changed
    const best: Record<string, { ms: number; cpuMs: number }> = {};
    const start: Record<string, { ms: number; cpuMs: number }> = {};
    for (let k = 0; k < repeats; k++) {
      for (const [name, [exe, args]] of Object.entries(cmds)) {
        const r = await timed(exe, args, file);
        if (r.lines !== count) throw new Error(`${name}: expected ${count} output lines, got ${r.lines}`);
        if (!best[name] || r.cpuMs < best[name]!.cpuMs) best[name] = r;
        const s = await timed(exe, args, empty);
        if (!start[name] || s.cpuMs < start[name]!.cpuMs) start[name] = s;
      }
    }
    const unique = new Set(lines.map((l) => l.text)).size;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    return {
      "parse floor: corpus": `${count} lines, ${unique} distinct texts, ${corpusLines().length} corpus lines varied + generated`,
      "parse floor: bare Node JSON echo, CPU / wall (ms), start-up CPU": `${Math.round(best.echo!.cpuMs)} / ${Math.round(best.echo!.ms)}, ${Math.round(start.echo!.cpuMs)}`,
      "parse floor: bin/baogong parse (prebuilt), CPU / wall (ms), start-up CPU": `${Math.round(best.bin!.cpuMs)} / ${Math.round(best.bin!.ms)}, ${Math.round(start.bin!.cpuMs)}`,
      "parse floor: through tsx (compiled at start), CPU / wall (ms), start-up CPU": `${Math.round(best.tsx!.cpuMs)} / ${Math.round(best.tsx!.ms)}, ${Math.round(start.tsx!.cpuMs)}`,
      "parse floor: bin/baogong parse throughput vs the echo, by CPU (goal ≥ 0.5×)": ratio(
        best.echo!.cpuMs,
        best.bin!.cpuMs,
      ),
      "parse floor: the same through tsx, by CPU": ratio(best.echo!.cpuMs, best.tsx!.cpuMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchParse(opts: BenchOptions = {}): Promise<Record<string, number | string>> {
  const count = opts.count ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), "parse-bench-"));
  try {
    const mixed = join(dir, "mixed.jsonl");
    writeFileSync(
      mixed,
      `${generateMessages(count, opts.seed ?? 42)
        .map((m) => JSON.stringify(m))
        .join("\n")}\n`,
    );
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const big = join(dir, "big.jsonl");
    const unit = "3-2-501 王五 100元套餐1份，鸡蛋2盒 香烟一条 奶粉×2 谢谢团长！ ";
    const bigText = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    writeFileSync(big, `${JSON.stringify({ text: bigText })}\n`);
    const bigJielong = join(dir, "big-jielong.jsonl");
    let jl = "#接龙\n奶粉团购\n";
    for (let i = 1; jl.length < 100_000; i++)
      jl += `${i}. ${(i % 30) + 1}-${(i % 4) + 1}-${100 + (i % 900)} 王 ${(i % 5) + 1}罐\n`;
    writeFileSync(bigJielong, `${JSON.stringify({ text: jl.slice(0, 100_000) })}\n`);

    const start = await runOn(empty);
    const run = await runOn(mixed);
    if (run.lines !== count) throw new Error(`expected ${count} output lines, got ${run.lines}`);
    const one = await runOn(big);
    const oneJl = await runOn(bigJielong);
    return {
      command: "bin/baogong parse",
      messages: count,
      totalMs: Math.round(run.ms),
      messagesPerSecond: Math.round((count / run.ms) * 1000),
      startupMs: Math.round(start.ms),
      messagesPerSecondExcludingStartup: Math.round((count / Math.max(1, run.ms - start.ms)) * 1000),
      oneMessage100kCharsMs: Math.round(one.ms),
      oneMessage100kCharsExcludingStartupMs: Math.round(one.ms - start.ms),
      oneJielong100kCharsMs: Math.round(oneJl.ms),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const result = await benchParse({ count });
  for (const [k, v] of Object.entries(result)) console.log(`${k}: ${v}`);
}
