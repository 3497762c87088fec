/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only benchmarks (process figures, fetch to the sandbox admin API), never shipped */
/**
 * 6. Issue 7 (scale within OVH's fair use), against a sandbox process with an injected latency of 50 ms per request:
 *   6a. expiring scan of 2,000 services (Get Service Info, All Services, Expiring Within Days 30): today's way before
 *       issue 7 (batch refused by the sandbox, Read Concurrency 1: one GET per service, one after the other) beside
 *       the new one (batch GETs of 50, Read Concurrency 4). Targets: ≤ 45 requests, ≤ 5 s.
 *   6b. fair use: the sandbox refuses above R requests/s per consumer key (429, Retry-After: 1); a 200-service review
 *       (All Services expiring → List Renew Strategies per service) with the credential's Max Requests Per Second at
 *       R, and at 0 (no pacing, only the 429 waits). Target: 0 failed items, wall ≈ requests ÷ R.
 *   6c. peak RSS of one execution over 10,000 items vs 100 items (Get Service Info All Services, in fresh processes,
 *       through the `scale` case of scale.bench.ts). Target: < 200 MB difference.
 * The chain figures (requests per service) are in benchmark 5 (chain.bench.ts).
 */
import type { INodeParameters } from 'n8n-workflow';

import { getServiceInfo, listRenewStrategies, runLine, sandboxCredentialStore } from './lib/engine';
import { runIsolated } from './lib/isolated';
import { startSandboxProcess } from './lib/sandbox-process';
import type { RemoteSandbox } from './lib/sandbox-process';
import { envInt, fmt, fmtInt, mb, now, printTable } from './lib/stats';
import type { VariantResult } from './scale.bench';
import { generateState } from '../test/fixtures/generated-state';

const SCAN_SERVICES = envInt('BENCH_SCAN_SERVICES', 2000, 20_000);
const REVIEW_SERVICES = envInt('BENCH_REVIEW_SERVICES', 200, 2000);
const RATE = envInt('BENCH_RATE', 10, 100);
const LATENCY_MS = 50;

