/**
 * The one way the app sends mail: `queueMail` writes the message to the
 * outbox in the caller's transaction, so a mail exists exactly when the
 * change that caused it committed. Delivery (./delivery.server.ts) sends it
 * afterwards and retries until it goes; nothing is sent from inside a
 * transaction, and nothing is lost when the mail server is down.
 */
import type { Database, Prisma } from "../../db.server";
import type { Language } from "../../i18n/config";
import { renderMail, type MailTemplate } from "./templates.server";

type Writer = Prisma.TransactionClient | Database;

export const OUTBOX_STATUSES = ["QUEUED", "SENT", "KEPT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export async function queueMail(tx: Writer, to: string, language: Language, template: MailTemplate): Promise<number> {
  const mail = renderMail(language, template);
  const row = await tx.outboxMessage.create({
    data: { kind: template.kind, toAddress: to, language, subject: mail.subject, text: mail.text, html: mail.html },
    select: { id: true },
  });
  return row.id;
}
