export { createWechatAdapter, type MessageOutcome, type WechatAdapter, type WechatAdapterOptions } from "./adapter";
export { renderWechatText } from "./outbound";
export { jielongText } from "./jielong";
