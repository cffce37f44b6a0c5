// A town for the dashboard's tests, screenshots and benchmark: villages of grids with
// their groups and leaders, households (some in special care), a day of orders,
// yesterday's batches built, confirmed and delivered through the app's own code, 30
// days of price and stock reports with their alerts, refusals, medicine requests and
// notices with a delivery per group. Orders are inserted directly (fast); batches go
// through runCutoff / confirmBatch / markDelivered.
import { CatalogCache } from "../../../src/app/catalog-cache";
import { applySetup } from "../../../src/app/apply-setup";
import { runCutoff } from "../../../src/app/batches";
import { confirmBatchNow, markDeliveredNow } from "../../../src/app/batch-leader";
import { SetupSpecSchema, type SetupSpecInput } from "../../../src/app/setup-spec";
import type { Db } from "../../../src/db/database";
import { VirtualClock } from "../../../src/domain/clock";
import { addDays, localDate, zonedInstant } from "../../../src/domain/local-time";
import { noScheduler, wireApp } from "../../../src/cli/wire";

// Not 张家村: the sample village file (the console's) has it, and the browser tests load both.
const VILLAGES = ["李家村", "王家村", "赵家村", "陈家村", "刘家村", "孙家村"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡"];
const GIVEN = ["奶奶", "爷爷", "阿姨", "大姐", "师傅", "老师", "先生", "女士"];
const MIXES = [
  ["PKG100"],
  ["PKG50"],
  ["PKG150"],
  ["PKG100", "EGGS"],
  ["PKG50", "MILK"],
  ["FORMULA", "DIAPERS"],
  ["RICE", "OIL"],
  ["PKG100", "NOODLES"],
];
const REASONS = ["TOO_SOON", "TOO_SOON", "OVER_LIMIT", "CATEGORY_NOT_ALLOWED", "NO_HOUSEHOLD", "UNKNOWN_ITEM"];

export interface TownOptions {
  villages: number;
  gridsPerVillage: number;
  /** All orders: about two thirds placed today, the rest yesterday (in batches). */
  orders: number;
  now: Date;
  tz?: string;
  /** Also set up the officials' chat and member (on platform sim). */
  officials?: boolean;
}

export interface Town {
  gridIds: string[];
  villageIds: string[];
  leaders: Array<{ userId: string; gridId: string }>;
  batches: string[];
}

/** A small deterministic random (the same town every run). */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

export async function seedTown(db: Db, o: TownOptions): Promise<Town> {
  const tz = o.tz ?? "Asia/Shanghai";
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const spec: SetupSpecInput = {
    villages: VILLAGES.slice(0, o.villages).map((name, v) => ({
      name,
      cutoff: "20:00",
      intervalDays: 2,
      grids: Array.from({ length: o.gridsPerVillage }, (_, g) => ({
        code: String(g + 1),
        name: `${g + 1}网格`,
        zone: g % 4 === 3 ? "controlled" : "static",
        groups: [{ platform: "sim", chatId: `v${v + 1}-g${g + 1}`, title: `${name}${g + 1}网格生活物资群` }],
        leaders: [{ platform: "sim", userId: `lead-v${v + 1}-g${g + 1}`, name: `${pick(SURNAMES)}团长` }],
        pickupPoints:
          g % 4 === 3
            ? []
            : [
                { name: "村委会广场", slotMinutes: 30, slotCapacity: 15 },
                ...(g % 2
                  ? [{ name: "老年活动中心", opensAt: "14:00", closesAt: "17:00", slotMinutes: 30, slotCapacity: 15 }]
                  : []),
              ],
      })),
    })),
    ...(o.officials === false
      ? {}
      : {
          officials: {
            groups: [{ platform: "sim", chatId: "town-officials", title: "镇保供专班" }],
            members: [{ platform: "sim", userId: "town-official", name: "周主任" }],
          },
        }),
    alerts: {
      priceBaseline: { PORK: 26, EGGS: 5.5, VEG: 2.5 },
      priceAlertPct: 10,
      stockTargetDays: { RICE: 10, OIL: 10 },
    },
  };
  await applySetup(db, SetupSpecSchema.parse(spec));
  const names = VILLAGES.slice(0, o.villages);
  const villages = await db.village.findMany({ where: { name: { in: names } } });
  const grids = await db.grid.findMany({
    where: { villageId: { in: villages.map((v) => v.id) } },
    orderBy: [{ villageId: "asc" }, { code: "asc" }],
  });
  const catalog = new CatalogCache(db);
  await catalog.load();
  const price = (sku: string) => catalog.get(sku)?.priceCents ?? 0;

  const today = localDate(o.now, tz);
  const yesterday = addDays(today, -1);
  const dayStart = zonedInstant(today, "00:00", tz).getTime();
  const span = Math.max(60_000, Math.min(o.now.getTime() - dayStart - 60_000, 14 * 3_600_000));
  const perGrid = Math.max(1, Math.round(o.orders / grids.length));

  // Households: enough for both days' orders; every 40th in special care; one name carries a phone number (masked on the pages).
  const households = grids.flatMap((g, gi) =>
    Array.from({ length: perGrid }, (_, j) => ({
      id: `h-${gi}-${j}`,
      villageId: g.villageId,
      gridId: g.id,
      code: `${g.code}-${1 + Math.floor(j / 24)}-${101 + (j % 24)}`,
      name: j === 5 ? `${pick(SURNAMES)}${pick(GIVEN)} 13812345678` : `${pick(SURNAMES)}${pick(GIVEN)}`,
      phone: `139${String(10_000_000 + gi * 1000 + j).slice(-8)}`,
      specialCare: j % 40 === 3,
      careNote: j % 40 === 3 ? pick(["独居老人", "孕妇", "慢性病", "残疾"]) : null,
    })),
  );
  await db.household.createMany({ data: households, skipDuplicates: true });

  // Yesterday's orders in the first third of each village's grids (they get batches); today's everywhere.
  const batchGrid = (gi: number) => gi % o.gridsPerVillage < Math.ceil(o.gridsPerVillage / 3);
  const orders: Array<{
    id: string;
    householdId: string;
    gridId: string;
    placedAt: Date;
    deliveryDate: string;
    totalCents: number;
    priority: boolean;
    lines: Array<{ sku: string; qty: number }>;
  }> = [];
  grids.forEach((g, gi) => {
    const hh = households.filter((h) => h.gridId === g.id);
    hh.forEach((h, j) => {
      const isYesterday = batchGrid(gi) && j % 2 === 0;
      const lines = pick(MIXES).map((sku) => ({ sku, qty: 1 + Math.floor(rand() * 2) }));
      const placedAt = isYesterday
        ? new Date(dayStart - 86_400_000 + 8 * 3_600_000 + rand() * 11 * 3_600_000)
        : new Date(dayStart + rand() * span);
      orders.push({
        id: `o-${gi}-${j}`,
        householdId: h.id,
        gridId: g.id,
        placedAt,
        deliveryDate: isYesterday ? today : addDays(today, 1),
        totalCents: lines.reduce((s, l) => s + price(l.sku) * l.qty, 0),
        priority: j % 33 === 7,
        lines,
      });
    });
  });
  await db.order.createMany({ data: orders.map(({ lines: _l, ...x }) => x) });
  await db.orderLine.createMany({
    data: orders.flatMap((x) =>
      x.lines.map((l) => ({ orderId: x.id, sku: l.sku, qty: l.qty, unitPriceCents: price(l.sku) })),
    ),
  });

  // Batches through the app: cut-off yesterday 20:00; the leaders confirm some, one is delivered, the rest wait.
  const clock = new VirtualClock(zonedInstant(yesterday, "20:00", tz));
  const deps = await wireApp({
    db,
    clock,
    catalog,
    timezone: tz,
    outbox: { send: async () => undefined },
    scheduler: noScheduler,
  });
  const batches: string[] = [];
  const withBatches = grids.filter((_, gi) => batchGrid(gi));
  for (const g of withBatches) {
    const r = await runCutoff(deps, g.id, today);
    if (r.batchId) batches.push(r.batchId);
  }
  clock.set(zonedInstant(yesterday, "21:10", tz));
  for (const [i, g] of withBatches.entries()) {
    if (i % 3 === 2) continue; // waits for its leader
    await confirmBatchNow(deps, g.id, `lead-${g.id}`, null);
    if (i % 3 === 0) {
      clock.set(zonedInstant(today, "11:30", tz));
      if (o.now.getTime() > clock.now().getTime()) await markDeliveredNow(deps, g.id, `lead-${g.id}`);
      clock.set(zonedInstant(yesterday, "21:10", tz));
    }
  }
  // Paid: most confirmed orders.
  await db.order.updateMany({
    where: { status: { in: ["confirmed", "delivered"] }, id: { contains: "-1" } },
    data: { paidAt: o.now, paidBy: "leader" },
  });

  // 30 days of prices (one report a day per good, pork rising at the end) and stock every third day.
  const goods: Array<[string, number]> = [
    ["PORK", 26],
    ["EGGS", 5.5],
    ["VEG", 2.5],
    ["RICE", 35],
    ["OIL", 75],
    ["CHICKEN", 13],
  ];
  const reports = [];
  for (let d = 29; d >= 0; d--) {
    const day = addDays(today, -d);
    const at = new Date(Math.min(zonedInstant(day, "09:00", tz).getTime(), o.now.getTime() - 60_000 * (d + 1)));
    for (const [sku, base] of goods) {
      const trend = sku === "PORK" && d < 6 ? (6 - d) * 0.9 : 0;
      reports.push({
        commodity: sku,
        price: Math.round((base * (0.95 + rand() * 0.1) + trend) * 10) / 10,
        reportedBy: "town-official",
        at,
        day,
      });
    }
  }
  await db.priceReport.createMany({ data: reports });
  const stocks = [];
  for (let d = 27; d >= 0; d -= 3) {
    const at = new Date(Math.min(zonedInstant(addDays(today, -d), "08:00", tz).getTime(), o.now.getTime() - 120_000));
    for (const [sku, use, start] of [
      ["RICE", 600, 11000],
      ["FLOUR", 300, 5200],
      ["OIL", 120, 1800],
      ["PORK", 800, 3200],
      ["VEG", 2000, 9000],
      ["EGGS", 400, 1600],
    ] as const) {
      stocks.push({
        commodity: sku,
        stock: Math.round(start * (1 - (27 - d) / 60) * (0.9 + rand() * 0.2)),
        dailyUse: use,
        reportedBy: "town-official",
        at,
      });
    }
  }
  await db.stockReport.createMany({ data: stocks });
  const pork = reports.filter((r) => r.commodity === "PORK").slice(-3);
  await db.officialAlert.createMany({
    data: [
      ...pork
        .filter((r) => r.price > 26 * 1.1)
        .map((r) => ({
          key: `price:PORK:${r.day}:${r.price}`,
          kind: "price",
          sku: "PORK",
          day: r.day,
          value: r.price,
          at: r.at,
          data: { baseline: 26, baselineSource: "configured", risePct: Math.round((r.price / 26 - 1) * 1000) / 10 },
        })),
      {
        key: `stock:seed:RICE:${today}`,
        kind: "stock",
        sku: "RICE",
        day: today,
        value: 8.2,
        at: new Date(o.now.getTime() - 3_600_000),
        data: { reason: "days", stock: 4900, dailyUse: 600, targetDays: 10, restoreQty: 1100 },
      },
    ],
    skipDuplicates: true,
  });

  // Refusals and medicine requests of the day, notices with their deliveries.
  const groups = await db.chatGroup.findMany({ where: { gridId: { in: grids.map((g) => g.id) } } });
  await db.auditLog.createMany({
    data: Array.from({ length: Math.max(3, Math.round(o.orders / 60)) }, (_, i) => {
      const g = grids[i % grids.length]!;
      return {
        at: new Date(dayStart + rand() * span),
        actor: "resident",
        action: "order.rejected",
        subject: pick(REASONS),
        data: { villageId: g.villageId, gridId: g.id, chat: `c-${g.id}`, household: null, partial: false },
      };
    }),
  });
  await db.medicineRequest.createMany({
    data: households
      .filter((_, i) => i % 45 === 11)
      .map((h) => ({
        householdId: h.id,
        chatGroupId: groups.find((c) => c.gridId === h.gridId)?.id ?? null,
        requestedBy: "resident",
        text: "硝苯地平",
        items: [{ name: "硝苯地平", qty: 2 }],
        createdAt: new Date(dayStart + rand() * span),
      })),
  });
  for (const [k, n] of [
    ["notice", "N-SEED-1"],
    ["rumour", "N-SEED-2"],
  ] as const) {
    const at = new Date(o.now.getTime() - (k === "notice" ? 5 : 2) * 3_600_000);
    await db.notice.create({
      data: {
        id: n,
        kind: k,
        text:
          k === "notice"
            ? "明天上午9点起全员核酸检测，请按网格顺序下楼，咨询电话 0571-88123456。"
            : "网传“全镇断粮”不实，粮油储备充足，请勿囤积。",
        scope: "*",
        issuedBy: "town-official",
        createdAt: at,
        reportedAt: at,
      },
    });
    await db.noticeDelivery.createMany({
      data: groups.map((c, i) => ({
        noticeId: n,
        chatGroupId: c.id,
        status: k === "notice" && i % 13 === 4 ? "failed" : "sent",
        error: k === "notice" && i % 13 === 4 ? "FORBIDDEN: bot was removed" : null,
        sentAt: k === "notice" && i % 13 === 4 ? null : new Date(at.getTime() + i * 3000),
      })),
    });
  }
  const leaders = await db.memberRole.findMany({
    where: { role: "leader", scope: { in: grids.map((g) => g.id) } },
    include: { member: true },
  });
  return {
    gridIds: grids.map((g) => g.id),
    villageIds: villages.map((v) => v.id),
    batches,
    leaders: leaders.map((r) => ({ userId: r.member.userId, gridId: r.scope })),
  };
}
