// The issue-10 corpus (tests/parse/corpus-issue10.jsonl): 282 messages written from the contract
// alone by someone who had not read the parser — several households in one message, quoted
// replies, amendments with mode and removed goods, 接龙 headers, traditional characters, typos,
// Shanghai lanes, food words inside other words, price complaints — checked with the rules of
// ../shared/tools/score-parse. Scored 184/282 (65.2%) before the parser was fixed for issue 10.
import { scoredCorpus } from "./scored-corpus";

scoredCorpus("issue-10 corpus", "corpus-issue10.jsonl", 282);
