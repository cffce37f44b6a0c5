// The JSON columns, read back: one zod schema and one reader per column. What these
// columns hold outlives a deploy (a batch summary written by last week's code is read by
// this week's), so nothing reads them with a cast: a reader fills what older rows lack
// and throws on what no version wrote (a bug, not an outcome).
import { z } from "zod";
import type { BatchSummary } from "./batch-flow";
import type { ListLine } from "./decide/snapshot";

/** A JSON column that holds what no version of the code wrote. */
export class StoredJsonError extends Error {
  constructor(column: string, issue: z.core.$ZodIssue | undefined) {
    super(
      `${column}: unreadable stored JSON${issue ? ` at ${issue.path.join(".") || "(top)"}: ${issue.message}` : ""}`,
    );
  }
}

function reader<S extends z.ZodType>(column: string, schema: S): (json: unknown) => z.output<S> {
  return (json) => {
    const r = schema.safeParse(json);
    if (!r.success) throw new StoredJsonError(column, r.error.issues[0]);
    return r.data;
  };
}

const Line = z.object({ sku: z.string(), qty: z.number() });

// ── Batch.summary ──────────────────────────────────────────────────────────────
export const BatchSummarySchema = z.object({
  orders: z.number(),
  totals: z.array(Line),
  pickList: z.array(
    z.object({
      household: z.string(),
      name: z.string().nullable().default(null),
      priority: z.boolean().default(false),
      lines: z.array(Line),
      amountCents: z.number().default(0),
      paid: z.boolean().default(false),
      orderId: z.string().default(""),
    }),
  ),
  amountCents: z.number().default(0),
  /** Household → pickup slot, once the batch is confirmed. */
  slots: z.record(z.string(), z.string()).optional(),
  /** Household → pickup point, where the grid has several. */
  points: z.record(z.string(), z.string()).optional(),
  pickupPoint: z.string().nullable().optional(),
});
export type StoredSummary = z.infer<typeof BatchSummarySchema>;
/** A batch whose summary is null (never built) reads as empty. */
export const EMPTY_SUMMARY: StoredSummary = { orders: 0, totals: [], pickList: [], amountCents: 0 };
export const readBatchSummary = reader("Batch.summary", BatchSummarySchema.nullable());

// ── JielongList.entries ────────────────────────────────────────────────────────
const Refused = z.object({
  text: z.string(),
  reason: z.enum(["CATEGORY_NOT_ALLOWED", "UNKNOWN_ITEM", "BAD_QUANTITY"]),
});
export const JielongEntriesSchema = z.array(
  z.object({
    household: z.string().nullable().default(null),
    name: z.string().nullable().default(null),
    items: z.array(Line),
    rejected: z.array(Refused).default([]),
    /** Lines stored before `by` was kept have none. */
    by: z.string().nullable().default(null),
    orderId: z.string().nullable().default(null),
  }),
);
export const readJielongEntries = reader("JielongList.entries", JielongEntriesSchema);

// ── MedicineRequest.items ──────────────────────────────────────────────────────
export const MedicineItemsSchema = z.array(z.object({ name: z.string(), qty: z.number().nullable().default(null) }));
export const readMedicineItems = reader("MedicineRequest.items", MedicineItemsSchema);

// ── AuditLog.data of action "order.rejected" ───────────────────────────────────
export const RefusalAuditSchema = z.object({
  villageId: z.string().nullable().default(null),
  gridId: z.string().nullable().default(null),
  chat: z.string().nullable().default(null),
  household: z.string().nullable().default(null),
  partial: z.boolean().default(false),
});
export const readRefusalAudit = reader("AuditLog.data (order.rejected)", RefusalAuditSchema);

// ── PendingAck.line (a Text: one line of a digest, in both languages) ──────────
export const AckLineSchema = z.object({ zh: z.string(), en: z.string() });
export const readAckLine = reader("PendingAck.line", AckLineSchema);

// ── OutboxMessage.buttons ──────────────────────────────────────────────────────
export const ButtonsSchema = z.array(z.object({ text: z.string(), data: z.string() }));
export const readButtons = reader("OutboxMessage.buttons", ButtonsSchema);

/**
 * A value for a JSON column. Prisma's input type wants an index signature that a typed
 * object (an interface) does not declare; a plain JSON round-trip proves it is JSON.
 */
export type JsonInput = string | number | boolean | { [k: string]: JsonInput | null } | Array<JsonInput | null>;
export function toJson(value: object): { [k: string]: JsonInput | null } | Array<JsonInput | null> {
  return JSON.parse(JSON.stringify(value));
}

// The stored shapes stay assignable to what the flows read.
const _summary = (s: StoredSummary): BatchSummary => s;
const _lines = (l: z.infer<typeof JielongEntriesSchema>): ListLine[] => l;
void _summary;
void _lines;

/**
 * Only the pickup slots of a batch summary (read per order: the rest is not looked at);
 * undefined where the query did not load the summary.
 */
export const readSummarySlots = reader("Batch.summary.slots", BatchSummarySchema.pick({ slots: true }).nullish());
