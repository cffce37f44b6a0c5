// `bin/baogong simulate`: a scripted day in the life of some groups, run through
// the same flows, rules and job handlers as the live bot, with a virtual clock,
// an in-memory chat transport and a database that is thrown away afterwards.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { CliError } from "./cli-error";
import type { AppDeps, DomainEvent } from "../app/deps";
import { handleMessage } from "../app/handle-message";
import { recordDelivery } from "../app/broadcast";
import { markOutboxSent } from "../app/outbox-store";
import { applySetup } from "../app/apply-setup";
import { SetupSpecSchema, type SetupSpecInput } from "../app/setup-spec";
import { openDatabase, type Database } from "../db/database";
import { VirtualClock } from "../domain/clock";
import { isoInZone } from "../domain/iso";
import { InboundMessageSchema } from "../domain/messages";
import { VirtualSender } from "../jobs/virtual-sender";
import { wireVirtualApp } from "./wire";
import type { SendOptions } from "../app/deps";
import type { OutboundMessageInput } from "../domain/messages";

const HhMm = z.string().regex(/^\d{1,2}:\d{2}$/);
export const SimSetupSchema = z.object({
  timezone: z.string().default("Asia/Shanghai"),
  cutoff: HhMm.default("20:00"),
  intervalDays: z.number().int().min(1).default(2),
  /** What the bot says is in: zh (default), zh+en or en — for the villages and the officials' chat. */
  language: z.enum(["zh", "zh+en", "en"]).default("zh"),
  limits: z.record(z.string(), z.number().int().min(1)).default({}),
  groups: z
    .array(
      z.object({
        chat: z.string().min(1),
        village: z.string().min(1).default("村"),
        grid: z.union([z.string(), z.number()]).transform(String).default("1"),
        zone: z.enum(["static", "controlled"]).default("static"),
        leaders: z.array(z.string()).default([]),
        /** The group's platform: what it is sent then follows that platform's length limit, pace and digests, in virtual time. */
        platform: z.enum(["wechat", "telegram"]).optional(),
        volunteers: z.array(z.string()).default([]),
        supplier: z.string().optional(),
        pickup: z
          .object({
            name: z.string(),
            opensAt: HhMm.optional(),
            closesAt: HhMm.optional(),
            slotMinutes: z.number().int().optional(),
            slotCapacity: z.number().int().optional(),
          })
          .optional(),
      }),
    )
    .min(1),
  officials: z
    .object({
      chat: z.string().min(1),
      members: z.array(z.string()).default([]),
      suppliers: z.array(z.string()).default([]),
    })
    .optional(),
  priceBaseline: z.record(z.string(), z.number()).default({}),
  priceAlertPct: z.number().default(10),
  stockTargetDays: z.record(z.string(), z.number()).default({}),
  /** The daily report's local time, and the office that signs notices and corrections. */
  reportTime: HhMm.optional(),
  office: z.string().min(1).optional(),
});
export type SimSetup = z.infer<typeof SimSetupSchema>;

const SimMessageSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  chat: z.string().min(1),
  from: z.string().min(1),
  name: z.string().optional(),
  text: z.string().default(""),
  id: z.string().optional(),
  action: z.string().optional(),
  /** An edit (Telegram's edited_message): the message with this id now reads `text`. */
  edits: z.string().min(1).optional(),
  /** A recall (WeChat's 撤回): the sender took back the message with this id. */
  recall: z.string().min(1).optional(),
  /** The platform's own timestamp, when it differs from `at` (the moment the bot receives the message). */
  sent: z.iso.datetime({ offset: true }).optional(),
});
const SimEndSchema = z.object({ at: z.iso.datetime({ offset: true }), end: z.literal(true) });

export function simSetupToSpec(s: SimSetup): SetupSpecInput {
  const villages = new Map<
    string,
    {
      name: string;
      timezone: string;
      cutoff: string;
      intervalDays: number;
      language: "zh" | "zh+en" | "en";
      limits: Record<string, number>;
      grids: Map<string, NonNullable<SetupSpecInput["villages"][number]["grids"]>[number]>;
    }
  >();
  for (const g of s.groups) {
    let v = villages.get(g.village);
    if (!v) {
      v = {
        name: g.village,
        timezone: s.timezone,
        cutoff: s.cutoff,
        intervalDays: s.intervalDays,
        language: s.language,
        limits: s.limits,
        grids: new Map(),
      };
      villages.set(g.village, v);
    }
    let grid = v.grids.get(g.grid);
    if (!grid) {
      grid = {
        code: g.grid,
        zone: g.zone,
        groups: [],
        leaders: [],
        volunteers: [],
        pickupPoints: g.pickup ? [g.pickup] : [],
        ...(g.supplier ? { supplier: { platform: "sim" as const, chatId: g.supplier } } : {}),
      };
      v.grids.set(g.grid, grid);
    }
    const platform = g.platform ?? "sim";
    grid.groups!.push({ platform, chatId: g.chat });
    for (const u of g.leaders) grid.leaders!.push({ platform, userId: u });
    for (const u of g.volunteers) grid.volunteers!.push({ platform, userId: u });
  }
  return {
    villages: [...villages.values()].map((v) => ({ ...v, grids: [...v.grids.values()] })),
    officials: s.officials
      ? {
          groups: [{ platform: "sim", chatId: s.officials.chat }],
          members: s.officials.members.map((u) => ({ platform: "sim" as const, userId: u })),
          suppliers: s.officials.suppliers.map((u) => ({ platform: "sim" as const, userId: u })),
        }
      : { groups: [], members: [] },
    alerts: {
      priceBaseline: s.priceBaseline,
      priceAlertPct: s.priceAlertPct,
      stockTargetDays: s.stockTargetDays,
      language: s.language,
      ...(s.reportTime ? { reportTime: s.reportTime } : {}),
      ...(s.office ? { office: s.office } : {}),
    },
  };
}

