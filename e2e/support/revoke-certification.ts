/**
 * Revokes one certificate through the domain service, as a process of its own
 * (the third process of e2e/multi-process.spec.ts: neither server is told):
 *
 *   DATABASE_URL=… node node_modules/tsx/dist/cli.mjs e2e/support/revoke-certification.ts <verificationCode>
 *
 * Prints one JSON line when the transaction has committed:
 * {"committedAt": <Date.now()>, "certificationId": …, "revokedOn": "YYYY-MM-DD"}
 */
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { createDatabase } from "../../app/db.server";
import { formatDate, vietnamToday } from "../../app/lib/dates";
import { revokeCertification } from "../../app/modules/certifications/service.server";
import { runScript } from "./fixture-cli";

async function main(): Promise<number> {
  const code = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!code || !url) {
    console.error("Usage: DATABASE_URL=… revoke-certification.ts <verificationCode>");
    return 2;
  }
  const db = createDatabase(url);
  try {
    const cert = await db.certification.findUnique({ where: { verificationCode: code }, select: { id: true } });
    if (!cert) {
      console.error(`No certificate with verification code ${code}`);
      return 1;
    }
    const today = vietnamToday();
    await revokeCertification(db, SYSTEM_ACTOR, cert.id, { revokedOn: formatDate(today), reason: "Thu hồi trong kiểm thử nhiều tiến trình (e2e)" }, today);
    // revokeCertification resolves once its transaction (with the change counter) has committed.
    const committedAt = Date.now();
    console.log(JSON.stringify({ committedAt, certificationId: cert.id, revokedOn: formatDate(today) }));
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runScript(main);
