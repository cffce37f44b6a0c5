// copyTok copies every field of a token, in tok's order (one hidden class for every token): a
// field added to Tok and tok but not to copyTok would be lost from retagged tokens.
import { describe, expect, it } from "vitest";
import { copyTok, retagged, tok } from "../../src/flows/parse/tokens";

describe("copyTok", () => {
  it("holds every field of the token, in the same order, as a new object", () => {
    const t = tok("qty", 3, 7, true);
    Object.assign(t, {
      v: 2.5,
      int: false,
      neg: true,
      unit: "盒",
      sku: "EGGS",
      word: "w",
      times: true,
      cn: true,
      generic: true,
    });
    const c = copyTok(t);
    expect(c).not.toBe(t);
    expect(Object.keys(c)).toEqual(Object.keys(tok("num", 0, 0, false)));
    expect(c).toEqual(t);
  });

  it("retagged changes the kind and the word only, and leaves the token it was given", () => {
    const t = tok("word", 0, 2, false);
    t.word = "鸡蛋";
    const r = retagged(t, "kw", "verb");
    expect(r).toEqual({ ...t, k: "kw", word: "verb" });
    expect(t.k).toBe("word");
    expect(t.word).toBe("鸡蛋");
  });
});
