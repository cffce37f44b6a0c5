/**
 * Written Cantonese read as Mandarin, one character for one (so positions stay the same): 鸡蛋唔要喇
 * is 鸡蛋不要喇, 到咗未 is 到了未, 我哋都要 is 我们都要, 其他冇变 is 其他没变. Only characters that are
 * Cantonese alone are here — 係, 仲, 咁 and 未 are also Mandarin (关係, 仲裁, 未到) and stay as
 * they are; their phrases are words in ./intent-words.ts. Data: add characters here.
 */
export const CANTONESE_CHARS: Readonly<Record<string, string>> = {
  唔: "不",
  冇: "没",
  咗: "了",
  嘅: "的",
  哋: "们",
  喺: "在",
  嚟: "来",
  畀: "给",
  俾: "给",
  佢: "他",
  嗰: "那",
  睇: "看",
  攞: "拿",
  揾: "找",
  搵: "找",
  乜: "啥",
};

/** 喇 ending a clause is Cantonese 了 (唔要喇 = 不要了); 喇叭 and 喇嘛 stay. Same length. */
export function cantoneseParticles(s: string): string {
  if (s.indexOf("喇") < 0) return s;
  return s.replace(/喇(?![叭嘛])/g, "了");
}

/**
 * Money and days in dialect, the same length: Cantonese 蚊 after a number is 元 (150蚊套餐 is
 * 150元套餐; 蚊子 stays); Shanghainese 今朝 / 明朝 are 今天 / 明天, and 伐 ending a clause is 吗
 * (今朝会送伐 is 今天会送吗; 阿托伐他汀 stays).
 */
export function dialectWords(s: string): string {
  if (!/[蚊朝伐]/.test(s)) return s;
  return s
    .replace(/([0-9零一二两三四五六七八九十百])蚊(?!子)/g, "$1元")
    .replace(/今朝/g, "今天")
    .replace(/明朝(?!代|时|年间)/g, "明天")
    .replace(/伐(?=$|[\s\p{P}])/gu, "吗");
}

/**
 * Arrows written with two or three characters (->, =>, -->) as one arrow and spaces, the same length:
 * 中套餐->大套餐 reads like 中套餐→大套餐.
 */
export function joinArrows(s: string): string {
  if (s.indexOf(">") < 0) return s;
  return s.replace(/-{1,3}>|={1,2}>/g, (m) => `→${" ".repeat(m.length - 1)}`);
}
