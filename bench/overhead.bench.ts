/**
 * 7. Per-call overhead: Get Service Info "By ID" (one `GET /service/{id}` per item through this package's transport:
 * governor, retries, error mapping) against the call n8n's HTTP Request node (v4) makes for the same signed GET with
 * "Predefined Credential Type → OVH API": n8n-core's legacy `requestWithAuthentication` with `uri`/`json` (the harness's
 * stand-in; the engine test test/engine/http-request/legacy-request.test.ts uses the same call). Both in the same
 * n8n-core engine (the in-process harness, not a real n8n server: see bench/README.md), one execution over ITEMS items,
 * sandbox in another process without latency, so the figure is the overhead per call. Five rounds, alternating; the median per caller.
 */
import { HTTP_REQUEST_STAND_IN, httpRequestStandIn, node } from '../test/harness';
import { NODE_TYPES, ensureSuccess, getServiceInfo, runLine, sandboxCredentialStore } from './lib/engine';
import { startSandboxProcess } from './lib/sandbox-process';
import { envInt, fmt, median, now, printTable } from './lib/stats';

const ITEMS = envInt('BENCH_OVERHEAD_ITEMS', 500, 10_000);
const ROUNDS = 5;

export async function run(): Promise<void> {
	const sandbox = await startSandboxProcess();
	const times: Record<'node' | 'http', number[]> = { node: [], http: [] };
	try {
		const store = sandboxCredentialStore(sandbox.baseUrl);
		const ours = [getServiceInfo({ lookup: 'byId', serviceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { includeServiceInfos: false } })];
		// both map their input by an expression, as a workflow does (the HTTP Request node evaluates its URL per item)
		const theirs = [node(HTTP_REQUEST_STAND_IN, 'HTTP Request', { url: '={{ $json.url }}' })];
		const types = [...NODE_TYPES, httpRequestStandIn('ovhApi')];
		const idItems = Array.from({ length: ITEMS }, () => ({ json: { id: 12345 } }));
		const urlItems = idItems.map((i) => ({ json: { url: `${sandbox.baseUrl}/service/${String(i.json.id)}` } }));
		ensureSuccess(await runLine(store, ours, idItems.slice(0, 20), types), 'warm-up (node)');
		ensureSuccess(await runLine(store, theirs, urlItems.slice(0, 20), types), 'warm-up (HTTP Request)');
		for (let round = 0; round < ROUNDS; round++) {
			let start = now();
			ensureSuccess(await runLine(store, ours, idItems, types), 'Get Service Info by ID');
			times.node.push((now() - start) / ITEMS);
			start = now();
			ensureSuccess(await runLine(store, theirs, urlItems, types), 'HTTP Request stand-in');
			times.http.push((now() - start) / ITEMS);
		}
	} finally {
		await sandbox.close();
	}
	const ours = median(times.node);
	const theirs = median(times.http);
	printTable(
		`7. Per-call overhead: the same signed GET /service/{id}, ${ITEMS} items in one execution, median of ${ROUNDS} rounds (target: ≤ 1.2×)`,
		['caller', 'ms per call (median)', 'rounds', 'ratio to HTTP Request'],
		[
			['Get Service Info By ID (this package)', fmt(ours, 3), times.node.map((t) => fmt(t, 3)).join(' / '), fmt(ours / theirs, 2)],
			["HTTP Request node's call (legacy requestWithAuthentication)", fmt(theirs, 3), times.http.map((t) => fmt(t, 3)).join(' / '), '1.00'],
		],
		['in-process n8n-core engine (test/harness) with a stand-in making the HTTP Request node\'s call; sandbox in a child process, no injected latency.'],
	);
}
