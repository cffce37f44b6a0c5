// Characters that show nothing (zero-width spaces and joiners, soft hyphens, direction marks,
// variation selectors, BOM): what the sender sees is what is read and masked — 鸡\u200b蛋 is 鸡蛋,
// and a phone number with them inside is the same number.

/** 1 at each UTF-16 code unit that shows nothing, 0 elsewhere (65,536 entries). */
export const INVISIBLE: Readonly<Uint8Array> = (() => {
  const t = new Uint8Array(65536);
  for (const c of [0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x3164, 0xfeff, 0xffa0]) t[c] = 1;
  for (const [a, b] of [
    [0x180b, 0x180f],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0xfe00, 0xfe0f],
  ] as const)
    for (let c = a; c <= b; c++) t[c] = 1;
  return t;
})();
