// Asks the Gemini CLI's own memory loaders, from its bundle, which GEMINI.md files it loads:
// at startup (getEnvironmentMemoryPaths, the trusted root given) and just in time when a tool
// touches a file (loadJitSubdirectoryMemory). Offline; no model, no chat.
//
//   node gemini_memory.mjs <bundle dir> <trusted root> <touched file>
//
// Prints one line "HSYNC-RESULT {"startup": [paths], "touched": [paths], "contents": {path: text}}",
// the texts as Gemini hands them to the model (``@file`` imports expanded).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dir, root, touched] = process.argv.slice(2);
const file = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".js"))
  .sort()
  .find((f) => {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    const i = text.lastIndexOf("\nexport {");
    return i >= 0 && /[\s,]loadJitSubdirectoryMemory[\s,]/.test(text.slice(i));
  });
if (!file) {
  console.error("loadJitSubdirectoryMemory not found in the bundle");
  process.exit(3);
}
const core = await import(pathToFileURL(path.join(dir, file)));
const startup = await core.getEnvironmentMemoryPaths([root]);
const jit = await core.loadJitSubdirectoryMemory(touched, [root], new Set(), new Set());
const contents = Object.fromEntries(jit.files.map((f) => [f.path, f.content]));
console.log("HSYNC-RESULT " + JSON.stringify({ startup, touched: jit.files.map((f) => f.path), contents }));
