// @ts-check
// What `npm start` and the e2e tests need built before anything starts: the package (dist/, what n8n loads) and the
// OVH sandbox (build/sandbox/), each rebuilt only when missing or older than its sources.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, prefixedLog, secondsSince } = require('../util');

/** @typedef {import('../util').Log} Log */

const defaultLog = prefixedLog('stack');

/**
 * The newest modification time of the files under entries (that pass filter).
 * @param {string[]} entries
 * @param {(file: string) => boolean} [filter]
 * @returns {number}
 */
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

/**
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, log: Log }} options
 */
function runBuildStep(label, command, args, { cwd, log }) {
	const started = Date.now();
	const res = spawnSync(command, args, { cwd, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
	if (res.status !== 0) {
		throw new Error(`${label} failed (exit ${res.status}):\n${`${res.stdout || ''}${res.stderr || ''}`.trim().slice(-4000)}`);
	}
	log(`${label}: done in ${secondsSince(started)} s`);
}

/**
 * Builds the package (`npm run build`: tsc + icons + codex into dist/) when a file the `n8n` block of package.json
 * lists is missing or older than the sources. force: always; false: never (fails when dist/ is missing).
 * Returns whether it built.
 * @param {{ root?: string, force?: 'auto' | boolean, log?: Log }} [options]
 * @returns {boolean}
 */
function ensurePackageBuilt({ root = ROOT, force = 'auto', log = defaultLog } = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	/** @type {string[]} */
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

/**
 * Compiles sandbox/**\/*.ts to build/sandbox/ (what `npm run sandbox` runs) when missing or stale (or always with
 * force); returns its module.
 * @param {{ root?: string, force?: boolean, log?: Log }} [options]
 * @returns {typeof import('../../sandbox')}
 */
function loadSandbox({ root = ROOT, force = false, log = defaultLog } = {}) {
	const src = path.join(root, 'sandbox');
	const entry = path.join(root, 'build', 'sandbox', 'index.js');
	const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
	if (force || built < newestMtime([src], (f) => f.endsWith('.ts') || f.endsWith('tsconfig.json'))) {
		log('compiling the OVH sandbox (sandbox/ → build/sandbox/)…');
		const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
		runBuildStep('tsc -p sandbox/tsconfig.json', process.execPath, [tsc, '-p', path.join(src, 'tsconfig.json')], { cwd: root, log });
		// tsc does not rewrite unchanged outputs' mtimes in every setup; make the freshness check reliable.
		const now = new Date();
		fs.utimesSync(entry, now, now);
	}
	return require(entry);
}

module.exports = { ensurePackageBuilt, loadSandbox };
