// Headless Chromium for the dashboard's browser tests: Debian's package driven by
// playwright-core (no downloaded browser). The flags keep it off the network (the
// machines have none: without them it floods the closed network with refused
// connections). Playwright gives every launch a fresh, temporary user-data dir.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where the tests save their screenshots (look at them). */
export const SHOTS_DIR = path.resolve("test-results", "dashboard");

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (.ci/run installs it)`);
  }
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function shot(name: string): string {
  return path.join(SHOTS_DIR, `${name}.png`);
}

/** Desktop and phone contexts, in the town's time zone. */
export const DESKTOP = {
  viewport: { width: 1280, height: 900 },
  timezoneId: "Asia/Shanghai",
  locale: "zh-CN",
} as const;
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  timezoneId: "Asia/Shanghai",
  locale: "zh-CN",
} as const;

/** What the tests read inside the page (the project's TypeScript has no DOM types). */
export interface InPage {
  echarts: { getInstanceByDom(el: unknown): { getOption(): { series: Array<{ data: unknown[] }> } } | undefined };
  document: { getElementById(id: string): unknown; documentElement: { scrollWidth: number } };
  stayed?: boolean;
}
