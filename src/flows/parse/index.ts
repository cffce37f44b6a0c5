/** The message parser: chat text → order / amend / cancel / status / 接龙 / medicine / none. */
export {
  ParseResultSchema,
  ParseInputSchema,
  ParseKindSchema,
  RejectReasonSchema,
  JielongEntrySchema,
  ParsedItemSchema,
  RejectedItemSchema,
  MedicineRequestSchema,
  QuotedMessageSchema,
  PriceComplaintSchema,
  type QuotedMessage,
  type PriceComplaint,
  type ParseResult,
  type ParseInput,
  type ParseKind,
  type RejectReason,
  type JielongEntry,
  type ParsedItem,
  type RejectedItem,
  type MedicineRequest,
} from "./schema";
export { buildCatalogIndex, type CatalogIndex } from "./catalog-index";
export { parseMessage, emptyResult } from "./parse-message";
export { canonicalHousehold } from "./household";
export { REFUSED_GOODS, type RefusedGood, type RefusedCategory } from "./refused-goods";
export { MEDICINE_NAMES, MEDICINE_GENERIC } from "./medicine-words";
export { normalizeNumerals } from "./numerals";
export { toSimplified } from "./normalize";
export { MAX_QTY, isAllowedQuantity } from "./quantity";
