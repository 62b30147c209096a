import "dotenv/config";
import { customerCsv } from "../domain/customers/customer-export.ts";
import { fail, withOperatorDatabase } from "./operator-cli.ts";

/**
 * `npm run export -- customers`: all customers as CSV on stdout, the same file as `/kunden export`
 * (UTF-8 with BOM, RFC 4180). Logs go to stderr.
 */

const USAGE = "usage: npm run export -- customers > kunden.csv";

const [what, ...extra] = process.argv.slice(2);
if (what !== "customers" || extra.length > 0) fail(USAGE, 2);

await withOperatorDatabase(process.env, async (prisma, config) => {
  const { csv } = await customerCsv(prisma, config.digest.timezone);
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(csv, (err) => (err ? reject(err) : resolve())),
  );
});
