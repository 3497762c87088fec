/**
 * The OVH Service Expiring Trigger's poll() with n8n-core's real PollContext against the sandbox's default state:
 * each (service, expiration) emitted once, nothing on the next poll, again after the expiration moves (a renewal),
 * state pruned to the window, manual mode ("Fetch test event") leaving state alone, the product and renew-mode
 * filters, and a failed poll committing nothing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OvhServiceExpiringTrigger } from '../../../nodes/OvhServiceExpiringTrigger/OvhServiceExpiringTrigger.node';
import { runPoll } from '../../harness';
import type { CredentialStore } from '../../harness';
import { admin, CREDENTIAL_TYPES, ovhCredentialStore, serviceExpiration, useSandbox } from '../helpers';

const sandbox = useSandbox();

/** The services of the default state expiring within 30 days that renew manually. */
const DUE_MANUAL = [12345, 67890, 112233, 112234, 778899];

let store: CredentialStore;
beforeEach(() => {
	store = ovhCredentialStore(sandbox(), { timeDelta: '0' });
});

async function poll(staticData: IDataObject, parameters: INodeParameters = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const result = await runPoll(OvhServiceExpiringTrigger, { credentialTypes: CREDENTIAL_TYPES, credentials: store, parameters, staticData, mode });
	return { ...result, json: result.items ? result.items[0].map((i) => i.json) : null };
}

const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.serviceId);

describe('OVH Service Expiring Trigger', () => {
	it('emits each due service once, with Get Service Info simplified items, and nothing on the next poll', async () => {
		const staticData: IDataObject = {};
		const first = await poll(staticData);
		expect(ids(first.json)).toEqual(DUE_MANUAL);
		const vps = first.json?.find((i) => i.serviceId === 112233);
		expect(vps).toMatchObject({
			serviceName: 'vps112233.ovh.net',
			product: 'vps',
			expiration: serviceExpiration(sandbox(), 112233),
			daysUntilExpiration: 25,
			renewMode: 'manual',
		});
		expect(staticData.emitted).toEqual(Object.fromEntries(DUE_MANUAL.map((id) => [String(id), serviceExpiration(sandbox(), id)])));

		const second = await poll(staticData);
		expect(second.items).toBeNull();
		expect(staticData.emitted).toEqual(first.staticData.emitted);
	});

	it('emits a service again once its expiration moves, and prunes services that left the window', async () => {
		const staticData: IDataObject = {};
		await poll(staticData);
		// A renewal moved the VPS by a month (still in a 60-day window); the IP block was renewed by a year (out of it).
		await admin(sandbox(), 'POST', '/services/112233/expiration', { expiration: '+40d' });
		await admin(sandbox(), 'POST', '/services/778899/expiration', { expiration: '+370d' });
		const again = await poll(staticData, { expiringWithinDays: 60 });
		expect(ids(again.json)).toEqual([112233]);
		expect(again.json?.[0].expiration).toBe(serviceExpiration(sandbox(), 112233));
		expect(Object.keys(staticData.emitted as IDataObject).sort()).toEqual(['112233', '112234', '12345', '67890']);
		expect((await poll(staticData, { expiringWithinDays: 60 })).items).toBeNull();
	});

	it('"Fetch test event" (manual mode) returns the current matches and leaves the state alone', async () => {
		const staticData: IDataObject = { emitted: { '12345': serviceExpiration(sandbox(), 12345) } };
		const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const manual = await poll(staticData, {}, 'manual');
		expect(ids(manual.json)).toEqual(DUE_MANUAL);
		expect(staticData).toEqual(before);
		expect(manual.staticData).toEqual(before);
	});

	it('"Fetch test event" with no match returns one item marked as a sample', async () => {
		const manual = await poll({}, { expiringWithinDays: 0 }, 'manual');
		expect(manual.json).toHaveLength(1);
		expect(manual.json?.[0]).toMatchObject({ sample: true, serviceId: 0 });
		expect(String(manual.json?.[0].sampleNote)).toMatch(/not one of your services/);
	});

	it('filters by product, reading serviceInfos only for the services kept', async () => {
		const result = await poll({}, { products: ['vps', 'ip'], includeServiceInfos: true });
		expect(ids(result.json)).toEqual([112233, 778899]);
		expect(result.json?.[0]).toMatchObject({ renewalType: 'automaticV2016', renewPeriodMonths: 1 });
		const infoReads = sandbox().requests().filter((r) => r.path.endsWith('/serviceInfos'));
		expect(infoReads.map((r) => r.path)).toEqual(['/vps/vps112233.ovh.net/serviceInfos', '/ip/141.94.185.0%2F28/serviceInfos']);
	});

	it('filters by renew mode: manual by default, automatic or any on request', async () => {
		const params = { expiringWithinDays: 100 };
		expect(ids((await poll({}, params)).json)).toEqual(DUE_MANUAL);
		expect(ids((await poll({}, { ...params, renewMode: 'automatic' })).json)).toEqual([445566]);
		expect(ids((await poll({}, { ...params, renewMode: 'any' })).json)).toEqual([...DUE_MANUAL, 445566].sort((a, b) => a - b));
	});

	it('a failed poll throws and commits nothing', async () => {
		const staticData: IDataObject = { emitted: { '12345': serviceExpiration(sandbox(), 12345) } };
		// services are read in batch GETs (issue 7): the batch read is refused, and so is the first single GET of its fallback
		await admin(sandbox(), 'POST', '/faults', { method: 'GET', path: '/service/*', type: 'status', status: 403, times: 2 });
		await expect(poll(staticData)).rejects.toThrow();
		expect(staticData).toEqual({ emitted: { '12345': serviceExpiration(sandbox(), 12345) } });
		const next = await poll(staticData);
		expect(ids(next.json)).toEqual(DUE_MANUAL.filter((id) => id !== 12345));
	});

	it('refuses a negative window before any request', async () => {
		await expect(poll({}, { expiringWithinDays: -1 })).rejects.toThrow(/whole number of days/);
		expect(sandbox().requests()).toHaveLength(0);
	});

	it('declares a polling trigger that is not usable as an AI tool', () => {
		const { description } = new OvhServiceExpiringTrigger();
		expect(description.polling).toBe(true);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.inputs).toEqual([]);
	});
});
