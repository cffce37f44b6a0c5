// The catalog is data (officials add goods and aliases without code changes); the
// parser's index is rebuilt when it changes.
import { CatalogItemSchema, type CatalogItem } from "../domain/catalog";
import type { Db } from "../db/database";
import { buildCatalogIndex, type CatalogIndex } from "../flows/parse";

export class CatalogCache {
  private items: CatalogItem[] = [];
  private bySku = new Map<string, CatalogItem>();
  private idx: CatalogIndex | null = null;

  constructor(private readonly db: Db) {}

  async load(): Promise<void> {
    const rows = await this.db.catalogItem.findMany({ where: { active: true }, orderBy: { sku: "asc" } });
    this.items = rows.map((r) =>
      CatalogItemSchema.parse({
        sku: r.sku,
        name: r.name,
        nameEn: r.nameEn ?? undefined,
        aliases: r.aliases,
        unit: r.unit,
        category: r.category,
        priceCents: r.priceCents,
      }),
    );
    this.bySku = new Map(this.items.map((i) => [i.sku, i]));
    this.idx = buildCatalogIndex(this.items);
  }

  index(): CatalogIndex {
    if (!this.idx) throw new Error("catalog not loaded");
    return this.idx;
  }
  get(sku: string): CatalogItem | undefined {
    return this.bySku.get(sku);
  }
  all(): readonly CatalogItem[] {
    return this.items;
  }
}
