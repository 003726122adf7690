/**
 * npm run admin:create -- --email someone@example.vn --name "Nguyễn Văn A"
 *
 * Creates the first admin (or any admin later) in DATABASE_URL's database.
 * The password is asked for twice on the terminal, without echo; scripts can
 * pass it in ADMIN_PASSWORD instead. Audited as a system action.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { db } from "../app/db.server";
import { SYSTEM_ACTOR } from "../app/modules/accounts/actor.server";
import { createAccount } from "../app/modules/accounts/service.server";
import { DomainError } from "../app/lib/errors.server";

const USAGE = 'Usage: npm run admin:create -- --email someone@example.vn --name "Full name"   (password: asked, or ADMIN_PASSWORD)';

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => write(text.startsWith(question) ? text : "");
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help || !values.email || !values.name) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 64);
  }
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY) throw new Error("No terminal to ask for the password: set ADMIN_PASSWORD.");
    password = await askHidden("Password (at least 10 characters): ");
    if ((await askHidden("Password again: ")) !== password) throw new Error("The two passwords differ.");
  }
  const user = await createAccount(db, SYSTEM_ACTOR, { email: values.email, name: values.name, role: "ADMIN", password });
  console.log(`Admin ${user.email} created (id ${user.id}). Sign in at /login.`);
}

main()
  .catch((error: unknown) => {
    if (error instanceof DomainError) {
      const fields = Object.entries(error.fieldErrors).map(([field, keys]) => `${field}: ${keys.join(", ")}`);
      console.error(`Cannot create the admin: ${error.message}${fields.length ? ` (${fields.join("; ")})` : ""}`);
    } else {
      console.error(`Cannot create the admin: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
