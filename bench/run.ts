/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only benchmarks (child processes, timers, process figures), never shipped */
/**
 * Benchmark runner (compiled to build/bench/bench/run.js by `tsc -p bench/tsconfig.json`).
 *
 *   node --expose-gc build/bench/bench/run.js                  # every benchmark, each in its own process
 *   node --expose-gc build/bench/bench/run.js signing chain    # some of them
 *
 * Names: signing, sandbox, engine, scale, chain, issue7, overhead. Each benchmark runs in a fresh child process (so one's memory and
 * JIT state do not leak into the next), prints its tables, and exits. Internal modes: `--bench <name>` (run one
 * benchmark in this process) and `--case <name>` (one isolated case, payload and result over IPC; see lib/isolated.ts).
 * Everything is bounded (fixed request and iteration counts) and loopback-only; nothing asserts.
 */
import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

import * as chain from './chain.bench';
import * as engine from './engine.bench';
import * as issue7 from './issue7.bench';
import * as overhead from './overhead.bench';
import * as sandboxHttp from './sandbox-http.bench';
import * as scale from './scale.bench';
import * as signing from './signing.bench';
import { fmt, now, say } from './lib/stats';

const BENCHES: Record<string, () => Promise<void>> = {
	signing: signing.run,
	sandbox: sandboxHttp.run,
	engine: engine.run,
	scale: scale.run,
	chain: chain.run,
	issue7: issue7.run,
	overhead: overhead.run,
};

const CASES: Record<string, (payload: unknown) => Promise<unknown>> = {
	scale: scale.runVariant,
};

/** A benchmark process that has not finished after this long is killed (they take seconds to a minute or two). */
const BENCH_TIMEOUT_MS = 20 * 60_000;

function runChild(name: string): Promise<number> {
	return new Promise((resolve) => {
		const child = fork(__filename, ['--bench', name], { execArgv: ['--expose-gc'], stdio: 'inherit' });
		const timer = setTimeout(() => {
			process.stderr.write(`bench ${name}: still running after ${BENCH_TIMEOUT_MS / 60_000} min, stopping it\n`);
			child.kill();
		}, BENCH_TIMEOUT_MS);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function main(argv: string[]): Promise<number> {
	if (argv[0] === '--case') {
		const run = CASES[argv[1] ?? ''];
		if (!run || !process.send) throw new Error(`unknown case "${argv[1]}" (or not started through IPC)`);
		const payload = await new Promise<unknown>((resolve) => {
			process.once('message', (raw: unknown) => resolve((raw as { payload?: unknown }).payload));
		});
		try {
			const value = await run(payload);
			await new Promise<void>((resolve) => process.send?.({ type: 'result', value }, () => resolve()));
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			await new Promise<void>((resolve) => process.send?.({ type: 'error', message }, () => resolve()));
		}
		process.disconnect();
		return 0;
	}

	if (argv[0] === '--bench') {
		const bench = BENCHES[argv[1] ?? ''];
		if (!bench) throw new Error(`unknown benchmark "${argv[1]}"`);
		await bench();
		return 0;
	}

	const unknown = argv.filter((name) => !BENCHES[name]);
	if (unknown.length > 0) {
		process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
		return 2;
	}
	const names = argv.length > 0 ? argv : Object.keys(BENCHES);
	say(`# n8n-nodes-ovh-renewal benchmarks: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM`);
	let failures = 0;
	for (const name of names) {
		const start = now();
		const code = await runChild(name);
		say(`   (${name}: ${fmt((now() - start) / 1000, 1)} s${code === 0 ? '' : `, exit code ${code}`})`);
		if (code !== 0) failures++;
	}
	return failures === 0 ? 0 : 1;
}

// Exit explicitly: idle keep-alive sockets (fetch, undici) must not hold a finished benchmark process open.
main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
