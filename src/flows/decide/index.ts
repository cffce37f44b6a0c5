export { decideMessage } from "./decide-message";
export type { Decision, NewOrder, OrderChange, LaterJob, Say, DecisionEvent } from "./decision";
export type { Snapshot, HouseholdView, OrderView, BatchView, ListLine, Parsed, Role, Refused } from "./snapshot";
export { placeInBatches, type Placement } from "./placement";
export { orderIdFor } from "./draft";
