/** Person names next to a household (2栋1单元301 王五, 钱, 孙奶奶, Zhang:). Best effort. */
import { isDrugWord } from "./attach-context";
import type { CatalogIndex } from "./catalog-index";
import { isCjk, isLatin } from "./normalize";

const SURNAMES = new Set(
  Array.from(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤褚卫常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦娄窦戚岑景党宫费卜冷晏席米杭洪卞练薄邬仇强诸闵桂栾尉伏",
  ),
);
const PREFIXES = new Set(["老", "小", "阿"]);
const HONORIFICS = [
  "奶奶",
  "爷爷",
  "阿姨",
  "叔叔",
  "大爷",
  "大妈",
  "伯伯",
  "婆婆",
  "老师",
  "先生",
  "女士",
  "师傅",
  "大姐",
  "大哥",
  "姐",
  "哥",
  "姨",
  "叔",
  "妈",
  "爸",
  "嫂",
  "老太",
  "老伯",
  "家",
];
const ROAD_ENDS = new Set(Array.from("路街道巷弄"));
const SKIP = new Set(Array.from(" :：,，-/（()）·|【】[]「」<>《》\"'"));

export interface NameSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function looksLikeName(w: string): boolean {
  if (w.length === 0 || w.length > 4) return false;
  // 薄荷含片, 黄芪颗粒: a word with a medicine's ending is the medicine, whatever its first character.
  if (w.length >= 3 && isDrugWord(w)) return false;
  // 武夷路, 南京西路: the road before a Shanghai lane, not a person.
  if (w.length >= 3 && ROAD_ENDS.has(w[w.length - 1]!)) return false;
  const a = w[0]!;
  if (SURNAMES.has(a)) return true;
  if (PREFIXES.has(a) && w.length >= 2 && SURNAMES.has(w[1]!)) return true;
  return w.length >= 2 && HONORIFICS.some((h) => w.endsWith(h) && w.length > h.length);
}

/** Where a run of Chinese characters stops being a name: at the first goods or intent word in it. */
function cutAtLexicon(low: string, from: number, to: number, index: CatalogIndex): number {
  for (let j = from; j < to; j++) {
    const m = index.lexicon.match(low, j);
    if (!m) continue;
    const v = m.value;
    if (v.k === "notgoods") continue;
    // 钱 is a filler word and a surname: a filler only ends a name after its first character (李家 → 李).
    if (v.k === "kw" && (v.tag === "fill" || v.tag === "thanks") && j === from) continue;
    return j;
  }
  return to;
}

function cjkRun(norm: string, i: number, max: number): number {
  let j = i;
  while (j < norm.length && j - i < max && isCjk(norm.charCodeAt(j))) j++;
  return j;
}

/** A name written right after the household (or right before it, at the start of the message). */
export function nameNearHousehold(
  norm: string,
  low: string,
  hhStart: number,
  hhEnd: number,
  index: CatalogIndex,
): NameSpan | null {
  let i = hhEnd;
  while (i < norm.length && SKIP.has(norm[i]!)) i++;
  const after = nameAt(norm, low, i, index, false) ?? loneSurname(norm, low, i, index);
  if (after) return after;
  // Before: "王五 2栋1单元301 …"
  let b = hhStart;
  while (b > 0 && SKIP.has(norm[b - 1]!)) b--;
  let a = b;
  while (a > 0 && b - a < 4 && isCjk(norm.charCodeAt(a - 1))) a--;
  // Only at the start of the message or of a line: "…1包 3-2-501" is not a name.
  let lead = a;
  while (lead > 0 && (norm[lead - 1] === " " || norm[lead - 1] === "\t")) lead--;
  if (a < b && (lead === 0 || norm[lead - 1] === "\n")) {
    const w = norm.slice(a, b);
    if (looksLikeName(w) && cutAtLexicon(low, a, b, index) === b && !startsWithGoods(low, a, index))
      return { name: w, start: a, end: b };
  }
  return null;
}

/**
 * A surname that is also a goods word, standing alone right after the household and followed by
 * more goods (2组4号 姜 大米3袋, 3-1-101 金 鸡蛋1盒): a name, not an order of ginger. With a
 * quantity after it (3-1-101 姜 2斤) it stays goods.
 */
function loneSurname(norm: string, low: string, i: number, index: CatalogIndex): NameSpan | null {
  if (i + 1 >= norm.length || !SURNAMES.has(norm[i]!)) return null;
  // A catalog item's own one-character alias (米, 油) is more likely the start of a list (米 油 各1袋).
  if (index.lexicon.match(low, i)?.value.k === "item") return null;
  if (!isCjk(norm.charCodeAt(i)) || isCjk(norm.charCodeAt(i + 1))) return null;
  const sep = norm[i + 1]!;
  if (sep !== " " && sep !== "," && sep !== "，" && sep !== ":" && sep !== "：") return null;
  let j = i + 1;
  while (j < norm.length && SKIP.has(norm[j]!)) j++;
  const m = j < norm.length ? index.lexicon.match(low, j) : null;
  if (!m || (m.value.k !== "item" && m.value.k !== "pkg" && m.value.k !== "refused" && m.value.k !== "other"))
    return null;
  return { name: norm[i]!, start: i, end: i + 1 };
}

