/**
 * The conversation about an item under review: each decision by staff and
 * each submission or answer by the producer is a ReviewMessage, shown to both
 * sides. A staff decision is also mailed to the producer's accounts, in each
 * account's language, in the same transaction (through the outbox).
 */
import type { Database, Prisma } from "../../db.server";
import { isLanguage } from "../../i18n/config";
import type { Actor } from "../accounts/actor.server";
import { queueMail } from "../mail/outbox.server";
import { siteUrl } from "../mail/templates.server";

type Writer = Prisma.TransactionClient | Database;

export const REVIEW_ITEMS = ["producer", "product", "certification", "revision"] as const;
export type ReviewItem = (typeof REVIEW_ITEMS)[number];

/** What staff decide; each is mailed. */
export const STAFF_DECISIONS = ["approved", "rejected", "changes_requested", "suspended"] as const;
export type StaffDecision = (typeof STAFF_DECISIONS)[number];

/** What the producer does: submit (or resubmit after changes), withdraw, or just answer. */
export type ProducerEvent = "submitted" | "withdrawn" | "comment";

export type ReviewEvent = {
  producerId: number;
  item: ReviewItem;
  itemId: number;
  /** How the item is called in the mail ("Hợp tác xã …", a product's name). */
  label: string;
  body?: string | null;
};

/** Where the producer sees an item in the portal. */
function portalPath(item: ReviewItem, itemId: number, productId?: number): string {
  if (item === "product") return `/portal/products/${itemId}`;
  if ((item === "certification" || item === "revision") && productId) return `/portal/products/${productId}`;
  return "/portal";
}

/** A staff decision: written to the conversation and mailed to every confirmed account of the producer. */
export async function recordStaffDecision(
  tx: Writer,
  actor: Actor,
  decision: StaffDecision,
  event: ReviewEvent & { productId?: number },
): Promise<void> {
  await addMessage(tx, actor, event, { fromStaff: true, kind: decision });
  const accounts = await tx.user.findMany({
    where: { producerId: event.producerId, role: "PRODUCER", disabledAt: null, emailConfirmedAt: { not: null } },
    select: { email: true, name: true, language: true },
  });
  for (const account of accounts) {
    const language = isLanguage(account.language) ? account.language : "vi";
    await queueMail(tx, account.email, language, {
      kind: "review_decision",
      name: account.name,
      decision,
      item: event.item,
      label: event.label,
      message: event.body ?? null,
      url: siteUrl(language, portalPath(event.item, event.itemId, event.productId)),
    });
  }
}

/** The producer's own step: a submission, a withdrawal, or an answer to staff. Not mailed. */
export async function recordProducerEvent(tx: Writer, actor: Actor, kind: ProducerEvent, event: ReviewEvent): Promise<void> {
  await addMessage(tx, actor, event, { fromStaff: false, kind });
}

function addMessage(tx: Writer, actor: Actor, event: ReviewEvent, { fromStaff, kind }: { fromStaff: boolean; kind: StaffDecision | ProducerEvent }) {
  return tx.reviewMessage.create({
    data: { producerId: event.producerId, entityType: event.item, entityId: event.itemId, authorId: actor.userId, fromStaff, event: kind, body: event.body ?? null },
  });
}

/** The conversation about one item, oldest first, with each author's name. */
export async function conversation(db: Writer, producerId: number, item: ReviewItem, itemId: number) {
  const messages = await db.reviewMessage.findMany({
    where: { producerId, entityType: item, entityId: itemId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, fromStaff: true, event: true, body: true, createdAt: true, authorId: true },
  });
  const authorIds = [...new Set(messages.flatMap((message) => (message.authorId ? [message.authorId] : [])))];
  const authors = authorIds.length ? await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(authors.map((author) => [author.id, author.name]));
  return messages.map(({ authorId, ...message }) => ({ ...message, author: authorId ? (names.get(authorId) ?? null) : null }));
}
