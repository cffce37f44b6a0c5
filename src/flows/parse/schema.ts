import { z } from "zod";

/** What a chat message asks of the bot (../shared/contracts/README.md, `bin/baogong parse`). */
export const ParseKindSchema = z.enum(["order", "amend", "cancel", "status", "jielong", "medicine", "none"]);
export type ParseKind = z.infer<typeof ParseKindSchema>;

export const RejectReasonSchema = z.enum(["CATEGORY_NOT_ALLOWED", "UNKNOWN_ITEM", "BAD_QUANTITY"]);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const ParsedItemSchema = z.object({ sku: z.string().min(1), qty: z.number().int().positive() });
export type ParsedItem = z.infer<typeof ParsedItemSchema>;

export const RejectedItemSchema = z.object({ text: z.string(), reason: RejectReasonSchema });
export type RejectedItem = z.infer<typeof RejectedItemSchema>;

export const JielongEntrySchema = z.object({
  household: z.string().nullable(),
  name: z.string().nullable(),
  items: z.array(ParsedItemSchema),
  rejected: z.array(RejectedItemSchema),
});
export type JielongEntry = z.infer<typeof JielongEntrySchema>;

export const MedicineRequestSchema = z.object({ name: z.string().min(1), qty: z.number().int().positive().nullable() });
export type MedicineRequest = z.infer<typeof MedicineRequestSchema>;

export const ParseResultSchema = z.object({
  kind: ParseKindSchema,
  household: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  items: z.array(ParsedItemSchema),
  rejected: z.array(RejectedItemSchema),
  entries: z.array(JielongEntrySchema),
  medicines: z.array(MedicineRequestSchema),
  /** "en" when the message is written in English. */
  lang: z.enum(["zh", "en"]).optional(),
  /** cancel / amend: catalog skus named only to be taken out of the order (鸡蛋不要了). */
  removed: z.array(z.string()).optional(),
  /** Where `household` was read: the message text or the sender's display name. */
  householdSource: z.enum(["text", "sender"]).nullable().optional(),
  /** Title line of a 接龙 list. */
  title: z.string().optional(),
  /** Set when the input line itself could not be read (CLI only). */
  error: z.string().optional(),
});
export type ParseResult = z.infer<typeof ParseResultSchema>;

export const ParseInputSchema = z.object({ text: z.string(), sender: z.string().nullable().optional() });
export type ParseInput = { text: string; sender?: string | null };
