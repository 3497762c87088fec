/**
 * Get Service Info's output against the sandbox's default state: by name, by ID (merged with the product's
 * serviceInfos found through the service's route), all services with limit / returnAll / expiringWithinDays,
 * Simplify off; and the `searchServices` list search with its filter and pagination token.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OvhApi } from '../../../credentials/OvhApi.credentials';
import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import type { RunningSandbox, SandboxService } from '../../../sandbox';
import { runListSearch } from '../../harness';
import { byIdLocator, loggedRequests, ovhCredentialStore, requestLines, runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

const DAY_MS = 86_400_000;

function service(sbx: RunningSandbox, serviceId: number): SandboxService {
	const found = sbx.state().services.find((s) => s.serviceId === serviceId);
	if (!found) throw new Error(`no service ${serviceId}`);
	return found;
}

/** Days from today (UTC) to the sandbox's expiration date of the service. */
function daysLeft(sbx: RunningSandbox, serviceId: number): number {
	const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
	return Math.round((Date.parse(`${service(sbx, serviceId).expiration}T00:00:00Z`) - today) / DAY_MS);
}

async function get(sbx: RunningSandbox, parameters: INodeParameters) {
	const result = await runNode(sbx, OvhGetServiceInfo, parameters, { credential: { timeDelta: '0' } });
	expect(result.error?.message).toBeUndefined();
	expect(result.status).toBe('success');
	return result.json('Node');
}

describe('the default state as the tests read it', () => {
	it('has the expirations the README documents (relative to today)', () => {
		const sbx = sandbox();
		expect([12345, 67890, 112233, 112234, 445566, 778899, 990011].map((id) => daysLeft(sbx, id))).toEqual([12, 12, 25, 25, 75, 5, -10]);
	});
});

