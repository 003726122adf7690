/**
 * Request-rate limits (express-rate-limit), kept behind this module so a
 * shared store can replace the in-memory one when several servers run (the
 * sign-in throttle that matters, per account and per address, already lives
 * in the database: modules/accounts/throttle.server.ts).
 */
import { rateLimit } from "express-rate-limit";
import { env } from "../env.server";

/** Sign-in form posts: SIGN_IN_POSTS_PER_MINUTE (30) a minute per address, then 429 with Retry-After. */
export function signInRateLimit() {
  return rateLimit({
    windowMs: 60_000,
    limit: env.SIGN_IN_POSTS_PER_MINUTE,
    skip: (req) => req.method !== "POST",
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.setHeader("Retry-After", String(Math.ceil(options.windowMs / 1000)));
      res.status(429).type("text/plain").send("Quá nhiều lần đăng nhập, vui lòng chờ một phút. / Too many sign-in attempts; please wait a minute.\n");
    },
  });
}
