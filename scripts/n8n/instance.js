// Starts and stops a real n8n (from scripts/n8n/runtime.js) with a community package loaded the way production loads
// it: from <userFolder>/.n8n/nodes/node_modules/<package>, so its types are `<package-name>.<node>`.
// Plus REST / public-API / CLI helpers checked against n8n 2.41.1's source.
// Plain CommonJS with Node built-ins only (global fetch: Node >= 18).
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const WATCHDOG = path.join(__dirname, 'watchdog.js');
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-ovh-renewal-local-test-key-0001';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function defaultLog(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Polls fn() until it returns a truthy value (returned) or timeoutMs passes (throws, with the last error). Errors
 * thrown by fn are retried, except those with `fatal: true`.
 */
async function waitFor(fn, { timeoutMs = 30000, intervalMs = 250, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value;
		} catch (error) {
			if (error && error.fatal) throw error; // no point in waiting any longer
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
			);
		}
		await sleep(intervalMs);
	}
}

/** An id like the ones n8n generates (16 alphanumerics), for workflows and credentials imported by file. */
function newId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const bytes = crypto.randomBytes(16);
	let id = '';
	for (const byte of bytes) id += alphabet[byte % alphabet.length];
	return id;
}

function tailOf(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/**
 * Puts the package at <userFolder>/.n8n/nodes/node_modules/<name> like n8n's installer does (files of the package,
 * package.json without devDependencies/peerDependencies/optionalDependencies) and lists it in
 * <userFolder>/.n8n/nodes/package.json.
 *   mode 'copy' (default): package.json + the folders of its `files` (dist). `require('n8n-workflow')` from the nodes
 *     then resolves to n8n's own copy (through the NODE_PATH n8n sets), as in production. A symlink would resolve
 *     from the real path, i.e. the repository's node_modules, giving a second n8n-workflow (instanceof checks break).
 *   mode 'symlink': a symlink to packageDir (sees rebuilds without restarting the copy; see the caveat above).
 */
function installPackage({ userFolder, packageDir, mode = 'copy' }) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (!pkg.n8n) throw new Error(`${packageDir}/package.json has no "n8n" block`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	if (mode === 'symlink') {
		fs.symlinkSync(path.resolve(packageDir), target, 'dir');
	} else {
		fs.mkdirSync(target, { recursive: true });
		const { devDependencies, peerDependencies, optionalDependencies, ...trimmed } = pkg;
		fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(trimmed, null, 2)}\n`);
		const files = Array.isArray(pkg.files) && pkg.files.length ? pkg.files : ['dist'];
		for (const entry of files) {
			const from = path.join(packageDir, entry);
			if (!fs.existsSync(from)) {
				if (entry === 'dist') throw new Error(`${from} is missing: build the package first (npm run build)`);
				continue;
			}
			fs.cpSync(from, path.join(target, entry), { recursive: true, dereference: true });
		}
		for (const rel of [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])]) {
			if (!fs.existsSync(path.join(target, rel))) throw new Error(`${pkg.name}: ${rel} is listed in package.json but missing`);
		}
	}
	const manifest = path.join(nodesDir, 'package.json');
	let nodesPkg = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		nodesPkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	} catch {
		// first time
	}
	nodesPkg.dependencies = { ...(nodesPkg.dependencies || {}), [pkg.name]: pkg.version };
	fs.writeFileSync(manifest, `${JSON.stringify(nodesPkg, null, 2)}\n`);
	return { name: pkg.name, version: pkg.version, target };
}

/** The environment n8n runs with: the runtime's env (Node 24 first on PATH) + a quiet, offline, local setup. */
function n8nEnv(runtime, { port, brokerPort, userFolder, env = {} }) {
	const base = { ...runtime.env };
	// A developer's shell may carry N8N_* or DB_* settings for another n8n: do not let them leak in.
	for (const key of Object.keys(base)) if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$)/.test(key)) delete base[key];
	return {
		...base,
		// As in n8n's Docker image. It also turns on n8n's production-only rate limits: POST /rest/login allows
		// 5 attempts a minute per email (log in once and reuse the cookie). Pass env { NODE_ENV: 'development' } to
		// lift them (n8n then also adds stack traces to REST errors).
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: DEFAULT_ENCRYPTION_KEY,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Otherwise the editor's node panel makes n8n fetch the verified-packages list from api.n8n.io (offline here).
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		GENERIC_TIMEZONE: 'UTC',
		DB_TYPE: 'sqlite',
		...env,
	};
}

function processGroupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

const liveGroups = new Set();
let exitHookInstalled = false;
function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort if the caller exits without stop(): n8n runs in its own process group, so kill that group.
	process.on('exit', () => {
		for (const pgid of liveGroups) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});
}

/**
 * Starts `n8n start` in its own process group with the package installed in userFolder. Resolves once
 * /healthz/readiness answers 200. Output goes to <userFolder>/n8n.log.
 * @returns {Promise<{ baseUrl, port, brokerPort, userFolder, logFile, pid, env, runtime, package, stop(): Promise<void> }>}
 */
async function startN8n({
	runtime,
	port,
	brokerPort,
	userFolder,
	packageDir,
	packageMode = 'copy',
	env = {},
	log = defaultLog,
	timeoutMs = 120000,
}) {
	if (!runtime) runtime = await require('./runtime').ensureRuntime({ log });
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	port = port || (await freePort());
	brokerPort = brokerPort || (await freePort());
	while (brokerPort === port) brokerPort = await freePort();
	fs.mkdirSync(userFolder, { recursive: true });
	const installed = packageDir ? installPackage({ userFolder, packageDir, mode: packageMode }) : null;
	const fullEnv = n8nEnv(runtime, { port, brokerPort, userFolder, env });
	const logFile = path.join(userFolder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const started = Date.now();
	const child = spawn(runtime.nodeBin, ['--require', WATCHDOG, runtime.n8nBin, 'start'], {
		cwd: userFolder,
		env: { ...fullEnv, OVH_RENEWAL_WATCHDOG_PARENT: String(process.pid) },
		detached: true, // own process group: stop() kills n8n and its task runner together
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const pgid = child.pid;
	liveGroups.add(pgid);
	installExitHook();
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	log(`starting n8n ${runtime.n8nVersion || ''} on ${baseUrl} (pid ${pgid}, log ${logFile})`);

	async function stop({ timeoutMs: stopTimeout = 20000 } = {}) {
		if (!liveGroups.has(pgid)) return;
		const t0 = Date.now();
		if (processGroupAlive(pgid)) {
			try {
				process.kill(-pgid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		const deadline = Date.now() + stopTimeout;
		while (Date.now() < deadline && (exited === null || processGroupAlive(pgid))) await sleep(100);
		if (processGroupAlive(pgid)) {
			log(`n8n (pid ${pgid}) did not stop within ${stopTimeout} ms: SIGKILL`);
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {
				// gone
			}
			await Promise.race([exitPromise, sleep(5000)]);
			const killDeadline = Date.now() + 5000;
			while (Date.now() < killDeadline && processGroupAlive(pgid)) await sleep(100);
		}
		liveGroups.delete(pgid);
		if (processGroupAlive(pgid)) throw new Error(`n8n process group ${pgid} is still alive after SIGKILL`);
		log(`n8n stopped in ${Date.now() - t0} ms`);
	}

	try {
		await waitFor(
			async () => {
				if (exited) {
					throw Object.assign(new Error(`n8n exited early (${JSON.stringify(exited)})`), { fatal: true });
				}
				const res = await fetch(`${baseUrl}/healthz/readiness`).catch(() => null);
				return res && res.status === 200;
			},
			{ timeoutMs, intervalMs: 250, what: `${baseUrl}/healthz/readiness` },
		).catch((error) => {
			if (exited) throw new Error(`n8n exited early (${JSON.stringify(exited)})`);
			throw error;
		});
	} catch (error) {
		await stop().catch(() => {});
		throw new Error(`${error.message}\n--- ${logFile} (tail) ---\n${tailOf(logFile)}`);
	}
	log(`n8n ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return {
		baseUrl,
		port,
		brokerPort,
		userFolder,
		logFile,
		pid: pgid,
		env: fullEnv,
		runtime,
		package: installed,
		exited: () => exited,
		stop,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP helpers

async function request(url, { method = 'GET', body, cookie, apiKey, headers = {}, expect = [200] } = {}) {
	const init = { method, headers: { accept: 'application/json', ...headers } };
	if (cookie) init.headers.cookie = cookie;
	if (apiKey) init.headers['x-n8n-api-key'] = apiKey;
	if (body !== undefined) {
		init.headers['content-type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (expect && !expect.includes(res.status)) {
		const error = new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 500)}`);
		error.status = res.status;
		error.body = json ?? text;
		throw error;
	}
	return { status: res.status, json, text, headers: res.headers };
}

/** The editor wraps REST answers in { data }. */
const unwrap = (json) => (json && typeof json === 'object' && 'data' in json ? json.data : json);

function authCookieFrom(headers) {
	const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie')];
	for (const cookie of cookies) {
		const match = /(?:^|\s|,)n8n-auth=([^;]+)/.exec(cookie || '');
		if (match) return `n8n-auth=${match[1]}`;
	}
	return null;
}

/**
 * POST /rest/owner/setup {email, firstName, lastName, password} (no auth). The password needs 8–64 characters, a digit
 * and an uppercase letter. Returns { cookie, user, alreadySetUp }; when the owner exists already, logs in instead.
 */
async function setupOwner(baseUrl, { email, password, firstName = 'Test', lastName = 'Owner' }) {
	const res = await request(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		body: { email, password, firstName, lastName },
		expect: null,
	});
	if (res.status === 200) return { cookie: authCookieFrom(res.headers), user: unwrap(res.json), alreadySetUp: false };
	if (res.status === 400 && /already set ?up|instance owner already/i.test(res.text)) {
		return { cookie: await login(baseUrl, { email, password }), user: null, alreadySetUp: true };
	}
	throw new Error(`POST /rest/owner/setup → ${res.status}: ${res.text.slice(0, 500)}`);
}

/**
 * POST /rest/login {emailOrLdapLoginId, password} → the `n8n-auth` cookie ("n8n-auth=…", to send as Cookie header).
 * n8n rate-limits this route to 5 calls a minute per email: on 429 it waits and retries once.
 */
async function login(baseUrl, { email, password }) {
	for (let attempt = 0; ; attempt++) {
		const res = await request(`${baseUrl}/rest/login`, {
			method: 'POST',
			body: { emailOrLdapLoginId: email, password },
			expect: null,
		});
		if (res.status === 200) {
			const cookie = authCookieFrom(res.headers);
			if (!cookie) throw new Error('POST /rest/login answered 200 without an n8n-auth cookie');
			return cookie;
		}
		if (res.status === 429 && attempt === 0) {
			const wait = Number(res.headers.get('retry-after')) || 61;
			await sleep(wait * 1000);
			continue;
		}
		throw new Error(`POST /rest/login → ${res.status}: ${res.text.slice(0, 300)}`);
	}
}

/**
 * POST /rest/api-keys {label, expiresAt: null, scopes} → rawApiKey (for the X-N8N-API-KEY header of /api/v1).
 * Default scopes: every scope the owner may grant (GET /rest/api-keys/scopes), which covers workflow:*, execution:*,
 * credential:* and the rest.
 */
async function createApiKey(baseUrl, cookie, { label = `e2e-${Date.now()}`, scopes } = {}) {
	if (!scopes) scopes = unwrap((await request(`${baseUrl}/rest/api-keys/scopes`, { cookie })).json);
	const res = await request(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		cookie,
		body: { label, expiresAt: null, scopes },
	});
	const data = unwrap(res.json);
	if (!data || !data.rawApiKey) throw new Error(`POST /rest/api-keys: no rawApiKey in ${res.text.slice(0, 300)}`);
	return data.rawApiKey;
}

// ---------------------------------------------------------------------------------------------------------------
// CLI helpers (import, execute): each runs a separate n8n process on the same database.

/**
 * Runs `n8n <args>` as a separate process on the same user folder (database, encryption key). With { instance } it
 * uses that running instance's env; the CLI always gets its own task-broker port (`execute` starts a runner).
 * Returns { code, stdout, stderr }.
 */
async function runCli(runtime, userFolder, args, { instance, env = {}, timeoutMs = 180000 } = {}) {
	const base = instance ? instance.env : n8nEnv(runtime, { port: await freePort(), brokerPort: 0, userFolder });
	const fullEnv = { ...base, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env };
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.nodeBin, ['--require', WATCHDOG, runtime.n8nBin, ...args], {
			cwd: userFolder,
			env: { ...fullEnv, OVH_RENEWAL_WATCHDOG_PARENT: String(process.pid) },
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			// The CLI's own task runner (execute) shares its process group: make sure nothing of it lingers.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
			resolve({ code, stdout, stderr });
		});
	});
}

/**
 * `n8n import:credentials --input=<file>` with plaintext `data` (n8n encrypts it with N8N_ENCRYPTION_KEY).
 * creds: [{ id?, name, type, data }]; missing ids are generated. Returns the credentials with their ids.
 * Pass { instance } to import into a running instance's database (same env).
 */
async function importCredentials(runtime, userFolder, creds, { instance, env } = {}) {
	const list = creds.map((c) => ({ id: c.id || newId(), isManaged: false, ...c }));
	const file = path.join(userFolder, `import-credentials-${Date.now()}-${process.pid}.json`);
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
	const res = await runCli(runtime, userFolder, ['import:credentials', `--input=${file}`], { instance, env });
	fs.rmSync(file, { force: true });
	if (res.code !== 0 || !/Successfully imported/i.test(res.stdout + res.stderr)) {
		throw new Error(`n8n import:credentials failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`);
	}
	return list;
}

/**
 * `n8n import:workflow --input=<file>`. workflows: [{ id?, name, nodes, connections, settings?, active? }]; missing ids
 * are generated. Imported workflows are inactive (publish them with activateWorkflow). Returns them with their ids.
 */
async function importWorkflows(runtime, userFolder, workflows, { instance, env } = {}) {
	const list = workflows.map((w) => ({
		id: w.id || newId(),
		active: false,
		settings: {},
		connections: {},
		...w,
	}));
	const file = path.join(userFolder, `import-workflows-${Date.now()}-${process.pid}.json`);
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
	const res = await runCli(runtime, userFolder, ['import:workflow', `--input=${file}`], { instance, env });
	fs.rmSync(file, { force: true });
	if (res.code !== 0 || !/Successfully imported/i.test(res.stdout + res.stderr)) {
		throw new Error(`n8n import:workflow failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`);
	}
	return list;
}

/**
 * `n8n execute --id=<id> --rawOutput`: runs the workflow (it needs a Manual Trigger) in a separate n8n process.
 * Returns { code, output (parsed JSON of the run data, or null), stdout, stderr }.
 */
async function executeWorkflowCli(runtime, userFolder, id, { instance, env } = {}) {
	const res = await runCli(runtime, userFolder, ['execute', `--id=${id}`, '--rawOutput'], { instance, env });
	// The JSON follows n8n's log lines (some of which start with "[", like "[license SDK] …").
	let output = null;
	const lines = res.stdout.split('\n');
	for (let i = 0; i < lines.length && output === null; i++) {
		if (!/^[[{]\s*$/.test(lines[i])) continue;
		try {
			output = JSON.parse(lines.slice(i).join('\n'));
		} catch {
			output = null;
		}
	}
	return { ...res, output };
}

// ---------------------------------------------------------------------------------------------------------------
// REST (editor) and public API helpers

/** GET /rest/workflows/:id (editor API, cookie) → the workflow incl. versionId / activeVersionId. */
async function getWorkflow(baseUrl, cookie, id) {
	return unwrap((await request(`${baseUrl}/rest/workflows/${id}`, { cookie })).json);
}

/**
 * Publishes (activates) a workflow: POST /rest/workflows/:id/activate {versionId} with the workflow's current
 * versionId (read first unless given). Returns the updated workflow (activeVersionId set, active true).
 */
async function activateWorkflow(baseUrl, cookie, id, { versionId } = {}) {
	if (!versionId) versionId = (await getWorkflow(baseUrl, cookie, id)).versionId;
	return unwrap((await request(`${baseUrl}/rest/workflows/${id}/activate`, { method: 'POST', cookie, body: { versionId } })).json);
}

/** Unpublishes: POST /rest/workflows/:id/deactivate {}. */
async function deactivateWorkflow(baseUrl, cookie, id) {
	return unwrap((await request(`${baseUrl}/rest/workflows/${id}/deactivate`, { method: 'POST', cookie, body: {} })).json);
}

/**
 * Runs a saved workflow like the editor's "Execute workflow" button: POST /rest/workflows/:id/run
 * {triggerToStartFrom: {name}} → executionId. The trigger name defaults to the workflow's first manual trigger.
 * With { wait: apiKey } waits until the execution is finished and returns it (includeData).
 */
async function executeWorkflow(baseUrl, cookie, id, { triggerName, wait, timeoutMs = 60000 } = {}) {
	if (!triggerName) {
		const wf = await getWorkflow(baseUrl, cookie, id);
		const trigger =
			wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ||
			wf.nodes.find((n) => /trigger/i.test(n.type));
		if (!trigger) throw new Error(`workflow ${id} has no trigger node to start from`);
		triggerName = trigger.name;
	}
	const res = await request(`${baseUrl}/rest/workflows/${id}/run`, {
		method: 'POST',
		cookie,
		body: { triggerToStartFrom: { name: triggerName } },
	});
	const data = unwrap(res.json);
	if (!data || !data.executionId) throw new Error(`POST /rest/workflows/${id}/run: no executionId in ${res.text.slice(0, 300)}`);
	if (!wait) return data.executionId;
	return waitForExecution(baseUrl, wait, data.executionId, { timeoutMs });
}

/** GET /api/v1/executions/:id?includeData=true (public API, X-N8N-API-KEY). */
async function getExecution(baseUrl, apiKey, id, { includeData = true } = {}) {
	return (await request(`${baseUrl}/api/v1/executions/${id}?includeData=${includeData}`, { apiKey })).json;
}

/** GET /api/v1/executions?workflowId&status&limit&includeData → { data: [...], nextCursor }. */
async function listExecutions(baseUrl, apiKey, { workflowId, status, limit = 100, includeData = false } = {}) {
	const qs = new URLSearchParams({ limit: String(limit), includeData: String(includeData) });
	if (workflowId) qs.set('workflowId', workflowId);
	if (status) qs.set('status', status);
	return (await request(`${baseUrl}/api/v1/executions?${qs}`, { apiKey })).json;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Polls the execution until it has finished (or is `waiting`, if untilStatus includes it). */
async function waitForExecution(baseUrl, apiKey, id, { timeoutMs = 60000, untilStatus = [...FINISHED] } = {}) {
	return waitFor(
		async () => {
			const res = await request(`${baseUrl}/api/v1/executions/${id}?includeData=true`, { apiKey, expect: null });
			if (res.status !== 200) return null;
			return untilStatus.includes(res.json.status) ? res.json : null;
		},
		{ timeoutMs, intervalMs: 300, what: `execution ${id}` },
	);
}

/**
 * The editor's credential "Test" button: POST /rest/credentials/test {credentials: {id, name, type, data}}.
 * n8n looks the credential up by id, then tests the data sent (redacted secrets are filled back from the stored
 * ones); without data it would test an empty credential, so when `data` is not given it is read first with
 * GET /rest/credentials/:id?includeData=true, like the editor does. Returns { status: 'OK' | 'Error', message }.
 */
async function testCredential(baseUrl, cookie, credential) {
	let { id, name, type, data } = credential;
	if (!data || !name || !type) {
		const stored = unwrap((await request(`${baseUrl}/rest/credentials/${id}?includeData=true`, { cookie })).json);
		name = name || stored.name;
		type = type || stored.type;
		data = data || stored.data;
	}
	return unwrap(
		(await request(`${baseUrl}/rest/credentials/test`, { method: 'POST', cookie, body: { credentials: { id, name, type, data } } }))
			.json,
	);
}

/** Public-API variant: POST /api/v1/credentials/:id/test (stored data as is) → { status, message }. */
async function testCredentialById(baseUrl, apiKey, id) {
	return (await request(`${baseUrl}/api/v1/credentials/${id}/test`, { method: 'POST', apiKey })).json;
}

/** POST /rest/credentials {name, type, data} (editor API) → the created credential (with id). */
async function createCredential(baseUrl, cookie, { name, type, data }) {
	return unwrap((await request(`${baseUrl}/rest/credentials`, { method: 'POST', cookie, body: { name, type, data } })).json);
}

/**
 * POST /api/v1/workflows {name, nodes, connections, settings} (public API, X-N8N-API-KEY) → the created workflow
 * (with id and versionId). The public API accepts only those four fields.
 */
async function createWorkflow(baseUrl, apiKey, { name, nodes, connections = {}, settings = {} }) {
	return (await request(`${baseUrl}/api/v1/workflows`, { method: 'POST', apiKey, body: { name, nodes, connections, settings } }))
		.json;
}

/** GET /types/nodes.json (needs the auth cookie): every node description the editor knows. */
async function getNodeTypes(baseUrl, cookie) {
	return (await request(`${baseUrl}/types/nodes.json`, { cookie })).json;
}

/** GET /types/credentials.json (needs the auth cookie). */
async function getCredentialTypes(baseUrl, cookie) {
	return (await request(`${baseUrl}/types/credentials.json`, { cookie })).json;
}

/** POST /rest/node-types {nodeInfos: [{name, version}]} → full descriptions (what the editor loads per node). */
async function getNodeTypeDescriptions(baseUrl, cookie, nodeInfos) {
	return unwrap((await request(`${baseUrl}/rest/node-types`, { method: 'POST', cookie, body: { nodeInfos } })).json);
}

module.exports = {
	WATCHDOG,
	DEFAULT_ENCRYPTION_KEY,
	freePort,
	waitFor,
	newId,
	installPackage,
	n8nEnv,
	startN8n,
	request,
	setupOwner,
	login,
	createApiKey,
	importCredentials,
	importWorkflows,
	executeWorkflowCli,
	runCli,
	getWorkflow,
	activateWorkflow,
	deactivateWorkflow,
	executeWorkflow,
	getExecution,
	listExecutions,
	waitForExecution,
	testCredential,
	testCredentialById,
	createCredential,
	createWorkflow,
	getNodeTypes,
	getCredentialTypes,
	getNodeTypeDescriptions,
};
