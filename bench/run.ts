// `npm run bench`: runs each benchmark section against real app processes and the stand-ins,
// and prints figures. `npm run bench -- <section>` runs only the named sections.
import { sections } from "./sections.ts";

const wanted = process.argv.slice(2);
const chosen = wanted.length ? sections.filter((s) => wanted.includes(s.name)) : sections;
if (chosen.length === 0) {
  console.log(`no such section; known: ${sections.map((s) => s.name).join(", ") || "(none yet)"}`);
  process.exit(wanted.length ? 1 : 0);
}
for (const section of chosen) {
  console.log(`\n## ${section.name}: ${section.title}`);
  const started = Date.now();
  await section.run();
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(0);
