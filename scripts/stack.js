// @ts-check
// The local stack of `npm start` and of the e2e tests, in one place so the two cannot drift:
//   the package built, the OVH sandbox (in-process), a chat inbox (scripts/chat-inbox.js, in-process), maildev (SMTP +
//   web inbox) and a real n8n 2.41.1 with the package installed as a community package; the owner account; an
//   "OVH sandbox" credential, an SMTP credential for maildev, the Header Auth credential that locks the example
//   webhooks (its value kept in the data folder) and the example workflows imported once.
// The parts: lib/build.js (package, sandbox), lib/data-dir.js (data folder, lock, ports), lib/demo.js (owner,
// credentials, examples), lib/endpoints.js (port changes, list order), n8n/ (runtime, server, CLI, REST, maildev).
// Plain CommonJS, Node built-ins only (runs on the system Node 20; n8n and maildev run on the cached Node 24).
//
//   const stack = await startStack({ dataDir, ports: { n8n: 0, ... }, log });   // 0 = a free port
//   stack.urls.editor, stack.owner, stack.cookie, stack.workflows.review.id, stack.sandbox.requests() …
//   await stack.stop();
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { ROOT, sleep, prefixedLog, readJson, writeJson, freePort, messageOf } = require('./util');
const { ensureRuntime } = require('./n8n/runtime');
const n8n = require('./n8n/instance');
const { startMaildev } = require('./n8n/maildev');
const { startChatInbox } = require('./chat-inbox');
const { ensurePackageBuilt, loadSandbox } = require('./lib/build');
const { dataPaths, wipeDataDir, takeLock, assertPortFree } = require('./lib/data-dir');
const { OWNER, CREDENTIALS, EXAMPLES, CHAT_CHANNEL, webhookAuth, ovhCredentialData, smtpCredentialData, exampleWorkflow, readExamples } = require('./lib/demo');
const { syncLocalEndpoints, orderWorkflowList } = require('./lib/endpoints');
const { queueFirstStart, startQueueBackends, startQueueProcesses } = require('./lib/queue-stack');

/** @typedef {import('./util').Log} Log */
/** @typedef {import('./lib/demo').ExampleSpec} ExampleSpec */
/** @typedef {{ n8n: number, sandbox: number, smtp: number, mail: number, chat: number }} StackPorts mail: maildev's web inbox */
/**
 * @typedef {object} StackOptions
 * @property {string} [dataDir] keeps n8n's database, the sandbox state, mails and chat messages (default <repo>/.n8n-local)
 * @property {boolean} [reset] wipe dataDir first
 * @property {Partial<StackPorts>} [ports] defaults DEFAULT_PORTS; 0 = a free port
 * @property {boolean} [persistSandbox] keep the sandbox state in dataDir/sandbox-state.json across restarts (default true)
 * @property {'auto' | boolean} [build] 'auto' (default): build when dist/ is missing or stale; true: always; false: never
 * @property {Record<string, string>} [n8nEnv] extra environment for n8n
 * @property {number} [deliveryDelayMs] sandbox: paid → delivered after this many ms (default 300)
 * @property {import('./lib/queue-stack').QueueOptions} [queue] n8n's queue mode: Postgres, Redis, workers, webhook process
 * @property {Log} [log]
 * @property {string} [root] the repository (default: the one holding scripts/)
 */
/**
 * @typedef {object} StackWorkflow
 * @property {string} id
 * @property {string} name
 * @property {string} file examples/<name>.json
 * @property {string} url the editor URL of the workflow
 * @property {string | null} webhookUrl production webhook URL (null when the workflow has no webhook trigger)
 */
/**
 * @typedef {object} Stack
 * @property {string} root
 * @property {string} dataDir
 * @property {import('./lib/data-dir').DataPaths} paths
 * @property {boolean} firstStart true when n8n's database did not exist before this start
 * @property {StackPorts} ports
 * @property {import('./n8n/runtime').Runtime} runtime
 * @property {import('./lib/demo').Owner} owner
 * @property {string | null} ownerNote set when the owner could not sign in (password changed by the user)
 * @property {string | null} cookie "n8n-auth=…" of the owner (null when the sign-in failed)
 * @property {import('./n8n/server').N8nInstance} n8n main process
 * @property {import('./lib/queue-stack').QueueStack | null} queue the queue-mode processes (null without options.queue)
 * @property {import('../sandbox').RunningSandbox} sandbox
 * @property {typeof import('../sandbox')} sandboxModule the compiled sandbox module: DEMO_KEYS, computeSignature…
 * @property {import('./n8n/maildev').Maildev} mail
 * @property {import('./chat-inbox').ChatInbox} chat
 * @property {typeof CREDENTIALS} credentials
 * @property {{ name: string, value: string }} webhookAuth the header the published webhooks require (Header Auth)
 * @property {{ renewVps: StackWorkflow, review: StackWorkflow, renewWebhook: StackWorkflow }} workflows
 * @property {{ editor: string, home: string, signIn: string, sandbox: string, sandboxAdmin: string, mailInbox: string, chatInbox: string, chatWebhook: string }} urls
 *   home: the Overview page (the workflow list)
 * @property {number} startedInSeconds
 * @property {() => Promise<import('./n8n/server').N8nInstance>} restartMain stops n8n main and starts it again (same
 *   port, user folder and environment; workers and the webhook process keep running); `stack.n8n` becomes the new one
 * @property {() => Promise<void>} stop stops n8n, maildev, the chat inbox and the sandbox; idempotent
 */

