export { decideMessage } from "./decide-message";
export type { Decision } from "./decision";
export type { Snapshot, HouseholdView, OrderView, BatchView, ListLine, Parsed, Role } from "./snapshot";
