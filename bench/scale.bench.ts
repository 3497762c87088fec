/**
 * 4. Scale: Get Service Info "All Services" with Return All on an account of 2000 services (a generated sandbox
 * state, ./../test/fixtures/generated-state.ts), the "tens to thousands of services" case. Each variant runs in a fresh Node process
 * (./lib/isolated.ts) so its peak RSS / heap are its own; the sandbox runs in another process. In that process, a
 * small warm-up execution (which also reads GET /auth/time) comes first, then a full GC, then the measured execution
 * runs once with process.memoryUsage() sampled every 5 ms. Requests counted are those the sandbox received from the
 * start of the measured execution on.
 */
import type { INodeParameters } from 'n8n-workflow';

import { ensureSuccess, getServiceInfo, requestsByRoute, runLine, sandboxCredentialStore } from './lib/engine';
import { runIsolated } from './lib/isolated';
import { startSandboxProcess } from './lib/sandbox-process';
import { MemorySampler, collectGarbage, envInt, heapUsedAfterGc, fmt, fmtInt, mb, now, printTable } from './lib/stats';
import { countExpiringWithin, generateState } from '../test/fixtures/generated-state';

/** Services of the generated account (BENCH_SCALE_SERVICES to change it). */
const SERVICES = envInt('BENCH_SCALE_SERVICES', 2000, 20_000);
const WITHIN_DAYS = 30;
/** Services read by the warm-up execution (Limit) before the measured one. */
const WARMUP_SERVICES = 200;

interface Variant {
	name: string;
	parameters: INodeParameters;
}

const VARIANTS: Variant[] = [
	{
		name: `expiringWithinDays ${WITHIN_DAYS}`,
		parameters: { lookup: 'all', returnAll: true, options: { expiringWithinDays: WITHIN_DAYS } },
	},
	{
		name: `expiringWithinDays ${WITHIN_DAYS} + serviceInfos`,
		parameters: { lookup: 'all', returnAll: true, options: { expiringWithinDays: WITHIN_DAYS, includeServiceInfos: true } },
	},
	{ name: 'no filter', parameters: { lookup: 'all', returnAll: true } },
	{ name: 'no filter + serviceInfos', parameters: { lookup: 'all', returnAll: true, options: { includeServiceInfos: true } } },
];

interface VariantPayload {
	baseUrl: string;
	parameters: INodeParameters;
}

export interface VariantResult {
	/** Date.now() when the measured execution started (the warm-up's requests were all received before). */
	startedAt: number;
	ms: number;
	items: number;
	outputMb: number;
	baselineRss: number;
	baselineHeap: number;
	peakRss: number;
	peakHeap: number;
	maxRssEver: number;
	/** heapUsed after a full GC with the execution result still referenced, minus the baseline. */
	retainedHeap: number;
}

/** Runs in the isolated child process. */
export async function runVariant(raw: unknown): Promise<VariantResult> {
	const payload = raw as VariantPayload;
	const store = sandboxCredentialStore(payload.baseUrl);
	// warm-up (this process and the sandbox): loads and JIT-compiles n8n-core and the node, reads OVH's clock once
	const warm = await runLine(store, [getServiceInfo({ lookup: 'all', returnAll: false, limit: WARMUP_SERVICES })]);
	ensureSuccess(warm, 'warm-up');
	collectGarbage();

	const memory = new MemorySampler().start(5);
	const startedAt = Date.now();
	const start = now();
	const result = await runLine(store, [getServiceInfo(payload.parameters)]);
	const ms = now() - start;
	const m = memory.stop();
	ensureSuccess(result, 'Get Service Info all');
	const output = result.json('Get Service Info');
	const retainedHeap = heapUsedAfterGc() - m.baselineHeapUsed;
	return {
		retainedHeap,
		startedAt,
		ms,
		items: output.length,
		outputMb: Buffer.byteLength(JSON.stringify(output)) / 1024 / 1024,
		baselineRss: m.baselineRss,
		baselineHeap: m.baselineHeapUsed,
		peakRss: m.peakRss,
		peakHeap: m.peakHeapUsed,
		maxRssEver: m.maxRssEver,
	};
}

export async function run(): Promise<void> {
	const spec = { services: SERVICES };
	const sandbox = await startSandboxProcess({ state: generateState(spec) });
	const rows: string[][] = [];
	const routeNotes: string[] = [];
	try {
		for (const variant of VARIANTS) {
			const payload: VariantPayload = { baseUrl: sandbox.baseUrl, parameters: variant.parameters };
			await sandbox.clearRequests();
			const r = await runIsolated<VariantResult>('scale', payload);
			const log = (await sandbox.requests()).filter((hit) => Date.parse(hit.time) >= r.startedAt);
			rows.push([
				variant.name,
				fmt(r.ms / 1000, 2),
				fmtInt(log.length),
				fmt(r.ms / log.length, 2),
				fmtInt(r.items),
				fmt(r.outputMb, 2),
				mb(r.baselineRss),
				mb(r.peakRss),
				mb(r.baselineHeap),
				mb(r.peakHeap),
				mb(r.retainedHeap),
			]);
			routeNotes.push(`${variant.name}: ${requestsByRoute(log).map(([route, n]) => `${route} ×${fmtInt(n)}`).join(', ')}`);
		}
	} finally {
		await sandbox.close();
	}
	printTable(
		`4. Scale: Get Service Info "All Services", Return All, ${fmtInt(SERVICES)} services (${countExpiringWithin(spec, WITHIN_DAYS)} expire within ${WITHIN_DAYS} days)`,
		['variant', 'total s', 'requests', 'ms/request', 'out items', 'output MB', 'RSS MB before', 'RSS MB peak', 'heap MB before', 'heap MB peak', 'heap MB retained'],
		rows,
		[
			'one execution per variant, each in a fresh process after a warm-up execution; the sandbox runs in another process.',
			`warm-up = the same node with Limit ${WARMUP_SERVICES}; before = after the warm-up and a full GC; peak = highest process.memoryUsage() sample (every 5 ms) during the execution;`,
			'retained = heapUsed after a full GC at the end, with the execution result still held, minus before.',
			...routeNotes,
		],
	);
}
