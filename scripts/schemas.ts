// Writes schemas/*.schema.json from the zod schemas in api/schemas.ts (npm run schemas); a test fails when they are stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { jsonSchemas, schemaText } from "../api/schemas.js";

mkdirSync("schemas", { recursive: true });
for (const [file, s] of Object.entries(jsonSchemas())) writeFileSync(`schemas/${file}`, schemaText(s));
console.log(`schemas: ${Object.keys(jsonSchemas()).join(", ")}`);