function startsWithGoods(low: string, i: number, index: CatalogIndex): boolean {
  const m = index.lexicon.match(low, i);
  if (!m) return false;
  const k = m.value.k;
  return (
    k === "item" ||
    k === "refused" ||
    k === "other" ||
    k === "med" ||
    k === "pkg" ||
    (m.value.k === "kw" && m.value.tag !== "fill" && m.value.tag !== "thanks")
  );
}

/**
 * A name starting at `i`: Chinese (surname first, or ending in an honorific) or an English word
 * followed by a colon. `standalone` asks that it be followed by a space or punctuation.
 */
export function nameAt(
  norm: string,
  low: string,
  i: number,
  index: CatalogIndex,
  standalone: boolean,
): NameSpan | null {
  if (i >= norm.length) return null;
  const c = norm.charCodeAt(i);
  if (isCjk(c)) {
    if (startsWithGoods(low, i, index)) return null;
    const runEnd = cjkRun(norm, i, 6);
    const end = cutAtLexicon(low, i, runEnd, index);
    if (standalone && (end !== runEnd || (runEnd < norm.length && !SKIP.has(norm[runEnd]!)))) return null;
    const w = norm.slice(i, end);
    if (!looksLikeName(w)) return null;
    return { name: w, start: i, end };
  }
  if (isLatin(c)) {
    let j = i;
    while (j < norm.length && (isLatin(norm.charCodeAt(j)) || norm[j] === "'")) j++;
    const w = norm.slice(i, j);
    const nx = norm[j];
    if (
      w.length >= 2 &&
      w.length <= 20 &&
      (nx === ":" || nx === "," || nx === "：") &&
      /^[A-Z]/.test(w) &&
      !startsWithGoods(low, i, index)
    )
      return { name: w, start: i, end: j };
  }
  return null;
}

/** The name part of a sender display name once its household is taken out (3-501 张三 → 张三). */
export function nameFromSender(sender: string, hhStart: number, hhEnd: number): string | null {
  const rest = `${sender.slice(0, hhStart)} ${sender.slice(hhEnd)}`
    .replace(/[\s\-_/|·,，:：()（）[\]【】#]+/g, " ")
    .trim();
  if (!rest || rest.length > 24) return null;
  if (/^[0-9\s]+$/.test(rest)) return null;
  return rest;
}

const LABEL_RE = /(?:姓名|名字|联系人|收货人|name)\s*[:：]?\s*([\u4e00-\u9fff]{1,4}|[A-Za-z][A-Za-z']{1,19})/i;

/** "姓名：王五", "联系人 李四", "Name: Zhang". */
export function nameByLabel(norm: string): NameSpan | null {
  if (norm.length > 2000) return null;
  const m = LABEL_RE.exec(norm);
  if (!m) return null;
  const start = m.index + m[0].length - m[1]!.length;
  return { name: m[1]!, start, end: start + m[1]!.length };
}

const HONORIFIC_RE = "(?:爷爷|奶奶|阿姨|叔叔|大爷|大妈|大娘|伯伯|婆婆|老师|师傅|大姐|大哥|老太|老伯|阿婆|姐|哥|姨|叔)";
const SURNAME_CLASS = `[${[...SURNAMES].join("")}]`;
// 李爷爷那份 / 帮老杜 / 王奶奶家的 / 给张阿姨的订单: a person, named as the one whose order it is.
const FOR_NAME_RE = new RegExp(
  `(?:(?<=帮|给|替|代)[^，,。；;\\n]{0,8}?(${SURNAME_CLASS}${HONORIFIC_RE}|[老小]${SURNAME_CLASS})(?![\\u4e00-\\u9fff]{0,1}(?:说|讲|问)))` +
    `|(${SURNAME_CLASS}${HONORIFIC_RE}|[老小]${SURNAME_CLASS})(?=\\s*(?:家)?\\s*(?:那份|那单|的单|的订单|的单子|的菜|那边|家的|的那份|的套餐|的东西))`,
  "g",
);

// What every match of FOR_NAME_RE holds (帮 / 给 / 替 / 代 before the person, or the words after it):
// tested first, as the surname alternation is costly to try at every position of every message.
const FOR_NAME_CUE_RE = /[帮给替代]|那份|那单|的单|的订单|的菜|那边|家的|的套餐|的东西/;

/**
 * The person whose order a message changes, cancels or asks about when it is not the sender's
 * own (李爷爷那份换成小套餐, 帮7组3号李奶奶改一下单, 帮老杜把面粉去掉), or null. `text` is the
 * normalised message with households and personal data blanked.
 */
export function forNameIn(text: string): string | null {
  if (text.length > 2000 || !FOR_NAME_CUE_RE.test(text)) return null;
  FOR_NAME_RE.lastIndex = 0;
  const m = FOR_NAME_RE.exec(text);
  if (!m) return null;
  return m[1] ?? m[2] ?? null;
}

// The characters a person named in FOR_NAME_RE must contain (an honorific, or 老 / 小 before a surname).
const PERSON_MARK = new Uint8Array(65536);
for (const ch of "爷奶姨叔妈娘伯婆师姐哥太老小") PERSON_MARK[ch.charCodeAt(0)] = 1;

/** A cheap test before forNameIn: the text holds a character a named person needs. */
export function mayNamePerson(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (PERSON_MARK[text.charCodeAt(i)] === 1) return true;
  return false;
}
