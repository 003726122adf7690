import { formatDay } from "~/i18n/format";
import { useT } from "~/i18n/translate";
import { useLanguage } from "~/i18n/use-language";

export type ConversationMessage = { id: number; fromStaff: boolean; event: string; body: string | null; createdAt: string | Date; author: string | null };

const EVENTS = ["submitted", "approved", "rejected", "changes_requested", "withdrawn", "suspended", "comment"] as const;

/** The conversation about an item under review, oldest first: what the producer sees in the portal too. */
export function ReviewConversation({ messages }: { messages: ConversationMessage[] }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby="review-conversation-heading" data-testid="review-conversation">
      <h2 id="review-conversation-heading">{t("admin.reviews.conversationTitle")}</h2>
      {messages.length === 0 ? (
        <p>{t("admin.reviews.conversationNone")}</p>
      ) : (
        <ol className="admin-links">
          {messages.map((message) => {
            const event = (EVENTS as readonly string[]).includes(message.event) ? (message.event as (typeof EVENTS)[number]) : "comment";
            return (
              <li key={message.id} data-testid="review-message" data-event={message.event}>
                <strong>{t(`admin.reviews.event_${event}`)}</strong> · {message.fromStaff ? t("admin.reviews.fromStaff") : t("admin.reviews.fromProducer")}
                {message.author ? ` (${message.author})` : ""} · {formatDay(language, message.createdAt)}
                {message.body ? <p>{message.body}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
