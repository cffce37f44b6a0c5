// /notice and /rumour: hand the text to the broadcast (src/app/broadcast.ts), which
// sends it to every group in scope and reports delivery. The notice id comes from the
// official's message, so a command delivered twice is one notice.
import { parseNotice, parseRumour } from "../../flows/officials/inputs";
import { officialTexts } from "../../texts";
import { startBroadcast } from "../broadcast";
import { commodityIndex, idFromMessage, loadAlertSettings, type OfficialCtx } from "./common";
import { listWatches, stopWatch, watchRumour } from "./rumour-watch";

export async function notice(c: OfficialCtx, args: string): Promise<void> {
  const n = parseNotice(args);
  if (!n) {
    c.say(officialTexts.usage("notice"));
    return;
  }
  if (n.scope !== "all" && !(await scopeExists(c, n.scope))) {
    c.say(officialTexts.unknownVillage(n.scope.village, n.scope.grid));
    return;
  }
  await broadcast(c, "notice", n.text, n.scope, n.urgent);
}

export async function rumour(c: OfficialCtx, args: string): Promise<void> {
  const r = parseRumour(args);
  switch (r.kind) {
    case "bad":
      c.say(officialTexts.usage("rumour"));
      return;
    case "broadcast":
      await broadcast(c, "rumour", r.text, "all");
      return;
    case "watch":
      await watchRumour(c, r.keywords, r.text);
      return;
    case "list":
      c.say(officialTexts.rumourList(await listWatches(c.deps.db)));
      return;
    case "stop":
      c.say(officialTexts.rumourStopped(r.id, await stopWatch(c.deps.db, r.id)));
      return;
  }
}

async function scopeExists(c: OfficialCtx, scope: { village: string; grid?: string }): Promise<boolean> {
  const v = await c.deps.db.village.findFirst({ where: { name: scope.village } });
  if (!v) return false;
  return !scope.grid || (await c.deps.db.grid.count({ where: { villageId: v.id, code: scope.grid } })) > 0;
}

async function broadcast(
  c: OfficialCtx,
  kind: "notice" | "rumour",
  text: string,
  scope: "all" | { village: string; grid?: string },
  urgent = false,
): Promise<void> {
  const settings = await loadAlertSettings(c.deps.db, commodityIndex(c.deps));
  const r = await startBroadcast(c.deps, {
    kind,
    text,
    scope: scope === "all" ? "all" : { village: scope.village, ...(scope.grid ? { grid: scope.grid } : {}) },
    issuedBy: c.msg.senderId,
    replyTo: c.chat,
    noticeId: idFromMessage("N", c.msg),
    office: settings.office,
    urgent,
  });
  c.deps.log.info({ noticeId: r.noticeId, groups: r.groups, kind }, "broadcast started");
}
