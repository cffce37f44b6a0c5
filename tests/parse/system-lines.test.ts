// Lines the chat platform writes itself (a recall, an invitation, a new group name …) are never a
// request to the bot, whatever the display names they quote hold; a member's own words about a
// recall or the group are read as usual.
import { describe, it } from "vitest";
import { check, parse, type Row } from "./helpers";

const SYSTEM_LINES: Row[] = [
  ['"5-1-101 刘阿姨 中套餐2份"撤回了一条消息', undefined, { kind: "none", household: null }],
  ["你撤回了一条消息 重新编辑", "3-2-501 王", { kind: "none" }],
  ["李阿姨 6组3号撤回了一条消息", undefined, { kind: "none" }],
  ['"团长"邀请"8-2-302 周 鸡蛋2盒"、"老吴"加入了群聊', undefined, { kind: "none" }],
  ['你邀请"7-1-101 大米1袋"加入了群聊', "团长", { kind: "none" }],
  ['"团长"修改群名为"3号楼保供 100元套餐1份"', undefined, { kind: "none" }],
  ['"4-1-202 孙"通过扫描"团长"分享的二维码加入群聊', undefined, { kind: "none" }],
  ['"王五" 拍了拍 "3-2-501 李四 大米2袋" 的肩膀', undefined, { kind: "none" }],
  ['"2-2-202 奶粉1罐"与群里其他人都不是朋友关系，请注意隐私安全', undefined, { kind: "none" }],
  ["錢阿姨 5-1-101 撤回了一條消息", undefined, { kind: "none" }],
  ['"团长"邀请"6-2-101 小套餐1份"和"老周"加入了群聊', undefined, { kind: "none" }],
  ['"团长"修改群名为 9号楼 大套餐团购', undefined, { kind: "none" }],
  ['[系统消息] "7-7-707 牛奶1箱"撤回了一条消息', undefined, { kind: "none" }],
  ["小赵 4-4-404 加入了群组", undefined, { kind: "none" }],
  ["Amy pinned «5-1-101 2 bags of rice»", undefined, { kind: "none" }],
  ["Amy 5-1-101 recalled a message", undefined, { kind: "none" }],
  ['Leader invited "3-2-501 Li 2 bags of rice" to the group', undefined, { kind: "none" }],
  // A member's own words are read as usual.
  [
    "我撤回了一条消息，重新报：5-1-101 中套餐1份",
    undefined,
    { kind: "order", household: "5-1-101", items: [["PKG100", 1]] },
  ],
  ["邀请邻居进群 5-1-101 中套餐1份", undefined, { kind: "order", items: [["PKG100", 1]] }],
  ["我领取了红包 5-1-101 鸡蛋2盒", undefined, { kind: "order", items: [["EGGS", 2]] }],
];

describe("the platform's own lines", () => {
  it.each(SYSTEM_LINES)("%s (sender %s)", (text, sender, want) => check(parse(text, sender), want));
});
