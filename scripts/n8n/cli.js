// @ts-check
// n8n's CLI (import, execute): each command runs as a separate n8n process on the same user folder (database,
// encryption key) as the server, checked against n8n 2.41.1's source.
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { freePort } = require('../util');
const { WATCHDOG, n8nEnv, signalGroup } = require('./server');

/** @typedef {import('./runtime').Runtime} Runtime */
/** @typedef {import('./server').N8nInstance} N8nInstance */

/**
 * @typedef {object} CliOptions
 * @property {N8nInstance} [instance] run against a running instance (uses its env)
 * @property {Record<string, string>} [env]
 */
/** @typedef {{ code: number | null, stdout: string, stderr: string }} CliResult */
/**
 * @typedef {object} CredentialInput
 * @property {string} [id]
 * @property {string} name
 * @property {string} type
 * @property {Record<string, unknown>} data plaintext; n8n encrypts it
 */
/**
 * @typedef {object} WorkflowInput
 * @property {string} [id]
 * @property {string} name
 * @property {Array<Record<string, any>>} nodes
 * @property {Record<string, any>} [connections]
 * @property {Record<string, any>} [settings]
 */

/**
 * An id like the ones n8n generates (16 alphanumerics), for workflows and credentials imported by file.
 * @returns {string}
 */
function newId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const bytes = crypto.randomBytes(16);
	let id = '';
	for (const byte of bytes) id += alphabet[byte % alphabet.length];
	return id;
}

/**
 * Runs `n8n <args>` as a separate process on the same user folder (database, encryption key). With { instance } it
 * uses that running instance's env; the CLI always gets its own task-broker port (`execute` starts a runner).
 * @param {Runtime} runtime
 * @param {string} userFolder
 * @param {string[]} args
 * @param {CliOptions & { timeoutMs?: number }} [options]
 * @returns {Promise<CliResult>}
 */
async function runCli(runtime, userFolder, args, { instance, env = {}, timeoutMs = 180000 } = {}) {
	const base = instance ? instance.env : n8nEnv(runtime, { port: await freePort(), brokerPort: 0, userFolder });
	const fullEnv = { ...base, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env };
	// stdout goes to a file, not a pipe: n8n exits right after printing a large JSON (execute --rawOutput), and output
	// still queued on a busy pipe is lost at exit; writes to a file are synchronous.
	const outFile = path.join(userFolder, `.cli-stdout-${newId()}.txt`);
	const outFd = fs.openSync(outFile, 'w');
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.nodeBin, ['--require', WATCHDOG, runtime.n8nBin, ...args], {
			cwd: userFolder,
			env: { ...fullEnv, OVH_RENEWAL_WATCHDOG_PARENT: String(process.pid) },
			detached: true,
			stdio: ['ignore', outFd, 'pipe'],
		});
		fs.closeSync(outFd);
		const pgid = /** @type {number} */ (child.pid);
		let stderr = '';
		child.stderr?.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => signalGroup(pgid), timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			// The CLI's own task runner (execute) shares its process group: make sure nothing of it lingers.
			signalGroup(pgid);
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(outFile, { force: true });
			resolve({ code, stdout, stderr });
		});
	});
}

/**
 * `n8n import:<kind> --input=<file>` of a list written to a temporary file in the user folder.
 * @param {'credentials' | 'workflow'} kind
 * @param {Runtime} runtime
 * @param {string} userFolder
 * @param {unknown[]} list
 * @param {CliOptions} options
 */
async function importFile(kind, runtime, userFolder, list, { instance, env }) {
	const file = path.join(userFolder, `import-${kind}-${Date.now()}-${process.pid}.json`);
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
	const res = await runCli(runtime, userFolder, [`import:${kind}`, `--input=${file}`], { instance, env });
	fs.rmSync(file, { force: true });
	if (res.code !== 0 || !/Successfully imported/i.test(res.stdout + res.stderr)) {
		throw new Error(`n8n import:${kind} failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`);
	}
}

/**
 * `n8n import:credentials` with plaintext `data` (n8n encrypts it with N8N_ENCRYPTION_KEY); missing ids are
 * generated. Returns the credentials with their ids. Pass { instance } to import into a running instance's database.
 * @param {Runtime} runtime
 * @param {string} userFolder
 * @param {CredentialInput[]} creds
 * @param {CliOptions} [options]
 * @returns {Promise<Array<CredentialInput & { id: string }>>}
 */
async function importCredentials(runtime, userFolder, creds, options = {}) {
	const list = creds.map((c) => ({ isManaged: false, ...c, id: c.id || newId() }));
	await importFile('credentials', runtime, userFolder, list, options);
	return list;
}

/**
 * `n8n import:workflow`; missing ids are generated. Imported workflows are inactive (publish them with
 * activateWorkflow). Returns them with their ids.
 * @template {WorkflowInput} W
 * @param {Runtime} runtime
 * @param {string} userFolder
 * @param {W[]} workflows
 * @param {CliOptions} [options]
 * @returns {Promise<Array<W & { id: string }>>}
 */
async function importWorkflows(runtime, userFolder, workflows, options = {}) {
	const list = workflows.map((w) => ({ active: false, settings: {}, connections: {}, ...w, id: w.id || newId() }));
	await importFile('workflow', runtime, userFolder, list, options);
	return list;
}

/**
 * `n8n execute --id=<id> --rawOutput`: runs the workflow (it needs a Manual Trigger) in a separate n8n process.
 * Returns the output parsed (the JSON of the run data, or null) beside code, stdout and stderr.
 * @param {Runtime} runtime
 * @param {string} userFolder
 * @param {string} id
 * @param {CliOptions} [options]
 * @returns {Promise<CliResult & { output: any }>}
 */
async function executeWorkflowCli(runtime, userFolder, id, { instance, env } = {}) {
	const res = await runCli(runtime, userFolder, ['execute', `--id=${id}`, '--rawOutput'], { instance, env });
	return { ...res, output: rawOutputJson(res.stdout) };
}

/**
 * The pretty-printed JSON of `n8n execute --rawOutput` within its stdout: n8n's log lines come before it (some start
 * with "[", like "[license SDK] …") and, under load, after it too (shutdown messages). Tries each line that opens a
 * JSON value at column 0 with each line that closes one at column 0, the longest first.
 * @param {string} stdout
 * @returns {any}
 */
function rawOutputJson(stdout) {
	const lines = stdout.split('\n');
	const ends = lines.map((line, j) => (/^[\]}]\s*$/.test(line) ? j : -1)).filter((j) => j >= 0).reverse();
	for (let i = 0; i < lines.length; i++) {
		if (!/^[[{]\s*$/.test(lines[i])) continue;
		for (const j of ends) {
			if (j < i) break;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				// not this pair
			}
		}
	}
	return null;
}

module.exports = { newId, runCli, importCredentials, importWorkflows, executeWorkflowCli };
