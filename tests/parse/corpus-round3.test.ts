// A third corpus written apart from the parser, checked with the rules of ../shared/tools/score-parse.
import { scoredCorpus } from "./scored-corpus";

scoredCorpus("round-3 corpus", "corpus-round3.jsonl", 150);
