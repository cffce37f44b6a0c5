/** Medicines: not catalog goods, they go to the medicine-request flow. Data, extended freely. */

/** Named drugs (brand or generic names). */
export const MEDICINE_NAMES: readonly string[] = [
  "阿司匹林", "拜阿司匹灵", "布洛芬", "芬必得", "对乙酰氨基酚", "扑热息痛", "泰诺", "百服宁", "胰岛素", "二甲双胍", "格列美脲", "格列齐特", "格列吡嗪",
  "阿卡波糖", "拜糖平", "硝苯地平", "氨氯地平", "苯磺酸氨氯地平", "络活喜", "缬沙坦", "厄贝沙坦", "氯沙坦", "替米沙坦", "美托洛尔", "倍他乐克",
  "阿托伐他汀", "瑞舒伐他汀", "立普妥", "速效救心丸", "硝酸甘油", "丹参滴丸", "复方丹参滴丸", "连花清瘟", "莲花清瘟", "板蓝根", "感冒灵", "999感冒灵",
  "头孢", "阿莫西林", "罗红霉素", "阿奇霉素", "左氧氟沙星", "蒙脱石散", "藿香正气水", "藿香正气", "布地奈德", "沙丁胺醇", "氯雷他定", "甲硝唑", "奥美拉唑",
  "左甲状腺素", "优甲乐", "华法林", "氯吡格雷", "波立维", "地高辛", "呋塞米", "螺内酯", "碳酸钙", "钙片", "维生素", "创可贴", "碘伏", "云南白药",
  "息斯敏", "健胃消食片", "牛黄解毒片", "安宫牛黄丸", "六味地黄丸", "止咳糖浆", "川贝枇杷膏", "京都念慈菴", "退热贴", "小儿退热贴", "美林", "妈咪爱",
  "aspirin", "ibuprofen", "insulin", "paracetamol", "acetaminophen", "metformin", "nifedipine", "amlodipine", "antibiotics", "cough syrup",
];

/** Words naming a kind of medicine; dropped when a named drug follows in the same request. */
export const MEDICINE_GENERIC: readonly string[] = [
  "药", "药品", "药物", "药片", "降压药", "降糖药", "降脂药", "感冒药", "退烧药", "止痛药", "消炎药", "止咳药", "胃药", "中药", "西药", "处方药",
  "常用药", "心脏病药", "救心丸", "冠心病药", "高血压药", "糖尿病药", "抗生素", "胶囊", "眼药水",
  "medicine", "medicines", "medication", "medications", "pills", "drugs",
];

/** Endings that make an unknown word a drug name (…片, …胶囊, …颗粒). */
export const MEDICINE_SUFFIXES: readonly string[] = ["药", "片", "胶囊", "颗粒", "口服液", "丸", "滴丸", "冲剂", "糖浆", "软膏", "喷雾", "注射液", "滴眼液", "贴"];

/** Forms written right after a drug name (二甲双胍片, 硝苯地平缓释片): part of the name. */
export const MEDICINE_FORMS: readonly string[] = [
  "缓释片", "控释片", "肠溶片", "分散片", "咀嚼片", "含片", "泡腾片", "片", "缓释胶囊", "胶囊", "颗粒", "口服液", "注射液", "针", "滴丸", "丸",
  "软膏", "乳膏", "喷雾剂", "喷雾", "滴眼液", "糖浆", "冲剂", "散", "粉", "贴", "栓",
];
