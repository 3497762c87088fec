#!/usr/bin/env node
// OVH API sandbox CLI (dev-only): compiles sandbox/**/*.ts to build/sandbox/ when missing or stale, then starts
// the sandbox server. Usage: npm run sandbox -- --port 8787   (see sandbox/README.md)
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { forEachFlag } = require('./cli-args');

const ROOT = path.join(__dirname, '..');
const SRC = path.join(ROOT, 'sandbox');
const OUT = path.join(ROOT, 'build', 'sandbox');
const ENTRY = path.join(OUT, 'index.js');

const USAGE = `OVH API sandbox: a local HTTP server that behaves like the OVH API for n8n-nodes-ovh-renewal.

Usage: npm run sandbox -- [options]
       node scripts/sandbox.js [options]

Options:
  --port <n>             port to listen on (default 8787; 0 = any free port)
  --host <addr>          address to bind (default 127.0.0.1; use 0.0.0.0 for Docker)
  --state <file.json>    load the state from this JSON file (default: built-in demo state)
  --persist <file.json>  write the state to this file after each change
  --clock-offset <s>     sandbox clock = real clock + s seconds (simulates clock drift)
  --tolerance <s>        accepted X-Ovh-Timestamp drift in seconds (default 180)
  --legacy-errors        answer errors in the legacy shape {errorCode, httpCode, message}
  --delivery-delay <ms>  paid orders go checking -> delivered after ms (default 300)
  --quiet                do not print one line per request
  --rebuild              force recompiling sandbox/ before starting
  --help                 show this help

Admin API (unsigned): <origin>/__sandbox/  (requests log, reset, state, clock, faults, ...)
Docs: sandbox/README.md`;

function fail(msg) {
	process.stderr.write(`sandbox: ${msg}\n\n${USAGE}\n`);
	process.exit(2);
}

function parseArgs(argv) {
	const opts = { port: 8787, quiet: false, rebuild: false };
	const num = (flag, v) => {
		if (v === undefined || v === '' || !Number.isFinite(Number(v))) fail(`${flag} needs a number`);
		return Number(v);
	};
	const str = (flag, v) => {
		if (v === undefined || v === '' || v.startsWith('--')) fail(`${flag} needs a value`);
		return v;
	};
	forEachFlag(argv, (arg, next) => {
		switch (arg) {
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			case '--port':
				opts.port = num(arg, next());
				break;
			case '--host':
				opts.host = str(arg, next());
				break;
			case '--state':
				opts.state = path.resolve(str(arg, next()));
				break;
			case '--persist':
				opts.persistPath = path.resolve(str(arg, next()));
				break;
			case '--clock-offset':
				opts.clockOffsetSeconds = num(arg, next());
				break;
			case '--tolerance':
				opts.timeToleranceSeconds = num(arg, next());
				break;
			case '--legacy-errors':
				opts.errorShape = 'legacy';
				break;
			case '--delivery-delay':
				opts.deliveryDelayMs = num(arg, next());
				break;
			case '--quiet':
				opts.quiet = true;
				break;
			case '--rebuild':
				opts.rebuild = true;
				break;
			default:
				fail(`unknown option ${arg}`);
		}
	});
	return opts;
}

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
		else if (entry.name.endsWith('.ts') || entry.name === 'tsconfig.json') newest = Math.max(newest, fs.statSync(p).mtimeMs);
	}
	return newest;
}

function ensureBuilt(force) {
	const built = fs.existsSync(ENTRY) ? fs.statSync(ENTRY).mtimeMs : 0;
	if (!force && built >= newestMtime(SRC)) return;
	let tsc;
	try {
		tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
	} catch {
		fail('typescript is not installed (run npm install)');
	}
	process.stdout.write('sandbox: compiling sandbox/ -> build/sandbox/ ...\n');
	const res = spawnSync(process.execPath, [tsc, '-p', path.join(SRC, 'tsconfig.json')], { stdio: 'inherit', cwd: ROOT });
	if (res.status !== 0) {
		process.stderr.write('sandbox: compilation failed\n');
		process.exit(res.status || 1);
	}
	// tsc does not rewrite unchanged outputs' mtimes in every setup; make the freshness check reliable.
	const now = new Date();
	fs.utimesSync(ENTRY, now, now);
}

async function main() {
	const { rebuild, quiet, ...opts } = parseArgs(process.argv.slice(2));
	ensureBuilt(rebuild);
	const { startSandbox, DEMO_KEYS } = require(ENTRY);
	let sbx;
	try {
		sbx = await startSandbox({ ...opts, quiet, logger: (line) => process.stdout.write(`${line}\n`) });
	} catch (err) {
		process.stderr.write(`sandbox: cannot start: ${err && err.message ? err.message : err}\n`);
		process.exit(1);
	}
	process.stdout.write(
		[
			'',
			`OVH API sandbox listening on ${sbx.origin}`,
			`  base URL        ${sbx.baseUrl}   (alias ${sbx.origin}/v1)`,
			`  admin API       ${sbx.origin}/__sandbox/`,
			'  demo keys (sandbox-only values, not real OVH credentials):',
			`    application key     ${DEMO_KEYS.applicationKey}`,
			`    application secret  ${DEMO_KEYS.applicationSecret}`,
			`    consumer key        ${DEMO_KEYS.consumerKey}`,
			opts.state ? `  state           ${opts.state}` : '  state           built-in demo state',
			opts.persistPath ? `  persisting to   ${opts.persistPath}` : null,
			opts.errorShape === 'legacy' ? '  errors          legacy shape' : null,
			opts.clockOffsetSeconds ? `  clock offset    ${opts.clockOffsetSeconds} s` : null,
			'Press Ctrl+C to stop.',
			'',
		]
			.filter((l) => l !== null)
			.join('\n') + '\n',
	);

	let stopping = false;
	const stop = (signal) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\nsandbox: ${signal}, stopping\n`);
		sbx.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	process.stderr.write(`sandbox: ${err && err.stack ? err.stack : err}\n`);
	process.exit(1);
});
