// The decision about one inbound message (load → decide → apply; this is "decide"): from
// the snapshot the app loaded, what to write, say and schedule. Pure: table-tested in
// tests/flows/decide*.test.ts without a database.
import type { Decision } from "./decision";
import { Draft } from "./draft";
import { decideParsed } from "./decide-parsed";
import { decideEdit, decideRecall } from "./edits";
import type { Snapshot } from "./snapshot";

export function decideMessage(s: Snapshot): Decision {
  const d = new Draft(s);
  if (s.message.kind === "recall") decideRecall(d);
  else if (s.message.kind === "edit") decideEdit(d, s.parsed);
  else decideParsed(d, s.parsed, s.message.key);
  return d.d;
}
