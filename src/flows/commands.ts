// Commands people type (or buttons they press) to the bot, as opposed to orders.
import { canonicalHousehold } from "./parse";

export type Command =
  | { name: "confirm"; batchId: string | null }
  | { name: "paid"; household: string | null }
  | { name: "delivered"; batchId: string | null }
  | { name: "medicines" }
  | { name: "medicineDone"; household: string | null }
  /** `village`: that village only (else the whole town). */
  | { name: "limit"; sku: string; rawSku: string; max: number | null; village: string | null }
  | { name: "bind"; village: string; grid: string; code: string | null }
  | { name: "bindcode"; village: string; grid: string }
  | { name: "help" }
  /** The dashboard's one-time login link (src/web); a leader confirms a browser with its code. */
  | { name: "dashboard"; code: string | null }
  | { name: "bad"; usage: string }
  /** The officials' commands (src/app/officials): `args` is the rest of the text, line breaks kept. */
  | { name: "official"; verb: OfficialVerb; args: string };

export type OfficialVerb = "price" | "stock" | "notice" | "rumour" | "report";

const OFFICIAL_VERBS: Record<string, OfficialVerb> = {
  "/price": "price",
  "/价格": "price",
  "/报价": "price",
  "/stock": "stock",
  "/库存": "stock",
  "/notice": "notice",
  "/通知": "notice",
  "/rumour": "rumour",
  "/rumor": "rumour",
  "/辟谣": "rumour",
  "/report": "report",
  "/日报": "report",
};

const CONFIRM_WORDS = new Set(["确认", "确认订单", "确认批次", "/confirm", "confirm", "/确认"]);
const DELIVERED_WORDS = new Set(["已送达", "全部送达", "/delivered", "/送达"]);

/** Returns the command in a message, or null when the message is not one. */
export function parseCommand(text: string, action: string | null): Command | null {
  if (action) {
    const m = /^confirm:(.+)$/.exec(action);
    if (m) return { name: "confirm", batchId: m[1]! };
    return null;
  }
  const t = text.trim();
  if (CONFIRM_WORDS.has(t.toLowerCase())) return { name: "confirm", batchId: null };
  if (DELIVERED_WORDS.has(t.toLowerCase())) return { name: "delivered", batchId: null };
  if (!t.startsWith("/")) return null;
  const [head, ...rest] = t.split(/\s+/);
  const cmd = head!.toLowerCase();
  switch (cmd) {
    case "/confirm":
      return { name: "confirm", batchId: rest[0] ?? null };
    case "/paid":
    case "/已付":
      return { name: "paid", household: rest.length ? canonicalHousehold(rest.join(" ")) : null };
    case "/limit": {
      const raw = rest[0];
      const v = rest[1]?.toLowerCase();
      if (!raw || !v || !(/^\d{1,6}$/.test(v) || v === "off"))
        return { name: "bad", usage: "/limit PKG100 2 [村名] | /limit PKG100 off [村名]" };
      return {
        name: "limit",
        sku: raw.toUpperCase(),
        rawSku: raw,
        max: v === "off" ? null : Number(v),
        village: rest[2]?.replace(/^@/, "") || null,
      };
    }
    case "/bind":
      if (rest.length < 2) return { name: "bad", usage: "/bind <村> <网格> [绑定码]" };
      return { name: "bind", village: rest[0]!, grid: rest[1]!, code: rest[2] ?? null };
    case "/bindcode":
      if (rest.length < 2) return { name: "bad", usage: "/bindcode <村> <网格>" };
      return { name: "bindcode", village: rest[0]!, grid: rest[1]! };
    case "/medicines":
    case "/药品":
    case "/买药":
      return { name: "medicines" };
    case "/bought":
    case "/已买":
      return { name: "medicineDone", household: rest.length ? canonicalHousehold(rest.join(" ")) : null };
    case "/dashboard":
    case "/看板":
      return { name: "dashboard", code: rest[0] && /^\d{1,12}$/.test(rest[0]) ? rest[0] : null };
    case "/help":
    case "/start":
    case "/帮助":
      return { name: "help" };
    default: {
      const verb = OFFICIAL_VERBS[cmd.replace(/@.*$/, "")]; // Telegram: /price@bot_name
      return verb ? { name: "official", verb, args: t.slice(head!.length).trim() } : null;
    }
  }
}
