// Issue 10, concurrency: 20 identical executions of the whole chain (Get Service Info → List Renew Strategies →
// Create Renew Order → Pay Order with a cap) for 5 services, started at the same instant against one sandbox, end
// with each service paid exactly once. Proven from the sandbox's own state (paid orders) and request log (payments
// accepted), not from what the nodes say; a table of what happened is printed.
import type { IDataObject } from 'n8n-workflow';

import type { RunningSandbox } from '../../../sandbox';
import type { RunResult } from '../../harness';
import { failure, newOrders, useSandbox } from '../helpers';
import {
	count,
	isPaymentPost,
	moneySafetyState,
	outputOf,
	paidByRenewal,
	printTable,
	renewalChain,
	resentWrites,
	runAsSlot,
	serviceIdOf,
	slotCredentialId,
} from './kit';

const SERVICES = 5;
const EXECUTIONS = 20;
/** Every generated P1Y price is at most 28.79 with tax. */
const CAP = 50;

let sbx: RunningSandbox;
const sandbox = useSandbox({ state: moneySafetyState(SERVICES, EXECUTIONS), deliveryDelayMs: 50 });
beforeEach(() => {
	sbx = sandbox();
});

const serviceIds = Array.from({ length: SERVICES }, (_, i) => serviceIdOf(i));
const items = serviceIds.map((serviceId) => ({ json: { serviceId } }));

it(`${EXECUTIONS} identical executions for ${SERVICES} services at once: each service is paid exactly once`, async () => {
	const results: RunResult[] = await Promise.all(
		Array.from({ length: EXECUTIONS }, async (_, slot) => await runAsSlot(sbx, slot, renewalChain(CAP), items)),
	);

	const orders = newOrders(sbx);
	const paid = paidByRenewal(sbx);
	// Output items of every execution, failed ones included (the nodes before the failure did run).
	const creates = results.flatMap((r) => outputOf(r, 'Create Renew Order'));
	const serviceOfOrder = new Map(orders.map((o) => [o.orderId, o.serviceId]));
	const pays = results.flatMap((r) => outputOf(r, 'Pay Order')).map((j): IDataObject => ({ ...j, serviceId: serviceOfOrder.get(Number(j.orderId)) ?? null }));
	const accepted = sbx.requests().filter((r) => isPaymentPost(r) && r.status === 200);

	const table = serviceIds.map((serviceId) => {
		const mine = (list: IDataObject[]) => list.filter((j) => Number(j.serviceId) === serviceId);
		const paidOrders = paid.get(`${serviceId}/P1Y`) ?? [];
		return {
			serviceId,
			ordersCreated: count(orders, (o) => o.services.includes(serviceId)),
			createdByNode: count(mine(creates), (j) => j.reused === false),
			reused: count(mine(creates), (j) => j.reused === true),
			superseded: count(mine(creates), (j) => j.supersededOrderId !== undefined),
			paidOrders: paidOrders.map((o) => o.orderId).join(','),
			paymentsAccepted: count(accepted, (r) => paidOrders.some((o) => r.path.startsWith(`/me/order/${o.orderId}/`))),
			itemsPaid: count(mine(pays), (j) => j.paid === true),
			itemsAlreadyPaid: count(mine(pays), (j) => j.alreadyPaid === true),
		};
	});
	printTable(`Concurrency: ${EXECUTIONS} identical executions × ${SERVICES} services`, table);
	const outcomes: Record<string, number> = {};
	for (const r of results) {
		const key = r.status === 'success' ? 'success' : `${r.executionOrder.at(-1)}: ${failure(r).message.slice(0, 90)}`;
		outcomes[key] = (outcomes[key] ?? 0) + 1;
	}
	printTable('Concurrency: execution outcomes', Object.entries(outcomes).map(([outcome, executions]) => ({ outcome, executions })));

	// The money invariants, from the sandbox: one paid P1Y order per service, one accepted payment per service,
	// every paid order within the cap, no write sent twice by one execution.
	for (const row of table) {
		expect({ serviceId: row.serviceId, paidOrders: row.paidOrders.split(',').filter(Boolean).length, payments: row.paymentsAccepted }).toEqual({
			serviceId: row.serviceId,
			paidOrders: 1,
			payments: 1,
		});
	}
	expect([...paid.keys()].sort()).toEqual(serviceIds.map((id) => `${id}/P1Y`).sort());
	expect(orders.filter((o) => o.paidAt !== null && o.priceWithTax > CAP)).toEqual([]);
	expect(resentWrites(sbx.requests())).toEqual([]);
	expect(new Set(sbx.requests().map((r) => r.credentialId))).toEqual(new Set(Array.from({ length: EXECUTIONS }, (_, s) => slotCredentialId(s))));

	// What each execution reports: all of them succeed; per service, exactly one item paid it, the others found it paid.
	expect(results.map((r) => (r.status === 'success' ? 'success' : failure(r).message))).toEqual(Array(EXECUTIONS).fill('success'));
	for (const row of table) {
		expect({ serviceId: row.serviceId, paid: row.itemsPaid, alreadyPaid: row.itemsAlreadyPaid }).toEqual({
			serviceId: row.serviceId,
			paid: 1,
			alreadyPaid: EXECUTIONS - 1,
		});
	}
}, 120_000);
