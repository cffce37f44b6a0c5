// `qrcode` ships no type declarations (and @types/qrcode is not installed): the one call
// src/bot/wechat/qr.ts makes. A CommonJS package: module.exports is the default export.
declare module "qrcode" {
  interface TerminalOptions {
    type: "terminal";
    small?: boolean;
  }
  const qrcode: {
    toString(text: string, opts: TerminalOptions): Promise<string>;
  };
  export default qrcode;
}
