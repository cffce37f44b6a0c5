// A scripted day through a platform's fake, end to end: orders, a 接龙, the cut-off,
// the leader's confirmation, the announcement — the same app the live bot runs.
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
import type { VirtualScheduler } from "../../src/jobs/virtual-scheduler";
import { buttonAnswers } from "../../src/cli/chat-adapters";
import { wireVirtualApp } from "../../src/cli/wire";

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

export async function makeDayApp(
  db: Db,
  platform: Platform,
  groupChatId: string,
  leaderId: string,
  officials: { platform: Platform; chatId: string; userId: string } = { platform: "sim", chatId: "gov", userId: "off" },
): Promise<DayApp> {
  await applySetup(
    db,
    SetupSpecSchema.parse({
      villages: [
        {
          name: "张家村",
          digestMinutes: 0,
          grids: [
            {
              code: "1",
              name: "一网格",
              zone: "static",
              groups: [{ platform, chatId: groupChatId }],
              leaders: [{ platform, userId: leaderId, name: "王团长" }],
              pickupPoints: [{ name: "村委会" }],
            },
          ],
        },
      ],
      officials: {
        groups: [{ platform: officials.platform, chatId: officials.chatId }],
        members: [{ platform: officials.platform, userId: officials.userId }],
      },
    }),
  );
  const clock = new VirtualClock(new Date("2026-12-05T08:00:00+08:00"));
  const events: DomainEvent[] = [];
  const elsewhere: OutboundMessageInput[] = [];
  let adapter: ChatAdapter | null = null;
  const adapters = new Map<string, ChatAdapter>();
  const { deps, scheduler } = await wireVirtualApp({
    db,
    clock,
    events: { emit: (e) => events.push(e) },
    outbox: (app) => ({
      send: async (m, opts) => {
        if (m.platform !== platform || !adapter) elsewhere.push(m);
        else {
          const r = await adapter.send(OutboundMessageSchema.parse(m));
          if (!r.ok) throw new Error(`send failed: ${r.reason}`);
        }
        if (opts?.notice) await recordDelivery(app(), opts.notice.id, opts.notice.chatGroupId, { ok: true });
      },
    }),
    buttons: buttonAnswers(adapters),
  });
  return {
    deps,
    clock,
    scheduler,
    events,
    elsewhere,
    // Platform messages carry the platform's time; the day runs on the virtual clock.
    handlers: {
      onMessage: (m) => handleMessage(deps, { ...m, at: clock.now() }),
      onEvent: (e) => handleChatEvent(deps, e),
    },
    setAdapter: (a) => {
      adapter = a;
      adapters.set(a.platform, a);
    },
  };
}

export const JIELONG = "#接龙\n2号楼套餐团购 后天送\n\n1. 2-201 100元套餐 1份\n2. 2-202 50元套餐 1份";
