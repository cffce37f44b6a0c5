// The held-out corpus (tests/parse/corpus-heldout.jsonl): 250 messages written apart from the
// parser (other address habits, voice-to-text, dialect, typos, notices), checked with the rules
// of ../shared/tools/score-parse. Scored before the parser was fixed for them: 232/250.
import { scoredCorpus } from "./scored-corpus";

scoredCorpus("held-out corpus", "corpus-heldout.jsonl", 250);
