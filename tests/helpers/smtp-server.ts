/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, any free port) that
 * keeps what arrives, decoded enough to read: headers, encoded-word subjects,
 * quoted-printable and base64 parts. The mail tests and the producer journey
 * browser test read their mail from it.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// ---- a small reader of what the SMTP server received -------------------------------

export type Part = { headers: Map<string, string>; body: string };
export type Received = { envelopeTo: string[]; raw: string; headers: Map<string, string>; parts: Part[] };

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, end).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) back to text. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_match, encoding: string, data: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedBytes(data.replace(/_/g, " ")),
    );
}

function decodeQuotedBytes(value: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < value.length; index++) {
    const hex = value[index] === "=" ? /^[0-9A-F]{2}$/i.exec(value.slice(index + 1, index + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      index += 2;
    } else bytes.push(...Buffer.from(value[index]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedBytes(body.replace(/=\r\n/g, ""));
  return body;
}

/** The leaf parts of a MIME body, decoded. */
function leafParts(headers: Map<string, string>, body: string): Part[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get("content-type") ?? "")?.[1];
  if (!boundary) return [{ headers, body: decodeBody(headers, body) }];
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((chunk) => {
      const part = splitHeaders(chunk.replace(/^\r\n/, ""));
      return leafParts(part.headers, part.body.replace(/\r\n$/, ""));
    });
}

function readMessage(raw: string, envelopeTo: string[]): Received {
  const { headers, body } = splitHeaders(raw);
  return { envelopeTo, raw, headers, parts: leafParts(headers, body) };
}

export const partOf = (message: Received, type: string) => message.parts.find((part) => part.headers.get("content-type")?.startsWith(type));

// ---- a real SMTP server the test controls -------------------------------------------

export type TestSmtp = {
  url: string;
  received: Received[];
  /** Set to an SMTP reply code to refuse the next messages' data. */
  refuseData: number | null;
  /** Recipients refused at RCPT TO. */
  refusedRecipients: Set<string>;
  /** Delay before accepting data (to make two senders overlap). */
  dataDelayMs: number;
  close: () => Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
  const control: Omit<TestSmtp, "url" | "close"> = { received: [], refuseData: null, refusedRecipients: new Set(), dataDelayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (control.refusedRecipients.has(address.address)) {
        callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        setTimeout(() => {
          if (control.refuseData !== null) {
            callback(Object.assign(new Error("Try again later"), { responseCode: control.refuseData }));
            return;
          }
          control.received.push(readMessage(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((rcpt) => rcpt.address)));
          callback();
        }, control.dataDelayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(control, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The URL of a port nothing listens on (a server started and closed at once). */
export async function closedPortUrl(): Promise<string> {
  const smtp = await startSmtp();
  await smtp.close();
  return smtp.url;
}

/** The plain-text part of a message, decoded. */
export function textOf(message: Received): string {
  return partOf(message, "text/plain")?.body ?? "";
}

/** Waits until a message to `to` whose subject matches `subject` has arrived (polling every 100 ms). */
export async function waitForMail(smtp: TestSmtp, to: string, subject: RegExp, timeoutMs = 20_000): Promise<Received> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.received.find((message) => message.envelopeTo.includes(to) && subject.test(decodeWords(message.headers.get("subject") ?? "")));
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = smtp.received.map((message) => `${message.envelopeTo.join(",")}: ${decodeWords(message.headers.get("subject") ?? "")}`);
      throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms; received: ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
