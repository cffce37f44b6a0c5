// The officials' alert settings: baselines, thresholds, stock targets, when the
// daily report goes out and who signs the town's messages. Stored as one Setting
// row ("alerts") by applySetup; read back through this schema.
import { z } from "zod";

const HhMm = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be a time of day like 21:30");

export const AlertSettingsSchema = z.object({
  /** Commodity id (or name) → baseline price in yuan per the commodity's unit. */
  priceBaseline: z.record(z.string(), z.number().positive()).default({}),
  /** A price more than this many percent above its baseline raises an alert. */
  priceAlertPct: z.number().min(0).max(1000).default(10),
  /** Commodity id (or name) → days of supply wanted; overrides the defaults. */
  stockTargetDays: z.record(z.string(), z.number().positive()).default({}),
  /** Local time of the daily report (日报). */
  reportTime: HhMm.default("21:30"),
  /** The issuing office that signs notices, corrections and reports. */
  office: z.string().min(1).default("镇保供专班"),
  /** What the bot says in the officials' chat is in: zh, zh+en or en. */
  language: z.enum(["zh", "zh+en", "en"]).default("zh"),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = AlertSettingsSchema.parse({});

export const ALERT_SETTINGS_KEY = "alerts";

/** Reads a stored value back; a row that no longer fits gives the defaults rather than a crash. */
export function readAlertSettings(value: unknown): AlertSettings {
  const r = AlertSettingsSchema.safeParse(value ?? {});
  return r.success ? r.data : DEFAULT_ALERT_SETTINGS;
}
