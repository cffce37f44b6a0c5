/**
 * Renders the login QR code for a terminal. `qrcode` ships no type declarations, so
 * it is loaded through a non-literal specifier and given the one signature used here.
 */
interface QrCodeModule {
  toString(text: string, opts: { type: "terminal"; small: boolean }): Promise<string>;
}

const QRCODE_MODULE: string = "qrcode";

export async function terminalQr(url: string): Promise<string> {
  const mod = (await import(QRCODE_MODULE)) as QrCodeModule & { default?: QrCodeModule };
  // CommonJS package: module.exports arrives as the default export.
  const qrcode = mod.default ?? mod;
  return qrcode.toString(url, { type: "terminal", small: true });
}
