/**
 * The SMTP connection mail leaves through, built from SMTP_URL; null when
 * none is configured (development, the demo): mail is then kept in the outbox
 * (decision 015). Delivery takes the transport as a parameter, so tests hand
 * it one pointed at an SMTP server of their own.
 */
import nodemailer, { type SendMailOptions } from "nodemailer";
import { env } from "../../env.server";

/** What delivery needs of a nodemailer transport. */
export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

// Bounded waits, so a hung server cannot hold a message past its claim (delivery.server.ts).
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** A transport to the SMTP server at `url` (smtp:// or smtps://, credentials in the URL). */
export function createMailTransport(url: string): MailTransport {
  return nodemailer.createTransport({ url, ...TIMEOUTS });
}

let configured: MailTransport | null | undefined;

/** The configured transport (one per process), or null without SMTP_URL. */
export function configuredMailTransport(): MailTransport | null {
  if (configured === undefined) configured = env.SMTP_URL ? createMailTransport(env.SMTP_URL) : null;
  return configured;
}
