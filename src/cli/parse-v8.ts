// Imported first by src/cli/parse-bin.ts, so that it runs before the parser's modules do.
// A parse run is short and reads every message with the same few hundred functions: V8's
// optimising compiler, which by default inlines up to 920 bytes of bytecode into each of them,
// spends about a third of the run's CPU on its background threads compiling them (and again after
// each deoptimisation). A smaller inlining budget halves that for the same steady speed
// (`npm run bench -- parse`). A flag this V8 does not know is reported on stderr and ignored.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--max-inlined-bytecode-size-cumulative=200");
