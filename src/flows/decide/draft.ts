// The decision being made about one message: the decision record over the snapshot, and
// what the order primitives share — households' state, the sender's household, and how an
// answer, acknowledgement, refusal or event is recorded. Households' state moves on inside
// the draft, so a message touching one household twice (two entries, an edit) sees its own
// earlier steps. The primitives themselves, by rule group: ./draft-place.ts (a new order)
// and ./draft-change.ts (changing, cancelling, asking about an open order). Pure.
import {
  ackLines,
  render,
  replyLanguage,
  residentTexts as texts,
  type ItemView,
  type Language,
  type RuleFacts,
  type Text,
} from "../../texts";
import type { Line } from "../order-rules";
import type { Decision, DecisionEvent } from "./decision";
import type { HouseholdView, Refused, Snapshot } from "./snapshot";

/** A parse result's refused parts, as the order primitives take them. */
export function refusedOf(p: { rejected: readonly Refused[] }): Refused[] {
  return p.rejected.map((r) => ({ text: r.text, reason: r.reason }));
}

export class Draft {
  readonly d: Decision = {
    creates: [],
    changes: [],
    cancels: [],
    specialCare: [],
    linkSender: null,
    medicine: null,
    list: null,
    complaint: null,
    say: [],
    events: [],
    jobs: [],
  };
  private readonly households: Map<string, HouseholdView>;
  private senderHousehold: string | null;

  constructor(readonly s: Snapshot) {
    this.households = new Map([...s.households].map(([k, v]) => [k, { ...v }]));
    this.senderHousehold = s.sender.householdCode;
  }

  get chat(): string {
    return this.s.group.chatId;
  }
  /** The sender's household (after this message linked it, if it did). */
  get senderHouseholdCode(): string | null {
    return this.senderHousehold;
  }
  get isLeaderOrVolunteer(): boolean {
    return this.s.sender.roles.has("leader") || this.s.sender.roles.has("volunteer");
  }

  household(code: string): HouseholdView {
    let h = this.households.get(code);
    if (!h) {
      h = { code, exists: false, name: null, specialCare: false, open: null, latest: null };
      this.households.set(code, h);
    }
    return h;
  }

  /** The household's state as this draft has it, without adding one it has not seen. */
  knownHousehold(code: string): HouseholdView | undefined {
    return this.households.get(code);
  }
  /** Links the sender to `household` (written with the decision; the draft sees it at once). */
  linkSenderTo(household: string): void {
    this.d.linkSender = household;
    this.senderHousehold = household;
  }

  itemViews(lines: readonly Line[]): ItemView[] {
    return lines.map((l) => {
      const c = this.s.catalog.get(l.sku);
      return {
        sku: l.sku,
        qty: l.qty,
        name: c?.name ?? l.sku,
        nameEn: c?.nameEn ?? c?.name ?? l.sku,
        unit: c?.unit ?? "",
        priceCents: c?.priceCents ?? 0,
      };
    });
  }

  /** The language of the answers: the village's setting, English for an English message where it allows. */
  get lang(): Language {
    return replyLanguage(this.s.group.language, this.s.parsed.lang);
  }
  get ruleFacts(): RuleFacts {
    return { intervalDays: this.s.rules.intervalDays };
  }
  /** An answer, said at once. */
  say(t: Text): void {
    this.d.say.push({ text: render(t, this.lang), kind: "answer" });
  }
  /** An acknowledgement (taken, changed, cancelled): in a busy group gathered into a digest as `line`. */
  ack(t: Text, line: Text): void {
    this.d.say.push({ text: render(t, this.lang), kind: "ack", line });
  }
  /** A refusal: said once per window to this member about this household for this reason; in a busy group gathered into a digest. */
  refuse(household: string | null, reason: string, t: Text, nextDate: string | null = null): void {
    this.d.say.push({
      text: render(t, this.lang),
      kind: "refusal",
      line: ackLines.refused(household, reason, this.ruleFacts, nextDate),
      refusal: { household, reason },
    });
  }
  event(e: DecisionEvent): void {
    this.d.events.push({ chat: this.chat, ...e });
  }
  rejected(household: string | null, reason: string, extra: Record<string, unknown> = {}): void {
    this.event({ type: "order.rejected", household, reason, ...extra });
  }

  noHousehold(): void {
    this.rejected(null, "NO_HOUSEHOLD");
    this.refuse(
      null,
      "NO_HOUSEHOLD",
      texts.rejected({ household: null, reason: "NO_HOUSEHOLD", rules: this.ruleFacts }),
    );
  }
}
