import { adapterContract } from "./adapter-contract";
import { makeConsoleHarness } from "./console-harness";

adapterContract("console", makeConsoleHarness);
