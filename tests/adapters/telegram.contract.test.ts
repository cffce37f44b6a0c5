import { adapterContract } from "./adapter-contract";
import { makeTelegramHarness } from "./telegram-harness";

adapterContract("telegram", makeTelegramHarness);