export interface SimulateOptions {
  databaseUrl?: string | undefined;
}

export async function runSimulate(
  inputText: string,
  out: (line: string) => void,
  err: (line: string) => void,
  opts: SimulateOptions = {},
): Promise<void> {
  const lines = inputText
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) throw new CliError('simulate: no input (the first line must be {"setup": …})');
  let setupRaw: unknown;
  try {
    setupRaw = JSON.parse(lines[0]!).setup;
  } catch {
    throw new CliError("simulate: line 1 is not JSON");
  }
  const setup = SimSetupSchema.safeParse(setupRaw);
  if (!setup.success)
    throw new CliError(
      `simulate: line 1: setup.${setup.error.issues[0]?.path.join(".")}: ${setup.error.issues[0]?.message}`,
    );
  const tz = setup.data.timezone;

  const inputs: Array<{ line: number; at: Date; raw: Record<string, unknown> }> = [];
  for (let i = 1; i < lines.length; i++) {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(lines[i]!);
    } catch {
      err(`simulate: line ${i + 1}: not JSON, skipped`);
      continue;
    }
    const at = typeof raw.at === "string" ? new Date(raw.at) : null;
    if (!at || Number.isNaN(at.getTime())) {
      err(`simulate: line ${i + 1}: missing or bad "at", skipped`);
      continue;
    }
    inputs.push({ line: i + 1, at, raw });
  }
  const start = inputs[0]?.at ?? new Date();
  const clock = new VirtualClock(start);

  // A throwaway database: a fresh schema on a real server, or PGlite in memory.
  const usePg = opts.databaseUrl?.startsWith("postgres");
  const schema = usePg ? `sim_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}` : undefined;
  const database: Database = await openDatabase(usePg ? opts.databaseUrl! : "memory://", schema ? { schema } : {});
  const emitted: string[] = [];
  try {
    const spec = SetupSpecSchema.parse(simSetupToSpec(setup.data));
    await applySetup(database.prisma, spec);
    const emit = (e: DomainEvent) => {
      const { type, ...rest } = e;
      const line = JSON.stringify({ at: isoInZone(clock.now(), tz), type, ...rest });
      emitted.push(line);
      out(line);
    };
    // A group on WeChat or Telegram is sent to at that platform's pace, in virtual time; others at once.
    const platformOf = new Map(setup.data.groups.map((g) => [g.chat, g.platform ?? "sim"]));
    const sender = new VirtualSender<SendOptions | undefined>();
    const delivered = async (
      deps: AppDeps,
      m: OutboundMessageInput,
      text: string,
      last: boolean,
      o: SendOptions | undefined,
    ) => {
      emit({
        type: "reply",
        chat: m.chatId,
        text,
        ...(last && m.buttons?.length ? { buttons: m.buttons.map((b) => b.text) } : {}),
        ...(m.attachment ? { file: "pick-list.xlsx" } : {}),
      });
      if (!last) return;
      if (o?.key) await markOutboxSent(database.prisma, o.key, clock.now());
      // The in-memory transport always delivers: a notice's message counts as sent (emits `broadcast`).
      if (o?.notice) await recordDelivery(deps, o.notice.id, o.notice.chatGroupId, { ok: true });
    };
    const { deps, scheduler } = await wireVirtualApp({
      db: database.prisma,
      sql: database.sql,
      clock,
      timezone: tz,
      events: { emit },
      reportTime: spec.alerts.reportTime,
      outbox: (app) => ({
        send: async (m, o) => {
          if (m.platform === "wechat" || m.platform === "telegram") sender.add(m, clock.now().getTime(), o);
          else await delivered(app(), m, m.text, true, o);
        },
      }),
    });
    /** Jobs and paced sends due by `until`, in time order. */
    const runUntil = async (until: Date) => {
      for (;;) {
        const job = scheduler.nextDueAt(until);
        const send = sender.nextAt(clock.now().getTime());
        if (send !== null && send <= until.getTime() && (job === null || send < job.getTime())) {
          clock.advanceTo(new Date(send));
          const s = sender.sendNext(clock.now().getTime(), until.getTime())!;
          await delivered(deps, s.msg, s.text, s.last, s.tag);
        } else if (!(await scheduler.runOne(until))) break;
      }
      clock.advanceTo(until);
    };
    for (const input of inputs) {
      await runUntil(input.at);
      const end = SimEndSchema.safeParse(input.raw);
      if (end.success) break;
      const m = SimMessageSchema.safeParse(input.raw);
      if (!m.success) {
        err(
          `simulate: line ${input.line}: ${m.error.issues[0]?.path.join(".")}: ${m.error.issues[0]?.message}, skipped`,
        );
        continue;
      }
      const d = m.data;
      const messageId = d.recall
        ? `${d.recall}@recall`
        : d.edits
          ? `${d.edits}@edit:${d.id ?? input.line}`
          : (d.id ?? `line-${input.line}`);
      const msg = InboundMessageSchema.parse({
        edits: d.edits ?? null,
        recalls: d.recall ?? null,
        platform: platformOf.get(m.data.chat) ?? "sim",
        chatId: m.data.chat,
        messageId,
        senderId: m.data.from,
        senderName: m.data.name ?? null,
        text: m.data.text,
        at: m.data.sent ? new Date(m.data.sent) : clock.now(),
        action: m.data.action ?? null,
      });
      await handleMessage(deps, msg);
    }
  } finally {
    if (schema) await database.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await database.close();
  }
}
