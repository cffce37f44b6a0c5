// The officials' side: commodities, price and stock rules, rumour watch, the daily report, texts.
export * from "./commodities";
export * from "./inputs";
export * from "./price-rules";
export * from "./stock-rules";
export * from "./rumour";
export * from "./report";
export * from "./settings";
