import { defineConfig } from "prisma/config";

// The CLI only needs a URL for commands that talk to a database (which the offline machines run
// through bot/db/migrate.ts instead). A fallback keeps `prisma generate` working without one.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/kundenbot" },
});
