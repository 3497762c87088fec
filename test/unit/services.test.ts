// Pure service helpers of nodes/shared/services.ts: a service's route → product + service name (for serviceInfos),
// the product parameter, and the flat service item.
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { PRODUCT_OPTIONS, SERVICE_INFO_PRODUCTS, parseProduct, routeToProduct, toServiceItem } from '../../nodes/shared/services';

const NODE: INode = { id: 'n1', name: 'Get Service Info', type: 'n8n-nodes-ovh-renewal.ovhGetServiceInfo', typeVersion: 1, position: [0, 0], parameters: {} };

describe('routeToProduct', () => {
	it.each([
		['/vps/vps112233.ovh.net', 'vps', 'vps112233.ovh.net'],
		['/domain/example-shop.ovh', 'domain', 'example-shop.ovh'],
		['/domain/zone/example-shop.ovh', 'domain/zone', 'example-shop.ovh'],
		['/hosting/web/example.cluster029.hosting.ovh.net', 'hosting/web', 'example.cluster029.hosting.ovh.net'],
		['/dedicated/server/ns3001234.ip-51-75-1.eu/', 'dedicated/server', 'ns3001234.ip-51-75-1.eu'],
		['/ip/141.94.185.0%2F28', 'ip', '141.94.185.0/28'],
		['/domain/my%20shop.ovh', 'domain', 'my shop.ovh'],
		['/domain/50%off.ovh', 'domain', '50%off.ovh'],
	])('route.url %s → %s %s', (url, product, serviceName) => {
		expect(routeToProduct({ url })).toEqual({ product, serviceName });
	});

	it('prefers route.path + vars, which keeps a slash inside the name', () => {
		const route = { path: '/ip/{ip}', url: '/ip/141.94.185.0/28', vars: [{ key: 'ip', value: '141.94.185.0/28' }] };
		expect(routeToProduct(route)).toEqual({ product: 'ip', serviceName: '141.94.185.0/28' });
		expect(routeToProduct({ url: '/ip/141.94.185.0/28' })).toBeUndefined();
	});

	it('falls back to route.url when the template is unknown or its variable is missing', () => {
		expect(routeToProduct({ path: '/vps/{serviceName}', url: '/vps/vps1.ovh.net', vars: [] })).toEqual({ product: 'vps', serviceName: 'vps1.ovh.net' });
		expect(routeToProduct({ path: '/unknownProduct/{id}', url: '/vps/vps2.ovh.net', vars: [{ key: 'id', value: 'x' }] })).toEqual({ product: 'vps', serviceName: 'vps2.ovh.net' });
		expect(routeToProduct({ path: '/vps/{serviceName}/extra', url: '/vps/vps3.ovh.net' })).toEqual({ product: 'vps', serviceName: 'vps3.ovh.net' });
	});

	it.each([
		[undefined],
		[{}],
		[{ url: '' }],
		[{ url: '/domain/' }],
		[{ url: '/domain' }],
		[{ url: '/unknown/x' }],
		[{ url: '/domain/example.com/extra' }],
		[{ url: '/vpsx/vps1.ovh.net' }],
	])('has no product for %p', (route) => {
		expect(routeToProduct(route as Parameters<typeof routeToProduct>[0])).toBeUndefined();
	});
});

describe('parseProduct and the product list', () => {
	it('accepts every listed prefix, with or without slashes around it', () => {
		for (const { value } of SERVICE_INFO_PRODUCTS) expect(parseProduct(NODE, 0, value)).toBe(value);
		expect(parseProduct(NODE, 0, ' /dedicated/server/ ')).toBe('dedicated/server');
	});

	it.each([['VPS'], ['dedicated'], [''], [undefined], [42]])('refuses %p, naming the item and listing the prefixes', (raw) => {
		let error: unknown;
		try {
			parseProduct(NODE, 1, raw);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		const { message, description } = error as NodeOperationError;
		expect(message).toBe(`Product "${String(raw ?? '')}" is not an OVH product with service information (item 2)`);
		expect(description).toContain('dedicated/server, domain, domain/zone');
	});

	it('lists unique prefixes, each with its serviceInfos path', () => {
		const values = SERVICE_INFO_PRODUCTS.map((p) => p.value);
		expect(new Set(values).size).toBe(values.length);
		expect(PRODUCT_OPTIONS.find((o) => o.value === 'ip')).toEqual({ name: 'IP', value: 'ip', description: '/ip/{serviceName}/serviceInfos' });
	});
});

describe('toServiceItem', () => {
	const NOW = Date.parse('2030-01-01T12:00:00Z');

	it('puts the fields later nodes need first, from serviceInfos and the service', () => {
		const item = toServiceItem(
			NOW,
			{ serviceId: 12345, resource: { name: 'example-shop.ovh', displayName: 'Shop' }, renew: { mode: 'manual', interval: 'P1Y', possibleIntervals: ['P1Y'] }, state: 'active', route: { url: '/domain/example-shop.ovh' } },
			{ serviceId: 12345, domain: 'example-shop.ovh', expiration: '2030-01-11', status: 'ok', renew: { automatic: true, period: 12 } },
			{ product: 'domain', serviceName: 'example-shop.ovh' },
		);
		expect(Object.keys(item).slice(0, 8)).toEqual(['serviceId', 'serviceName', 'displayName', 'product', 'expiration', 'daysUntilExpiration', 'renewMode', 'status']);
		expect(item).toMatchObject({ serviceId: 12345, serviceName: 'example-shop.ovh', displayName: 'Shop', expiration: '2030-01-11', daysUntilExpiration: 10, renewMode: 'automatic', status: 'ok', route: '/domain/example-shop.ovh', renewPeriodMonths: 12 });
	});

	it('without serviceInfos: expiration from the service (date only), renew mode from its renew.mode', () => {
		const item = toServiceItem(NOW, { expirationDate: '2029-12-25T10:00:00+01:00', renew: { mode: 'manual' }, state: 'expired' }, undefined, { serviceId: 7 });
		expect(item).toMatchObject({ serviceId: 7, expiration: '2029-12-25', daysUntilExpiration: -7, renewMode: 'manual', status: 'expired' });
		expect(item).not.toHaveProperty('renewalType');
	});

	it('with nothing known: nulls, not undefined', () => {
		expect(toServiceItem(NOW, undefined, undefined)).toEqual({
			serviceId: null, serviceName: null, displayName: null, product: null, expiration: null, daysUntilExpiration: null, renewMode: null, status: null,
		});
	});
});
