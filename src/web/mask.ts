// Personal data on the dashboard: mobile numbers and resident ID numbers never
// appear unmasked, in pages, API answers or downloads. Applied to every free text
// read from the database (names, notes, notice texts, display names).
import { maskPhone } from "../flows/parse/phone";

// 18-digit resident ID (last character a digit or X), and the old 15-digit one.
const ID18 = /(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])(\d{3})\d{9}(\d{3})(?![0-9A-Za-z])/g;
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
  return maskPhone(asciiDigits(text))
    .replace(ID18, (_m, a: string, b: string) => `${a}***********${b}`)
    .replace(ID15, (_m, a: string, b: string) => `${a}*********${b}`)
    .replace(LANDLINE, (_m, a: string, sep: string, b: string) => `${a}${sep}****${b}`);
}
