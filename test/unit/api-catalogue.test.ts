/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only test (reads README.md), never shipped */
/**
 * The OVH route catalogue (nodes/shared/api/catalogue.json) is the one list of routes the package calls: every entry
 * is well-formed, only orders and payments write, and the README's createToken links are generated from it.
 */
import fs from 'node:fs';
import path from 'node:path';

import { OVH_ROUTES, ovhRoute, routePath, routeRule } from '../../nodes/shared/api/catalogue';
import { encodePathSegment } from '../../nodes/shared/signing';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tokenLinks = require('../../scripts/token-links.js') as {
	tokenRules: (options?: { readOnly?: boolean }) => string[];
	readmeBlock: () => string;
	START: string;
	END: string;
};

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

describe('OVH route catalogue', () => {
	it('has unique ids and unique method + path pairs', () => {
		expect(new Set(OVH_ROUTES.map((r) => r.id)).size).toBe(OVH_ROUTES.length);
		expect(new Set(OVH_ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(OVH_ROUTES.length);
	});

	it.each(OVH_ROUTES.map((r) => [r.id, r] as const))('%s is well-formed', (_, route) => {
		expect(['GET', 'POST', 'PUT', 'DELETE']).toContain(route.method);
		expect(route.path).toMatch(/^(\/(\{[A-Za-z]+\}|[A-Za-z]+))+$/);
		// The access rule is the path with each {param} replaced by *.
		expect(route.rule).toBe(route.path.replace(/\{[^}]+\}/g, '*'));
		expect(routeRule(route)).toBe(route.rule);
		// The one POST that is a read: the IAM authorization check changes nothing (iam-v2.json), so it may be retried.
		const postRead = route.id === 'iamAuthorizationCheck';
		expect(route.kind).toBe(route.method === 'GET' || postRead ? 'read' : 'write');
		// OVH's schemas give an IAM action for every route but the /auth ones and the v2 IAM check.
		if (route.path.startsWith('/auth/') || postRead) expect(route.iamAction).toBe('');
		else expect(route.iamAction).toMatch(/^(\{resourceType\}|[a-zA-Z]+):apiovh:[a-zA-Z/]+$/);
		if (route.iamAction === '') expect(route.note).toEqual(expect.any(String));
	});

	it('writes are exactly the renew order and the two payments', () => {
		expect(OVH_ROUTES.filter((r) => r.kind === 'write').map((r) => `${r.method} ${r.path}`).sort()).toEqual([
			'POST /me/order/{orderId}/pay',
			'POST /me/order/{orderId}/payWithRegisteredPaymentMean',
			'POST /service/{serviceId}/renew',
		]);
	});

	it('only /auth/time is unauthenticated', () => {
		expect(OVH_ROUTES.filter((r) => r.auth === 'none').map((r) => r.path)).toEqual(['/auth/time']);
	});

	it('builds paths with each parameter percent-encoded, raw ones as given, and hints with raw ones filled in', () => {
		const infos = ovhRoute('serviceInfos');
		const params = { product: { raw: 'dedicated/server' }, serviceName: '141.94.185.0/28' };
		expect(routePath(infos, params, encodePathSegment)).toBe('/dedicated/server/141.94.185.0%2F28/serviceInfos');
		expect(routeRule(infos, params)).toBe('/dedicated/server/*/serviceInfos');
		expect(routePath(ovhRoute('orderDetail'), { orderId: 7, orderDetailId: 9 }, encodePathSegment)).toBe('/me/order/7/details/9');
		expect(() => routePath(ovhRoute('order'), {}, encodePathSegment)).toThrow(/orderId/);
	});
});

describe('createToken links (scripts/token-links.js)', () => {
	it('the README block between the markers is exactly the generated one (npm run token-links -- --write)', () => {
		const start = README.indexOf(tokenLinks.START);
		const end = README.indexOf(tokenLinks.END);
		expect(start).toBeGreaterThan(-1);
		expect(end).toBeGreaterThan(start);
		expect(README.slice(start + tokenLinks.START.length, end)).toBe(`\n${tokenLinks.readmeBlock()}\n`);
	});

	it('asks for every signed route, each granted by a rule of its method', () => {
		const rules = tokenLinks.tokenRules();
		// Routes only service accounts call (their credential test and preflight) need no consumer-key rule.
		for (const route of OVH_ROUTES.filter((r) => r.auth !== 'none' && r.only !== 'serviceAccount' && !r.path.startsWith('/{product}/'))) {
			const granted = rules.some((r) => {
				const [method, rule] = r.split('=');
				return method === route.method && (rule === route.rule || (rule.endsWith('/*') && route.rule.startsWith(rule.slice(0, -1))));
			});
			expect(granted ? route.id : `${route.id} not granted`).toBe(route.id);
		}
		expect(rules).toEqual(expect.arrayContaining(['GET=/vps/*', 'GET=/domain/*', 'GET=/hosting/web/*', 'GET=/dedicated/server/*', 'GET=/ip/*']));
	});

	it('the read-only link has the GET rules only, and no order or payment', () => {
		const readOnly = tokenLinks.tokenRules({ readOnly: true });
		expect(readOnly.every((r) => r.startsWith('GET='))).toBe(true);
		expect(readOnly).toEqual(tokenLinks.tokenRules().filter((r) => r.startsWith('GET=')));
	});
});
