/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only test: CHAOS_SEED picks another draw, never shipped */
// Issue 10, chaos: 200 renewal executions (8 epochs × 5 rounds × 5 at once, over 6 services) of the whole chain,
// with faults drawn at random from a fixed, printed seed: answers dropped or 5xx after the effect (orders created,
// payments taken), 429 with Retry-After, latency, status lag after payment, and duplicate deliveries (the same
// execution started twice at once). Each execution has its own consumer key, so the sandbox log tells who sent what.
// Proven from the sandbox's state and log, per epoch (the sandbox is reset between epochs, a new renewal period):
// every service paid at most once, nothing paid above its cap, no write re-sent by an execution, and every failed
// execution's error names its order (when it had one) and OVH's query id (when OVH answered).
// Re-run another draw with CHAOS_SEED=<n>.
import type { FaultSpec, RunningSandbox } from '../../../sandbox';
import type { RunResult } from '../../harness';
import { admin, newOrders, useSandbox } from '../helpers';
import {
	aboutOrder,
	count,
	dice,
	failingAnswer,
	failureKind,
	failureText,
	isPaymentPost,
	moneySafetyState,
	outputOf,
	paidByRenewal,
	printTable,
	priceWithTaxOf,
	renewalChain,
	resentWrites,
	runAsSlot,
	serviceIdOf,
	slotCredentialId,
	unknownOutcome,
} from './kit';

const SEED = Number(process.env.CHAOS_SEED ?? 20261128);
const EPOCHS = 8;
const ROUNDS = 5;
const CONCURRENT = 5;
const SERVICES = 6;
/** The last service's cap is a cent below its price: it must never be paid. */
const UNDER_CAP = SERVICES - 1;

const d = dice(SEED);
const caps = Array.from({ length: SERVICES }, (_, i) =>
	i === UNDER_CAP ? Math.round((priceWithTaxOf(i) - 0.01) * 100) / 100 : Math.round((priceWithTaxOf(i) + d.pick([0, 0, 0.5, 10])) * 100) / 100,
);

let sbx: RunningSandbox;
const sandbox = useSandbox({ state: moneySafetyState(SERVICES, ROUNDS * CONCURRENT), deliveryDelayMs: 50 });
beforeEach(() => {
	sbx = sandbox();
});

interface Execution {
	epoch: number;
	round: number;
	slot: number;
	service: number;
	duplicateOf?: number;
	result: RunResult;
}

const PAY = '/me/order/*/pay*';
const RENEW = '/service/*/renew';

/** This round's faults, drawn from the seed. The status lag applies to orders paid from now on. */
async function injectFaults(): Promise<void> {
	const lag = d.chance(0.4) ? { delayMs: d.int(50, 400), reads: d.int(1, 3) } : { delayMs: 0, reads: 0 };
	await admin(sbx, 'POST', '/order-status-lag', lag);
	const faults: FaultSpec[] = [];
	if (d.chance(0.25)) faults.push({ method: 'POST', path: RENEW, type: 'drop', when: 'after' });
	if (d.chance(0.15)) faults.push({ method: 'POST', path: RENEW, type: 'status', status: 503, when: 'after' });
	if (d.chance(0.3)) faults.push({ method: 'POST', path: PAY, type: 'drop', when: 'after' });
	if (d.chance(0.3)) faults.push({ method: 'POST', path: PAY, type: 'status', status: d.pick([500, 502, 504]), when: 'after' });
	if (d.chance(0.4)) {
		const [method, path] = d.pick([
			['GET', '/me/order'],
			['GET', RENEW],
			['GET', '/me/order/*/status'],
			['POST', RENEW],
			['POST', PAY],
		] as const);
		faults.push({ method, path, type: 'status', status: 429, retryAfter: 1, when: 'before' });
	}
	if (d.chance(0.5)) faults.push({ type: 'latency', delayMs: d.int(20, 200), times: d.int(1, 6) });
	for (const fault of faults) sbx.addFault(fault);
}

