// The officials' side: price and stock reports, alerts, notices, rumour watch, the daily report.
export { handleOfficialCommand, handleOfficialsChat } from "./handle";
export { answerRumour } from "./rumour-watch";
export { checkDemand } from "./stock";
export { recordRefusals } from "./refusals";
export { buildDailyReport, reportFor, runDailyReport, writeReportCsv } from "./report";
