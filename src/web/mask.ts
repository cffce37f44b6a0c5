// Personal data on the dashboard: mobile numbers and resident ID numbers never
// appear unmasked, in pages, API answers or downloads. Applied to every free text
// read from the database (names, notes, notice texts, display names).
import { maskPersonalData } from "../domain/personal-data";

// A landline with its area code: 0571-88123456, 010 12345678.
const LANDLINE = /(?<!\d)(0\d{2,3})([- ]?)\d{3,4}(\d{4})(?!\d)/g;

/** Full-width digits (as typed on a phone keyboard) read as ASCII, so the patterns see them. */
function asciiDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function maskPersonal(text: string): string;
export function maskPersonal(text: string | null | undefined): string | null;
export function maskPersonal(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // Mobiles and ID numbers by the one masker; landlines as well here (a household's, on a page).
  return maskPersonalData(asciiDigits(text)).replace(LANDLINE, (_m, a: string, sep: string, b: string) => `${a}${sep}****${b}`);
}
