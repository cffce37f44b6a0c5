// What the decision about one message asks the app to do: rows to write, things to say,
// events, later work. Applied in the message's transaction (src/app/message-apply.ts).
import type { Line } from "../order-rules";
import type { Text } from "../../texts";
import type { ListLine } from "./snapshot";

export interface NewOrder {
  /** Derived from the source message: the same message places the same order id. */
  id: string;
  household: string;
  /** The name given with it (a new household's name). */
  name: string | null;
  lines: Array<Line & { unitPriceCents: number }>;
  totalCents: number;
  deliveryDate: string;
  /** The posted batch it joins at once (it arrived after that batch's cut-off), or null. */
  batchId: string | null;
  proxy: boolean;
  /** Special-care households and proxy orders go first. */
  priority: boolean;
  sourceMessage: string;
  placedAt: Date;
}

export interface OrderChange {
  orderId: string;
  household: string;
  lines: Array<Line & { unitPriceCents: number }>;
  totalCents: number;
}

export type LaterJob =
  | { kind: "batch-update"; batchId: string }
  | { kind: "cutoff-now"; gridId: string; deliveryDate: string };

/**
 * Something to say in the message's chat. `ack` (an order taken, changed, cancelled) and
 * `refusal` may be gathered into a digest in a busy group (`line` is what the digest
 * says); an `answer` (to a status question) is said at once.
 */
export interface Say {
  text: string;
  kind: "ack" | "refusal" | "answer";
  /** The message's one line in a digest (not yet rendered: the digest is said in the group's language). */
  line?: Text;
  /** A refusal: not repeated to the same member about the same household for the same reason within a window. */
  refusal?: { household: string | null; reason: string };
}

export type DecisionEvent = { type: string; chat?: string } & Record<string, unknown>;

export interface Decision {
  creates: NewOrder[];
  changes: OrderChange[];
  cancels: Array<{ orderId: string; household: string }>;
  /** Households to flag for priority (proxy orders: the elderly living alone, the disabled). */
  specialCare: string[];
  /** Link the sender to this household (their first own order). */
  linkSender: string | null;
  medicine: { household: string; medicines: Array<{ name: string; qty: number | null }> } | null;
  /** The 接龙 list to keep, as it stands after this message. */
  list: { title: string; lines: ListLine[] } | null;
  /** A resident's price complaint for the officials. */
  complaint: { goods: string; sku: string | null; price: number; unit: string | null } | null;
  say: Say[];
  events: DecisionEvent[];
  jobs: LaterJob[];
}
