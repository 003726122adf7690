import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { VietnamTime } from "~/components/admin/audit-table";
import { Pagination } from "~/components/filter-form";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { requireAdmin } from "~/modules/accounts/guard.server";
import { listOutbox, parseOutboxQuery } from "~/modules/outbox/admin.server";
import { outboxSearchParams, type OutboxQuery } from "~/modules/outbox/query";
import { OUTBOX_STATUSES } from "~/modules/mail/outbox.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireAdmin(request, context);
  const { query, ignored } = parseOutboxQuery(new URL(request.url).searchParams);
  const list = await listOutbox(db, actor, query);
  return { language, query, ignored, list, statuses: OUTBOX_STATUSES, smtpConfigured: Boolean(env.SMTP_URL) };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.outbox.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.outbox.title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function Outbox() {
  const { query, ignored, list, statuses, smtpConfigured } = useLoaderData<typeof loader>();
  const t = useT();
  const to = useLocalizedPath();
  const listPath = to("/admin/outbox");
  const withQuery = (changes: Partial<OutboxQuery>) => {
    const search = outboxSearchParams({ ...query, ...changes }).toString();
    return search ? `${listPath}?${search}` : listPath;
  };
  return (
    <>
      <h1>{t("admin.outbox.title")}</h1>
      <p>{t("admin.outbox.intro")}</p>
      {smtpConfigured ? null : (
        <p className="notice" data-testid="outbox-no-smtp">
          {t("admin.outbox.noSmtp")}
        </p>
      )}
      {ignored.length ? (
        <p className="notice" role="status">
          {t("admin.outbox.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}

      <Form method="get" action={listPath} className="admin-filters" aria-label={t("admin.outbox.filtersLabel")}>
        <div>
          <label htmlFor="outbox-status">{t("admin.outbox.status")}</label>
          <select id="outbox-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("admin.outbox.allStatuses")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`admin.outbox.status_${status}`)} ({list.counts[status]})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="outbox-to">{t("admin.outbox.toLabel")}</label>
          <input id="outbox-to" name="to" type="search" defaultValue={query.to ?? ""} maxLength={200} autoComplete="off" />
        </div>
        <div className="admin-filters__buttons">
          <button type="submit" className="button">
            {t("admin.outbox.apply")}
          </button>
          <Link to={listPath}>{t("admin.outbox.clear")}</Link>
        </div>
      </Form>

      {list.items.length === 0 ? (
        <p role="status" data-testid="result-count">
          {t("admin.shell.empty")}
        </p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="outbox-list">
            <caption className="admin-table__caption">
              {t("admin.outbox.listCaption")}: {t("admin.shell.results", { count: list.total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.outbox.created")}</th>
                <th scope="col">{t("admin.outbox.to")}</th>
                <th scope="col">{t("admin.outbox.subject")}</th>
                <th scope="col">{t("admin.outbox.kind")}</th>
                <th scope="col">{t("admin.outbox.status")}</th>
                <th scope="col">{t("admin.outbox.attempts")}</th>
                <th scope="col">{t("admin.outbox.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((message) => (
                <tr key={message.id} data-testid="outbox-row" data-status={message.status}>
                  <td>
                    <VietnamTime at={message.createdAt.toISOString()} />
                  </td>
                  <td>{message.toAddress}</td>
                  <th scope="row">
                    <Link to={to(`/admin/outbox/${message.id}`)}>{message.subject}</Link>
                  </th>
                  <td>{t(`admin.outbox.kind_${message.kind}` as never, { defaultValue: message.kind }) as string}</td>
                  <td>{t(`admin.outbox.status_${message.status}` as never, { defaultValue: message.status }) as string}</td>
                  <td>{message.attempts}</td>
                  <td>{message.lastError ?? t("admin.outbox.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => withQuery({ page })} />
    </>
  );
}
