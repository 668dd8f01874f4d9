// Bundle the admin's body editor into static/richtext/ and list the licences of what went in.
// Run with `npm ci && npm run build` in editor/ (or `make editor`); the output is committed, so
// neither `make run` nor `make test` needs Node.
import { build } from "esbuild";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const out = "../static/richtext";
const result = await build({
  entryPoints: ["src/richtext.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  outfile: `${out}/richtext.js`,
  metafile: true,
  banner: { js: "/* The magazine's body editor. Bundled from editor/ (MIT); see THIRD-PARTY-LICENSES.txt */" },
});

const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (!match || packages.has(match[1])) continue;
  const root = join("node_modules", match[1]);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const licenceFile = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"].map((name) => join(root, name)).find(existsSync);
  packages.set(match[1], { version: meta.version, license: meta.license, text: licenceFile ? readFileSync(licenceFile, "utf8").trim() : "" });
}
const notAllowed = [...packages].filter(([, p]) => !["MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Apache-2.0"].includes(p.license));
if (notAllowed.length) throw new Error(`licences not permitted: ${notAllowed.map(([n, p]) => `${n} ${p.license}`).join(", ")}`);

const sections = [...packages].sort().map(([name, p]) => `${name} ${p.version} (${p.license})\n\n${p.text || `Licensed ${p.license}.`}`);
writeFileSync(`${out}/THIRD-PARTY-LICENSES.txt`, `Packages bundled into richtext.js\n\n${sections.join("\n\n" + "-".repeat(72) + "\n\n")}\n`);
console.log(`richtext.js: ${packages.size} packages, ${[...packages.values()].map((p) => p.license).filter((v, i, a) => a.indexOf(v) === i).join(", ")}`);
