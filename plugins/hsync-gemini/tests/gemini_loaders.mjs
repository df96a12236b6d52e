// Loads what hsync wrote with the Gemini CLI's own loaders, offline: custom commands
// (FileCommandLoader), skills (SkillManager), subagents (loadAgentsFromDirectory) and the user's
// policy files (loadPoliciesFromToml); then asks a PolicyEngine configured as the CLI configures
// it (createPolicyEngineConfig: default policies, the user's policy files, the settings given)
// for its decision on each probe. No chat is started; no model, MCP server or shell command runs.
//
//   node gemini_loaders.mjs <bundle dir> '<probes JSON>' ['<settings JSON>']
//   (HOME and the working directory: the copies to read)
//
// Prints one line "HSYNC-RESULT <json>" (the bundle logs debug lines on stdout too).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = process.argv[2];
const probes = JSON.parse(process.argv[3] || "[]");
const settings = JSON.parse(process.argv[4] || "{}");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
const source = (f) => fs.readFileSync(path.join(dir, f), "utf8");
const exportsName = (f, name) => {
  const text = source(f);
  const i = text.lastIndexOf("\nexport {");
  return i >= 0 && new RegExp("[\\s,]" + name + "[\\s,]").test(text.slice(i));
};
const loaderFile = files.find((f) => exportsName(f, "FileCommandLoader"));
if (!loaderFile) {
  console.error("FileCommandLoader not found in the bundle");
  process.exit(3);
}
// the bundle holds several copies of the core: use the one the command loader imports
const m = source(loaderFile).match(/import\s*\{[^}]*\bcoreEvents\b[^}]*\}\s*from\s*"\.\/([^"]+)"/);
const coreFile = m ? m[1] : loaderFile;
const { FileCommandLoader } = await import(pathToFileURL(path.join(dir, loaderFile)));
const {
  coreEvents,
  SkillManager,
  Storage,
  loadAgentsFromDirectory,
  loadPoliciesFromToml,
  createPolicyEngineConfig,
  PolicyEngine,
} =
  await import(pathToFileURL(path.join(dir, coreFile)));

const feedback = [];
coreEvents.on("user-feedback", (p) =>
  feedback.push({
    severity: p.severity,
    message: p.message,
    error: typeof p.error === "string" ? p.error : p.error instanceof Error ? p.error.message : JSON.stringify(p.error),
  }),
);
coreEvents.drainBacklogs?.();
const out = { commands: [], skills: [], agents: [], agent_errors: [], policy_errors: [], decisions: [], feedback };

const commands = await new FileCommandLoader(null).loadCommands(new AbortController().signal);
for (const c of commands) {
  const entry = { name: c.name, description: c.description, kind: c.kind, text: null };
  try {
    // without a config, a prompt with !{...} stops before any command runs ("Security configuration not loaded")
    const context = { invocation: { raw: `/${c.name}`, name: c.name, args: "" }, services: {}, session: {} };
    const result = await c.action(context, "");
    entry.text = result.content.map((part) => part.text ?? "").join("");
  } catch (error) {
    entry.error = error instanceof Error ? error.message : String(error);
  }
  out.commands.push(entry);
}

const storage = new Storage(process.cwd());
const skills = new SkillManager();
await skills.discoverSkills(storage, [], true);
out.skills = skills
  .getAllSkills()
  .filter((s) => !s.isBuiltin)
  .map((s) => ({ name: s.name, description: s.description, location: s.location }));

for (const agentsDir of [Storage.getUserAgentsDir(), storage.getProjectAgentsDir()]) {
  const loaded = await loadAgentsFromDirectory(agentsDir);
  for (const a of loaded.agents) {
    out.agents.push({ name: a.name, tools: a.toolConfig?.tools ?? null, model: a.modelConfig?.model, maxTurns: a.runConfig?.maxTurns });
  }
  for (const e of loaded.errors) out.agent_errors.push(e.message);
}

const policies = await loadPoliciesFromToml([Storage.getUserPoliciesDir()], () => 4);
for (const e of policies.errors) out.policy_errors.push(JSON.stringify(e));
const engine = new PolicyEngine(await createPolicyEngineConfig(settings, "default", path.join(dir, "policies")));
for (const probe of probes) {
  const result = await engine.check({ name: probe.name, args: probe.args ?? {} }, probe.server);
  out.decisions.push({ ...probe, decision: result.decision });
}
coreEvents.drainBacklogs?.();
process.stdout.write("HSYNC-RESULT " + JSON.stringify(out) + "\n");
