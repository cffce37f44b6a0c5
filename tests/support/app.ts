// An application wired for tests: real database, virtual clock and scheduler,
// and an outbox/event sink that records what the bot said and did.
import type { AppDeps, DomainEvent } from "../../src/app/deps";
import { applySetup } from "../../src/app/apply-setup";
import { markOutboxSent } from "../../src/app/outbox-store";
import { SetupSpecSchema, type SetupSpecInput } from "../../src/app/setup-spec";
import type { Database, Db } from "../../src/db/database";
import { VirtualClock } from "../../src/domain/clock";
import type { OutboundMessageInput } from "../../src/domain/messages";
import type { VirtualScheduler } from "../../src/jobs/virtual-scheduler";
import { wireVirtualApp } from "../../src/cli/wire";

export interface TestApp {
  deps: AppDeps;
  clock: VirtualClock;
  scheduler: VirtualScheduler;
  sent: OutboundMessageInput[];
  events: DomainEvent[];
  /** Texts said in one chat. */
  said(chatId: string): string[];
  ofType(type: string): DomainEvent[];
}

export const SAMPLE_SETUP: SetupSpecInput = {
  villages: [
    {
      name: "李家村",
      cutoff: "20:00",
      intervalDays: 2,
      limits: { PKG150: 2 },
      grids: [
        {
          code: "1",
          zone: "static",
          groups: [{ platform: "sim", chatId: "g1" }],
          leaders: [{ platform: "sim", userId: "lead_a", name: "王团长" }],
          volunteers: [{ platform: "sim", userId: "vol_a" }],
          pickupPoints: [{ name: "村委会", slotMinutes: 30, slotCapacity: 2 }],
        },
        {
          code: "2",
          zone: "controlled",
          groups: [{ platform: "sim", chatId: "g2" }],
          leaders: [{ platform: "sim", userId: "lead_b" }],
        },
      ],
    },
  ],
  officials: { groups: [{ platform: "sim", chatId: "gov" }], members: [{ platform: "sim", userId: "off_a" }] },
};

/**
 * `database`: an opened database (the message path then runs on its own driver, as the live
 * bot's does), or only its Prisma client (SQL then goes through Prisma).
 */
export async function makeTestApp(
  database: Db | Pick<Database, "prisma" | "sql">,
  start: string,
  setup: SetupSpecInput = SAMPLE_SETUP,
): Promise<TestApp> {
  const db = "prisma" in database ? database.prisma : database;
  await applySetup(db, SetupSpecSchema.parse(setup));
  const clock = new VirtualClock(new Date(start));
  const sent: OutboundMessageInput[] = [];
  const events: DomainEvent[] = [];
  const { deps, scheduler } = await wireVirtualApp({
    db,
    ...("sql" in database ? { sql: database.sql } : {}),
    clock,
    events: { emit: (e) => events.push(e) },
    outbox: {
      send: async (m, o) => {
        sent.push(m);
        if (o?.key) await markOutboxSent(db, o.key, clock.now());
      },
    },
  });
  return {
    deps,
    clock,
    scheduler,
    sent,
    events,
    said: (chatId) => sent.filter((m) => m.chatId === chatId).map((m) => m.text),
    ofType: (type) => events.filter((e) => e.type === type),
  };
}

/** Empties the tables a test writes (the village setup stays) and wires a fresh app. */
export async function freshTestApp(
  db: Pick<Database, "exec" | "prisma" | "sql">,
  start = "2026-12-05T08:00:00+08:00",
): Promise<TestApp> {
  await db.exec(
    `TRUNCATE "Order", "OrderLine", "Batch", "Household", "InboundMessage", "Member", "MemberRole", "JielongList", "MedicineRequest", "Limit", "OutboxMessage", "ReplyThrottle" CASCADE`,
  );
  return makeTestApp(db, start);
}

let n = 0;
export function msg(
  app: TestApp,
  chatId: string,
  from: string,
  text: string,
  opts: { name?: string; id?: string; at?: string; action?: string } = {},
) {
  if (opts.at) app.clock.advanceTo(new Date(opts.at));
  return {
    platform: "sim" as const,
    chatId,
    messageId: opts.id ?? `m${++n}`,
    senderId: from,
    senderName: opts.name ?? null,
    text,
    at: app.clock.now(),
    mentionsBot: false,
    action: opts.action ?? null,
    replyTo: null,
    chatTitle: null,
    edits: null,
    recalls: null,
  };
}
