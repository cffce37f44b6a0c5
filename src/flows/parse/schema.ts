import { z } from "zod";

/** What a chat message asks of the bot (../shared/contracts/README.md, `bin/baogong parse`). */
export const ParseKindSchema = z.enum(["order", "amend", "cancel", "status", "jielong", "medicine", "none"]);
export type ParseKind = z.infer<typeof ParseKindSchema>;

export const RejectReasonSchema = z.enum(["CATEGORY_NOT_ALLOWED", "UNKNOWN_ITEM", "BAD_QUANTITY"]);

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

/** A WeChat quoted reply: whose message was quoted, and its text (personal data masked). */
export const QuotedMessageSchema = z.object({
  /** The quoted person's display name as WeChat shows it (may hold their household), or null. */
  name: z.string().nullable(),
  text: z.string(),
});
export type QuotedMessage = z.infer<typeof QuotedMessageSchema>;

/**
 * A resident's report of a price seen (鸡蛋一盒卖到30块 太黑了): no order, a signal for the
 * officials' price watch. Holds no name or phone number.
 */
export const PriceComplaintSchema = z.object({
  /** The goods as written (鸡蛋, 猪肉). */
  goods: z.string().min(1),
  /** The catalog sku when the goods are catalog goods, else null. */
  sku: z.string().nullable(),
  /** The price named, in yuan. */
  price: z.number().positive(),
  /** The unit the price is for (一盒 → 盒, 一斤 → 斤), or null when none is given. */
  unit: z.string().nullable(),
});
export type PriceComplaint = z.infer<typeof PriceComplaintSchema>;

export const ParseResultSchema = z.object({
  kind: ParseKindSchema,
  household: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  items: z.array(ParsedItemSchema),
  rejected: z.array(RejectedItemSchema),
  /** jielong: one per entry of the list; order: one per household when a message orders for several (then `household` is null, `items` empty). */
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
  /**
   * amend: how `items` apply to the open order — "set" (those goods' quantities become these:
   * 改成, 换成, 加到) or "add" (added to what is there: 再加, 追加, 多要).
   */
  mode: z.enum(["set", "add"]).optional(),
  /**
   * The message quoted by a WeChat quoted reply (「name：text」 above a dashed line). The result is
   * read from the reply; a "me too" reply (同上, +1, 我家也要) orders the quoted goods.
   */
  quoted: QuotedMessageSchema.optional(),
  /**
   * amend / cancel / status for someone named rather than for the sender (李爷爷那份换成小套餐, a
   * leader or volunteer changing a proxy order): the person's name, for the app to find their
   * household. `household` is then only what the text itself gives, never the sender's.
   */
  forName: z.string().optional(),
  /** kind none: a resident's price complaint (鸡蛋一盒卖到30块 太黑了), for the officials. */
  complaint: PriceComplaintSchema.optional(),
  /**
   * kind none: the message names a household and goods but what it wants cannot be told (two
   * households and one count, 大套餐还是中套餐): the app asks one short question.
   */
  unclear: z.literal(true).optional(),
  /** Set when the input line itself could not be read (CLI only). */
  error: z.string().optional(),
});
export type ParseResult = z.infer<typeof ParseResultSchema>;

export const ParseInputSchema = z.object({ text: z.string(), sender: z.string().nullable().optional() });
export type ParseInput = { text: string; sender?: string | null };