describe('by name', () => {
	it('returns one flat item: serviceId, expiration, daysUntilExpiration, renewMode, status and the serviceInfos details', async () => {
		const sbx = sandbox();
		const vps = service(sbx, 112233);
		const [item] = await get(sbx, { lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' });

		expect(item).toEqual({
			serviceId: 112233,
			serviceName: 'vps112233.ovh.net',
			displayName: 'vps112233.ovh.net',
			product: 'vps',
			expiration: vps.expiration,
			daysUntilExpiration: daysLeft(sbx, 112233),
			renewMode: 'manual',
			status: 'ok',
			renewalType: 'automaticV2016',
			renewPeriodMonths: 1,
			possibleRenewPeriodMonths: [1, 3, 6, 12],
			deleteAtExpiration: false,
			manualPayment: true,
			creation: vps.creation,
			engagedUpTo: null,
			contactAdmin: 'xx12345-ovh',
			contactBilling: 'xx12345-ovh',
			contactTech: 'xx12345-ovh',
		});
		expect(requestLines(sbx)).toEqual(['GET /vps/vps112233.ovh.net/serviceInfos 200']);
	});

	it('an automatically renewed dedicated server (product with a slash) reads as renewMode automatic', async () => {
		const sbx = sandbox();
		const [item] = await get(sbx, { lookup: 'byName', product: 'dedicated/server', serviceName: 'ns3012345.ip-51-91-0.eu' });
		expect(item).toMatchObject({
			serviceId: 445566,
			renewMode: 'automatic',
			daysUntilExpiration: daysLeft(sbx, 445566),
			engagedUpTo: service(sbx, 445566).engagedUpTo,
		});
		expect(requestLines(sbx)).toEqual(['GET /dedicated/server/ns3012345.ip-51-91-0.eu/serviceInfos 200']);
	});

	it('an expired domain: negative daysUntilExpiration and status expired', async () => {
		const sbx = sandbox();
		const [item] = await get(sbx, { lookup: 'byName', product: 'domain', serviceName: 'old-project.fr' });
		expect(item).toMatchObject({ serviceId: 990011, status: 'expired', daysUntilExpiration: -10 });
	});

	it('Simplify off: the raw serviceInfos answer', async () => {
		const sbx = sandbox();
		const vps = service(sbx, 112233);
		const items = await get(sbx, { lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net', simplify: false });
		expect(items).toEqual([
			{
				product: 'vps',
				serviceName: 'vps112233.ovh.net',
				serviceInfos: {
					canDeleteAtExpiration: vps.canDeleteAtExpiration,
					contactAdmin: 'xx12345-ovh',
					contactBilling: 'xx12345-ovh',
					contactTech: 'xx12345-ovh',
					creation: vps.creation,
					domain: 'vps112233.ovh.net',
					engagedUpTo: null,
					expiration: vps.expiration,
					possibleRenewPeriod: [1, 3, 6, 12],
					renew: { automatic: false, deleteAtExpiration: false, forced: false, manualPayment: true, period: 1 },
					renewalType: 'automaticV2016',
					serviceId: 112233,
					status: 'ok',
				},
			},
		]);
	});
});

describe('by ID', () => {
	it('merges GET /service/{id} with the serviceInfos reached through route.path + route.vars (IP block)', async () => {
		const sbx = sandbox();
		const ip = service(sbx, 778899);
		const [item] = await get(sbx, { lookup: 'byId', serviceId: byIdLocator(778899) });

		expect(item).toEqual({
			serviceId: 778899,
			serviceName: '141.94.185.0/28',
			displayName: '141.94.185.0/28',
			product: 'ip',
			expiration: ip.expiration,
			daysUntilExpiration: daysLeft(sbx, 778899),
			renewMode: 'manual',
			status: 'ok',
			state: 'ok',
			planCode: 'ip-v4-s28-ripe',
			productName: 'ip',
			renewInterval: 'P1M',
			possibleRenewIntervals: ['P1M', 'P3M'],
			nextBillingDate: ip.expiration,
			creationDate: ip.creation,
			engagementDate: null,
			route: '/ip/141.94.185.0/28',
			renewalType: 'automaticV2016',
			renewPeriodMonths: 1,
			possibleRenewPeriodMonths: [1, 3],
			deleteAtExpiration: false,
			manualPayment: true,
			creation: ip.creation,
			engagedUpTo: null,
			contactAdmin: 'xx12345-ovh',
			contactBilling: 'xx12345-ovh',
			contactTech: 'xx12345-ovh',
		});
		expect(requestLines(sbx)).toEqual(['GET /service/778899 200', 'GET /ip/141.94.185.0%2F28/serviceInfos 200']);
	});

	it('an option without serviceInfos (its route is not a product root): only GET /service/{id}', async () => {
		const sbx = sandbox();
		const [item] = await get(sbx, { lookup: 'byId', serviceId: byIdLocator(112234) });
		expect(item).toMatchObject({
			serviceId: 112234,
			serviceName: 'automatedBackup',
			displayName: 'vps112233.ovh.net automated backup',
			product: null,
			expiration: service(sbx, 112234).expiration,
			daysUntilExpiration: daysLeft(sbx, 112234),
			route: '/vps/vps112233.ovh.net/option/automatedBackup',
		});
		expect(item).not.toHaveProperty('renewalType');
		expect(requestLines(sbx)).toEqual(['GET /service/112234 200']);
	});

	it('Include Service Infos off: only GET /service/{id}', async () => {
		const sbx = sandbox();
		const [item] = await get(sbx, { lookup: 'byId', serviceId: byIdLocator('  445566 '), options: { includeServiceInfos: false } });
		expect(item).toMatchObject({ serviceId: 445566, renewMode: 'automatic', product: 'dedicated/server' });
		expect(item).not.toHaveProperty('renewalType');
		expect(requestLines(sbx)).toEqual(['GET /service/445566 200']);
	});

	it('Simplify off: both raw answers', async () => {
		const sbx = sandbox();
		const [item] = await get(sbx, { lookup: 'byId', serviceId: byIdLocator(778899), simplify: false });
		expect(Object.keys(item)).toEqual(['serviceId', 'service', 'serviceInfos']);
		expect(item.serviceId).toBe(778899);
		expect(item.service).toMatchObject({
			expirationDate: service(sbx, 778899).expiration,
			resource: { name: '141.94.185.0/28' },
			route: { path: '/ip/{ip}', vars: [{ key: 'ip', value: '141.94.185.0/28' }] },
		});
		expect(item.serviceInfos).toMatchObject({ serviceId: 778899, expiration: service(sbx, 778899).expiration });
	});
});

describe('all services', () => {
	const ALL_IDS = [12345, 67890, 112233, 112234, 445566, 778899, 990011, 990022, 990033];

	// Issue 7: the services are read with one batch GET (X-Ovh-Batch), only the ones the limit needs; the single-GET
	// sequence these tests asserted before is now asserted under a refused batch in test/engine/scale/batch.test.ts.
	it('limit 3: the first three services, and no more requests than needed', async () => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all', limit: 3 });
		expect(items.map((i) => i.serviceId)).toEqual([12345, 67890, 112233]);
		expect(items.map((i) => i.expiration)).toEqual([12345, 67890, 112233].map((id) => service(sbx, id).expiration));
		expect(requestLines(sbx)).toEqual(['GET /service 200', 'GET /service/12345,67890,112233 200']);
	});

	it('default limit is 50: all 9 services', async () => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all' });
		expect(items.map((i) => i.serviceId)).toEqual(ALL_IDS);
	});

	it('returnAll: every service with its computed days', async () => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all', returnAll: true, limit: 1 });
		expect(items.map((i) => [i.serviceId, i.daysUntilExpiration])).toEqual(ALL_IDS.map((id) => [id, daysLeft(sbx, id)]));
	});

	it.each([
		[14, [12345, 67890, 778899]],
		[30, [12345, 67890, 112233, 112234, 778899]],
		[5, [778899]],
		[4, []],
		[0, []],
	])('expiringWithinDays %i: only services expiring between today and then (never the expired one)', async (days, expected) => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all', returnAll: true, options: { expiringWithinDays: days } });
		expect(items.map((i) => i.serviceId)).toEqual(expected);
		const fromState = ALL_IDS.filter((id) => daysLeft(sbx, id) >= 0 && daysLeft(sbx, id) <= days);
		expect(items.map((i) => i.serviceId)).toEqual(fromState);
	});

	it('expiringWithinDays with a limit: the limit counts matching services', async () => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all', limit: 2, options: { expiringWithinDays: 30 } });
		expect(items.map((i) => i.serviceId)).toEqual([12345, 67890]);
	});

	it('expiringWithinDays with Simplify off: raw items, same filter', async () => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all', returnAll: true, simplify: false, options: { expiringWithinDays: 14 } });
		expect(items.map((i) => i.serviceId)).toEqual([12345, 67890, 778899]);
		expect(items.every((i) => Object.keys(i).join() === 'serviceId,service,serviceInfos')).toBe(true);
		expect(items.map((i) => (i.service as IDataObject).expirationDate)).toEqual(
			[12345, 67890, 778899].map((id) => service(sbx, id).expiration),
		);
	});

	it('Include Service Infos on: the serviceInfos of every service that has a product route, batched per product', async () => {
		const sbx = sandbox();
		const items = await get(sbx, { lookup: 'all', returnAll: true, options: { includeServiceInfos: true } });
		expect(items).toHaveLength(9);
		expect(items.find((i) => i.serviceId === 445566)).toMatchObject({ renewalType: 'automaticV2016', contactAdmin: 'xx12345-ovh' });
		expect(loggedRequests(sbx, 'GET', '/*/serviceInfos').map((r) => r.path)).toEqual([
			'/domain/example-shop.ovh,old-project.fr/serviceInfos',
			'/hosting/web/exampleshop.cluster021.hosting.ovh.net,example-shop.ovh/serviceInfos',
			'/vps/vps112233.ovh.net/serviceInfos',
			'/dedicated/server/ns3012345.ip-51-91-0.eu/serviceInfos',
			'/ip/141.94.185.0%2F28/serviceInfos',
			'/domain/zone/example-shop.ovh/serviceInfos',
		]);
	});
});

