// Goods as people read them in a message: 中套餐×1份、鸡蛋×2盒 / 100-yuan package ×1.
import { yuan } from "./text";

export interface ItemView {
  sku: string;
  qty: number;
  name: string;
  nameEn: string;
  unit: string;
  priceCents: number;
}

/** A part of a message that was not taken, and why (a reason code). */
export interface RefusedView {
  text: string;
  reason: string;
}

export function itemsZh(items: readonly ItemView[]): string {
  return items.map((i) => `${i.name}×${i.qty}${i.unit}`).join("、");
}
export function itemsEn(items: readonly ItemView[]): string {
  return items.map((i) => `${i.nameEn} ×${i.qty}`).join(", ");
}
export function totalCents(items: readonly ItemView[]): number {
  return items.reduce((s, i) => s + i.qty * i.priceCents, 0);
}
export const totalYuan = (items: readonly ItemView[]): string => yuan(totalCents(items));

/** Something the catalog can name (a sku's name and unit). */
export interface NameSource {
  get(sku: string): { name: string; nameEn?: string | undefined; unit: string } | undefined;
}

export const lineZh = (names: NameSource, l: { sku: string; qty: number }): string =>
  `${names.get(l.sku)?.name ?? l.sku}×${l.qty}${names.get(l.sku)?.unit ?? ""}`;
export const lineEn = (names: NameSource, l: { sku: string; qty: number }): string =>
  `${names.get(l.sku)?.nameEn ?? names.get(l.sku)?.name ?? l.sku} ×${l.qty}`;
