/**
 * 5. The full renewal chain in one execution for N services: Manual Trigger → Get Service Info (All Services, Return
 * All, expiring within 30 days) → List Renew Strategies (P1Y, this service alone) → Create Renew Order → Pay Order
 * (PayPal #1234, Max Amount 100, no Wait for Delivery), fields mapped with expressions as a user wires them. The
 * sandbox (child process) holds N generated services that all expire within 30 days, one P1Y offer each; paid orders
 * stay "checking" for the whole benchmark (delivery delay 1 h), so a re-run sees the same services.
 *
 * Each node class is wrapped to put a marker in the sandbox's request record when it starts (one IPC round trip, well
 * under a millisecond, inside the measured time), so requests are counted per node exactly.
 *
 * Scenarios: a first run with the default options; the same workflow run again right after on the same account (the
 * re-run path: Create Renew Order's Reuse Recent Order, Pay Order's status check); a first run with Reuse Recent Order
 * turned off (what the duplicate check costs).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	createRenewOrder,
	ensureSuccess,
	getServiceInfo,
	listRenewStrategies,
	nodeTypesWithStartHook,
	payOrder,
	perNode,
	requestsByRoute,
	runLine,
	sandboxCredentialStore,
} from './lib/engine';
import type { NodeTiming } from './lib/engine';
import { startSandboxProcess } from './lib/sandbox-process';
import type { RemoteSandbox, SandboxHit } from './lib/sandbox-process';
import { envInt, fmt, fmtInt, now, printTable } from './lib/stats';
import { generateState } from '../test/fixtures/generated-state';

/** Services renewed in one execution (BENCH_CHAIN_N to change it). */
const N = envInt('BENCH_CHAIN_N', 50, 1000);
const DELIVERY_DELAY_MS = 3_600_000;
const NODE_NAMES = ['Get Service Info', 'List Renew Strategies', 'Create Renew Order', 'Pay Order'];

interface ScenarioResult {
	name: string;
	ms: number;
	requests: number;
	ordersCreated: number;
	payments: number;
	reused: number;
	alreadyPaid: number;
	paidOut: number;
	nodes: NodeTiming[];
	routes: Array<[string, number]>;
}

function workflow(createOptions: INodeParameters) {
	return [
		getServiceInfo({ lookup: 'all', returnAll: true, options: { expiringWithinDays: 30 } }),
		listRenewStrategies({ filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
		createRenewOrder({ options: createOptions }),
		payOrder({ maxAmount: 100 }),
	];
}

async function runScenario(
	name: string,
	sandbox: RemoteSandbox,
	store: ReturnType<typeof sandboxCredentialStore>,
	createOptions: INodeParameters,
): Promise<ScenarioResult> {
	await sandbox.clearRequests();
	const nodeTypes = nodeTypesWithStartHook(async (nodeName) => await sandbox.mark(nodeName));
	const start = now();
	const result = await runLine(store, workflow(createOptions), undefined, nodeTypes);
	const ms = now() - start;
	ensureSuccess(result, name);
	const log: SandboxHit[] = await sandbox.requests();
	const ok = (r: SandboxHit) => r.status >= 200 && r.status < 300;
	const created = result.json('Create Renew Order') as IDataObject[];
	const paid = result.json('Pay Order') as IDataObject[];
	return {
		name,
		ms,
		requests: log.length,
		ordersCreated: log.filter((r) => r.method === 'POST' && /^\/service\/\d+\/renew$/.test(r.path) && ok(r)).length,
		payments: log.filter((r) => r.method === 'POST' && /^\/me\/order\/\d+\/pay/.test(r.path) && ok(r)).length,
		reused: created.filter((c) => c.reused === true).length,
		alreadyPaid: paid.filter((p) => p.alreadyPaid === true).length,
		paidOut: paid.length,
		nodes: perNode(result.runData, NODE_NAMES, await sandbox.requestsPerMark()),
		routes: requestsByRoute(log),
	};
}

export async function run(): Promise<void> {
	const state = () => generateState({ services: N, expiresInDays: (i) => 1 + (i % 28) });
	const results: ScenarioResult[] = [];

	// warm-up on a throwaway account (loads and JIT-compiles n8n-core and the four nodes), not measured
	const warm = await startSandboxProcess({ state: generateState({ services: 5, expiresInDays: () => 3 }), deliveryDelayMs: DELIVERY_DELAY_MS });
	try {
		ensureSuccess(await runLine(sandboxCredentialStore(warm.baseUrl), workflow({})), 'warm-up');
	} finally {
		await warm.close();
	}

	const first = await startSandboxProcess({ state: state(), deliveryDelayMs: DELIVERY_DELAY_MS });
	try {
		const store = sandboxCredentialStore(first.baseUrl);
		results.push(await runScenario(`first run, N=${N}, defaults`, first, store, {}));
		results.push(await runScenario('re-run right after (orders paid, not delivered)', first, store, {}));
	} finally {
		await first.close();
	}

	const noReuse = await startSandboxProcess({ state: state(), deliveryDelayMs: DELIVERY_DELAY_MS });
	try {
		const store = sandboxCredentialStore(noReuse.baseUrl);
		results.push(await runScenario(`first run, N=${N}, Reuse Recent Order off`, noReuse, store, { reuseRecentOrder: false }));
	} finally {
		await noReuse.close();
	}

	printTable(
		`5a. Renewal chain Get Service Info → List → Create → Pay, ${N} services in one execution`,
		['scenario', 'total s', 'requests', 'ms/service', 'orders created', 'payments', 'reused orders', 'alreadyPaid', 'Pay items'],
		results.map((r) => [
			r.name,
			fmt(r.ms / 1000, 2),
			fmtInt(r.requests),
			fmt(r.ms / N, 1),
			fmtInt(r.ordersCreated),
			fmtInt(r.payments),
			fmtInt(r.reused),
			fmtInt(r.alreadyPaid),
			fmtInt(r.paidOut),
		]),
		[
			'a warm-up execution (5 services, throwaway sandbox) runs first; each first run has its own fresh sandbox and credential.',
			'requests = every OVH request the sandbox received during the execution (GET /auth/time included on a first run).',
		],
	);
	printTable(
		'5b. Renewal chain per node',
		['scenario / node', 'node ms', 'out items', 'requests', 'ms/request'],
		results.flatMap((r) =>
			r.nodes.map((n) => [`${r.name} / ${n.node}`, fmt(n.ms, 0), fmtInt(n.items), fmtInt(n.requests), n.requests ? fmt(n.ms / n.requests, 2) : '-']),
		),
		[
			"node ms = n8n's executionTime; requests = what the sandbox received between the node's start and the next node's start.",
			...results.map((r) => `${r.name}: ${r.routes.map(([route, n]) => `${route} ×${fmtInt(n)}`).join(', ')}`),
		],
	);
}