describe('searchServices (the Service picker)', () => {
	function search(sbx: RunningSandbox, filter?: string, paginationToken?: string) {
		return runListSearch(OvhGetServiceInfo, 'searchServices', {
			credentialTypes: [OvhApi],
			credentials: ovhCredentialStore(sbx, { timeDelta: '0' }),
			filter,
			paginationToken,
		});
	}

	it('lists every service as "name (product) · id", value = the id, no token when all fit', async () => {
		const sbx = sandbox();
		const result = await search(sbx);
		expect(result.paginationToken).toBeUndefined();
		expect(result.results).toEqual([
			{ name: 'example-shop.ovh (domain) · 12345', value: '12345' },
			{ name: 'example-shop.ovh hosting (hosting-web) · 67890', value: '67890' },
			{ name: 'vps112233.ovh.net (vps) · 112233', value: '112233' },
			{ name: 'vps112233.ovh.net automated backup (vps-option) · 112234', value: '112234' },
			{ name: 'ns3012345.ip-51-91-0.eu (dedicated-server) · 445566', value: '445566' },
			{ name: '141.94.185.0/28 (ip) · 778899', value: '778899' },
			{ name: 'old-project.fr (domain) · 990011', value: '990011' },
			{ name: 'example-shop.ovh (dns-zone) · 990022', value: '990022' },
			{ name: 'example-shop.ovh (hosting-web) · 990033', value: '990033' },
		]);
		expect(requestLines(sbx)).toHaveLength(10);
	});

	it.each([
		['VPS', ['112233', '112234']],
		['example-SHOP', ['12345', '67890', '990022', '990033']],
		['778899', ['778899']],
		['  domain ', ['12345', '990011']],
		['nothing-like-this', []],
	])('filter %j (case-insensitive, on name, product and id)', async (filter, values) => {
		const result = await search(sandbox(), filter);
		expect(result.results.map((r) => r.value)).toEqual(values);
	});

	it('pages of 50 with a pagination token', async () => {
		const sbx = sandbox();
		const template = service(sbx, 112233);
		for (let n = 1; n <= 53; n++) {
			sbx.state().services.push({
				...template,
				serviceId: 500000 + n,
				serviceName: `vps5${String(n).padStart(5, '0')}.ovh.net`,
				displayName: `vps5${String(n).padStart(5, '0')}.ovh.net`,
			});
		}

		const first = await search(sbx);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		expect(first.results[0].value).toBe('12345');
		expect(first.results[49]).toEqual({ name: 'vps500041.ovh.net (vps) · 500041', value: '500041' });

		sbx.clearRequests();
		const second = await search(sbx, undefined, first.paginationToken as string);
		expect(second.paginationToken).toBeUndefined();
		expect(second.results.map((r) => r.value)).toEqual(Array.from({ length: 12 }, (_, i) => String(500042 + i)));
		expect(requestLines(sbx)).toHaveLength(13);

		const filtered = await search(sbx, 'vps50005', '50');
		expect(filtered.results.map((r) => r.value)).toEqual(['500050', '500051', '500052', '500053']);
	});

	it('a filter whose matches are on a later page finds them in one search; an exact ID costs one lookup', async () => {
		const sbx = sandbox();
		const template = service(sbx, 112233);
		for (let n = 1; n <= 250; n++) {
			sbx.state().services.push({
				...template,
				serviceId: 600000 + n,
				serviceName: `vps6${String(n).padStart(5, '0')}.ovh.net`,
				displayName: `vps6${String(n).padStart(5, '0')}.ovh.net`,
			});
		}

		sbx.clearRequests();
		const late = await search(sbx, 'vps600110');
		expect(late.results.map((r) => r.value)).toEqual(['600110']);
		expect(late.paginationToken).toBe('150');
		expect(requestLines(sbx)).toHaveLength(1 + 150);

		sbx.clearRequests();
		const none = await search(sbx, 'no-such-service');
		expect(none.results).toEqual([]);
		expect(none.paginationToken).toBe('200');
		expect(requestLines(sbx)).toHaveLength(1 + 200);

		sbx.clearRequests();
		const exact = await search(sbx, '600077');
		expect(exact.results.map((r) => r.value)).toEqual(['600077']);
		expect(exact.paginationToken).toBeUndefined();
		expect(requestLines(sbx)).toHaveLength(2);
	});
});
