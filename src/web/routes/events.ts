// `/events`: server-sent events for an open page. Each event is filtered for the
// viewer (a leader hears only their grid and nothing of the town's); the session is
// checked again every heartbeat, so a signed-out or expired session stops hearing.
import type { FastifyInstance } from "fastify";
import type { WebDeps } from "../deps";
import { eventVisible, type LiveEvent, type LiveFeed } from "../live";
import { loadSession } from "../sessions";
import { pageTexts, type Bi } from "../../texts/dashboard";
import { guard, SESSION_COOKIE } from "./guard";

const HEARTBEAT_MS = 15_000;

/** What a page pops up for a batch of events: each order (or a count of many), each alert. */
export function toastsFor(events: readonly LiveEvent[]): Bi[] {
  const orders = events.filter((e) => e.kind === "order");
  const out: Bi[] =
    orders.length > 3
      ? [pageTexts.toast.orders(orders.length)]
      : orders.map((e) => pageTexts.toast.order(e.household ?? "", e.status ?? ""));
  for (const a of events.filter((e) => e.kind === "alert").slice(-3)) out.push(a.text ?? pageTexts.toast.alert);
  return out;
}

export function eventRoutes(app: FastifyInstance, deps: WebDeps, live: LiveFeed, open: Set<() => void>): void {
  app.get("/events", { preHandler: guard(deps, "events") }, async (req, reply) => {
    const viewer = req.viewer!;
    const cookie = req.cookies[SESSION_COOKIE];
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no", // a proxy in front must not hold events back
    });
    res.write("retry: 3000\n\n");
    const send = (name: string, data: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    const off = live.subscribe((events: LiveEvent[]) => {
      const mine = events.filter((e) => eventVisible(e, viewer));
      if (mine.length) send("change", { kinds: [...new Set(mine.map((e) => e.kind))], toasts: toastsFor(mine) });
    });
    const beat = setInterval(() => {
      void loadSession(deps, cookie).then(
        (s) => {
          if (s.state !== "active") {
            send("signout", {});
            end();
          } else res.write(": ♥\n\n");
        },
        () => undefined,
      );
    }, HEARTBEAT_MS);
    beat.unref();
    const end = () => {
      clearInterval(beat);
      off();
      open.delete(end);
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    req.raw.on("close", end);
    send("hello", { role: viewer.role });
  });
}
