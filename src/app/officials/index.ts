// The officials' side: price and stock reports, alerts, notices, rumour watch, the daily report.
export { handleOfficialCommand, handleOfficialsChat } from "./handle";
export { answerRumour } from "./rumour-watch";
export { recordRefusals } from "./refusals";
export { runDailyReport } from "./report";
