import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { AuditTable } from "~/components/admin/audit-table";
import { Pagination } from "~/components/filter-form";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { requireStaff } from "~/modules/accounts/guard.server";
import { auditSearchParams, type AuditQuery } from "~/modules/audit/search";
import { parseAuditQuery, searchAudit } from "~/modules/audit/search.server";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "~/modules/audit/trail.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor, user } = await requireStaff(request, context);
  const { query, ignored } = parseAuditQuery(new URL(request.url).searchParams);
  const page = await searchAudit(db, actor, query);
  // Editors read catalogue events and their own sign-ins: the filter offers only what they can find.
  const isAdmin = user.role === "ADMIN";
  return { language, query, ignored, page, isAdmin, actions: AUDIT_ACTIONS, entities: isAdmin ? AUDIT_ENTITIES : AUDIT_ENTITIES.filter((entity) => entity !== "user") };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.audit.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.audit.title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function AuditTrail() {
  const { query, ignored, page, isAdmin, actions, entities } = useLoaderData<typeof loader>();
  const t = useT();
  const to = useLocalizedPath();
  const listPath = to("/admin/audit");
  const withQuery = (path: string, changes: Partial<AuditQuery>) => {
    const search = auditSearchParams({ ...query, ...changes }).toString();
    return search ? `${path}?${search}` : path;
  };
  return (
    <>
      <h1>{t("admin.audit.title")}</h1>
      <p>{t("admin.audit.intro")}</p>
      {ignored.length ? (
        <p className="notice" role="status">
          {t("admin.audit.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}

      <Form method="get" action={listPath} className="admin-filters" aria-label={t("admin.audit.filtersLabel")}>
        <div>
          <label htmlFor="audit-entity">{t("admin.audit.entityType")}</label>
          <select id="audit-entity" name="entity" defaultValue={query.entity ?? ""}>
            <option value="">{t("admin.audit.allEntities")}</option>
            {entities.map((entity) => (
              <option key={entity} value={entity}>
                {t(`admin.audit.entity_${entity}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action">{t("admin.audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("admin.audit.allActions")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {t(`admin.audit.action_${action}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-who">{t("admin.audit.whoLabel")}</label>
          <input id="audit-who" name="who" type="search" defaultValue={query.who ?? ""} maxLength={200} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="audit-record">{t("admin.audit.recordId")}</label>
          <input id="audit-record" name="record" type="text" inputMode="numeric" pattern="[0-9]*" defaultValue={query.record ?? ""} maxLength={15} />
        </div>
        <div>
          <label htmlFor="audit-from">{t("admin.audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div>
          <label htmlFor="audit-to">{t("admin.audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="admin-filters__buttons">
          <button type="submit" className="button">
            {t("admin.audit.apply")}
          </button>
          <Link to={listPath}>{t("admin.audit.clear")}</Link>
        </div>
      </Form>

      <p className="admin-list-links">
        {/* A download, not a page: a plain link, so the browser saves the file. */}
        <a href={withQuery(to("/admin/audit.csv"), { page: 1 })} download data-testid="audit-csv">
          {t("admin.audit.downloadCsv")}
        </a>{" "}
        · {t("admin.audit.timeZone")}
      </p>

      {page.items.length === 0 ? (
        <p role="status" data-testid="result-count">
          {t("admin.shell.empty")}
        </p>
      ) : (
        <AuditTable
          events={page.items}
          caption={`${t("admin.audit.listCaption")}: ${t("admin.shell.results", { count: page.total })}`}
          canOpenAccounts={isAdmin}
        />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} hrefFor={(number) => withQuery(listPath, { page: number })} />
    </>
  );
}
