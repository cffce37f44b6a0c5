/**
 * Goods the supply scheme does not deliver. Data, not code: a word here is refused with
 * CATEGORY_NOT_ALLOWED wherever it appears as something asked for. A catalog alias always
 * wins over this list (officials can start selling something by adding it to the catalog).
 */
export type RefusedCategory = "tobacco" | "alcohol" | "drinks" | "snacks" | "fruit" | "takeaway";

export interface RefusedGood {
  readonly word: string;
  readonly category: RefusedCategory;
}

const BY_CATEGORY: Record<RefusedCategory, readonly string[]> = {
  tobacco: ["烟", "香烟", "卷烟", "烟草", "电子烟", "雪茄", "中华烟", "软中华", "玉溪", "芙蓉王", "黄鹤楼", "利群",
    // Brands and slang: 华子 is 中华, 一条 a carton.
    "华子", "硬中华", "中华香烟", "云烟", "红塔山", "苏烟", "贵烟", "万宝路", "红双喜", "娇子", "黄金叶", "烟丝", "烟叶", "烟弹", "烟卷", "cigarette", "cigarettes", "cigs", "tobacco", "smokes"],
  alcohol: ["酒", "白酒", "啤酒", "红酒", "葡萄酒", "黄酒", "米酒", "洋酒", "果酒", "二锅头", "茅台", "五粮液", "江小白", "老白干", "牛栏山", "汾酒", "泸州老窖", "剑南春", "洋河", "郎酒", "酒鬼酒", "beer", "wine", "liquor", "alcohol", "baijiu", "vodka", "whisky", "whiskey"],
  drinks: ["奶茶", "咖啡", "饮料", "可乐", "雪碧", "芬达", "果汁", "汽水", "红牛", "王老吉", "加多宝", "椰汁", "冰红茶", "绿茶饮料", "旺仔牛奶", "核桃奶", "乳酸菌", "养乐多", "ad钙奶", "营养快线", "酸梅汤", "奶茶粉", "milk tea", "bubble tea", "coffee", "cola", "coke", "soda", "soft drink", "soft drinks", "juice"],
  snacks: ["零食", "薯片", "辣条", "瓜子", "坚果", "饼干", "糖果", "巧克力", "蛋糕", "蛋挞", "冰淇淋", "冰激凌", "雪糕", "冰棍", "果冻", "槟榔", "牛肉干", "鸭脖", "泡椒凤爪", "卫龙", "鸡蛋糕", "蛋黄派", "蛋卷", "沙琪玛", "月饼", "糕点", "点心", "雪饼", "米饼", "仙贝", "旺旺", "麻花", "锅巴", "爆米花", "棒棒糖", "口香糖", "奶糖", "软糖", "牛奶糖", "水果糖", "花生糖", "酥糖", "糖葫芦", "奶片", "海苔", "棉花糖", "干脆面", "辣片", "话梅", "肉松饼", "威化", "奥利奥", "乐事", "士力架", "德芙", "snack", "snacks", "chips", "crisps", "candy", "sweets", "chocolate", "cake", "ice cream", "cookies"],
  fruit: ["水果", "苹果", "西瓜", "香蕉", "橙子", "橘子", "桔子", "葡萄", "草莓", "芒果", "车厘子", "樱桃", "荔枝", "榴莲", "哈密瓜", "柚子", "猕猴桃", "菠萝", "梨子", "桃子", "火龙果", "梨", "砂糖橘", "沃柑", "蓝莓", "枇杷", "杨梅", "石榴", "木瓜", "柠檬", "甘蔗", "fruit", "fruits", "apple", "apples", "banana", "bananas", "watermelon", "oranges", "grapes", "strawberries"],
  takeaway: ["炸鸡", "外卖", "汉堡", "薯条", "披萨", "比萨", "烧烤", "麻辣烫", "火锅", "肯德基", "麦当劳", "kfc", "蜜雪冰城", "喜茶", "烤串", "fried chicken", "takeaway", "takeout", "burger", "burgers", "pizza", "fries", "hot pot"],
};

export const REFUSED_GOODS: readonly RefusedGood[] = (Object.keys(BY_CATEGORY) as RefusedCategory[]).flatMap((category) =>
  BY_CATEGORY[category].map((word) => ({ word, category })),
);
