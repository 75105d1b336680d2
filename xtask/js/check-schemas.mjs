// Loads every schema in schemas/ and schemas/cli/ (the shapes of `pc --json`) with ajv (draft 2020-12, strict mode, ajv-formats) and checks
// that each schema's `examples` validate and that every case of schemas/corpus/ gets its expected
// verdict. Any warning ajv logs counts as a failure. Prints "N passed, N failed" and exits non-zero
// on any failure.
//
//   cd xtask/js && npm ci && node check-schemas.mjs

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const schemasDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

let passed = 0;
let failed = 0;
const fail = (message) => {
  failed += 1;
  console.error(`FAIL ${message}`);
};

// ajv reports strict-mode problems by throwing, and other doubts through its logger: both fail.
const warnings = [];
const logger = {
  log: () => {},
  warn: (...args) => warnings.push(args.join(" ")),
  error: (...args) => warnings.push(args.join(" ")),
};
const ajv = new Ajv2020({ strict: true, allErrors: true, logger });
addFormats(ajv);

const schemaFiles = (dir) =>
  readdirSync(join(schemasDir, dir)).filter((f) => f.endsWith(".schema.json")).sort()
    .map((f) => (dir === "." ? f : `${dir}/${f}`));
const files = [...schemaFiles("."), ...schemaFiles("cli")];
const validators = new Map();
for (const file of files) {
  try {
    const validate = ajv.compile(readJson(join(schemasDir, file)));
    validators.set(file, validate);
    passed += 1;
  } catch (error) {
    fail(`${file}: does not compile in strict mode: ${error.message}`);
  }
}

const describe = (errors) =>
  (errors || []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");

for (const file of files) {
  const validate = validators.get(file);
  if (!validate) continue;
  const examples = readJson(join(schemasDir, file)).examples || [];
  examples.forEach((example, i) => {
    if (validate(example)) {
      passed += 1;
    } else {
      fail(`${file}: example ${i} is refused: ${describe(validate.errors)}`);
    }
  });
}

const corpusDir = join(schemasDir, "corpus");
for (const file of readdirSync(corpusDir).filter((f) => f.endsWith(".json")).sort()) {
  const corpus = readJson(join(corpusDir, file));
  const validate = validators.get(corpus.schema);
  if (!validate) {
    fail(`corpus/${file}: no schema ${corpus.schema}`);
    continue;
  }
  for (const c of corpus.cases) {
    const verdict = validate(c.body);
    if (verdict === c.valid) {
      passed += 1;
    } else {
      const why = verdict ? "accepted" : `refused: ${describe(validate.errors)}`;
      fail(`corpus/${file} / ${c.name}: expected ${c.valid ? "valid" : "invalid"}, ${why}`);
    }
  }
}

for (const warning of warnings) fail(`ajv warned: ${warning}`);
console.log(`ajv (draft 2020-12, strict mode, ajv-formats): ${files.length} schemas`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
