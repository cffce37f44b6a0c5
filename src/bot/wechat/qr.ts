// Renders the login QR code for a terminal.
import qrcode from "qrcode";

export async function terminalQr(url: string): Promise<string> {
  return qrcode.toString(url, { type: "terminal", small: true });
}
