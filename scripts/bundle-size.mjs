// Prints the release bundle's size, raw and gzipped, so every change can keep it small.
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const dist = new URL("../dist/", import.meta.url).pathname;
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
let raw = 0, gz = 0;
console.log("bundle (release):");
for (const f of readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
  const body = readFileSync(join(dist, f));
  const z = gzipSync(body, { level: 9 }).length;
  raw += body.length; gz += z;
  console.log(`  ${f.padEnd(44)} ${kb(body.length)} ${kb(z)} gzip`);
}
console.log(`  ${"total wasm + js + css".padEnd(44)} ${kb(raw)} ${kb(gz)} gzip`);
