/**
 * The sandbox serves every route the package calls (the catalogue, nodes/shared/api/catalogue.json), and the
 * package catalogues every /1.0 route the sandbox serves, so neither drifts from the other unnoticed.
 * Path templates are compared with their parameter names normalised (`{serviceId}` and `{id}` are both `{}`).
 */
import { OVH_ROUTES } from '../../nodes/shared/api/catalogue';
import { SANDBOX_V2_ROUTES } from '../../sandbox/api-iam';
import { SANDBOX_ROUTES } from '../../sandbox/routes';

/** Sandbox /1.0 routes the package deliberately never calls, with the reason. */
const SANDBOX_ONLY: Record<string, string> = {
	'POST /auth/credential':
		'creates a consumer key (the createToken flow): done by the user in a browser, the tests use it to get keys',
	'GET /me/order/{}/availableRegisteredPaymentMean':
		'lists payable means for an order: Pay Order takes the mean from its parameters and never asks',
	'POST /v2/iam/authorization/check':
		'the batch form of the IAM check: the preflight checks one resource (the account) with the single-resource route',
};

/** API v2 routes (the catalogue's `base: 'v2'`, the sandbox's SANDBOX_V2_ROUTES) are compared with a /v2 prefix. */
function normalise(route: { method: string; path: string; base?: string }): string {
	const path = route.path.replace(/^\/(1\.0|v1)(?=\/)/, '').replace(/\{[^}]*\}/g, '{}');
	return `${route.method.toUpperCase()} ${route.base === 'v2' ? '/v2' : ''}${path}`;
}

/** Sandbox routes of the OVH API (its admin routes live elsewhere, not under /1.0). */
const sandboxApi = [
	...SANDBOX_ROUTES.filter((r) => !/^\/(__|admin|_sandbox)/.test(r.path)),
	...SANDBOX_V2_ROUTES.map((r) => ({ ...r, base: 'v2' })),
].map(normalise);
const catalogue = OVH_ROUTES.map(normalise);

describe('sandbox coverage of the route catalogue', () => {
	it('serves every catalogue route', () => {
		expect(catalogue.filter((route) => !sandboxApi.includes(route))).toEqual([]);
	});

	it('every /1.0 route it serves is in the catalogue, or a listed sandbox-only route', () => {
		expect(sandboxApi.filter((route) => !catalogue.includes(route) && !(route in SANDBOX_ONLY))).toEqual([]);
	});

	it('every listed sandbox-only route still exists (the list does not go stale)', () => {
		expect(Object.keys(SANDBOX_ONLY).filter((route) => !sandboxApi.includes(route))).toEqual([]);
	});
});
