#!/usr/bin/env node
// @ts-check
// OVH API sandbox CLI (dev-only): compiles sandbox/**/*.ts to build/sandbox/ when missing or stale, then starts
// the sandbox server (lib/build.js compiles it, as for `npm start`). Usage: npm run sandbox -- --port 8787   (see sandbox/README.md)
'use strict';

const path = require('node:path');

const { forEachFlag } = require('./cli-args');
const { loadSandbox } = require('./lib/build');
const { messageOf } = require('./util');

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

/**
 * @param {string} msg
 * @returns {never}
 */
function fail(msg) {
	process.stderr.write(`sandbox: ${msg}\n\n${USAGE}\n`);
	process.exit(2);
}

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
	/** @type {import('../sandbox').SandboxOptions & { port: number, quiet: boolean, rebuild: boolean }} */
	const opts = { port: 8787, quiet: false, rebuild: false };
	/**
	 * @param {string} flag
	 * @param {string | undefined} v
	 */
	const num = (flag, v) => {
		if (v === undefined || v === '' || !Number.isFinite(Number(v))) fail(`${flag} needs a number`);
		return Number(v);
	};
	/**
	 * @param {string} flag
	 * @param {string | undefined} v
	 * @returns {string}
	 */
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

async function main() {
	const { rebuild, quiet, ...opts } = parseArgs(process.argv.slice(2));
	let sandboxModule;
	try {
		sandboxModule = loadSandbox({ force: rebuild, log: (line) => process.stdout.write(`sandbox: ${line}\n`) });
	} catch (err) {
		process.stderr.write(`sandbox: ${messageOf(err)}\n`);
		process.exit(1);
	}
	const { startSandbox, DEMO_KEYS } = sandboxModule;
	/** @type {import('../sandbox').RunningSandbox} */
	let sbx;
	try {
		sbx = await startSandbox({ ...opts, quiet, logger: (/** @type {string} */ line) => process.stdout.write(`${line}\n`) });
	} catch (err) {
		process.stderr.write(`sandbox: cannot start: ${messageOf(err)}\n`);
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
	/** @param {string} signal */
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
	process.stderr.write(`sandbox: ${err instanceof Error && err.stack ? err.stack : err}\n`);
	process.exit(1);
});
