// The extra corpus (tests/parse/corpus-extra.jsonl): messages as people write them in the
// supply groups, checked with the rules of ../shared/tools/score-parse.
import { scoredCorpus } from "./scored-corpus";

scoredCorpus("extra corpus", "corpus-extra.jsonl", 200);
