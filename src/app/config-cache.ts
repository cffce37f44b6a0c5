// What every message reads and officials rarely change — its group (with village and
// grid), the village's rules and limits, the rumour watches — kept in memory so that an
// order costs no statement for them. Dropped, all at once:
//  - after this process changed them (a command, a chat event: `invalidate()`), before
//    the next message is handled;
//  - when another process did (`bin/baogong setup`, another bot process, psql): the
//    tables notify `baogong_config` on commit (migration 20261129080000_config_notify),
//    and the process listening calls `invalidate()` (src/db/database.ts, onConfigChange);
//  - after `ttlMs` in any case, should a notification be lost with its connection.
import type { Db } from "../db/database";
import type { Rules } from "../flows/order-rules";
import { loadRules, resolveGroup, type GroupCtx } from "./context";

export type Watch = { id: string; keywords: string[]; text: string };
type Group = (GroupCtx & { active: boolean }) | null;

export class ConfigCache {
  private groups = new Map<string, Promise<Group>>();
  private rulesBy = new Map<string, Promise<Rules>>();
  private watchList: Promise<Watch[]> | null = null;
  private filledAt = 0;
  /** Bumped by every invalidation: a load begun before it is not kept. */
  private generation = 0;
  /** Loads done, for tests and the bench. */
  loads = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: { ttlMs?: number; now?: () => number } = {},
  ) {}

  private fresh(): void {
    const now = (this.opts.now ?? Date.now)();
    if (now - this.filledAt > (this.opts.ttlMs ?? 60_000)) {
      this.invalidate();
      this.filledAt = now;
    }
  }

  invalidate(): void {
    this.generation++;
    this.groups.clear();
    this.rulesBy.clear();
    this.watchList = null;
  }

  /** Keeps `p` under `key` unless an invalidation came while it loaded; a failed load is not kept. */
  private keep<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const gen = this.generation;
    this.loads++;
    const p = load();
    map.set(key, p);
    const drop = () => {
      if (map.get(key) === p) map.delete(key);
    };
    p.then((v) => {
      if (gen !== this.generation || v === null) drop();
    }, drop);
    return p;
  }

  /** The group a message came from (see resolveGroup); groups not found are looked up again each time (binding by title). */
  group(platform: string, chatId: string, title: string | null): Promise<Group> {
    this.fresh();
    const key = `${platform}\u0000${chatId}`;
    return this.groups.get(key) ?? this.keep(this.groups, key, () => resolveGroup(this.db, platform, chatId, title));
  }

  rules(villageId: string | null, defaultTz: string): Promise<Rules> {
    this.fresh();
    const key = `${villageId ?? "*"}\u0000${defaultTz}`;
    return this.rulesBy.get(key) ?? this.keep(this.rulesBy, key, () => loadRules(this.db, villageId, defaultTz));
  }

  /** The active rumour watches, oldest first. */
  watches(): Promise<Watch[]> {
    this.fresh();
    if (this.watchList) return this.watchList;
    const gen = this.generation;
    this.loads++;
    const p = this.db.rumourWatch.findMany({
      where: { active: true },
      orderBy: { createdAt: "asc" },
      select: { id: true, keywords: true, text: true },
    });
    this.watchList = p;
    p.then(
      () => {
        if (gen !== this.generation && this.watchList === p) this.watchList = null;
      },
      () => {
        if (this.watchList === p) this.watchList = null;
      },
    );
    return p;
  }
}
