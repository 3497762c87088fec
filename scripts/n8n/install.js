// @ts-check
// How the runtime's components get into the cache: a command run with its output in a log file and a heartbeat,
// npm's environment without the project's npm_* settings, and component folders that are complete (a .complete
// marker) or removed and installed again under a lock.
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { readJson, writeJson } = require('../util');
const { withLock, recordChild } = require('./lock');

/** @typedef {import('../util').Log} Log */
/** @typedef {{ nodeBin: string, nodeDir: string, version: string, system: boolean }} NodeInfo */

/**
 * A copy of process.env without what npm exports to the scripts it runs (npm_config_*, npm_package_*, …): run from
 * `npm start`/`npm test`, those would carry the project's .npmrc (ignore-scripts, yes, local prefix) into our installs
 * and into n8n.
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
		env[key] = value;
	}
	return Object.assign(env, extra);
}

/**
 * PATH with binDir first (and only once).
 * @param {string} binDir
 * @param {NodeJS.ProcessEnv} env
 */
function pathWith(binDir, env) {
	const rest = (env.PATH || '').split(path.delimiter).filter((p) => p && path.resolve(p) !== path.resolve(binDir));
	return [binDir, ...rest].join(path.delimiter);
}

/** @param {string[]} files */
function fileHash(files) {
	const hash = crypto.createHash('sha256');
	for (const file of files) hash.update(fs.readFileSync(file));
	return hash.digest('hex').slice(0, 12);
}

/** @param {number} ms */
function formatSeconds(ms) {
	return `${Math.round(ms / 1000)} s`;
}

/**
 * @typedef {object} RunOptions
 * @property {string} cwd
 * @property {NodeJS.ProcessEnv} env
 * @property {string} logFile
 * @property {Log} log
 * @property {string} label
 * @property {number} [heartbeatMs]
 * @property {() => string} [progress]
 */

/**
 * Runs a command, writing its whole output to logFile and keeping the tail for error messages. While it runs, prints a
 * heartbeat every `heartbeatMs` (optionally with progress()).
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} options
 * @returns {Promise<{ ms: number }>}
 */
function run(command, args, { cwd, env, logFile, log, label, heartbeatMs = 20000, progress }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = fs.createWriteStream(logFile, { flags: 'a' });
		out.write(`\n$ ${command} ${args.join(' ')}\n  (cwd ${cwd})\n`);
		/** @type {string[]} */
		const tail = [];
		let partial = '';
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		recordChild(child.pid);
		/** @param {Buffer} chunk */
		const onData = (chunk) => {
			out.write(chunk);
			const lines = (partial + chunk.toString()).split('\n');
			partial = lines.pop() || '';
			for (const line of lines) {
				tail.push(line);
				if (tail.length > 60) tail.shift();
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
			reject(
				new Error(`${label} failed (exit ${code}${signal ? `, signal ${signal}` : ''}); full log: ${logFile}\n${tail.slice(-40).join('\n')}`),
			);
		});
	});
}

/**
 * npm's environment for our installs: no npm_* of the project, quiet, the given Node first on PATH.
 * @param {string} nodeBinDir
 * @param {Record<string, string>} [extra]
 */
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

/**
 * How many top-level packages of node_modules are unpacked so far (npm creates the folders first).
 * @param {string} dir
 */
function countUnpacked(dir) {
	/** @param {string} d */
	const list = (d) => {
		try {
			return fs.readdirSync(d);
		} catch {
			return [];
		}
	};
	let count = 0;
	for (const entry of list(dir)) {
		if (entry.startsWith('.')) continue;
		const packages = entry.startsWith('@') ? list(path.join(dir, entry)).map((sub) => path.join(entry, sub)) : [entry];
		for (const pkg of packages) if (fs.existsSync(path.join(dir, pkg, 'package.json'))) count++;
	}
	return count;
}

/** @param {string} cache */
function logsDir(cache) {
	const dir = path.join(cache, 'logs');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * A log file name for one install step: <cache>/logs/<name>-<timestamp>.log.
 * @param {string} cache
 * @param {string} name
 */
function logFileFor(cache, name) {
	return path.join(logsDir(cache), `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
}

/**
 * Ensures a component folder: returns at once if its .complete marker exists, otherwise takes the lock, deletes a
 * half-made folder (no marker: failed or interrupted install), runs install(dir) and writes the marker.
 * @param {{ cache: string, name: string, log: Log, install: (dir: string) => Promise<object | void> }} options
 * @returns {Promise<{ dir: string, installed: boolean }>}
 */
async function ensureComponent({ cache, name, log, install }) {
	const dir = path.join(cache, name);
	const marker = path.join(dir, '.complete');
	if (readJson(marker)) return { dir, installed: false };
	fs.mkdirSync(cache, { recursive: true });
	return withLock(path.join(cache, `${name}.lock`), log, name, async () => {
		if (readJson(marker)) return { dir, installed: false }; // done by the process we waited for
		if (fs.existsSync(dir)) {
			log(`${name}: removing an incomplete install (no .complete marker)`);
			fs.rmSync(dir, { recursive: true, force: true });
		}
		fs.mkdirSync(dir, { recursive: true });
		const started = Date.now();
		const info = (await install(dir)) || {};
		writeJson(marker, { ...info, seconds: Math.round((Date.now() - started) / 1000), at: new Date().toISOString() });
		log(`${name}: ready in ${formatSeconds(Date.now() - started)}`);
		return { dir, installed: true };
	});
}

/**
 * A host folder's package.json + package-lock.json, and their hash (the cache folder's name changes with them).
 * @param {string} hostSrc
 */
function hostInfo(hostSrc) {
	const files = [path.join(hostSrc, 'package.json'), path.join(hostSrc, 'package-lock.json')];
	for (const file of files) if (!fs.existsSync(file)) throw new Error(`missing ${file}`);
	return { files, hash: fileHash(files) };
}

/**
 * A component installed with `npm ci --ignore-scripts` from a committed lockfile, then after() for what remains.
 * @param {object} options
 * @param {string} options.cache
 * @param {string} options.name
 * @param {string} options.hostSrc the folder holding package.json + package-lock.json
 * @param {NodeInfo} options.node
 * @param {Log} options.log
 * @param {(step: { target: string, env: NodeJS.ProcessEnv, logFile: string }) => Promise<object>} [options.after]
 */
async function npmCiHost({ cache, name, hostSrc, node, log, after }) {
	const { files } = hostInfo(hostSrc);
	return ensureComponent({
		cache,
		name,
		log,
		install: async (target) => {
			for (const file of files) fs.copyFileSync(file, path.join(target, path.basename(file)));
			const logFile = logFileFor(cache, name);
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

module.exports = { cleanEnv, pathWith, formatSeconds, run, npmEnv, logFileFor, ensureComponent, hostInfo, npmCiHost };
