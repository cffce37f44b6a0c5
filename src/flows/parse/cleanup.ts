/**
 * Parts of a message that are not the sender's own words: WeChat quoted replies
 * (「张三：…」 + a dashed line), media placeholders ([语音], [图片]) and @-mentions.
 * They are blanked (replaced by spaces) so positions stay the same.
 */
const SEPARATOR_RE = /(?:^|\n)[ \t]*-(?:[ \t]*-){4,}[ \t]*(?=\n|$)/g;
const NAMED_QUOTE_RE = /「[^」\n]{0,40}?[:：][^」]*」?/g;
const ANY_QUOTE_RE = /「[^」]*」?/g;
const PLACEHOLDER_RE = /\[[^[\]0-9\n]{1,10}\]/g;
const MENTION_RE = /@[^\s@]{1,24}/g;

function collect(re: RegExp, s: string, spans: [number, number][]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    spans.push([m.index, m.index + m[0].length]);
  }
}

/** Spans to ignore in `s` (normalised text). */
export function foreignSpans(s: string): [number, number][] {
  const spans: [number, number][] = [];
  const hasQuote = s.indexOf("「") >= 0;
  if (hasQuote) {
    const seps: [number, number][] = [];
    collect(SEPARATOR_RE, s, seps);
    spans.push(...seps);
    collect(seps.length ? ANY_QUOTE_RE : NAMED_QUOTE_RE, s, spans);
  } else if (s.indexOf("- - - -") >= 0) {
    // A quote whose brackets were lost: everything above the WeChat separator line is quoted.
    const seps: [number, number][] = [];
    collect(SEPARATOR_RE, s, seps);
    if (seps.length) spans.push([0, seps[seps.length - 1]![1]]);
  }
  if (s.indexOf("[") >= 0) collect(PLACEHOLDER_RE, s, spans);
  if (s.indexOf("@") >= 0) collect(MENTION_RE, s, spans);
  return spans;
}
