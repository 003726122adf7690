import { z } from "zod";
import { DEFAULT_DATABASE_URL, providerOf } from "./db.config.js";

/**
 * Every setting the server reads, validated once at start-up. Code reads
 * settings only through `env`; a bad setting stops the server with a message
 * that names it.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine(
      (url) => {
        try {
          providerOf(url);
          return url !== "file:" && (!url.startsWith("postgres") || Boolean(new URL(url).hostname));
        } catch {
          return false;
        }
      },
      { message: "must be a file: URL for SQLite (e.g. file:./data/ocop.db) or a postgresql:// URL" },
    ),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  // Public origin for absolute links (QR codes, sitemaps, Open Graph); required in production.
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // How many reverse proxies in front set X-Forwarded-*; 0 (the default) ignores those headers.
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|true|false)$/, "must be a number of proxy hops (0 to ignore X-Forwarded-* headers), true or false")
    .default("0")
    .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value))),
  LOG_REQUESTS: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
  // Comma-separated secrets that sign the session cookie, newest first (rotate by prepending).
  // Optional: the cookie holds only a 256-bit random session id either way.
  SESSION_SECRETS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((secret) => secret.trim()).filter(Boolean))
    .refine((secrets) => secrets.every((secret) => secret.length >= 32), "each secret must be at least 32 characters"),
  // Sign-in limits per client address (decision 010): posts a minute, and failures in 15 minutes.
  SIGN_IN_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  // Sign-up limits per client address (decision 016): producers registered in an hour (counted in the
  // audit trail, across servers), and posts to the sign-up form in an hour (every step counts).
  SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  SIGN_UP_POSTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(300),
  // Folder of uploaded images (the media store, decision 011); `npm run backup` saves it with the database.
  MEDIA_DIR: z.string().min(1).default("data/media"),
  // Pages rendered at once; more wait in line (app/lib/render-queue.server.ts).
  RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  // Outgoing mail (decision 015): without SMTP_URL nothing is sent; mail is kept in the outbox for admins to read.
  SMTP_URL: z.preprocess((value) => (value === "" ? undefined : value), z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.vn:587" }).optional()),
  MAIL_FROM: z.string().trim().min(3).max(200).default("Danh mục OCOP <no-reply@ocop.invalid>"),
  MAIL_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
}).refine((env) => env.NODE_ENV !== "production" || env.PUBLIC_URL !== undefined, {
  path: ["PUBLIC_URL"],
  message: "is required in production: the public origin for absolute links, e.g. https://ocop.example.vn (links never come from a request's Host header)",
});

export type Env = z.infer<typeof EnvSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid settings:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(settings)"}: ${issue.message}`),
    );
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
