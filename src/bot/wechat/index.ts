export { createWechatAdapter } from "./adapter";
