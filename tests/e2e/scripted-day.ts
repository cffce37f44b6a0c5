// A scripted day through a platform's fake, end to end: orders, a 接龙, the cut-off,
// the leader's confirmation, the announcement — the same app the live bot runs.
import { CatalogCache } from "../../src/app/catalog-cache";
import { handleChatEvent } from "../../src/app/chat-events";
import type { AppDeps, DomainEvent } from "../../src/app/deps";
import { handleMessage } from "../../src/app/handle-message";
import { applySetup } from "../../src/app/apply-setup";
import { recordDelivery } from "../../src/app/broadcast";
import { SetupSpecSchema } from "../../src/app/setup-spec";
import type { Db } from "../../src/db/database";
import { VirtualClock } from "../../src/domain/clock";
import type { ChatAdapter, ChatHandlers, OutboundMessageInput, Platform } from "../../src/domain/messages";
import { OutboundMessageSchema } from "../../src/domain/messages";
import { silentLogger } from "../../src/infra/logger";
import { runJob } from "../../src/jobs/handlers";
import { VirtualScheduler } from "../../src/jobs/virtual-scheduler";

export interface DayApp {
  deps: AppDeps;
  clock: VirtualClock;
  scheduler: VirtualScheduler;
  events: DomainEvent[];
  /** Messages for chats not on the platform under test (the officials' chat). */
  elsewhere: OutboundMessageInput[];
  handlers: ChatHandlers;
  setAdapter(a: ChatAdapter): void;
}

export async function makeDayApp(db: Db, platform: Platform, groupChatId: string, leaderId: string, officials: { platform: Platform; chatId: string; userId: string } = { platform: "sim", chatId: "gov", userId: "off" }): Promise<DayApp> {
  await applySetup(db, SetupSpecSchema.parse({
    villages: [{ name: "张家村", digestMinutes: 0, grids: [{ code: "1", name: "一网格", zone: "static", groups: [{ platform, chatId: groupChatId }], leaders: [{ platform, userId: leaderId, name: "王团长" }], pickupPoints: [{ name: "村委会" }] }] }],
    officials: { groups: [{ platform: officials.platform, chatId: officials.chatId }], members: [{ platform: officials.platform, userId: officials.userId }] },
  }));
  const catalog = new CatalogCache(db);
  await catalog.load();
  const clock = new VirtualClock(new Date("2026-12-05T08:00:00+08:00"));
  const events: DomainEvent[] = [];
  const elsewhere: OutboundMessageInput[] = [];
  let adapter: ChatAdapter | null = null;
  let scheduler!: VirtualScheduler;
  const deps: AppDeps = {
    db, clock, catalog, log: silentLogger, timezone: "Asia/Shanghai",
    events: { emit: (e) => events.push(e) },
    outbox: {
      send: async (m, opts) => {
        if (m.platform !== platform || !adapter) elsewhere.push(m);
        else {
          const r = await adapter.send(OutboundMessageSchema.parse(m));
          if (!r.ok) throw new Error(`send failed: ${r.reason}`);
        }
        if (opts?.notice) await recordDelivery(deps, opts.notice.id, opts.notice.chatGroupId, { ok: true });
      },
    },
    scheduler: { schedule: (j) => scheduler.schedule(j) },
    buttons: {
      answer: async (_p, messageId, text, alert) => {
        const a = adapter as (ChatAdapter & { alert?(id: string, t: string): Promise<boolean>; ackAction?(id: string, t: string | null): Promise<boolean> }) | null;
        if (alert && text) await a?.alert?.(messageId, text);
        else await a?.ackAction?.(messageId, text);
      },
    },
  };
  scheduler = new VirtualScheduler(clock, (j) => runJob(deps, j.name, j.payload));
  for (const g of await db.grid.findMany({ include: { village: true } })) {
    scheduler.everyDay(`cutoff:${g.id}`, "cutoff", { gridId: g.id }, g.village.cutoff, g.village.timezone);
  }
  return {
    deps, clock, scheduler, events, elsewhere,
    // Platform messages carry the platform's time; the day runs on the virtual clock.
    handlers: {
      onMessage: (m) => handleMessage(deps, { ...m, at: clock.now() }),
      onEvent: (e) => handleChatEvent(deps, e),
    },
    setAdapter: (a) => (adapter = a),
  };
}

export const JIELONG = "#接龙\n2号楼套餐团购 后天送\n\n1. 2-201 100元套餐 1份\n2. 2-202 50元套餐 1份";
