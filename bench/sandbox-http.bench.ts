/**
 * 2. The OVH sandbox over HTTP: requests/s and latency of signed GETs sent with an undici Pool at a bounded
 * concurrency (N connections, one request in flight per connection). The sandbox runs in its own process
 * (./lib/sandbox-child.ts) on 127.0.0.1; each request is signed with the package's signRequest just before it is sent
 * (signing is inside the measured latency; it costs a few µs, see benchmark 1).
 */
import { Pool } from 'undici';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { signRequest } from '../nodes/shared/signing';
import { DEMO_KEYS } from '../sandbox';
import { startSandboxProcess } from './lib/sandbox-process';
import type { RemoteSandbox } from './lib/sandbox-process';
import { fmt, fmtInt, now, printTable, summarize } from './lib/stats';

const REQUESTS = 2000;
const WARMUP = 500;
/** Rounds of REQUESTS per row; the row shows the round with the median req/s. */
const ROUNDS = 3;
const CONCURRENCY = [1, 8, 32];

interface Route {
	name: string;
	options: () => IHttpRequestOptions;
}

const ROUTES: Route[] = [
	{ name: 'GET /auth/time (unsigned)', options: () => ({ method: 'GET', url: '/auth/time' }) },
	{ name: 'GET /service/{id}', options: () => ({ method: 'GET', url: '/service/112233' }) },
	{
		name: 'GET /service/{id}/renew?includeOptions=true',
		options: () => ({ method: 'GET', url: '/service/112233/renew', qs: { includeOptions: true } }),
	},
];

interface LevelResult {
	seconds: number;
	latenciesMs: number[];
	errors: number;
}

async function blast(pool: Pool, credentials: ICredentialDataDecryptedObject, route: Route, total: number, concurrency: number): Promise<LevelResult> {
	const latenciesMs: number[] = [];
	let errors = 0;
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < total) {
			next++;
			const signed = signRequest(credentials, route.options(), Date.now());
			const url = new URL(String(signed.url));
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(signed.headers as IDataObject)) headers[k] = String(v);
			const start = now();
			const res = await pool.request({ method: 'GET', path: `${url.pathname}${url.search}`, headers });
			await res.body.text();
			latenciesMs.push(now() - start);
			if (res.statusCode !== 200) errors++;
		}
	};
	const start = now();
	await Promise.all(Array.from({ length: concurrency }, () => worker()));
	return { seconds: (now() - start) / 1000, latenciesMs, errors };
}

export async function run(): Promise<void> {
	const sandbox: RemoteSandbox = await startSandboxProcess();
	const rows: string[][] = [];
	try {
		const credentials: ICredentialDataDecryptedObject = {
			endpoint: 'custom',
			customUrl: sandbox.baseUrl,
			applicationKey: DEMO_KEYS.applicationKey,
			applicationSecret: DEMO_KEYS.applicationSecret,
			consumerKey: DEMO_KEYS.consumerKey,
			timeDelta: '0',
		};
		for (const route of ROUTES) {
			for (const concurrency of CONCURRENCY) {
				const pool = new Pool(sandbox.origin, { connections: concurrency, pipelining: 1 });
				try {
					await blast(pool, credentials, route, WARMUP, concurrency);
					await sandbox.clearRequests();
					const rounds: LevelResult[] = [];
					for (let i = 0; i < ROUNDS; i++) rounds.push(await blast(pool, credentials, route, REQUESTS, concurrency));
					const logged = (await sandbox.requests()).length;
					const r = [...rounds].sort((a, b) => a.seconds - b.seconds)[Math.floor(ROUNDS / 2)];
					const s = summarize(r.latenciesMs);
					rows.push([
						route.name,
						String(concurrency),
						fmtInt(REQUESTS / r.seconds),
						fmt(s.p50Ms, 2),
						fmt(s.p95Ms, 2),
						fmt(s.p99Ms, 2),
						fmt(s.maxMs, 1),
						`${rounds.reduce((sum, x) => sum + x.errors, 0)}`,
						fmtInt(logged),
					]);
				} finally {
					await pool.close();
				}
			}
		}
	} finally {
		await sandbox.close();
	}
	printTable(
		'2. Sandbox over HTTP (undici Pool → sandbox in a child process, 127.0.0.1)',
		['route', 'conc.', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'non-200', 'logged'],
		rows,
		[
			`${ROUNDS} rounds of ${fmtInt(REQUESTS)} requests per row after ${WARMUP} warm-up; the row shows the median round.`,
			'concurrency = pool connections, one request in flight each; non-200 and logged count all rounds.',
		],
	);
}
