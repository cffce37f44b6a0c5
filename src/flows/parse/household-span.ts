// What the household scanners report, shared by the Chinese (household.ts, household-read.ts) and English
// (household-en.ts) ones; in a file of its own so that neither imports the other's types.
export type Level = "lane" | "zone" | "building" | "unit" | "room" | "group" | "none";

export interface HouseholdSpan {
  readonly start: number;
  readonly end: number;
  readonly household: string;
  readonly parts: number;
  /** Written with 栋/单元/组… markers, as opposed to a bare 3-2-501. */
  readonly marked: boolean;
}
