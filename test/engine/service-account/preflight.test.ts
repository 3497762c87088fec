/**
 * The permission preflight of Create Renew Order: before anything is ordered it proves the credential may also pay
 * (application keys: the rules of GET /auth/currentCredential; service accounts: the IAM authorization check on the
 * account URN). Refused → nothing ordered, no POST to the API, the message names the missing rule or action.
 */
import { rulesAllow } from '../../../nodes/shared/preflight';
import { DEMO_KEYS, SANDBOX_CONSUMER_KEYS, SANDBOX_SERVICE_ACCOUNTS } from '../../../sandbox';
import type { AccessRule, RunningSandbox } from '../../../sandbox';
import { byIdLocator, failure, loggedRequests, newOrders, runOne, useSandbox } from '../helpers';
import { apiPosts, runWith, saStore, viaServiceAccount } from './fixtures';
import { node } from '../../harness';

let sbx: RunningSandbox;
const sandbox = useSandbox();
beforeEach(() => {
	sbx = sandbox();
});

const ORDER = { serviceId: byIdLocator(12345), duration: 'P1Y', services: '', verifyStrategy: false };

/** A validated consumer key of the demo application with these rules. */
function consumerKeyWith(rules: AccessRule[]): string {
	const consumerKey = `sbxPreflightKey${String(rules.length).padStart(17, '0')}`;
	sbx.state().credentials.push({
		credentialId: 299000 + rules.length,
		applicationKey: DEMO_KEYS.applicationKey,
		consumerKey,
		status: 'validated',
		rules,
		creation: '2026-01-01T00:00:00+00:00',
		expiration: null,
		lastUse: null,
		credentialToken: null,
		redirection: null,
		allowedIPs: null,
	});
	return consumerKey;
}

const runWithKey = async (consumerKey: string, parameters: Record<string, unknown> = ORDER, items = 1) =>
	await runOne(sbx, 'ovhCreateRenewOrder', parameters as never, {
		credential: { consumerKey, timeDelta: '0' },
		inputItems: Array.from({ length: items }, () => ({ json: {} })),
	});

describe('rule matching (OVH: same method, * spans segments)', () => {
	it.each([
		[[{ method: 'POST', path: '/*' }], 'POST', '/service/1/renew', true],
		[[{ method: 'POST', path: '/service/*' }], 'POST', '/service/1/renew', true],
		[[{ method: 'POST', path: '/service/*/renew' }], 'POST', '/service/1/renew', true],
		[[{ method: 'GET', path: '/service/*' }], 'POST', '/service/1/renew', false],
		[[{ method: 'POST', path: '/service/*' }], 'POST', '/service', false],
		[[{ method: 'POST', path: '/me/order/*/pay' }], 'POST', '/me/order/1/payWithRegisteredPaymentMean', false],
		[[{ method: 'POST', path: '/me/order/*/pay*' }], 'POST', '/me/order/1/payWithRegisteredPaymentMean', true],
	])('%j allows %s %s: %s', (rules, method, path, allowed) => {
		expect(rulesAllow(rules, method, path)).toBe(allowed);
	});
});

