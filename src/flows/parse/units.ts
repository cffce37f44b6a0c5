/** Units of quantity. A unit only counts right after a number (一份, 2罐, 3 cans). */

/** Chinese units, each with the unit it stands for when matching against a catalog item's unit. */
export const CJK_UNITS: Readonly<Record<string, string>> = {
  份: "份", 罐: "罐", 听: "罐", 桶: "桶", 箱: "箱", 件: "箱", 盒: "盒", 袋: "袋", 包: "包", 瓶: "瓶", 提: "提", 卷: "提",
  条: "条", 个: "个", 只: "个", 颗: "个", 枚: "个", 斤: "斤", 公斤: "斤", 千克: "斤", 克: "克", 板: "板", 片: "片", 粒: "粒",
  支: "支", 根: "根", 把: "把", 捆: "捆", 打: "打", 排: "排", 杯: "杯", 串: "串", 套: "份", 单: "份", 块: "块", 筒: "桶", 壶: "桶",
  升: "升", 斗: "斗", 扎: "扎", 张: "张", 对: "对", 双: "对", 样: "份", 种: "份", 批: "份", 碗: "碗", 笼: "笼", 屉: "笼", kg: "斤", g: "克", pcs: "个", l: "升", ml: "升",
};

/** English unit words (singular and plural) → the Chinese unit they correspond to. */
export const EN_UNITS: Readonly<Record<string, string>> = {
  can: "罐", cans: "罐", tin: "罐", tins: "罐", bag: "袋", bags: "袋", sack: "袋", sacks: "袋", box: "盒", boxes: "盒",
  carton: "箱", cartons: "箱", case: "箱", cases: "箱", bottle: "瓶", bottles: "瓶", pack: "包", packs: "包", packet: "包",
  packets: "包", barrel: "桶", barrels: "桶", jug: "桶", jugs: "桶", roll: "提", rolls: "提", piece: "个", pieces: "个",
  portion: "份", portions: "份", fen: "份", serving: "份", servings: "份", set: "份", sets: "份", jar: "瓶", jars: "瓶", kilo: "斤",
  kilos: "斤", kilogram: "斤", kilograms: "斤", catty: "斤", jin: "斤", dozen: "打", tray: "盒", trays: "盒", lot: "份", lots: "份",
  cartonsof: "箱", pkt: "包", pkts: "包", bundle: "提", bundles: "提",
};

/** Units that say a word is goods (2斤猪肉, 口罩1包); 个/次 alone do not. */
export const GOODS_UNITS: ReadonlySet<string> = new Set([
  "份", "罐", "桶", "箱", "盒", "袋", "包", "瓶", "提", "条", "斤", "克", "板", "片", "粒", "支", "根", "把", "捆", "打", "排", "杯", "串", "个", "升", "扎",
  "碗", "笼", "张",
]);

/** Units that measure goods only — containers and weights (两斤排骨, 一箱橙汁) — not 个, 条, 份 …, which count anything (一条消息). */
export const MEASURE_UNITS: ReadonlySet<string> = new Set(["罐", "桶", "箱", "盒", "袋", "包", "瓶", "提", "斤", "克", "板", "粒", "捆", "杯", "串", "升", "扎"]);

/** Units that go with medicine. */
export const MEDICINE_UNITS: ReadonlySet<string> = new Set(["盒", "瓶", "板", "片", "粒", "支", "袋", "包", "贴", "个", "罐", "份"]);