async function runRound(epoch: number, round: number): Promise<Execution[]> {
	const services = Array.from({ length: CONCURRENT }, () => d.int(0, SERVICES - 1));
	const duplicateOf = d.chance(0.5) ? d.int(0, CONCURRENT - 2) : undefined;
	if (duplicateOf !== undefined) services[CONCURRENT - 1] = services[duplicateOf];
	await injectFaults();
	const executions = await Promise.all(
		services.map(async (service, k) => {
			const slot = round * CONCURRENT + k;
			const items = [{ json: { serviceId: serviceIdOf(service) } }];
			const result = await runAsSlot(sbx, slot, renewalChain(caps[service]), items);
			const dup = k === CONCURRENT - 1 ? duplicateOf : undefined;
			return { epoch, round, slot, service, ...(dup !== undefined ? { duplicateOf: dup } : {}), result };
		}),
	);
	sbx.clearFaults();
	return executions;
}

/** The money invariants of one epoch, from the sandbox's state and log; returns the violations. */
function checkEpoch(epoch: number, executions: Execution[]): string[] {
	const violations: string[] = [];
	const requests = sbx.requests();
	for (const [key, orders] of paidByRenewal(sbx)) {
		if (orders.length > 1) violations.push(`epoch ${epoch}: ${key} paid ${orders.length} times (orders ${orders.map((o) => o.orderId).join(', ')})`);
	}
	for (const order of newOrders(sbx).filter((o) => o.paidAt !== null)) {
		const i = Number(order.serviceId) - serviceIdOf(0);
		if (!(order.priceWithTax <= caps[i])) violations.push(`epoch ${epoch}: order ${order.orderId} paid ${order.priceWithTax} above cap ${caps[i]}`);
	}
	violations.push(...resentWrites(requests).map((line) => `epoch ${epoch}: ${line}`));
	for (const e of executions.filter((x) => x.result.status !== 'success')) {
		const text = failureText(e.result);
		const orderId = outputOf(e.result, 'Create Renew Order')[0]?.orderId;
		const where = `epoch ${epoch} round ${e.round} slot ${e.slot} (${failureKind(e.result)})`;
		if (orderId !== undefined && orderId !== null && !text.includes(String(orderId))) violations.push(`${where}: error does not name order ${orderId}`);
		const inPayOrder = e.result.executionOrder.at(-1) === 'Pay Order' && orderId !== undefined && orderId !== null;
		const answer = failingAnswer(requests, slotCredentialId(e.slot), inPayOrder ? aboutOrder(Number(orderId)) : undefined);
		if (answer && !text.includes(answer.queryId)) {
			violations.push(`${where}: error does not give the query id of ${answer.method} ${answer.path} ${answer.status}`);
		}
	}
	return violations;
}

function faultKind(fault: string, method: string, path: string): string {
	const target = /\/pay/.test(path) && method === 'POST' ? 'payment POST' : /\/renew$/.test(path) && method === 'POST' ? 'renew POST' : 'GET';
	return `${fault.replace(/latency \d+ms/, 'latency')} on ${target}`;
}