describe('application keys', () => {
	it('a key that may order but not pay: nothing ordered, no POST at all, the missing rule named', async () => {
		const key = consumerKeyWith([
			{ method: 'GET', path: '/*' },
			{ method: 'POST', path: '/service/*' },
		]);
		const result = await runWithKey(key);
		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(
			'The consumer key may not pay the renewal order of service 12345: it lacks the access rule POST /me/order/*/pay (or POST /me/order/*/payWithRegisteredPaymentMean)',
		);
		expect(description).toContain('Nothing was ordered');
		expect(description).toContain('Check Permission to Pay');
		expect(loggedRequests(sbx, 'POST')).toEqual([]);
		expect(newOrders(sbx)).toEqual([]);
	});

	it('the narrow read-only key: may neither create nor pay', async () => {
		const result = await runWithKey(SANDBOX_CONSUMER_KEYS.narrow);
		expect(failure(result).message).toBe(
			'The consumer key may not create or pay the renewal order of service 12345: it lacks the access rule POST /service/*/renew and POST /me/order/*/pay (or POST /me/order/*/payWithRegisteredPaymentMean)',
		);
		expect(loggedRequests(sbx, 'POST')).toEqual([]);
	});

	it('a key without GET /auth/currentCredential cannot be checked: stopped, with the rule to add', async () => {
		const key = consumerKeyWith([
			{ method: 'GET', path: '/service*' },
			{ method: 'GET', path: '/me/*' },
			{ method: 'POST', path: '/service/*' },
			{ method: 'POST', path: '/me/order/*' },
		]);
		const result = await runWithKey(key);
		const { description } = failure(result);
		expect(description).toContain('lacks the access rule GET /auth/currentCredential');
		expect(description).toContain("could not read the consumer key's rules");
		expect(loggedRequests(sbx, 'POST')).toEqual([]);
	});

	it('a key that may pay passes; the rules are read once per execution, not per item', async () => {
		const key = consumerKeyWith([
			{ method: 'GET', path: '/*' },
			{ method: 'POST', path: '/service/*/renew' },
			{ method: 'POST', path: '/me/order/*/pay' },
		]);
		const result = await runWithKey(key, { ...ORDER, options: { reuseRecentOrder: false } }, 3);
		expect(result.status).toBe('success');
		expect(loggedRequests(sbx, 'GET', '/auth/currentCredential')).toHaveLength(1);
		expect(loggedRequests(sbx, 'POST', '/service/12345/renew')).toHaveLength(3);
	});

	it('turned off, or on a dry run, no check is made', async () => {
		const key = consumerKeyWith([
			{ method: 'GET', path: '/*' },
			{ method: 'POST', path: '/service/*' },
		]);
		expect((await runWithKey(key, { ...ORDER, dryRun: true })).status).toBe('success');
		expect((await runWithKey(key, { ...ORDER, options: { checkPermissionToPay: false } })).status).toBe('success');
		expect(loggedRequests(sbx, 'GET', '/auth/currentCredential')).toEqual([]);
		expect(newOrders(sbx)).toHaveLength(1);
	});
});

describe('service accounts', () => {
	const orderNode = (parameters: Record<string, unknown> = ORDER) =>
		viaServiceAccount(node('ovhCreateRenewOrder', 'Create Renew Order', parameters as never));

	it('a policy without the pay action: stopped before any order, 0 POSTs to the API, the action named', async () => {
		const result = await runWith(saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.noPay), [orderNode()]);
		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe(
			'The service account may not pay renewal orders: IAM does not allow account:apiovh:me/order/pay',
		);
		expect(description).toContain('Add the action account:apiovh:me/order/pay to an IAM policy of the service account');
		expect(description).toContain('Nothing was ordered');
		expect(apiPosts(sbx)).toEqual([]);
		expect(newOrders(sbx)).toEqual([]);
		expect(sbx.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /auth/oauth2/token 200',
			'GET /auth/details 200',
			'POST /iam/resource/urn%3Av1%3Aeu%3Aresource%3Aaccount%3Axx12345-ovh/authorization/check 200',
		]);
	});

	it('a read-only policy: may neither create nor pay', async () => {
		const result = await runWith(saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.readOnly), [orderNode()]);
		expect(failure(result).message).toBe(
			'The service account may not create or pay renewal orders: IAM does not allow account:apiovh:service/renew/create and account:apiovh:me/order/pay',
		);
		expect(apiPosts(sbx)).toEqual([]);
	});

	it('the minimal renew-and-pay policy passes, with one check for all items', async () => {
		const result = await runWith(saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.renewAndPay), [
			orderNode({ ...ORDER, options: { reuseRecentOrder: false } }),
		], 3);
		expect(result.status).toBe('success');
		expect(sbx.requests().filter((r) => r.path.endsWith('/authorization/check'))).toHaveLength(1);
		expect(newOrders(sbx)).toHaveLength(3);
	});

	it('turned off, the order is created (and the payment would then be refused by IAM)', async () => {
		const result = await runWith(saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.noPay), [
			orderNode({ ...ORDER, options: { checkPermissionToPay: false } }),
		]);
		expect(result.status).toBe('success');
		expect(sbx.requests().filter((r) => r.path.endsWith('/authorization/check'))).toEqual([]);
		expect(newOrders(sbx)).toHaveLength(1);
	});
});