const STACK_FILE_VERSION = 1;

/** Default ports of `npm start` (the tests pass 0: free ports). */
const DEFAULT_PORTS = Object.freeze(/** @type {StackPorts} */ ({ n8n: 5678, sandbox: 8787, smtp: 1025, mail: 1080, chat: 8790 }));

const defaultLog = prefixedLog('stack');

/**
 * Starts everything. Options:
 *   dataDir          the folder that keeps n8n's database, the sandbox state, mails and chat messages (default
 *                    <repo>/.n8n-local); it survives restarts: the owner, credentials and workflows are created once
 *   reset            wipe dataDir first
 *   ports            { n8n, sandbox, smtp, mail, chat } (defaults DEFAULT_PORTS; 0 = a free port)
 *   persistSandbox   keep the sandbox state in dataDir/sandbox-state.json across restarts (default true)
 *   build            'auto' (default: when dist/ is missing or stale), true, false
 *   n8nEnv           extra environment for n8n
 *   queue            { workers, concurrency, webhookProcess }: queue mode (lib/queue-stack.js)
 *   deliveryDelayMs  sandbox: paid → delivered delay (default 300)
 *   log              progress lines (default: stderr)
 * Returns the running stack. On failure, whatever was started is stopped again.
 * @param {StackOptions} [options]
 * @returns {Promise<Stack>}
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
	const firstStart = options.queue ? queueFirstStart(dataDir) : !fs.existsSync(path.join(p.userFolder, '.n8n', 'database.sqlite'));

	/** @type {Array<[string, () => Promise<unknown>]>} */
	const stoppers = [];
	const stopAll = async () => {
		while (stoppers.length) {
			const [what, stop] = /** @type {[string, () => Promise<unknown>]} */ (stoppers.pop());
			try {
				await stop();
			} catch (error) {
				log(`stopping ${what}: ${messageOf(error)}`);
			}
		}
		releaseLock();
	};

	try {
		ensurePackageBuilt({ root, force: options.build === undefined ? 'auto' : options.build, log });
		const sandboxModule = loadSandbox({ root, log });
		const runtime = await ensureRuntime({ log });

		/** @type {Record<keyof StackPorts, string>} */
		const hints = { n8n: '--port', sandbox: '--sandbox-port', smtp: '--smtp-port', mail: '--mail-port', chat: '--chat-port' };
		for (const key of /** @type {Array<keyof StackPorts>} */ (Object.keys(hints))) {
			if (ports[key] !== 0) await assertPortFree(ports[key], key === 'mail' ? 'mail inbox' : key, hints[key]);
			if (ports[key] === 0) ports[key] = await freePort();
		}

		// OVH sandbox, in this process.
		const sandboxLog = fs.createWriteStream(path.join(p.logsDir, 'sandbox.log'), { flags: 'a' });
		stoppers.push(['sandbox log', () => new Promise((resolve) => sandboxLog.end(resolve))]);
		const sandbox = await sandboxModule.startSandbox({
			port: ports.sandbox,
			state: persistSandbox && fs.existsSync(p.sandboxState) ? p.sandboxState : undefined,
			persistPath: persistSandbox ? p.sandboxState : undefined,
			deliveryDelayMs: options.deliveryDelayMs,
			logger: (/** @type {string} */ line) => sandboxLog.write(`${line}\n`),
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

		// n8n with the package (queue mode: Redis and Postgres first).
		const backends = options.queue ? await startQueueBackends({ dataDir, logsDir: p.logsDir, log, stoppers }) : null;
		const env = { ...(backends ? backends.env : {}), ...(options.n8nEnv || {}) };
		const instance = await n8n.startN8n({ runtime, port: ports.n8n, userFolder: p.userFolder, packageDir: root, env, log });
		stoppers.push(['n8n', () => instance.stop()]);
		const { baseUrl } = instance;

		/** @type {string | null} */
		let cookie = null;
		/** @type {string | null} */
		let ownerNote = null;
		try {
			const owner = await n8n.setupOwner(baseUrl, OWNER);
			cookie = owner.cookie;
			if (!owner.alreadySetUp) log(`owner account created: ${OWNER.email}`);
		} catch (error) {
			ownerNote = `could not sign in as ${OWNER.email} (${messageOf(error).split('\n')[0]}); sign in with the password you set`;
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
		/**
		 * @param {'credentials' | 'workflows'} kind
		 * @param {string} id
		 */
		const exists = async (kind, id) => {
			if (!cookie) return false;
			const res = await n8n.request(`${baseUrl}/rest/${kind}/${id}`, { cookie, expect: null });
			return res.status === 200;
		};
		for (const c of Object.values(CREDENTIALS)) if (await exists('credentials', c.id)) imported.credentials.add(c.id);
		for (const e of EXAMPLES) if (await exists('workflows', e.id)) imported.workflows.add(e.id);
		/** @type {import('./n8n/cli').CredentialInput[]} */
		const newCredentials = [];
		if (!imported.credentials.has(CREDENTIALS.ovh.id)) {
			newCredentials.push({ ...CREDENTIALS.ovh, data: ovhCredentialData(sandbox.baseUrl, sandboxModule.DEMO_KEYS) });
		}
		if (!imported.credentials.has(CREDENTIALS.smtp.id)) {
			newCredentials.push({ ...CREDENTIALS.smtp, data: smtpCredentialData(mail.smtpPort) });
		}
		const { created: newKey, ...webhookHeader } = webhookAuth(p.webhookKey);
		if (!imported.credentials.has(CREDENTIALS.webhook.id)) {
			newCredentials.push({ ...CREDENTIALS.webhook, data: { ...webhookHeader } });
		} else if (newKey) {
			log(`${p.webhookKey} was missing: the "${CREDENTIALS.webhook.name}" credential keeps its old value; set it to the new one printed below, or start over with --reset`);
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
				await orderWorkflowList(baseUrl, cookie, newWorkflows.map((e) => e.id));
				for (const example of newWorkflows.filter((e) => e.publish)) {
					await n8n.activateWorkflow(baseUrl, cookie, example.id);
				}
			}
		}
		if (cookie && !firstStart) {
			await syncLocalEndpoints({ baseUrl, cookie, previous: previous.endpoints || {}, current, log }).catch((error) =>
				log(`could not update local endpoints after a port change: ${messageOf(error)}`),
			);
		}
		const queue = backends
			? await startQueueProcesses({ runtime, dataDir, packageDir: root, main: instance, backends, env, queue: options.queue || {}, log, stoppers })
			: null;
		const webhookBase = queue ? queue.webhookBaseUrl : baseUrl;
		// Published webhooks answer once n8n has registered them.
		if (cookie) {
			for (const example of EXAMPLES.filter((e) => e.webhookPath)) {
				const wf = await n8n.getWorkflow(baseUrl, cookie, example.id).catch(() => null);
				if (!wf || !(wf.activeVersionId || wf.active)) continue;
				await n8n
					.waitFor(
						async () => {
							const res = await fetch(`${webhookBase}/webhook/${example.webhookPath}`, { method: 'OPTIONS' }).catch(() => null);
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

		/** @type {Record<string, StackWorkflow>} */
		const workflows = {};
		for (const example of EXAMPLES) {
			const wf = exampleWorkflow(example, { root, chatWebhookUrl });
			workflows[example.key] = {
				id: example.id,
				name: wf.name,
				file: example.file,
				url: `${baseUrl}/workflow/${example.id}`,
				webhookUrl: example.webhookPath ? `${webhookBase}/webhook/${example.webhookPath}` : null,
			};
		}

		let stopped = false;
		/** @type {Stack} */
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
			queue,
			sandbox,
			sandboxModule,
			mail,
			chat,
			credentials: { ovh: { ...CREDENTIALS.ovh }, smtp: { ...CREDENTIALS.smtp }, webhook: { ...CREDENTIALS.webhook } },
			webhookAuth: webhookHeader,
			workflows: /** @type {Stack['workflows']} */ (workflows),
			urls: {
				editor: `${baseUrl}/`,
				home: `${baseUrl}/home/workflows`,
				signIn: `${baseUrl}/signin`,
				sandbox: sandbox.baseUrl,
				sandboxAdmin: `${sandbox.origin}/__sandbox`,
				mailInbox: `${mail.webUrl}/`,
				chatInbox: `${chat.url}/`,
				chatWebhook: chatWebhookUrl,
			},
			startedInSeconds: (Date.now() - started) / 1000,
			async restartMain() {
				await stack.n8n.stop();
				const { port, brokerPort } = stack.n8n;
				const next = await n8n.startN8n({ runtime, port, brokerPort, userFolder: p.userFolder, packageDir: root, env, log });
				stoppers.push(['n8n (restarted)', () => next.stop()]);
				stack.n8n = next;
				return next;
			},
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
