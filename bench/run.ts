// npm run bench: every benchmark, one after another, printing its figures.
// Needs the local PostgreSQL and Redis (as the tests do). `npm run bench -- parse batch`
// runs only the named ones.
import os from "node:os";

type Bench = () => Promise<Record<string, number | string>>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  parse: async () => {
    const m = await import("./parse-bench");
    return async () => ({ ...(await m.benchParse()), ...(await m.benchParseFloor()) });
  },
  long: async () => (await import("./long-input-bench")).benchLongInputs as Bench,
  console: async () => (await import("./console-bench")).benchConsole as Bench,
  batch: async () => (await import("./batch-bench")).benchBatches as Bench,
  broadcast: async () => (await import("./broadcast-bench")).benchBroadcast as Bench,
  telegram: async () => (await import("./telegram-latency")).benchTelegramLatency as Bench,
  wechat: async () => (await import("./wechat-latency")).benchWechatLatency as Bench,
  replies: async () => (await import("./adapter-reply-bench")).benchAdapterReplies as Bench,
  outage: async () => (await import("./outage-bench")).benchOutage as Bench,
  rush: async () => (await import("./rush-bench")).benchRush as Bench,
  dashboard: async () => (await import("./dashboard-bench")).benchDashboard as Bench,
  setup: async () => (await import("./setup-bench")).benchSetup as Bench,
  throughput: async () => (await import("./throughput-bench")).benchThroughput as Bench,
  memory: async () => (await import("./memory-bench")).benchMemory as Bench,
  "orders-memory": async () => (await import("./orders-memory-bench")).benchOrdersMemory as Bench,
  district: async () => (await import("./district-bench")).benchDistrict as Bench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const names = wanted.length ? wanted : Object.keys(BENCHES);
  console.log(`baogong benchmarks · ${new Date().toISOString()} · ${os.cpus().length} cores · node ${process.version}`);
  let failed = 0;
  for (const name of names) {
    const load = BENCHES[name];
    if (!load) {
      console.log(`\n[${name}] unknown benchmark`);
      failed++;
      continue;
    }
    console.log(`\n[${name}]`);
    try {
      const bench = await load();
      const r = await bench();
      for (const [k, v] of Object.entries(r))
        console.log(`  ${k}: ${typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : v}`);
    } catch (e) {
      failed++;
      console.log(`  failed: ${(e as Error).message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
