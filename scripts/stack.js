// The local stack of `npm start` and of the e2e tests, in one place so the two cannot drift:
//   the package built, the OVH sandbox (in-process), a chat inbox (scripts/chat-inbox.js, in-process), maildev (SMTP +
//   web inbox) and a real n8n 2.41.1 with the package installed as a community package; the owner account; an
//   "OVH sandbox" credential, an SMTP credential for maildev and the example workflows imported once.
// Plain CommonJS, Node built-ins only (runs on the system Node 20; n8n and maildev run on the cached Node 24).
//
//   const stack = await startStack({ dataDir, ports: { n8n: 0, ... }, log });   // 0 = a free port
//   stack.urls.editor, stack.owner, stack.cookie, stack.workflows.review.id, stack.sandbox.requests() …
//   await stack.stop();
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { ensureRuntime } = require('./n8n/runtime');
const n8n = require('./n8n/instance');
const { startMaildev } = require('./n8n/maildev');
const { startChatInbox } = require('./chat-inbox');

const ROOT = path.resolve(__dirname, '..');
const STACK_FILE_VERSION = 1;

/** Default ports of `npm start` (the tests pass 0: free ports). */
const DEFAULT_PORTS = Object.freeze({ n8n: 5678, sandbox: 8787, smtp: 1025, mail: 1080, chat: 8790 });

/** The owner account created in n8n (printed by `npm start`; local use only). */
const OWNER = Object.freeze({ email: 'owner@example.com', password: 'Renew-OVH-demo1', firstName: 'Demo', lastName: 'Owner' });

/** The credentials imported, with the ids the example workflows reference. */
const CREDENTIALS = Object.freeze({
	ovh: { id: 'OvhSandboxCred01', name: 'OVH sandbox', type: 'ovhApi' },
	smtp: { id: 'LocalMailSmtp001', name: 'Local mail (maildev)', type: 'smtp' },
});

/** The example workflows (examples/*.json), the ids they get and whether they are published on first import. */
const EXAMPLES = Object.freeze([
	{ key: 'renewVps', file: 'examples/renew-a-vps.json', id: 'OvhExRenewVps001', publish: false },
	{ key: 'review', file: 'examples/monthly-renewal-review.json', id: 'OvhExMonthlyRev1', publish: true, webhookPath: 'ovh-renewal-review' },
	{ key: 'renewWebhook', file: 'examples/renew-on-demand-webhook.json', id: 'OvhExRenewHook01', publish: true, webhookPath: 'ovh-renew' },
]);

/** The chat channel the examples post to. */
const CHAT_CHANNEL = 'ovh-renewals';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error whose message says it all (no stack trace needed): `error.expected === true`. */
function expected(message) {
	return Object.assign(new Error(message), { expected: true });
}

