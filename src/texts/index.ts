// Every sentence the bot says, by audience: residents, leaders and groups (batches,
// commands), officials; rendered in the language set for the village or the officials'
// chat (./text.ts).
export * from "./text";
export * from "./items";
export { residentTexts, reasonText, ackLines, type RuleFacts } from "./residents";
export { batchTexts } from "./batches";
export { commandTexts, groupTexts, BIND_CODE_TTL_MS } from "./commands";
export { officialTexts, HELP_OFFICIALS, reportText } from "./officials";
