// @ts-check
// The n8n server process: the package installed into the user folder the way production installs it (from
// <userFolder>/.n8n/nodes/node_modules/<package>, so its types are `<package-name>.<node>`), the environment n8n runs
// with, and `n8n start` (or, in queue mode, `n8n worker` / `n8n webhook`) in its own process group (start, readiness,
// stop, nothing left behind).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { freePort, prefixedLog, sleep, waitFor, codeOf, messageOf, secondsSince } = require('../util');

/** @typedef {import('./runtime').Runtime} Runtime */
/** @typedef {import('../util').Log} Log */

/**
 * A running `n8n start` (or `n8n worker`, `n8n webhook`).
 * @typedef {object} N8nInstance
 * @property {N8nRole} role
 * @property {string} baseUrl http://127.0.0.1:<port> (no trailing slash); for a worker, its health-check server
 * @property {number} port
 * @property {number} brokerPort
 * @property {string} userFolder
 * @property {string} logFile n8n's output (stdout + stderr): <userFolder>/n8n.log
 * @property {number} pid pid of `n8n start`, also its process-group id
 * @property {NodeJS.ProcessEnv} env the env n8n runs with (reuse it for CLI commands on the same instance)
 * @property {Runtime} runtime
 * @property {InstalledPackage | null} package where the package was put (null without packageDir)
 * @property {() => Exit | null} exited
 * @property {(options?: { timeoutMs?: number }) => Promise<void>} stop SIGTERM to the process group, SIGKILL after
 *   timeoutMs; resolves when nothing of it is left
 */
/** @typedef {{ code: number | null, signal: string | null }} Exit */
/** @typedef {'start' | 'worker' | 'webhook'} N8nRole the n8n command: main process, queue-mode worker, webhook process */
/** @typedef {{ name: string, version: string, target: string }} InstalledPackage */

/** The process n8n and maildev are started with `node --require WATCHDOG`: it ends them when their parent dies. */
const WATCHDOG = path.join(__dirname, 'watchdog.js');
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-ovh-renewal-local-test-key-0001';

const defaultLog = prefixedLog('n8n');

/**
 * @param {string} file
 * @param {number} [lines]
 */
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
 * @param {{ userFolder: string, packageDir: string, mode?: 'copy' | 'symlink' }} options
 * @returns {InstalledPackage}
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
		/** @type {string[]} */
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

/**
 * The environment n8n runs with: the runtime's env (Node 24 first on PATH) + a quiet, offline, local setup.
 * @param {Runtime} runtime
 * @param {{ port: number, brokerPort: number, userFolder: string, env?: Record<string, string> }} options
 * @returns {NodeJS.ProcessEnv}
 */
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
		// instance-ai: n8n's AI assistant, which otherwise greets a new owner at / with its full-page preview instead
		// of the workflow list (editor route `/`: shown while the module is active); it needs an AI provider anyway.
		N8N_DISABLED_MODULES: 'mcp-registry,instance-ai',
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

/**
 * @param {number} pgid
 * @returns {boolean}
 */
function processGroupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return codeOf(error) === 'EPERM';
	}
}

/**
 * SIGKILL to a process group, ignoring one that is gone already.
 * @param {number} pgid
 * @param {NodeJS.Signals} [signal]
 */
function signalGroup(pgid, signal = 'SIGKILL') {
	try {
		process.kill(-pgid, signal);
	} catch {
		// gone
	}
}

/** @type {Set<number>} */
const liveGroups = new Set();
let exitHookInstalled = false;
function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort if the caller exits without stop(): n8n runs in its own process group, so kill that group.
	process.on('exit', () => {
		for (const pgid of liveGroups) signalGroup(pgid);
	});
}

