// The floor for `bin/baogong parse`: a bare Node JSON-lines echo — each line read,
// JSON.parse'd, its text put into an object and JSON.stringify'd, written in 64 kB chunks.
import { StringDecoder } from "node:string_decoder";

const dec = new StringDecoder("utf8");
let rest = "";
let out = "";
const flush = () => {
  if (out) {
    process.stdout.write(out);
    out = "";
  }
};
const line = (l) => {
  let v;
  try {
    v = JSON.parse(l);
  } catch {
    v = { text: "" };
  }
  out += `${JSON.stringify({ kind: "none", text: v.text ?? "", sender: v.sender ?? null })}\n`;
  if (out.length > 65536) flush();
};
for await (const chunk of process.stdin) {
  const s = rest + dec.write(chunk);
  const lines = s.split("\n");
  rest = lines.pop();
  for (const l of lines) line(l);
}
rest += dec.end();
if (rest) line(rest);
flush();