function defaultLog(message) {
	process.stderr.write(`[stack] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Builds

function newestMtime(entries, filter = () => true) {
	let newest = 0;
	for (const entry of entries) {
		let stat;
		try {
			stat = fs.statSync(entry);
		} catch {
			continue;
		}
		if (stat.isDirectory()) {
			newest = Math.max(newest, newestMtime(fs.readdirSync(entry).map((name) => path.join(entry, name)), filter));
		} else if (filter(entry)) {
			newest = Math.max(newest, stat.mtimeMs);
		}
	}
	return newest;
}

function runBuildStep(label, command, args, { cwd, log }) {
	const started = Date.now();
	const res = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
	if (res.status !== 0) {
		throw new Error(`${label} failed (exit ${res.status}):\n${`${res.stdout || ''}${res.stderr || ''}`.trim().slice(-4000)}`);
	}
	log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Builds the package (`npm run build`: tsc + icons + codex into dist/) when a file the `n8n` block of package.json
 * lists is missing or older than the sources. force: always; false: never (fails when dist/ is missing).
 */
function ensurePackageBuilt({ root = ROOT, force = 'auto', log = defaultLog } = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const outputs = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((rel) => path.join(root, rel));
	const missing = outputs.filter((file) => !fs.existsSync(file));
	if (force === false) {
		if (missing.length) throw new Error(`${missing[0]} is missing: build the package first (npm run build)`);
		return false;
	}
	const sources = ['nodes', 'credentials', 'icons', 'package.json', 'tsconfig.json', 'gulpfile.js'].map((p) => path.join(root, p));
	const newestSource = newestMtime(sources);
	const oldestOutput = missing.length ? 0 : Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
	if (force !== true && !missing.length && oldestOutput >= newestSource) return false;
	log(missing.length ? 'building the package (dist/ is missing)…' : 'building the package (sources changed since the last build)…');
	runBuildStep('npm run build', 'npm', ['run', 'build'], { cwd: root, log });
	return true;
}

/** Compiles sandbox/**\/*.ts to build/sandbox/ (what `npm run sandbox` runs) when missing or stale; returns its module. */
function loadSandbox({ root = ROOT, log = defaultLog } = {}) {
	const src = path.join(root, 'sandbox');
	const entry = path.join(root, 'build', 'sandbox', 'index.js');
	const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
	if (built < newestMtime([src], (f) => f.endsWith('.ts') || f.endsWith('tsconfig.json'))) {
		log('compiling the OVH sandbox (sandbox/ → build/sandbox/)…');
		const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
		runBuildStep('tsc -p sandbox/tsconfig.json', process.execPath, [tsc, '-p', path.join(src, 'tsconfig.json')], { cwd: root, log });
		const now = new Date();
		fs.utimesSync(entry, now, now);
	}
	return require(entry);
}

// ---------------------------------------------------------------------------------------------------------------
// Ports, data folder, lock

/** Resolves a port setting: a number (0 = a free port chosen now). */
async function resolvePort(value) {
	return value === 0 ? n8n.freePort() : value;
}

/** Throws a readable message when something already listens on 127.0.0.1:port. */
function assertPortFree(port, what, hint) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (error) => {
			if (error.code === 'EADDRINUSE') {
				reject(expected(`port ${port} (${what}) is already in use: stop what uses it, or choose another port${hint ? ` with ${hint}` : ''}`));
			} else reject(error);
		});
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function writeJson(file, value) {
	const tmp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
	fs.renameSync(tmp, file);
}

/** Whether pid is a live node process (a lock left by a killed start whose pid was reused does not count). */
function pidAlive(pid) {
	try {
		process.kill(pid, 0);
	} catch (error) {
		if (error.code !== 'EPERM') return false;
	}
	try {
		return /node/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
	} catch {
		return true; // no /proc: trust kill(0)
	}
}

/** Layout of the data folder. */
function dataPaths(dataDir) {
	return {
		dataDir,
		stackFile: path.join(dataDir, 'stack.json'),
		lockFile: path.join(dataDir, 'stack.pid'),
		userFolder: path.join(dataDir, 'n8n'),
		sandboxState: path.join(dataDir, 'sandbox-state.json'),
		mailDir: path.join(dataDir, 'mail'),
		chatStore: path.join(dataDir, 'chat-messages.json'),
		logsDir: path.join(dataDir, 'logs'),
	};
}

/** Deletes the data folder, refusing a folder that does not look like one of ours. */
function wipeDataDir(dataDir, log = defaultLog) {
	if (!fs.existsSync(dataDir)) return;
	const p = dataPaths(dataDir);
	const entries = fs.readdirSync(dataDir);
	if (entries.length && !fs.existsSync(p.stackFile) && !fs.existsSync(p.userFolder)) {
		throw expected(`refusing to wipe ${dataDir}: it does not look like a data folder of npm start (no stack.json)`);
	}
	const lock = readJson(p.lockFile);
	if (lock && lock.pid !== process.pid && pidAlive(lock.pid)) {
		throw expected(`refusing to wipe ${dataDir}: npm start (pid ${lock.pid}) is using it`);
	}
	fs.rmSync(dataDir, { recursive: true, force: true });
	log(`wiped ${dataDir}`);
}

function takeLock(lockFile) {
	const held = readJson(lockFile);
	if (held && held.pid !== process.pid && pidAlive(held.pid)) {
		throw expected(`another npm start (pid ${held.pid}) is already using ${path.dirname(lockFile)}: stop it first`);
	}
	writeJson(lockFile, { pid: process.pid, since: new Date().toISOString() });
	return () => {
		const current = readJson(lockFile);
		if (current && current.pid === process.pid) fs.rmSync(lockFile, { force: true });
	};
}

// ---------------------------------------------------------------------------------------------------------------
// What gets imported

function ovhCredentialData(sandboxBaseUrl, keys) {
	return {
		endpoint: 'custom',
		customUrl: sandboxBaseUrl,
		applicationKey: keys.applicationKey,
		applicationSecret: keys.applicationSecret,
		consumerKey: keys.consumerKey,
	};
}

function smtpCredentialData(smtpPort) {
	return { user: '', password: '', host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true };
}

/** An example workflow as imported: fixed id, the chat webhook URL of this stack filled in its Settings node. */
function exampleWorkflow(example, { root = ROOT, chatWebhookUrl }) {
	const workflow = JSON.parse(fs.readFileSync(path.join(root, example.file), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.name !== 'Settings' || node.type !== 'n8n-nodes-base.set') continue;
		for (const assignment of node.parameters.assignments.assignments) {
			if (assignment.name === 'chatWebhookUrl') assignment.value = chatWebhookUrl;
		}
	}
	return { ...workflow, id: example.id, active: false };
}

/** Reads the example workflows as they are in examples/ (for tests and tools). */
function readExamples(root = ROOT) {
	return EXAMPLES.map((example) => ({ ...example, workflow: JSON.parse(fs.readFileSync(path.join(root, example.file), 'utf8')) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Keeping local endpoints in sync when ports change between two starts

function unwrap(json) {
	return json && typeof json === 'object' && 'data' in json ? json.data : json;
}

/**
 * When a port changed since the last start, points what still targets the old local address at the new one: the
 * OVH credential's Custom URL, the SMTP credential's port, the Settings node's chat URL (the workflow is published
 * again if it was). Anything the user changed to another target is left alone.
 */
async function syncLocalEndpoints({ baseUrl, cookie, previous, current, log }) {
	const changes = [];
	const credentialUpdate = async (id, patch) => {
		const res = await n8n.request(`${baseUrl}/rest/credentials/${id}?includeData=true`, { cookie, expect: null });
		if (res.status !== 200) return;
		const stored = unwrap(res.json);
		const data = patch(stored.data || {});
		if (!data) return;
		await n8n.request(`${baseUrl}/rest/credentials/${id}`, {
			method: 'PATCH',
			cookie,
			body: { name: stored.name, type: stored.type, data },
		});
		changes.push(`credential "${stored.name}"`);
	};
	if (previous.sandboxBaseUrl && previous.sandboxBaseUrl !== current.sandboxBaseUrl) {
		await credentialUpdate(CREDENTIALS.ovh.id, (data) =>
			data.endpoint === 'custom' && data.customUrl === previous.sandboxBaseUrl ? { ...data, customUrl: current.sandboxBaseUrl } : null,
		);
	}
	if (previous.smtpPort && previous.smtpPort !== current.smtpPort) {
		await credentialUpdate(CREDENTIALS.smtp.id, (data) =>
			data.host === '127.0.0.1' && Number(data.port) === previous.smtpPort ? { ...data, port: current.smtpPort } : null,
		);
	}
	if (previous.chatWebhookUrl && previous.chatWebhookUrl !== current.chatWebhookUrl) {
		for (const example of EXAMPLES) {
			const res = await n8n.request(`${baseUrl}/rest/workflows/${example.id}`, { cookie, expect: null });
			if (res.status !== 200) continue;
			const workflow = unwrap(res.json);
			let touched = false;
			for (const node of workflow.nodes || []) {
				if (node.name !== 'Settings' || node.type !== 'n8n-nodes-base.set') continue;
				for (const assignment of (node.parameters.assignments || {}).assignments || []) {
					if (assignment.name === 'chatWebhookUrl' && assignment.value === previous.chatWebhookUrl) {
						assignment.value = current.chatWebhookUrl;
						touched = true;
					}
				}
			}
			if (!touched) continue;
			const wasActive = Boolean(workflow.activeVersionId || workflow.active);
			const saved = unwrap(
				(
					await n8n.request(`${baseUrl}/rest/workflows/${example.id}`, {
						method: 'PATCH',
						cookie,
						body: { versionId: workflow.versionId, nodes: workflow.nodes, connections: workflow.connections },
					})
				).json,
			);
			if (wasActive) await n8n.activateWorkflow(baseUrl, cookie, example.id, { versionId: saved.versionId });
			changes.push(`workflow "${workflow.name}"`);
		}
	}
	if (changes.length) log(`ports changed since the last start: updated ${changes.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The stack

/**
 * Starts everything. Options:
 *   dataDir          the folder that keeps n8n's database, the sandbox state, mails and chat messages (default
 *                    <repo>/.n8n-local); it survives restarts: the owner, credentials and workflows are created once
 *   reset            wipe dataDir first
 *   ports            { n8n, sandbox, smtp, mail, chat } (defaults DEFAULT_PORTS; 0 = a free port)
 *   persistSandbox   keep the sandbox state in dataDir/sandbox-state.json across restarts (default true)
 *   build            'auto' (default: when dist/ is missing or stale), true, false
 *   n8nEnv           extra environment for n8n
 *   deliveryDelayMs  sandbox: paid → delivered delay (default 300)
 *   log              progress lines (default: stderr)
 * Returns the running stack (see scripts/stack.d.ts). On failure, whatever was started is stopped again.
 */
async function startStack(options = {}) {
	const log = options.log || defaultLog;
	const root = options.root || ROOT;
	const dataDir = path.resolve(options.dataDir || path.join(root, '.n8n-local'));
	const ports = { ...DEFAULT_PORTS, ...(options.ports || {}) };
	const persistSandbox = options.persistSandbox !== false;
	const started = Date.now();

	if (options.reset) wipeDataDir(dataDir, log);
	const p = dataPaths(dataDir);
	fs.mkdirSync(p.logsDir, { recursive: true });
	const releaseLock = takeLock(p.lockFile);
	const previous = readJson(p.stackFile) || { version: STACK_FILE_VERSION, imported: { credentials: [], workflows: [] } };
	const firstStart = !fs.existsSync(path.join(p.userFolder, '.n8n', 'database.sqlite'));

	const stoppers = [];
	const stopAll = async () => {
		while (stoppers.length) {
			const [what, stop] = stoppers.pop();
			try {
				await stop();
			} catch (error) {
				log(`stopping ${what}: ${error.message}`);
			}
		}
		releaseLock();
	};

	try {
		ensurePackageBuilt({ root, force: options.build === undefined ? 'auto' : options.build, log });
		const sandboxModule = loadSandbox({ root, log });
		const runtime = await ensureRuntime({ log });

		const hints = { n8n: '--port', sandbox: '--sandbox-port', smtp: '--smtp-port', mail: '--mail-port', chat: '--chat-port' };
		for (const key of Object.keys(hints)) {
			if (ports[key] !== 0) await assertPortFree(ports[key], key === 'mail' ? 'mail inbox' : key, hints[key]);
			ports[key] = await resolvePort(ports[key]);
		}

		// OVH sandbox, in this process.
		const sandboxLog = fs.createWriteStream(path.join(p.logsDir, 'sandbox.log'), { flags: 'a' });
		stoppers.push(['sandbox log', () => new Promise((resolve) => sandboxLog.end(resolve))]);
		const sandbox = await sandboxModule.startSandbox({
			port: ports.sandbox,
			state: persistSandbox && fs.existsSync(p.sandboxState) ? p.sandboxState : undefined,
			persistPath: persistSandbox ? p.sandboxState : undefined,
			deliveryDelayMs: options.deliveryDelayMs,
			logger: (line) => sandboxLog.write(`${line}\n`),
		});
		stoppers.push(['sandbox', () => sandbox.close()]);
		log(`OVH sandbox on ${sandbox.baseUrl}${persistSandbox ? ` (state kept in ${p.sandboxState})` : ''}`);

		// Chat inbox, in this process.
		const chat = await startChatInbox({ port: ports.chat, storeFile: p.chatStore, log });
		stoppers.push(['chat inbox', () => chat.close()]);
		log(`chat inbox on ${chat.url}/`);

		// maildev (Node 24 child process).
		const mail = await startMaildev({
			runtime,
			smtpPort: ports.smtp,
			webPort: ports.mail,
			mailDirectory: p.mailDir,
			logFile: path.join(p.logsDir, 'maildev.log'),
			log,
		});
		stoppers.push(['maildev', () => mail.stop()]);

		// n8n with the package.
		const instance = await n8n.startN8n({
			runtime,
			port: ports.n8n,
			userFolder: p.userFolder,
			packageDir: root,
			env: options.n8nEnv || {},
			log,
		});
		stoppers.push(['n8n', () => instance.stop()]);
		const { baseUrl } = instance;

		let cookie = null;
		let ownerNote = null;
		try {
			const owner = await n8n.setupOwner(baseUrl, OWNER);
			cookie = owner.cookie;
			if (!owner.alreadySetUp) log(`owner account created: ${OWNER.email}`);
		} catch (error) {
			ownerNote = `could not sign in as ${OWNER.email} (${error.message.split('\n')[0]}); sign in with the password you set`;
			log(ownerNote);
		}

		const chatWebhookUrl = chat.webhookUrl(CHAT_CHANNEL);
		const imported = {
			credentials: new Set(previous.imported.credentials),
			workflows: new Set(previous.imported.workflows),
		};
		const current = { sandboxBaseUrl: sandbox.baseUrl, smtpPort: mail.smtpPort, chatWebhookUrl };

		// Credentials and workflows: imported once (a later start keeps the user's edits and deletions). An import with
		// an id that exists would overwrite it, so what n8n already has is never imported again, stack.json or not.
		const exists = async (kind, id) => {
			if (!cookie) return false;
			const res = await n8n.request(`${baseUrl}/rest/${kind}/${id}`, { cookie, expect: null });
			return res.status === 200;
		};
		for (const c of Object.values(CREDENTIALS)) if (await exists('credentials', c.id)) imported.credentials.add(c.id);
		for (const e of EXAMPLES) if (await exists('workflows', e.id)) imported.workflows.add(e.id);
		const newCredentials = [];
		if (!imported.credentials.has(CREDENTIALS.ovh.id)) {
			newCredentials.push({ ...CREDENTIALS.ovh, data: ovhCredentialData(sandbox.baseUrl, sandboxModule.DEMO_KEYS) });
		}
		if (!imported.credentials.has(CREDENTIALS.smtp.id)) {
			newCredentials.push({ ...CREDENTIALS.smtp, data: smtpCredentialData(mail.smtpPort) });
		}
		if (newCredentials.length) {
			await n8n.importCredentials(runtime, p.userFolder, newCredentials, { instance });
			for (const c of newCredentials) imported.credentials.add(c.id);
			log(`imported credentials: ${newCredentials.map((c) => `"${c.name}"`).join(', ')}`);
		}
		const newWorkflows = EXAMPLES.filter((example) => !imported.workflows.has(example.id));
		if (newWorkflows.length) {
			await n8n.importWorkflows(
				runtime,
				p.userFolder,
				newWorkflows.map((example) => exampleWorkflow(example, { root, chatWebhookUrl })),
				{ instance },
			);
			for (const example of newWorkflows) imported.workflows.add(example.id);
			log(`imported workflows: ${newWorkflows.map((e) => e.file).join(', ')}`);
			if (cookie) {
				for (const example of newWorkflows.filter((e) => e.publish)) {
					await n8n.activateWorkflow(baseUrl, cookie, example.id);
				}
			}
		}
		if (cookie && !firstStart) {
			await syncLocalEndpoints({ baseUrl, cookie, previous: previous.endpoints || {}, current, log }).catch((error) =>
				log(`could not update local endpoints after a port change: ${error.message}`),
			);
		}
		// Published webhooks answer once n8n has registered them.
		if (cookie) {
			for (const example of EXAMPLES.filter((e) => e.webhookPath)) {
				const wf = await n8n.getWorkflow(baseUrl, cookie, example.id).catch(() => null);
				if (!wf || !(wf.activeVersionId || wf.active)) continue;
				await n8n
					.waitFor(
						async () => {
							const res = await fetch(`${baseUrl}/webhook/${example.webhookPath}`, { method: 'OPTIONS' }).catch(() => null);
							return res && res.status !== 404;
						},
						{ timeoutMs: 15000, what: `webhook /webhook/${example.webhookPath}` },
					)
					.catch(() => log(`webhook /webhook/${example.webhookPath} does not answer yet`));
			}
		}

		writeJson(p.stackFile, {
			version: STACK_FILE_VERSION,
			imported: { credentials: [...imported.credentials], workflows: [...imported.workflows] },
			endpoints: current,
			ports,
			updatedAt: new Date().toISOString(),
		});

		const workflows = {};
		for (const example of EXAMPLES) {
			const wf = exampleWorkflow(example, { root, chatWebhookUrl });
			workflows[example.key] = {
				id: example.id,
				name: wf.name,
				file: example.file,
				url: `${baseUrl}/workflow/${example.id}`,
				webhookUrl: example.webhookPath ? `${baseUrl}/webhook/${example.webhookPath}` : null,
			};
		}

		let stopped = false;
		const stack = {
			root,
			dataDir,
			paths: p,
			firstStart,
			ports,
			runtime,
			owner: { ...OWNER },
			ownerNote,
			cookie,
			n8n: instance,
			sandbox,
			sandboxModule,
			mail,
			chat,
			credentials: { ovh: { ...CREDENTIALS.ovh }, smtp: { ...CREDENTIALS.smtp } },
			workflows,
			urls: {
				editor: `${baseUrl}/`,
				signIn: `${baseUrl}/signin`,
				sandbox: sandbox.baseUrl,
				sandboxAdmin: `${sandbox.origin}/__sandbox`,
				mailInbox: `${mail.webUrl}/`,
				chatInbox: `${chat.url}/`,
				chatWebhook: chatWebhookUrl,
			},
			startedInSeconds: (Date.now() - started) / 1000,
			async stop() {
				if (stopped) return;
				stopped = true;
				await stopAll();
			},
		};
		return stack;
	} catch (error) {
		await stopAll();
		throw error;
	}
}

module.exports = {
	ROOT,
	DEFAULT_PORTS,
	OWNER,
	CREDENTIALS,
	EXAMPLES,
	CHAT_CHANNEL,
	startStack,
	ensurePackageBuilt,
	loadSandbox,
	wipeDataDir,
	dataPaths,
	readExamples,
	exampleWorkflow,
	sleep,
};
