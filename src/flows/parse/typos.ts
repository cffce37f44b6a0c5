/**
 * Input-method slips in the few words the bot must read: pinyin input offers homophones, and a
 * hurried tap takes the wrong one (100园套餐, 中套参). Each fix replaces one character by one, so
 * positions stay the same, and only in a context where the slip cannot be a word of its own:
 * 园/圆 right after a number and before 套餐 / 的 / a count (愚园路, 家园 stay as they are);
 * 参/惨/蚕/残 right after 套 (not 套参考). Data: add slips here, not in the matchers.
 */

const NUMERAL = "0-9零〇一二两三四五六七八九十百千";
// 100园套餐, 五十圆的, 50员套餐 → 元
const YUAN_SLIP = new RegExp(
  `(?<=[${NUMERAL}] ?)(?:[园圆](?=[ ]?(?:套|的|一|份|/|每|,|，|$|\\s))|[员原](?=[ ]?(?:套|的)))`,
  "g",
);
// 套参 / 套惨 / 套蚕 / 套残 → 套餐
const TAOCAN_SLIP = /(?<=套)[参惨蚕残](?![考加与数观照谋])/g;

// The characters a slip is made of: most messages have none and are returned as they are.
const SLIP_CHARS = new Uint8Array(65536);
for (const ch of "园圆员原参惨蚕残") SLIP_CHARS[ch.charCodeAt(0)] = 1;

/** `s` with the known slips fixed; the same length, the same string when there are none. */
export function fixTypos(s: string): string {
  let any = false;
  for (let i = 0; i < s.length && !any; i++) if (SLIP_CHARS[s.charCodeAt(i)] === 1) any = true;
  if (!any) return s;
  let out = s;
  if (/[园圆员原]/.test(out)) out = out.replace(YUAN_SLIP, "元");
  if (/[参惨蚕残]/.test(out)) out = out.replace(TAOCAN_SLIP, "餐");
  return out;
}
