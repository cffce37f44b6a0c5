// What the dashboard needs of the app: the database, the one clock, the catalog
// (commodity names), a logger and the bot's time zone. The bot process passes its
// AppDeps; `bin/baogong dashboard` alone wires just these.
import type { AppDeps } from "../app/deps";

export type WebDeps = Pick<AppDeps, "db" | "clock" | "catalog" | "log" | "timezone">;
