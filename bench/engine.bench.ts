/**
 * 3. The n8n engine (in-process harness, test/harness) running Get Service Info "By name" against the sandbox (in a
 * child process): the cost of one whole execution, repeated, and the cost per item of one execution over 1000 input
 * items. The credential store is shared between runs (as n8n's database keeps `timeDelta`), so only the first run
 * reads GET /auth/time.
 */
import { Pool } from 'undici';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { signRequest } from '../nodes/shared/signing';
import { chain, manualTriggerNode, runWorkflow } from '../test/harness';
import { ensureSuccess, getServiceInfo, NODE_TYPES, runLine, sandboxCredentialStore, TRIGGER_NAME } from './lib/engine';
import { startSandboxProcess } from './lib/sandbox-process';
import { MemorySampler, collectGarbage, fmt, fmtInt, mb, median, now, printTable, summarize } from './lib/stats';

const RUNS = 200;
const WARMUP_RUNS = 20;
const ITEMS = 1000;
const ITEM_REPEATS = 3;

/** The default sandbox state's services that have a serviceInfos route. */
const BY_NAME = [
	{ product: 'domain', serviceName: 'example-shop.ovh' },
	{ product: 'hosting/web', serviceName: 'exampleshop.cluster021.hosting.ovh.net' },
	{ product: 'vps', serviceName: 'vps112233.ovh.net' },
	{ product: 'dedicated/server', serviceName: 'ns3012345.ip-51-91-0.eu' },
	{ product: 'ip', serviceName: '141.94.185.0/28' },
];

export async function run(): Promise<void> {
	const sandbox = await startSandboxProcess();
	const perExecution: string[][] = [];
	const perItem: string[][] = [];
	try {
		const store = sandboxCredentialStore(sandbox.baseUrl);
		const byName = getServiceInfo({ lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' });

		// a) the engine alone: a workflow holding only the Manual Trigger
		const triggerOnly = async () => {
			const trigger = manualTriggerNode(TRIGGER_NAME);
			const result = await runWorkflow({ nodeTypes: NODE_TYPES, workflow: { nodes: [trigger], connections: chain(trigger) } });
			ensureSuccess(result, 'trigger only');
		};
		for (let i = 0; i < WARMUP_RUNS; i++) await triggerOnly();
		const baseline: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const start = now();
			await triggerOnly();
			baseline.push(now() - start);
		}

		// b) Manual Trigger → Get Service Info (by name), one request per execution
		for (let i = 0; i < WARMUP_RUNS; i++) ensureSuccess(await runLine(store, [byName]), 'warm-up');
		await sandbox.clearRequests();
		const withNode: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const start = now();
			const result = await runLine(store, [byName]);
			withNode.push(now() - start);
			ensureSuccess(result, 'Get Service Info by name');
		}
		const requestsB = (await sandbox.requests()).length;

		// c) the same signed GET sent directly (undici, one connection): the HTTP + sandbox share of (b)
		const pool = new Pool(sandbox.origin, { connections: 1 });
		const direct: number[] = [];
		let requestsC = 0;
		try {
			const credentials = { ...store.data('ovh'), timeDelta: '0' };
			const once = async (): Promise<number> => {
				const signed = signRequest(credentials, { method: 'GET', url: '/vps/vps112233.ovh.net/serviceInfos' }, Date.now());
				const url = new URL(String(signed.url));
				const headers: Record<string, string> = {};
				for (const [k, v] of Object.entries(signed.headers as IDataObject)) headers[k] = String(v);
				const start = now();
				const res = await pool.request({ method: 'GET', path: url.pathname, headers });
				await res.body.text();
				if (res.statusCode !== 200) throw new Error(`direct GET: HTTP ${res.statusCode}`);
				return now() - start;
			};
			for (let i = 0; i < WARMUP_RUNS; i++) await once();
			await sandbox.clearRequests();
			for (let i = 0; i < RUNS; i++) direct.push(await once());
			requestsC = (await sandbox.requests()).length;
		} finally {
			await pool.close();
		}

		const sBase = summarize(baseline);
		const sNode = summarize(withNode);
		const sDirect = summarize(direct);
		const row = (name: string, s: ReturnType<typeof summarize>, requests: string) => [
			name,
			fmtInt(s.n),
			fmt(s.meanMs, 2),
			fmt(s.p50Ms, 2),
			fmt(s.p95Ms, 2),
			fmt(1000 / s.meanMs, 0),
			requests,
		];
		perExecution.push(row('Manual Trigger only (engine, no request)', sBase, '0'));
		perExecution.push(row('Manual Trigger → Get Service Info (by name)', sNode, fmtInt(requestsB)));
		perExecution.push(row('same signed GET, direct undici (reference)', sDirect, fmtInt(requestsC)));

		// d) one execution, 1000 input items: parameters mapped from each item by expression, then fixed parameters
		const items: INodeExecutionData[] = Array.from({ length: ITEMS }, (_, i) => ({ json: { ...BY_NAME[i % BY_NAME.length] } }));
		const variants = [
			{
				name: `${fmtInt(ITEMS)} items, product/serviceName = expressions`,
				node: getServiceInfo({ lookup: 'byName', product: '={{ $json.product }}', serviceName: '={{ $json.serviceName }}' }),
			},
			{ name: `${fmtInt(ITEMS)} items, fixed parameters`, node: byName },
		];
		for (const variant of variants) {
			const totals: number[] = [];
			let requests = 0;
			let outItems = 0;
			let peakHeapDelta = 0;
			let peakRss = 0;
			for (let r = 0; r < ITEM_REPEATS; r++) {
				collectGarbage();
				await sandbox.clearRequests();
				const memory = new MemorySampler().start(5);
				const start = now();
				const result = await runLine(store, [variant.node], items);
				totals.push(now() - start);
				const m = memory.stop();
				ensureSuccess(result, variant.name);
				outItems = result.output('Get Service Info').length;
				requests = (await sandbox.requests()).length;
				peakHeapDelta = Math.max(peakHeapDelta, m.peakHeapUsed - m.baselineHeapUsed);
				peakRss = Math.max(peakRss, m.peakRss);
			}
			const total = median(totals);
			perItem.push([
				variant.name,
				fmt(total, 0),
				fmt(total / ITEMS, 3),
				fmt(total / ITEMS - sDirect.p50Ms, 3),
				fmtInt((ITEMS / total) * 1000),
				fmtInt(requests),
				fmtInt(outItems),
				mb(peakHeapDelta),
				mb(peakRss),
			]);
		}
	} finally {
		await sandbox.close();
	}
	printTable(
		'3a. Engine: one execution per run (in-process harness, sandbox in a child process)',
		['workflow', 'runs', 'mean ms', 'p50 ms', 'p95 ms', 'exec/s', 'requests'],
		perExecution,
		[`${WARMUP_RUNS} warm-up runs first; credential store shared (GET /auth/time read once, during warm-up).`],
	);
	printTable(
		'3b. Engine: one execution over many items (Get Service Info by name, one request per item)',
		['execution', 'total ms', 'ms/item', 'ms/item above raw HTTP', 'items/s', 'requests', 'out items', 'heap +MB peak', 'RSS MB peak'],
		perItem,
		[
			`median of ${ITEM_REPEATS} executions; above raw HTTP = ms/item − p50 of the direct undici GET (3a): n8n's HTTP helper, engine and node work.`,
			'heap +MB = peak heapUsed above the post-GC baseline while the execution ran (sampled every 5 ms).',
		],
	);
}