/**
 * Starts `n8n start` (or `n8n <role>`) in its own process group with the package installed in userFolder. Resolves once
 * /healthz/readiness answers 200 (a worker: on its health-check server, QUEUE_HEALTH_CHECK_PORT = port). Output goes to
 * <userFolder>/n8n.log.
 * @param {object} options
 * @param {Runtime} [options.runtime] from ensureRuntime(); ensured when omitted
 * @param {number} [options.port] free ports are picked when omitted
 * @param {number} [options.brokerPort]
 * @param {string} options.userFolder N8N_USER_FOLDER: n8n keeps .n8n/ (database, config, nodes) there
 * @param {string} [options.packageDir] a built package (package.json + dist/) to install as a community package
 * @param {'copy' | 'symlink'} [options.packageMode]
 * @param {Record<string, string>} [options.env] extra or overriding environment for n8n
 * @param {Log} [options.log]
 * @param {number} [options.timeoutMs] how long to wait for /healthz/readiness (default 120000)
 * @param {N8nRole} [options.role] default 'start'
 * @param {string[]} [options.args] extra command-line arguments (e.g. ['--concurrency=5'] for a worker)
 * @returns {Promise<N8nInstance>}
 */
async function startN8n({ runtime, port, brokerPort, userFolder, packageDir, packageMode = 'copy', env = {}, log = defaultLog, timeoutMs = 120000, role = 'start', args = [] }) {
	if (!runtime) runtime = await require('./runtime').ensureRuntime({ log });
	if (!userFolder) throw new Error('startN8n: userFolder is required');
	port = port || (await freePort());
	brokerPort = brokerPort || (await freePort());
	while (brokerPort === port) brokerPort = await freePort();
	fs.mkdirSync(userFolder, { recursive: true });
	const installed = packageDir ? installPackage({ userFolder, packageDir, mode: packageMode }) : null;
	/** @type {Record<string, string>} a worker's HTTP server is its health check, on `port` */
	const roleEnv = role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {};
	const fullEnv = n8nEnv(runtime, { port, brokerPort, userFolder, env: { ...roleEnv, ...env } });
	const logFile = path.join(userFolder, 'n8n.log');
	const out = fs.openSync(logFile, 'a');
	const started = Date.now();
	const child = spawn(runtime.nodeBin, ['--require', WATCHDOG, runtime.n8nBin, role, ...args], {
		cwd: userFolder,
		env: { ...fullEnv, OVH_RENEWAL_WATCHDOG_PARENT: String(process.pid) },
		detached: true, // own process group: stop() kills n8n and its task runner together
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const pgid = /** @type {number} */ (child.pid);
	liveGroups.add(pgid);
	installExitHook();
	/** @type {Exit | null} */
	let exited = null;
	/** @type {Promise<Exit>} */
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	log(`starting n8n ${role === 'start' ? '' : `${role} `}${runtime.n8nVersion || ''} on ${baseUrl} (pid ${pgid}, log ${logFile})`);

	/** @param {{ timeoutMs?: number }} [options] */
	async function stop({ timeoutMs: stopTimeout = 20000 } = {}) {
		if (!liveGroups.has(pgid)) return;
		const t0 = Date.now();
		if (processGroupAlive(pgid)) signalGroup(pgid, 'SIGTERM');
		const deadline = Date.now() + stopTimeout;
		while (Date.now() < deadline && (exited === null || processGroupAlive(pgid))) await sleep(100);
		if (processGroupAlive(pgid)) {
			log(`n8n ${role} (pid ${pgid}) did not stop within ${stopTimeout} ms: SIGKILL`);
			signalGroup(pgid);
			await Promise.race([exitPromise, sleep(5000)]);
			const killDeadline = Date.now() + 5000;
			while (Date.now() < killDeadline && processGroupAlive(pgid)) await sleep(100);
		}
		liveGroups.delete(pgid);
		if (processGroupAlive(pgid)) throw new Error(`n8n process group ${pgid} is still alive after SIGKILL`);
		log(`n8n ${role === 'start' ? '' : `${role} `}stopped in ${Date.now() - t0} ms`);
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
		throw new Error(`${messageOf(error)}\n--- ${logFile} (tail) ---\n${tailOf(logFile)}`);
	}
	log(`n8n ${role === 'start' ? '' : `${role} `}ready in ${secondsSince(started)} s`);
	return {
		role,
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

module.exports = { WATCHDOG, DEFAULT_ENCRYPTION_KEY, installPackage, n8nEnv, startN8n, signalGroup };
