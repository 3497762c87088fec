// Re-running the renewal chain over many services must reuse every order of the first run, however many there are
// (a duplicate check that only read the latest 20 orders re-ordered and re-paid everything past the 20th service).
import { FIRST_SERVICE_ID, generateState } from '../../fixtures/generated-state';
import type { RunningSandbox } from '../../../sandbox';
import { loggedRequests, createOrderNode, newOrders, payOrderNode, runNodes, useSandbox } from '../helpers';

const SERVICES = 30;

let sbx: RunningSandbox;
const sandbox = useSandbox({ state: generateState({ services: SERVICES, expiresInDays: () => 10 }), deliveryDelayMs: 50 });
beforeEach(() => {
	sbx = sandbox();
});

const items = Array.from({ length: SERVICES }, (_, i) => ({
	json: { serviceId: FIRST_SERVICE_ID + i, renewPeriod: 'P1Y', services: [FIRST_SERVICE_ID + i] },
}));

function chainNodes() {
	return [createOrderNode(), payOrderNode({ maxAmount: 50 })];
}

it(`a second run over ${SERVICES} services reuses all ${SERVICES} orders and pays nothing more`, async () => {
	const first = await runNodes(sbx, chainNodes(), { inputItems: items });
	expect(first.status).toBe('success');
	expect(first.json('Pay Order').filter((j) => j.paid === true)).toHaveLength(SERVICES);
	expect(newOrders(sbx)).toHaveLength(SERVICES);

	sbx.clearRequests();
	const second = await runNodes(sbx, chainNodes(), { inputItems: items });
	expect(second.status).toBe('success');
	expect(second.json('Create Renew Order').every((j) => j.reused === true && j.alreadyPaid === true)).toBe(true);
	expect(second.json('Pay Order').every((j) => j.paid === false && j.alreadyPaid === true)).toBe(true);
	expect(loggedRequests(sbx, 'POST')).toHaveLength(0);
	expect(newOrders(sbx)).toHaveLength(SERVICES);
	// The recent orders and their details are read once for the whole execution, not once per item.
	expect(loggedRequests(sbx, 'GET', '/me/order')).toHaveLength(1);
	expect(loggedRequests(sbx, 'GET', '/me/order/*/details')).toHaveLength(SERVICES);
});
