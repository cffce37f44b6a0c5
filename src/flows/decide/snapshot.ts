// What the decision about one inbound message is made from: a plain snapshot the app
// loads (src/app/message-load.ts) in the message's transaction, under the locks of the
// households and batches involved. No I/O, no clock of its own: table-testable.
import type { CatalogItem } from "../../domain/catalog";
import type { Line, Rules } from "../order-rules";
import type { ParseResult } from "../parse";
import type { Language } from "../../texts";

export type Role = "leader" | "volunteer" | "official" | "resident" | "supplier";
export type OrderStatus = "open" | "confirmed" | "delivered" | "cancelled";
export type BatchStatus = "ready" | "confirmed" | "delivered" | "merged";
export type RefuseReason = "CATEGORY_NOT_ALLOWED" | "UNKNOWN_ITEM" | "BAD_QUANTITY";

export interface Refused {
  text: string;
  reason: RefuseReason;
}

export interface OrderView {
  id: string;
  household: string;
  status: OrderStatus;
  /** When the household sent it. */
  placedAt: Date;
  deliveryDate: string;
  batchId: string | null;
  batchStatus: BatchStatus | null;
  lines: Line[];
  /** The message that placed it (`platform:chat:id`, `…#household` for one of several). */
  sourceMessage: string | null;
  /** Pickup slot, once the batch is confirmed in a static zone. */
  slot: string | null;
  /** The member (platform user id) who placed it. */
  placedBy?: string | null;
  /** When the leader confirmed its batch. */
  batchConfirmedAt?: Date | null;
}

export interface HouseholdView {
  code: string;
  /** False: not in the database yet (created when an order is placed). */
  exists: boolean;
  name: string | null;
  specialCare: boolean;
  /** The latest order that is not cancelled (what TOO_SOON and changes look at). */
  open: OrderView | null;
  /** The latest order of any status (what a status question is answered from). */
  latest: OrderView | null;
}

export interface BatchView {
  id: string;
  deliveryDate: string;
  status: BatchStatus;
}

/** A line of a 接龙 list as the bot keeps it: who last put it there. */
export interface ListLine {
  household: string | null;
  name: string | null;
  items: Line[];
  rejected: Refused[];
  /** The member (platform user id) who added or last changed the line. */
  by: string | null;
  /** The order this line placed: the list changes that order and no other. */
  orderId?: string | null;
}

/** The parse result and the fields the parser adds for the app (../../shared/contracts: fields may be added). */
export type Parsed = ParseResult & {
  /** amend: "set" (default) or "add". */
  mode?: "set" | "add";
  /** amend by a person's name (李爷爷那份换成小套餐): the household is found by that name. */
  forName?: string | null;
  /** A resident's price complaint (kind none): passed to the officials. */
  complaint?: { goods: string; sku: string | null; price: number; unit: string | null } | null;
  /** Names a household and goods but not what it wants: the bot asks. */
  unclear?: boolean;
  /** A quoted reply's quote. */
  quoted?: { name: string | null; text: string } | null;
};

export interface CatalogLookup {
  get(sku: string): CatalogItem | undefined;
}

export interface Snapshot {
  message: {
    /** `platform:chat:id`: the claim key, and the source of what it places. */
    key: string;
    kind: "message" | "edit" | "recall";
    chatId: string;
    senderId: string;
    senderName: string | null;
    text: string;
    /** When the platform says it was sent: the rules and the delivery date follow it. */
    sentAt: Date;
    /** When the bot handles it: what happened since (a cut-off that ran) follows this. */
    handledAt: Date;
  };
  parsed: Parsed;
  group: {
    id: string;
    chatId: string;
    platform: string;
    villageId: string;
    gridId: string | null;
    gridCode: string | null;
    zone: "static" | "controlled" | null;
    villageName: string | null;
    language: Language;
    digestMinutes: number;
    /** Our account in the group (what is said here goes through it); null: not known yet. */
    account?: string | null;
  };
  sender: { memberId: string; userId: string; householdCode: string | null; roles: ReadonlySet<Role> };
  rules: Rules;
  catalog: CatalogLookup;
  /** Every household the message may touch, by code (also those not yet in the database). */
  households: ReadonlyMap<string, HouseholdView>;
  /** The grid's batches from the first delivery date the message may be meant for, by date. */
  batches: readonly BatchView[];
  /** The 接龙 list of this chat and title as the bot keeps it (for a 接龙). */
  list: { title: string; lines: ListLine[] } | null;
  /** Households of this grid with the name the message gives (`forName`), by code. */
  namedHouseholds: ReadonlyArray<{ code: string; name: string }>;
  /** For an edit or a recall: what the original message did. */
  original: { kind: string | null; orders: OrderView[] } | null;
}
