// Text for people: every sentence the bot says exists once, here (src/texts/), in
// Simplified Chinese and English. What is sent follows the language setting of the
// village (or the officials' chat): `zh`, `zh+en` (Chinese, then English) or `en`; an
// English message is answered in English where the setting includes it.
import { z } from "zod";
import { zhDate } from "../domain/local-time";

/** One thing to say, in both languages. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export const LanguageSchema = z.enum(["zh", "zh+en", "en"]);
export type Language = z.infer<typeof LanguageSchema>;

export const text = (zh: string, en: string): Text => ({ zh, en });

/** The words to send for a setting. A plain string (an official's own notice) is sent as it is. */
export function render(t: Text | string, lang: Language): string {
  if (typeof t === "string") return t;
  if (lang === "zh") return t.zh;
  if (lang === "en") return t.en;
  return t.en ? `${t.zh}\n${t.en}` : t.zh;
}

/** Several texts as one, line by line in each language (null, false and empty parts left out). */
export function lines(...parts: Array<Text | null | false | undefined>): Text {
  const ps = parts.filter((p): p is Text => !!p);
  return {
    zh: ps
      .map((p) => p.zh)
      .filter(Boolean)
      .join("\n"),
    en: ps
      .map((p) => p.en)
      .filter(Boolean)
      .join("\n"),
  };
}

/**
 * The language of a reply: the setting, except that a message written in English is
 * answered in English where the setting includes English.
 */
export function replyLanguage(setting: Language, messageLang: "zh" | "en" | null | undefined): Language {
  return messageLang === "en" && setting !== "zh" ? "en" : setting;
}

/**
 * Fen as yuan: 10000 → "100", 1250 → "12.50"; `grouped` puts in thousands separators
 * (1234500 → "12,345") where a page shows big sums.
 */
export function yuan(cents: number, o: { grouped?: boolean } = {}): string {
  const whole = cents % 100 === 0;
  if (!o.grouped) return whole ? String(cents / 100) : (cents / 100).toFixed(2);
  return (cents / 100).toLocaleString(
    "en-US",
    whole ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  );
}

/** A figure with at most two decimals: 26 → "26", 6.25 → "6.25". */
export const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));

const ZH_DIGITS = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 每天 / 每两天 / 每三天 …, and "once a day" / "once every 2 days". */
export function everyDays(n: number): Text {
  if (n === 1) return text("每天", "once a day");
  return text(`每${n <= 10 ? ZH_DIGITS[n] : String(n)}天`, `once every ${n} days`);
}

export { zhDate };

/** A village's language setting as stored (anything unknown reads as Chinese). */
export function villageLanguage(v: { language: string } | null | undefined): Language {
  const r = LanguageSchema.safeParse(v?.language);
  return r.success ? r.data : "zh";
}
