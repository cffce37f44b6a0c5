import { z } from "zod";
import { CatalogItemSchema } from "../domain/catalog";
import { PlatformSchema } from "../domain/messages";
import { AlertSettingsSchema } from "../flows/officials/settings";
import { LanguageSchema } from "../texts";

const HhMm = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be a time of day like 20:00");
const Person = z.object({
  platform: PlatformSchema.default("console"),
  userId: z.string().min(1),
  name: z.string().optional(),
});
/**
 * A chat, by its platform id — or, where the id is not known in advance (WeChat room
 * ids are only seen once the bot is in the room), by its title: the first message from a
 * room with that title binds it (src/app/context.ts, resolveGroup).
 */
const ChatFields = {
  platform: PlatformSchema.default("console"),
  chatId: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
};
const hasId = (c: { chatId?: string | undefined; title?: string | undefined }) =>
  c.chatId !== undefined || c.title !== undefined;
const ChatRef = z
  .object(ChatFields)
  .refine(hasId, "a group needs a chatId or a title")
  .transform((c) => ({ platform: c.platform, chatId: c.chatId ?? `${TOPIC_PREFIX}${c.title}`, title: c.title }));
/**
 * A group of ours, and optionally which of our accounts (bot identities: the WeChat id,
 * the Telegram bot id) is in it, where a district runs several on one platform: what is
 * said there before anything is heard from the group goes through it. Without it the
 * group's account is learnt from its first message or event (src/app/group-account.ts).
 */
const GroupRef = z
  .object({ ...ChatFields, account: z.string().min(1).optional() })
  .refine(hasId, "a group needs a chatId or a title")
  .transform((c) => ({
    platform: c.platform,
    chatId: c.chatId ?? `${TOPIC_PREFIX}${c.title}`,
    title: c.title,
    account: c.account,
  }));

/** The placeholder chat id of a group known only by its title, until the bot sees it. */
export const TOPIC_PREFIX = "topic:";

export const PickupPointSpecSchema = z.object({
  name: z.string().min(1),
  address: z.string().optional(),
  opensAt: HhMm.default("09:00"),
  closesAt: HhMm.default("12:00"),
  slotMinutes: z.number().int().min(5).max(240).default(30),
  slotCapacity: z.number().int().min(1).max(1000).default(10),
});

export const GridSpecSchema = z.object({
  code: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().optional(),
  zone: z.enum(["static", "controlled"]).default("static"),
  deliveryWindow: z
    .string()
    .regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, "must look like 09:00-12:00")
    .default("09:00-12:00"),
  supplier: ChatRef.optional(),
  pickupPoints: z.array(PickupPointSpecSchema).default([]),
  groups: z.array(GroupRef).default([]),
  leaders: z.array(Person).default([]),
  volunteers: z.array(Person).default([]),
});

export const VillageSpecSchema = z.object({
  name: z.string().min(1),
  timezone: z.string().default("Asia/Shanghai"),
  cutoff: HhMm.default("20:00"),
  intervalDays: z.number().int().min(1).max(14).default(2),
  /** What the bot says in this village's groups is in: zh (Chinese), zh+en (Chinese, then English) or en. */
  language: LanguageSchema.default("zh"),
  /** In a busy group, acknowledgements are gathered and said at most every this many minutes (default by platform: WeChat 5, Telegram 1; 0 = always at once). */
  digestMinutes: z.number().int().min(0).max(120).optional(),
  limits: z.record(z.string(), z.number().int().min(1)).default({}),
  grids: z.array(GridSpecSchema).min(1, "a village needs at least one grid"),
});

export const HouseholdSpecSchema = z.object({
  village: z.string(),
  code: z.string().regex(/^\d+(-\d+)*$/, "must be a canonical address like 3-2-501"),
  grid: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  specialCare: z.boolean().default(false),
  careNote: z.string().optional(),
});
/** The columns of a households CSV file, in any order (a header row names them). */
export const HOUSEHOLD_CSV_COLUMNS = ["village", "code", "grid", "name", "phone", "specialCare", "careNote"] as const;

export const SetupSpecSchema = z.object({
  villages: z.array(VillageSpecSchema).min(1, "list at least one village"),
  officials: z
    .object({
      groups: z.array(GroupRef).default([]),
      members: z.array(Person).default([]),
      suppliers: z.array(Person).default([]),
    })
    .default({ groups: [], members: [], suppliers: [] }),
  /** The officials' alerts: price baselines and threshold, stock targets, report time, issuing office. */
  alerts: AlertSettingsSchema.prefault({}),
  /** Items here replace the shipped item with the same sku, or add a new one. */
  catalog: z.array(CatalogItemSchema).default([]),
  /** The households, listed here — or in a CSV file named here (src/cli/village-file.ts reads it). */
  households: z.array(HouseholdSpecSchema).default([]),
});
export type SetupSpec = z.infer<typeof SetupSpecSchema>;
export type SetupSpecInput = z.input<typeof SetupSpecSchema>;
