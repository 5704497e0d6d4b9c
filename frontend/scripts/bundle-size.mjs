// The first-load size check (`make test`): what a signed-out visitor's browser downloads for the
// landing page — the entry, the landing page's chunk and everything they import statically, with
// their CSS — gzipped, must stay within the budget. Reads the build's manifest (dist/.vite).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const FIRST_PAGE = ["index.html", "src/landing/LandingPage.tsx"];

const dist = new URL("../dist/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL(".vite/manifest.json", dist), "utf8"));

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build's manifest: run npm run build`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
FIRST_PAGE.forEach(visit);

const sizes = [...files].map((file) => ({ file, gzip: gzipSync(readFileSync(new URL(file, dist))).length }));
const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0) / 1024;
for (const { file, gzip } of sizes.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`${(gzip / 1024).toFixed(1).padStart(7)} kB  ${file}`);
}
console.log(`${total.toFixed(1).padStart(7)} kB  first load of the landing page (gzip; budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB) {
  console.error(`The landing page's first load is ${total.toFixed(1)} kB gzipped, over the ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
