import { adapterContract } from "./adapter-contract";
import { makeWechatHarness } from "./wechat-harness";

adapterContract("wechat", makeWechatHarness);
