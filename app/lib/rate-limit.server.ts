/**
 * Request-rate limits (express-rate-limit), kept behind this module so a
 * shared store can replace the in-memory one when several servers run (the
 * limits that matter live in the database: the sign-in throttle per account
 * and per address, modules/accounts/throttle.server.ts; sign-ups per
 * address, modules/registration/service.server.ts).
 */
import { rateLimit } from "express-rate-limit";
import { env } from "../env.server";

/** POSTs only: `limit` per address within `windowMs`, then 429 with Retry-After and `message`. */
function postRateLimit(windowMs: number, limit: number, message: string) {
  return rateLimit({
    windowMs,
    limit,
    skip: (req) => req.method !== "POST",
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.setHeader("Retry-After", String(Math.ceil(options.windowMs / 1000)));
      res.status(429).type("text/plain").send(message);
    },
  });
}

/** Sign-in form posts: SIGN_IN_POSTS_PER_MINUTE (30) a minute per address, then 429 with Retry-After. */
export function signInRateLimit() {
  return postRateLimit(60_000, env.SIGN_IN_POSTS_PER_MINUTE, "Quá nhiều lần đăng nhập, vui lòng chờ một phút. / Too many sign-in attempts; please wait a minute.\n");
}

/**
 * Sign-up form posts: SIGN_UP_POSTS_PER_HOUR (300) an hour per address. Every
 * post counts (a step, going back, reloading the communes): one sign-up takes
 * about ten, so this stops a flood long before it stops an office where
 * several cooperatives register. Completed sign-ups have their own, lower
 * limit in the database (SIGN_UPS_PER_HOUR), shared by every server.
 */
export function signUpRateLimit() {
  return postRateLimit(60 * 60_000, env.SIGN_UP_POSTS_PER_HOUR, "Quá nhiều lần gửi biểu mẫu đăng ký, vui lòng thử lại sau. / Too many sign-up posts; please try again later.\n");
}

/** "Forgot password" posts (each may send a mail): as many as sign-in posts, a minute per address. */
export function passwordResetRateLimit() {
  return postRateLimit(60_000, env.SIGN_IN_POSTS_PER_MINUTE, "Quá nhiều yêu cầu, vui lòng chờ một phút. / Too many requests; please wait a minute.\n");
}
