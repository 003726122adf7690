/**
 * Every mail the app sends, in the recipient's language, with a plain-text
 * part and a simple HTML part built from the same lines. The words live in
 * app/i18n/mail.ts.
 */
import type { TFunction } from "i18next";
import { createI18n, localizedPath, type Language } from "../../i18n/config";
import { formatDay } from "../../i18n/format";
import { publicOrigin } from "../../lib/origin.server";

export type RenderedMail = { subject: string; text: string; html: string };

/** A mail's content: paragraphs, then an optional call to action (a link). */
type Body = { subject: string; greetingName?: string | null; paragraphs: string[]; quote?: { label: string; text: string } | null; action?: { label: string; url: string } };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

function render(t: TFunction, body: Body): RenderedMail {
  const greeting = body.greetingName ? t("mail.greeting", { name: body.greetingName }) : null;
  const footer = [t("mail.signature"), t("mail.automated")];
  const text = [
    ...(greeting ? [greeting] : []),
    ...body.paragraphs,
    ...(body.quote ? [`${body.quote.label}\n${body.quote.text}`] : []),
    ...(body.action ? [`${body.action.label}:\n${body.action.url}`] : []),
    `-- \n${footer.join("\n")}`,
  ].join("\n\n");
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const html = [
    `<!doctype html><html><body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem">`,
    ...(greeting ? [paragraph(greeting)] : []),
    ...body.paragraphs.map(paragraph),
    ...(body.quote
      ? [`<p>${escapeHtml(body.quote.label)}</p><blockquote style="border-left: 3px solid #999; margin: 0; padding-left: 1em; white-space: pre-wrap">${escapeHtml(body.quote.text)}</blockquote>`]
      : []),
    ...(body.action ? [`<p><a href="${escapeHtml(body.action.url)}">${escapeHtml(body.action.label)}</a></p>`] : []),
    `<hr><p style="color: #555; font-size: 0.9em">${footer.map(escapeHtml).join("<br>")}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: body.subject, text, html };
}

/** An absolute link to a page of the site, in `language`. */
export function siteUrl(language: Language, path: string): string {
  return `${publicOrigin()}${localizedPath(language, path)}`;
}

export type MailTemplate =
  | { kind: "confirm_email"; name: string; organisation: string; url: string; hours: number }
  | { kind: "registration_exists"; name: string; url: string }
  | { kind: "reset_password"; name: string; url: string; minutes: number }
  | {
      kind: "review_decision";
      name: string;
      decision: "approved" | "rejected" | "changes_requested" | "suspended";
      item: "producer" | "product" | "certification" | "revision";
      label: string;
      message: string | null;
      url: string;
    }
  | { kind: "expiry_reminder"; name: string; product: string; stars: number; decision: string; validUntil: Date; days: number; url: string };

export function renderMail(language: Language, template: MailTemplate): RenderedMail {
  const t = createI18n(language).t;
  switch (template.kind) {
    case "confirm_email":
      return render(t, {
        subject: t("mail.confirmEmail.subject"),
        greetingName: template.name,
        paragraphs: [t("mail.confirmEmail.body", { organisation: template.organisation }), t("mail.confirmEmail.expires", { hours: template.hours })],
        action: { label: t("mail.confirmEmail.action"), url: template.url },
      });
    case "registration_exists":
      return render(t, {
        subject: t("mail.registrationExists.subject"),
        greetingName: template.name,
        paragraphs: [t("mail.registrationExists.body")],
        action: { label: t("mail.registrationExists.action"), url: template.url },
      });
    case "reset_password":
      return render(t, {
        subject: t("mail.resetPassword.subject"),
        greetingName: template.name,
        paragraphs: [t("mail.resetPassword.body"), t("mail.resetPassword.expires", { minutes: template.minutes })],
        action: { label: t("mail.resetPassword.action"), url: template.url },
      });
    case "review_decision": {
      const item = t(`mail.reviewDecision.item_${template.item}`, { label: template.label });
      return render(t, {
        subject: t(`mail.reviewDecision.subject_${template.decision}`, { item: template.label }),
        greetingName: template.name,
        paragraphs: [t(`mail.reviewDecision.body_${template.decision}`, { item })],
        quote: template.message ? { label: t("mail.reviewDecision.message"), text: template.message } : null,
        action: { label: t("mail.reviewDecision.action"), url: template.url },
      });
    }
    case "expiry_reminder":
      return render(t, {
        subject: t("mail.expiryReminder.subject", { product: template.product, days: template.days }),
        greetingName: template.name,
        paragraphs: [
          t("mail.expiryReminder.body", {
            product: template.product,
            stars: template.stars,
            decision: template.decision,
            validUntil: formatDay(language, template.validUntil),
          }),
        ],
        action: { label: t("mail.expiryReminder.action"), url: template.url },
      });
  }
}
