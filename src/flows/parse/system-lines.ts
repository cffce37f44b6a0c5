/**
 * Lines the chat platform writes itself, not a member: WeChat's "xx"撤回了一条消息, "xx"邀请"yy"
 * 加入了群聊, "xx"修改群名为"…", 拍了拍 …, and the English ones (recalled a message, joined the group …). They are
 * never a request to the bot, whatever the display names they quote hold (a name like
 * "3-2-501 张姐 大套餐1份" is still a name). Only the whole message, in the platform's wording:
 * a member writing 我撤回了一条消息，重新报：… is read as usual. Data: add the platform's phrasings here.
 */

// A display name as the platform writes it: quoted ("…", “…”, 「…」), or 你 / 我.
const QUOTED = String.raw`(?:"[^"\n]{0,80}"|“[^”\n]{0,80}”|「[^」\n]{0,80}」|『[^』\n]{0,80}』|你|我|you)`;
// Where the phrase cannot be anything but the platform's (撤回了一条消息), the name may have lost its
// quotes: then a short run on one line, holding no list comma (so a list of names splits one way only).
const NAME = String.raw`(?:${QUOTED}|[^\n"“”「」、,，。]{1,40}?)`;
// Several names, joined by 、, a comma or 和.
const NAMES = String.raw`${NAME}(?:\s*(?:[、,，和及]|and)\s*${NAME}){0,30}`;
const QNAMES = String.raw`${QUOTED}(?:\s*(?:[、,，和及]|and)\s*${QUOTED}){0,30}`;

const PHRASINGS: readonly string[] = [
  // WeChat, Chinese
  String.raw`${NAME}\s*撤回了一条消息(?:\s*重新编辑)?`,
  String.raw`${NAME}\s*邀请\s*${NAMES}\s*加入了群聊(?:\s*[，,]\s*群聊参与人还有[:：][^\n]{0,600})?`,
  String.raw`${NAME}\s*通过扫描\s*${NAME}\s*分享的二维码加入群聊`,
  String.raw`${QUOTED}\s*(?:通过|经)\s*${QUOTED}\s*(?:的邀请|邀请)?\s*加入了?群聊`,
  String.raw`${QUOTED}\s*加入了群聊`,
  String.raw`${NAME}\s*(?:修改群名为|修改了群名称为|更改群名为)\s*[^\n]{1,80}`,
  String.raw`${QUOTED}\s*将\s*${QNAMES}\s*移出了?群聊`,
  String.raw`${QUOTED}\s*被\s*${QUOTED}\s*移出了?群聊`,
  String.raw`${QUOTED}\s*退出了群聊`,
  String.raw`${QUOTED}\s*拍了拍\s*${QUOTED}[^\n]{0,30}`,
  String.raw`${NAME}\s*已成为新群主`,
  String.raw`${QUOTED}\s*(?:开启|关闭)了\s*(?:群聊邀请确认|群聊邀请验证|朋友验证)[^\n]{0,80}`,
  String.raw`${NAME}\s*(?:领取|收取|已领取)了\s*(?:${NAME}\s*的)?\s*(?:红包|转账)`,
  String.raw`${NAME}\s*与群里其他人都不是(?:微信)?朋友关系(?:[，,]\s*请注意隐私安全)?`,
  String.raw`你已添加了\s*${NAME}\s*[，,]\s*现在可以开始聊天了`,
  "以上是打招呼的内容",
  // Telegram, Chinese
  String.raw`${NAME}\s*(?:通过邀请链接)?(?:加入了|离开了|退出了)群组`,
  String.raw`${NAME}\s*(?:置顶了|取消置顶了)\s*[^\n]{0,200}`,
  // WeChat and Telegram, English
  String.raw`${NAME}\s+(?:recalled|unsent|withdrew) a message`,
  String.raw`${NAME}\s+invited\s+${NAMES}\s+to (?:join )?the group(?: chat)?`,
  String.raw`${NAME}\s+(?:joined|left) the group(?: chat)?(?: via (?:an? )?(?:invite link|qr code))?`,
  String.raw`${NAME}\s+(?:changed|renamed) the group (?:name|title) to ${QUOTED}`,
  String.raw`${NAME}\s+removed\s+${NAMES}\s+from the group(?: chat)?`,
  String.raw`${NAME}\s+(?:pinned|unpinned)\s+(?:a message|the message|«[^»\n]{0,200}»|${QUOTED})`,
];

const SYSTEM_LINE_RE = new RegExp(String.raw`^\s*(?:${PHRASINGS.join("|")})\s*[。.!！]?\s*$`, "i");

// What every system line holds, tested before the regex: most messages hold none of it.
const CUES = [
  "撤回了一条消息",
  "群聊",
  "群名",
  "群组",
  "置顶",
  "拍了拍",
  "群主",
  "红包",
  "转账",
  "朋友关系",
  "你已添加了",
  "打招呼",
  " a message",
  " the group",
  "pinned",
];

// The cues by their first character: one pass over the text finds whether any is there.
const CUES_BY_FIRST = new Map<number, string[]>();
for (const c of CUES) {
  const list = CUES_BY_FIRST.get(c.charCodeAt(0));
  if (list) list.push(c);
  else CUES_BY_FIRST.set(c.charCodeAt(0), [c]);
}
const CUE_FIRST = new Uint8Array(65536);
for (const code of CUES_BY_FIRST.keys()) CUE_FIRST[code] = 1;

function hasCue(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (CUE_FIRST[code] !== 1) continue;
    for (const c of CUES_BY_FIRST.get(code)!) if (text.startsWith(c, i)) return true;
  }
  return false;
}

/** The whole message is a line the platform wrote (a recall, an invitation, a rename …). */
export function isSystemLine(text: string): boolean {
  if (text.length > 600 || text.indexOf("\n") >= 0) return false;
  return hasCue(text) && SYSTEM_LINE_RE.test(text);
}
