// Parses every *.tf file of a directory with @cdktf/hcl2json (HCL -> JSON, offline, no providers needed)
// and prints {"<file name>": <parsed JSON>, ...} on standard output. A syntax error exits with code 1 and
// the parser's message (file, line, column) on standard error.
//
//   node tools/hcl/parse.mjs terraform > parsed.json
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktf/hcl2json");

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node parse.mjs <directory with .tf files>");
  process.exit(2);
}

const files = readdirSync(dir).filter((name) => name.endsWith(".tf")).sort();
const result = {};
for (const name of files) {
  try {
    result[name] = await parse(name, readFileSync(join(dir, name), "utf8"));
  } catch (error) {
    console.error(`${join(dir, name)}: ${error.message ?? error}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(result));
