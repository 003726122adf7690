import { Form } from "@remix-run/react";
import type { FormReplyData } from "~/components/forms";
import { SubmitButton } from "~/components/forms";
import { useT } from "~/i18n/translate";
import { Conversation, type ConversationMessage } from "./review";

type Revision = {
  id: number;
  status: string;
  changes: Record<string, string | number | null>;
  messages: ConversationMessage[];
};

/** An open revision: each proposed field beside the live value, its status and conversation, and withdrawing it. */
export function RevisionPanel({
  revision,
  live,
  fieldLabel,
  actionData,
  answerItem,
}: {
  revision: Revision;
  live: Record<string, unknown>;
  fieldLabel: (field: string) => string;
  actionData: FormReplyData | undefined;
  answerItem: "revision";
}) {
  const t = useT();
  const show = (value: unknown) => (value === null || value === undefined || value === "" ? t("portal.none") : String(value));
  return (
    <section aria-labelledby="revision-heading" className="notice portal-revision" data-testid="open-revision">
      <h2 id="revision-heading">{t("portal.revision.heading")}</h2>
      <p>{t("portal.revision.status", { status: t(`portal.revision.status_${revision.status as "PENDING" | "CHANGES_REQUESTED"}`) })}</p>
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption className="visually-hidden">{t("portal.revision.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portal.revision.field")}</th>
              <th scope="col">{t("portal.revision.current")}</th>
              <th scope="col">{t("portal.revision.proposed")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(revision.changes).map(([field, value]) => (
              <tr key={field}>
                <th scope="row">{fieldLabel(field)}</th>
                <td>{show(live[field])}</td>
                <td>{show(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post">
        <input type="hidden" name="revisionId" value={revision.id} />
        <SubmitButton intent="withdrawRevision" className="button button--secondary">
          {t("portal.revision.withdraw")}
        </SubmitButton>
      </Form>
      <Conversation messages={revision.messages} headingId="revision-conversation" answer={{ item: answerItem, itemId: revision.id, actionData }} />
    </section>
  );
}
