import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { VietnamTime } from "~/components/admin/audit-table";
import { FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireAdmin } from "~/modules/accounts/guard.server";
import { outboxMessage, parseMailId, RETRYABLE_STATUSES, retryMail } from "~/modules/outbox/admin.server";
import { nudgeMailDelivery } from "~/modules/mail/worker.server";

const RetrySchema = z.object({ intent: z.literal("retry") });

/** The links a mail's plain-text part carries, each once, in order. */
const linksIn = (text: string) => [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireAdmin(request, context);
  const id = parseMailId(params.id);
  const message = id === undefined ? null : await outboxMessage(db, actor, id);
  invariantResponse(message, "Mail not found", 404);
  const { claimedUntil: _claimedUntil, ...shown } = message;
  return {
    language,
    message: shown,
    from: env.MAIL_FROM,
    links: linksIn(message.text),
    retryable: (RETRYABLE_STATUSES as readonly string[]).includes(message.status),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireAdmin(request, context);
  const id = parseMailId(params.id);
  invariantResponse(id !== undefined, "Mail not found", 404);
  const outcome = await submitForm(await request.formData(), RetrySchema, () => retryMail(db, actor, id));
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Mail not found", 404);
  if (!outcome.ok) return outcome.reply;
  nudgeMailDelivery();
  return redirectWithToast(localizedPath(language, `/admin/outbox/${id}`), "status");
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { message?: { subject: string } } | undefined)?.message?.subject ?? t("admin.outbox.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.outbox.messageTitle.replace("{{id}}", String(data.message.id)) : messages.outbox.title;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function OutboxMessage() {
  const { message, from, links, retryable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [retryForm] = useSchemaForm(RetrySchema, { id: `mail-${message.id}-retry`, lastResult: actionData?.result });
  const none = t("admin.outbox.none");
  return (
    <>
      <h1>{message.subject}</h1>
      <p className="admin-record-meta">
        {t("admin.outbox.messageTitle", { id: message.id })} · {t(`admin.outbox.status_${message.status}` as never, { defaultValue: message.status }) as string}
      </p>

      <section aria-labelledby="mail-headers">
        <h2 id="mail-headers">{t("admin.outbox.headers")}</h2>
        <dl className="cert-facts" data-testid="mail-headers">
          <dt>{t("admin.outbox.from")}</dt>
          <dd>{from}</dd>
          <dt>{t("admin.outbox.to")}</dt>
          <dd data-testid="mail-to">{message.toAddress}</dd>
          <dt>{t("admin.outbox.subject")}</dt>
          <dd>{message.subject}</dd>
          <dt>{t("admin.outbox.language")}</dt>
          <dd>{t(`admin.outbox.language_${message.language}` as never, { defaultValue: message.language }) as string}</dd>
          <dt>{t("admin.outbox.kind")}</dt>
          <dd>{t(`admin.outbox.kind_${message.kind}` as never, { defaultValue: message.kind }) as string}</dd>
          <dt>{t("admin.outbox.status")}</dt>
          <dd data-testid="mail-status">{t(`admin.outbox.status_${message.status}` as never, { defaultValue: message.status }) as string}</dd>
          <dt>{t("admin.outbox.created")}</dt>
          <dd>
            <VietnamTime at={message.createdAt.toISOString()} />
          </dd>
          <dt>{t("admin.outbox.attempts")}</dt>
          <dd>{message.attempts}</dd>
          {message.status === "QUEUED" ? (
            <>
              <dt>{t("admin.outbox.nextAttempt")}</dt>
              <dd>
                <VietnamTime at={message.nextAttemptAt.toISOString()} />
              </dd>
            </>
          ) : null}
          <dt>{t("admin.outbox.sentAt")}</dt>
          <dd>{message.sentAt ? <VietnamTime at={message.sentAt.toISOString()} /> : none}</dd>
          <dt>{t("admin.outbox.lastError")}</dt>
          <dd>{message.lastError ?? none}</dd>
        </dl>
      </section>

      {links.length ? (
        <section aria-labelledby="mail-links">
          <h2 id="mail-links">{t("admin.outbox.links")}</h2>
          <p className="field__hint">{t("admin.outbox.linksHelp")}</p>
          <ul className="mail-links" data-testid="mail-links">
            {links.map((link) => (
              <li key={link}>
                <a href={link} rel="noreferrer">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="mail-text">
        <h2 id="mail-text">{t("admin.outbox.textPart")}</h2>
        <pre className="mail-text" lang={message.language} data-testid="mail-text">
          {message.text}
        </pre>
      </section>

      <section aria-labelledby="mail-html">
        <h2 id="mail-html">{t("admin.outbox.htmlPart")}</h2>
        {/* Shown as escaped source, never rendered: the page's own markup and scripts stay apart from the mail's. */}
        <details>
          <summary>{t("admin.outbox.htmlSource")}</summary>
          <pre className="mail-text" data-testid="mail-html">
            {message.html}
          </pre>
        </details>
      </section>

      {retryable ? (
        <section aria-labelledby="mail-retry">
          <h2 id="mail-retry">{t("admin.outbox.retryHeading")}</h2>
          <p>{t("admin.outbox.retryHelp")}</p>
          <SchemaForm form={retryForm}>
            <FormErrors id={retryForm.errorId} errors={retryForm.errors} />
            <SubmitButton intent="retry">{t("admin.outbox.retry")}</SubmitButton>
          </SchemaForm>
        </section>
      ) : null}
    </>
  );
}
