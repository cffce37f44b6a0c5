// Small pieces every page uses: bilingual labels, times in the bot's zone, money.
import { localParts } from "../../domain/local-time";
import { html, type Html } from "../html";
import type { Bi } from "../../texts/dashboard";
import { yuan } from "../../texts/text";

/** Chinese first, English alongside (smaller). */
export function t(b: Bi): Html {
  return html`${b.zh}<span class="en"> ${b.en}</span>`;
}

const pad = (x: number) => String(x).padStart(2, "0");

export function hhmm(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

export function mdhm(d: Date, tz: string): string {
  const p = localParts(d, tz);
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

export const money = (cents: number): string => `¥${yuan(cents, { grouped: true })}`;
