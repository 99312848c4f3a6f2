// Validates Kubernetes objects of core kinds against their JSON schemas (npm kubernetes-models,
// offline). Input: a JSON file holding an array of objects. Output: one JSON line per object,
// {"index", "kind", "name", "status": "valid" | "invalid" | "unknown-kind", "message"}. Exit 0 when
// every object was looked at (the Java side decides what fails), 2 when the input cannot be read.
import { readFileSync } from "node:fs";

const file = process.argv[2];
let objects;
try {
  objects = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}

for (const [index, object] of objects.entries()) {
  const apiVersion = String(object?.apiVersion ?? "");
  const kind = String(object?.kind ?? "");
  const name = String(object?.metadata?.name ?? "");
  const report = (status, message = "") =>
    console.log(JSON.stringify({ index, kind, name, status, message }));
  // "v1" is the core group; "apps/v1" is group apps, version v1.
  const modulePath = `kubernetes-models/${apiVersion}`;
  let model;
  try {
    model = (await import(modulePath))[kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== "function" || !/^[A-Za-z0-9]+$/.test(kind)) {
    report("unknown-kind", `no schema for ${apiVersion} ${kind} in kubernetes-models`);
    continue;
  }
  try {
    new model(object).validate();
    report("valid");
  } catch (e) {
    report("invalid", e?.message ?? String(e));
  }
}