async function admin(sandbox: RemoteSandbox, path: string, body: unknown): Promise<void> {
	const response = await fetch(`${sandbox.origin}/__sandbox${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`sandbox admin ${path}: ${response.status} ${await response.text()}`);
}

async function expiringScan(): Promise<string[][]> {
	const sandbox = await startSandboxProcess({ state: generateState({ services: SCAN_SERVICES }) });
	const rows: string[][] = [];
	try {
		const store = sandboxCredentialStore(sandbox.baseUrl);
		// warm-up: the clock read, module loading; then the latency on every request
		await runLine(store, [getServiceInfo({ lookup: 'all', limit: 10 })]);
		await admin(sandbox, '/faults', { type: 'latency', delayMs: LATENCY_MS, times: -1 });
		const ways: Array<[string, boolean, number]> = [
			['before issue 7: one GET per service, sequential', false, 1],
			['now: batch GETs of 50, Read Concurrency 4', true, 4],
		];
		for (const [name, batch, readConcurrency] of ways) {
			await admin(sandbox, '/batch', { enabled: batch });
			await sandbox.clearRequests();
			const start = now();
			const result = await runLine(store, [
				getServiceInfo({ lookup: 'all', returnAll: true, options: { expiringWithinDays: 30, includeServiceInfos: false, readConcurrency } }),
			]);
			const ms = now() - start;
			const log = await sandbox.requests();
			rows.push([name, fmtInt(log.length), fmt(ms / 1000, 2), fmtInt(result.json('Get Service Info').length), result.status]);
		}
	} finally {
		await sandbox.close();
	}
	return rows;
}

async function review(rate: number, sandbox: RemoteSandbox): Promise<string[]> {
	const store = sandboxCredentialStore(sandbox.baseUrl, { maxRequestsPerSecond: rate });
	await runLine(store, [getServiceInfo({ lookup: 'all', limit: 1 })]);
	await new Promise((resolve) => setTimeout(resolve, 1100));
	await sandbox.clearRequests();
	const start = now();
	const result = await runLine(store, [
		getServiceInfo({ lookup: 'all', returnAll: true, options: { expiringWithinDays: 30, includeServiceInfos: false } }),
		listRenewStrategies({ filters: { renewPeriod: 'P1Y', onlyThisService: true }, options: { emptyOnNoMatch: true } } as INodeParameters),
	]);
	const ms = now() - start;
	const log = await sandbox.requests();
	const strategies = result.status === 'success' ? result.json('List Renew Strategies') : [];
	const failed = strategies.filter((item) => item.error !== undefined).length;
	const limited = log.filter((hit) => hit.status === 429).length;
	const answered = log.length - limited;
	return [
		rate > 0 ? `governor ${rate}/s` : 'no pacing (429 waits only)',
		result.status,
		fmtInt(strategies.length),
		fmtInt(failed),
		fmtInt(answered),
		fmtInt(limited),
		fmt(ms / 1000, 2),
		fmt(answered / RATE, 2),
	];
}

async function fairUse(): Promise<string[][]> {
	const sandbox = await startSandboxProcess({ state: generateState({ services: REVIEW_SERVICES, expiresInDays: (i) => 1 + (i % 28) }) });
	try {
		await admin(sandbox, '/faults', { type: 'latency', delayMs: LATENCY_MS, times: -1 });
		await admin(sandbox, '/rate-limit', { perSecond: RATE });
		return [await review(RATE, sandbox), await review(0, sandbox)];
	} finally {
		await sandbox.close();
	}
}

async function peakRss(): Promise<string[][]> {
	const rows: string[][] = [];
	const sizes: Array<[number, INodeParameters]> = [
		[100, { lookup: 'all', returnAll: true, options: { includeServiceInfos: false } }],
		[10_000, { lookup: 'all', returnAll: true, options: { includeServiceInfos: false } }],
	];
	const results: VariantResult[] = [];
	for (const [services, parameters] of sizes) {
		const sandbox = await startSandboxProcess({ state: generateState({ services }) });
		try {
			const r = await runIsolated<VariantResult>('scale', { baseUrl: sandbox.baseUrl, parameters });
			results.push(r);
			rows.push([`${fmtInt(r.items)} items`, fmt(r.ms / 1000, 2), mb(r.baselineRss), mb(r.peakRss), mb(r.peakRss - r.baselineRss)]);
		} finally {
			await sandbox.close();
		}
	}
	rows.push(['difference (10,000 − 100)', '', '', mb(results[1].peakRss - results[0].peakRss), mb(results[1].peakRss - results[1].baselineRss - (results[0].peakRss - results[0].baselineRss))]);
	return rows;
}

export async function run(): Promise<void> {
	printTable(
		`6a. Expiring scan, ${fmtInt(SCAN_SERVICES)} services, ${LATENCY_MS} ms latency per request (targets: ≤ 45 requests, ≤ 5 s)`,
		['way', 'requests', 'total s', 'out items', 'status'],
		await expiringScan(),
		['"before" forces the fallback: its first request is the refused batch GET (400), then one GET per service.'],
	);
	printTable(
		`6b. Fair use: sandbox limit ${RATE} requests/s per consumer key (429, Retry-After 1), ${LATENCY_MS} ms latency, ${fmtInt(REVIEW_SERVICES)}-service review (target: 0 failed items, wall ≈ requests ÷ R)`,
		['pacing', 'status', 'strategy items', 'failed items', 'requests answered', '429s', 'wall s', 'requests ÷ R s'],
		await fairUse(),
		['review = Get Service Info All Services expiring within 30 days → List Renew Strategies (P1Y, this service alone) for each.'],
	);
	printTable(
		'6c. Peak RSS of one execution: Get Service Info All Services, 100 vs 10,000 items (target: < 200 MB difference)',
		['execution', 'total s', 'RSS MB before', 'RSS MB peak', 'RSS MB peak − before'],
		await peakRss(),
		['each in a fresh process after a warm-up execution (the `scale` case of benchmark 4).'],
	);
}
