/** The message parser: chat text → order / amend / cancel / status / 接龙 / medicine / none. */
export {
  ParseResultSchema,
  ParseInputSchema,
  type ParseInput,
  type ParseResult,
} from "./schema";
export { buildCatalogIndex, type CatalogIndex } from "./catalog-index";
export { parseMessage, emptyResult } from "./parse-message";
export { canonicalHousehold } from "./household";
export { REFUSED_GOODS } from "./refused-goods";
export { normalizeNumerals } from "./numerals";
export { toSimplified } from "./normalize";
export { MAX_QTY } from "./quantity";
