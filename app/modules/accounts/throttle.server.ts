/**
 * Sign-in throttling by account and by address, counted in the database so
 * every server process sees the same attempts (docs/decisions/010). The
 * answer never says whether the account exists.
 */
import type { Database } from "../../db.server";
import { env } from "../../env.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts on one account within the window before it is throttled. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed attempts from one address within the window (across accounts); SIGN_IN_FAILURES_PER_ADDRESS. */
export const MAX_FAILURES_PER_ADDRESS = env.SIGN_IN_FAILURES_PER_ADDRESS;

export type Throttle = { retryAfterSeconds: number } | null;

/** Is a sign-in for `email` from `ip` throttled now? */
export async function signInThrottle(db: Database, email: string, ip: string, now = new Date()): Promise<Throttle> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byAccount, byAddress] = await Promise.all([
    db.signInAttempt.findMany({
      where: { email, succeeded: false, at: { gt: since } },
      orderBy: { at: "desc" },
      take: MAX_FAILURES_PER_ACCOUNT,
      select: { at: true },
    }),
    db.signInAttempt.findMany({
      where: { ip, succeeded: false, at: { gt: since } },
      orderBy: { at: "desc" },
      take: MAX_FAILURES_PER_ADDRESS,
      select: { at: true },
    }),
  ]);
  // Throttled until the oldest of the counted failures leaves the window.
  const waits = [
    byAccount.length >= MAX_FAILURES_PER_ACCOUNT ? byAccount[byAccount.length - 1]!.at : null,
    byAddress.length >= MAX_FAILURES_PER_ADDRESS ? byAddress[byAddress.length - 1]!.at : null,
  ].flatMap((oldest) => (oldest ? [Math.ceil((oldest.getTime() + THROTTLE_WINDOW_MS - now.getTime()) / 1000)] : []));
  return waits.length ? { retryAfterSeconds: Math.max(1, ...waits) } : null;
}
