// Answers to leaders', volunteers' and officials' commands in the groups, the help, and
// what the bot says about groups and accounts.
import { MAX_QTY } from "../flows/parse/quantity";
import { EXAMPLE_ORDER, type RuleFacts } from "./residents";
import { everyDays, text, type Text } from "./text";

/** How long a one-time bind code works. */
export const BIND_CODE_TTL_MS = 24 * 3_600_000;

export const commandTexts = {
  /** The help in a group, stating the rules in force. */
  help(rules: RuleFacts): Text {
    const every = everyDays(rules.intervalDays);
    return text(
      [
        `📖 下单示例：${EXAMPLE_ORDER}（可订：50/100/150元套餐、母婴用品、生活必需品；每户${every.zh}一次，每项最多${MAX_QTY}）`,
        "修改：改成50元套餐；取消：取消订单；查询：订单查询 3-2-501；买药：3-2-501 需要降压药 硝苯地平 2盒",
        "团长、志愿者：/medicines 待买药品，/bought 3-2-501 已买到；",
        "团长：确认 或 /confirm，/paid 3-2-501，已送达，/dashboard；工作人员（工作群里）：/limit PKG100 2，/bindcode <村> <网格>；新群：/bind <村> <网格> [绑定码]",
      ].join("\n"),
      `Order: ${EXAMPLE_ORDER} (packages, mother-and-baby goods, necessities; one order per household ${every.en}) · change: 改成… · cancel: 取消订单 · status: 订单查询 3-2-501`,
    );
  },
  usage: (usage: string): Text => text(`格式：${usage}`, `Usage: ${usage}`),
  noDeliverableBatch: (): Text =>
    text("目前没有已确认待送达的批次。", "There is no confirmed batch waiting for delivery."),
  delivered: (orders: number): Text =>
    text(
      `✅ 本批${orders}户已全部送达，感谢志愿者！`,
      `All ${orders} orders of this batch are delivered. Thank you, volunteers!`,
    ),
  medicineBought: (household: string, n: number): Text =>
    n
      ? text(`💊 已记录：${household} 的药已买到（${n}条）。`, `Medicine for ${household} marked bought.`)
      : text(`${household} 没有待买的药。`, `No open medicine request for ${household}.`),
  medicineList(open: Array<{ household: string; medicines: Array<{ name: string; qty: number | null }> }>): Text {
    if (!open.length) return text("💊 目前没有待买的药。", "No open medicine requests.");
    const list = open.map(
      (o, i) =>
        `${i + 1}. ${o.household}：${o.medicines.map((m) => `${m.name}${m.qty ? `×${m.qty}` : ""}`).join("、") || "（见原消息）"}`,
    );
    return text(
      [`💊 待买药品（${open.length}条），买到后发 /bought 户号：`, ...list].join("\n"),
      [`Medicine to buy: ${open.length}; reply /bought <household> when done.`, ...list].join("\n"),
    );
  },
  limit: (sku: string, max: number | null, village: string | null = null): Text => {
    const where = village ? `${village}：` : "";
    const inV = village ? ` in ${village}` : "";
    return max === null
      ? text(`✅ ${where}已取消 ${sku} 的限购。`, `Limit on ${sku} removed${inV}.`)
      : text(`✅ ${where}${sku} 每单限购 ${max}。`, `Limit: at most ${max} of ${sku} per order${inV}.`);
  },
  unknownSku: (given: string): Text =>
    text(
      `没有找到商品“${given}”，请用商品编号（如 PKG100）或目录里的名称。`,
      `No catalog item "${given}": use its sku (e.g. PKG100) or its catalog name.`,
    ),
  badLimit: (max: number): Text =>
    text(`限购数量应为1到${max}；取消限购请用 off。`, `A limit is 1 to ${max}; use off to lift it.`),
  alreadyBound: (): Text => text("本群已绑定。", "This group is already bound."),
  noSuchGrid: (village: string, grid: string): Text =>
    text(`没有找到 ${village} 网格${grid}，请检查村名和网格号。`, `No such village/grid: ${village} ${grid}.`),
  bindCode: (village: string, grid: string, code: string): Text => {
    const h = Math.round(BIND_CODE_TTL_MS / 3_600_000);
    return text(
      `🔑 绑定码 ${code}（${h}小时内有效，用一次）：把机器人拉进${village}网格${grid}的群，在群里发送 /bind ${village} ${grid} ${code}`,
      `One-time bind code ${code} (${h} h): add the bot to the group of ${village} grid ${grid} and send /bind ${village} ${grid} ${code} there.`,
    );
  },
  bound: (village: string, grid: string): Text =>
    text(
      `✅ 本群已绑定 ${village} 网格${grid}，可以开始下单了。`,
      `This group is now bound to ${village}, grid ${grid}.`,
    ),
};

/** What the bot says about groups and accounts. */
export const groupTexts = {
  botGone: (name: string, where: string | null, why: string): Text =>
    text(
      `⚠️ 机器人已不在群「${name}」${where ? `（${where}）` : ""}：${why}。该群已停用，请重新拉机器人入群并 /bind。`,
      `The bot is no longer in "${name}" (${why}); the group is marked inactive.`,
    ),
  hello: (): Text =>
    text(
      "👋 你好，我是保供机器人。请团长或工作人员发送 /bind <村名> <网格号> 绑定本群。",
      "Hello! A leader or official please send /bind <village> <grid> to bind this group.",
    ),
  loggedOut: (platform: string, account: string, reason: string | null): Text =>
    text(
      `⚠️ ${platform} 账号 ${account} 已下线${reason ? `（${reason}）` : ""}，请重新扫码登录。`,
      `The ${platform} account logged out; please log in again.`,
    ),
};