it(`${EPOCHS * ROUNDS * CONCURRENT} renewal executions under seeded chaos: paid at most once, within the cap, no write re-sent`, async () => {
	// eslint-disable-next-line no-console
	console.log(`Chaos seed: ${SEED} (re-run this draw with CHAOS_SEED=${SEED}); caps incl. tax: ${caps.join(', ')}; prices: ${caps.map((_, i) => priceWithTaxOf(i)).join(', ')}`);
	const all: Execution[] = [];
	const violations: string[] = [];
	const faults: Record<string, number> = {};
	const epochs: Record<string, unknown>[] = [];
	let lagRounds = 0;
	for (let epoch = 0; epoch < EPOCHS; epoch++) {
		if (epoch > 0) {
			sbx.reset();
			sbx.clearRequests();
		}
		const executions: Execution[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			executions.push(...(await runRound(epoch, round)));
			const lag = (await admin(sbx, 'GET', '/order-status-lag')) as { delayMs?: number; reads?: number };
			if ((lag.delayMs ?? 0) > 0) lagRounds++;
		}
		violations.push(...checkEpoch(epoch, executions));
		const requests = sbx.requests();
		for (const r of requests.filter((x) => x.fault)) {
			const kind = faultKind(String(r.fault), r.method, r.path);
			faults[kind] = (faults[kind] ?? 0) + 1;
		}
		epochs.push({
			epoch,
			executions: executions.length,
			ordersCreated: newOrders(sbx).length,
			ordersPaid: [...paidByRenewal(sbx).values()].flat().length,
			paymentPosts: count(requests, isPaymentPost),
			unknownOutcomes: count(requests, (r) => (isPaymentPost(r) || /\/renew$/.test(r.path)) && r.method === 'POST' && unknownOutcome(r)),
			failed: count(executions, (e) => e.result.status !== 'success'),
		});
		all.push(...executions);
	}

	const pays = all.flatMap((e) => outputOf(e.result, 'Pay Order'));
	const creates = all.flatMap((e) => outputOf(e.result, 'Create Renew Order'));
	const failedByKind: Record<string, number> = {};
	for (const e of all.filter((x) => x.result.status !== 'success')) failedByKind[failureKind(e.result)] = (failedByKind[failureKind(e.result)] ?? 0) + 1;
	printTable(`Chaos (seed ${SEED}): per epoch`, epochs);
	printTable(`Chaos (seed ${SEED}): outcomes`, [
		{ what: 'executions', count: all.length },
		{ what: 'duplicate deliveries', count: count(all, (e) => e.duplicateOf !== undefined) },
		{ what: 'succeeded', count: count(all, (e) => e.result.status === 'success') },
		{ what: 'paid (Pay Order paid: true)', count: count(pays, (j) => j.paid === true) },
		{ what: '  of which confirmedAfterUncertainResponse', count: count(pays, (j) => j.confirmedAfterUncertainResponse === true) },
		{ what: 'alreadyPaid', count: count(pays, (j) => j.alreadyPaid === true) },
		{ what: 'orders reused', count: count(creates, (j) => j.reused === true) },
		{ what: '  of which recoveredAfterUncertainResponse', count: count(creates, (j) => j.recoveredAfterUncertainResponse === true) },
		{ what: '  of which superseded own order', count: count(creates, (j) => j.supersededOrderId !== undefined) },
		{ what: 'failed', count: count(all, (e) => e.result.status !== 'success') },
	]);
	printTable(`Chaos (seed ${SEED}): failed executions by kind`, Object.entries(failedByKind).map(([kind, n]) => ({ kind, executions: n })));
	printTable(
		`Chaos (seed ${SEED}): faults injected (from the sandbox log; status lag in ${lagRounds} of ${EPOCHS * ROUNDS} rounds)`,
		Object.entries(faults).map(([kind, n]) => ({ kind, requests: n })),
	);
	if (violations.length) printTable(`Chaos (seed ${SEED}): violations`, violations.map((v) => ({ violation: v })));

	expect(all).toHaveLength(EPOCHS * ROUNDS * CONCURRENT);
	// The draw did try every kind of fault (a seed that skipped one would prove less).
	const injected = (pattern: RegExp) => Object.entries(faults).filter(([kind]) => pattern.test(kind)).reduce((n, [, k]) => n + k, 0);
	expect({
		dropAfterPayment: injected(/^drop \(after\) on payment/) > 0,
		serverErrorAfterPayment: injected(/^status 5\d\d \(after\) on payment/) > 0,
		dropAfterRenew: injected(/^drop \(after\) on renew/) > 0,
		serverErrorAfterRenew: injected(/^status 5\d\d \(after\) on renew/) > 0,
		rateLimited: injected(/^status 429/) > 0,
		latency: injected(/^latency/) > 0,
		statusLag: lagRounds > 0,
		duplicates: all.some((e) => e.duplicateOf !== undefined),
	}).toEqual({
		dropAfterPayment: true,
		serverErrorAfterPayment: true,
		dropAfterRenew: true,
		serverErrorAfterRenew: true,
		rateLimited: true,
		latency: true,
		statusLag: true,
		duplicates: true,
	});
	expect(violations).toEqual([]);
}, 300_000);
