// The local chat console: a supply group in the terminal. You type as a resident,
// a leader or an official and see what the bot says in the group. It is just
// another adapter: lines become InboundMessages, outbound messages are printed.
import readline from "node:readline";
import {
  InboundMessageSchema,
  type ChatAdapter,
  type ChatHandlers,
  type OutboundMessage,
  type SendResult,
} from "../../domain/messages";

export interface ConsoleIdentity {
  userId: string;
  name: string;
}

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The group you are in first, and the others you can switch to. */
  chats: Array<{ chatId: string; title: string }>;
  /** Named identities for `/as leader`, `/as official` … */
  identities: Record<string, ConsoleIdentity & { chatId?: string }>;
  clock: () => Date;
  /** Console-only commands (e.g. `/cutoff`) the wiring provides. */
  extraCommands?: Record<string, { run: (chatId: string) => Promise<string> }>;
  /** The help printed at start and on `/?`, in the catalogue's words (src/texts/console.ts: consoleHelp). */
  help?: string;
  color?: boolean;
}

let seq = 0;

/** The console's one account. */
export const CONSOLE_ACCOUNT = "console";

export class ConsoleAdapter implements ChatAdapter {
  readonly platform = "console" as const;
  private rl: readline.Interface | null = null;
  private chatId: string;
  private me: ConsoleIdentity = { userId: "u_resident", name: "2-1-101 王" };
  private closedResolve!: () => void;
  /** Resolves when the input ends (Ctrl-D, or the end of piped input). */
  readonly closed = new Promise<void>((r) => (this.closedResolve = r));

  constructor(private readonly opts: ConsoleOptions) {
    this.chatId = opts.chats[0]?.chatId ?? "console";
  }

  private print(s: string): void {
    this.opts.output.write(s.endsWith("\n") ? s : `${s}\n`);
  }

  account(): string {
    return CONSOLE_ACCOUNT;
  }

  help(): string {
    return this.opts.help ?? "/as <name> · /chat <id> · /?";
  }

  private prompt(): void {
    if (!(this.opts.input as { isTTY?: boolean }).isTTY) return; // no prompts between piped lines
    this.rl?.setPrompt(`[${this.chatId}] ${this.me.name}> `);
    this.rl?.prompt();
  }

  async start(handlers: ChatHandlers): Promise<void> {
    const rl = readline.createInterface({ input: this.opts.input, output: this.opts.output, terminal: false });
    this.rl = rl;
    // One line at a time, in order, as a person types them (piped input too).
    let chain: Promise<void> = Promise.resolve();
    rl.on("line", (raw) => {
      // A typed "\n" is a line break, so that a 接龙 list can be pasted on one line.
      const line = raw.trim().replace(/\\n/g, "\n");
      chain = chain
        .then(() => this.onLine(line, handlers))
        .catch((e) => this.print(`(error: ${(e as Error).message})`))
        .finally(() => this.prompt());
    });
    rl.on("close", () => {
      void chain.then(() => this.closedResolve());
    });
    this.print(this.help());
  }

  private async onLine(line: string, handlers: ChatHandlers): Promise<void> {
    if (!line) return;
    if (line === "/?") return this.print(this.help());
    if (line.startsWith("/as ")) {
      const who = line.slice(4).trim();
      const known = this.opts.identities[who];
      if (known) {
        this.me = { userId: known.userId, name: known.name };
        if (known.chatId) this.chatId = known.chatId;
      } else {
        // `/as 3-2-501 张三 #u42` speaks with an explicit user id (two people, one name).
        const id = /\s#(\S+)$/.exec(who);
        const name = id ? who.slice(0, id.index) : who;
        this.me = { userId: id ? id[1]! : `u_${name.replace(/\s+/g, "_")}`, name };
      }
      return this.print(`(现在你是 / you are now: ${this.me.name})`);
    }
    if (line.startsWith("/chat ")) {
      const id = line.slice(6).trim();
      if (!this.opts.chats.some((c) => c.chatId === id)) return this.print(`(no such group: ${id})`);
      this.chatId = id;
      return this.print(`(已切换到 / now in: ${id})`);
    }
    const extra = this.opts.extraCommands?.[line.split(/\s+/)[0]!];
    if (extra) return this.print(await extra.run(this.chatId));
    const mention = /^@baogong\s+/i.exec(line);
    await handlers.onMessage(
      InboundMessageSchema.parse({
        platform: "console",
        account: CONSOLE_ACCOUNT,
        chatId: this.chatId,
        messageId: `c${this.opts.clock().getTime().toString(36)}-${seq++}`,
        senderId: this.me.userId,
        senderName: this.me.name,
        text: mention ? line.slice(mention[0].length) : line,
        at: this.opts.clock(),
        mentionsBot: mention !== null,
        action: null,
        replyTo: null,
        chatTitle: this.opts.chats.find((c) => c.chatId === this.chatId)?.title ?? null,
      }),
    );
  }

  async send(msg: OutboundMessage): Promise<SendResult> {
    const title = this.opts.chats.find((c) => c.chatId === msg.chatId)?.title ?? msg.chatId;
    const buttons = msg.buttons.length ? `\n   ${msg.buttons.map((b) => `[${b.text}]`).join(" ")}` : "";
    const body = msg.text
      .split("\n")
      .map((l) => `   ${l}`)
      .join("\n");
    this.print(`\n🤖 baogong → ${title}:\n${body}${buttons}\n`);
    this.prompt(); // the reply came in after the prompt: show it again below
    return { ok: true, messageId: null };
  }

  async sendFile(chatId: string, file: { name: string; data: Buffer }, caption: string): Promise<SendResult> {
    return this.send({
      platform: "console",
      chatId,
      text: `${caption}\n📎 ${file.name}（${Math.ceil(file.data.length / 1024)} KB）`,
      buttons: [],
    });
  }

  /** A line from the console itself (not from the group), then the prompt again. */
  info(text: string): void {
    this.print(text);
    this.prompt();
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }
}
