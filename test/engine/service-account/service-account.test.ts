/**
 * The `ovhOAuth2Api` credential (OVHcloud service accounts) through n8n's engine against the sandbox: the renewal
 * chain end to end with Bearer tokens only, a token expiring in the middle of an execution (reads and writes),
 * a wrong client secret (credential test and node), IAM refusals naming the action, and both credential types in
 * one workflow.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { OvhApi } from '../../../credentials/OvhApi.credentials';
import { OvhOAuth2Api } from '../../../credentials/OvhOAuth2Api.credentials';
import { OvhCreateRenewOrder } from '../../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhServiceExpiringTrigger } from '../../../nodes/OvhServiceExpiringTrigger/OvhServiceExpiringTrigger.node';
import { runListSearch, runLoadOptions, runPoll } from '../../harness';
import { SANDBOX_SERVICE_ACCOUNTS } from '../../../sandbox';
import type { RunningSandbox } from '../../../sandbox';
import {
	byIdLocator,
	createOrderNode,
	deepText,
	failure,
	getServiceInfoNode,
	listStrategiesNode,
	newOrders,
	payOrderNode,
	useSandbox,
} from '../helpers';
import { apiPosts, oauthAdmin, runWith, saCredentialData, saStore, tokenRequests, viaServiceAccount } from './fixtures';

let sbx: RunningSandbox;
const sandbox = useSandbox({ deliveryDelayMs: 100 });
beforeEach(() => {
	sbx = sandbox();
});

const domainChain = () =>
	[
		getServiceInfoNode({ lookup: 'byName', product: 'domain', serviceName: 'example-shop.ovh' }),
		listStrategiesNode({ filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
		createOrderNode(),
		payOrderNode(),
	].map(viaServiceAccount);

/** n8n's `httpRequest` helper shape over fetch, as the credential test's preAuthentication gets it. */
function fetchHelper(): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const response = await fetch(options.url, {
					method: options.method,
					headers: options.headers as Record<string, string>,
					body: options.body as string,
				});
				const text = await response.text();
				return { statusCode: response.status, body: text ? (JSON.parse(text) as unknown) : '' };
			},
		},
	} as unknown as IHttpRequestHelper;
}

describe('the renewal chain with a service account', () => {
	it('orders and pays with Bearer tokens only: one token, no signature, the preflight checked IAM first', async () => {
		const result = await runWith(saStore(sbx), domainChain());

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')).toEqual([expect.objectContaining({ orderId: 240000101, paid: true })]);
		expect(newOrders(sbx).map((o) => o.orderId)).toEqual([240000101]);
		expect(tokenRequests(sbx).map((r) => r.status)).toEqual([200]);
		expect(sbx.requests().filter((r) => r.signed || r.hasConsumerKey)).toEqual([]);
		const lines = sbx.requests().map((r) => `${r.method} ${r.path}`);
		const check = lines.findIndex((l) => l.endsWith('/authorization/check'));
		expect(lines[check]).toBe(
			'POST /iam/resource/urn%3Av1%3Aeu%3Aresource%3Aaccount%3Axx12345-ovh/authorization/check',
		);
		expect(check).toBeLessThan(lines.indexOf('POST /service/12345/renew'));
		expect(lines).toContain('GET /auth/details');
		const secret = SANDBOX_SERVICE_ACCOUNTS.full.clientSecret;
		expect(deepText({ runData: result.runData, error: result.error ?? null })).not.toContain(secret);
		expect(deepText(sbx.requests())).not.toContain(secret);
	});

	// A token lasts an hour on OVH; here it lasts a few calls, at least 2 (a refresh is proven by one read, then the
	// refused call is sent again).
	it.each([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
		'a token that expires after %i calls is refreshed mid-execution: no item fails, each write executes once',
		async (uses) => {
			await oauthAdmin(sbx, { tokenMaxUses: uses });
			const result = await runWith(saStore(sbx), domainChain());

			expect(result.status).toBe('success');
			expect(newOrders(sbx)).toHaveLength(1);
			expect(newOrders(sbx)[0].status).not.toBe('notPaid');
			const writes = apiPosts(sbx);
			// Every write refused for its token (401, before OVH executes anything) was sent again once and executed once.
			expect(writes.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
				'/service/12345/renew',
				'/me/order/240000101/payWithRegisteredPaymentMean',
			]);
			for (const refused of writes.filter((r) => r.status === 401)) {
				const next = writes[writes.indexOf(refused) + 1];
				expect(next).toMatchObject({ path: refused.path, status: 200 });
			}
			// One token, plus one per GET that met the expired token: n8n refreshes on a GET's 401; a POST's 401 is
			// followed by such a GET, then the POST is sent again as a new request.
			const refusedGets = sbx.requests().filter((r) => r.status === 401 && r.method === 'GET');
			expect(tokenRequests(sbx).length).toBe(1 + refusedGets.length);
			for (const refused of sbx.requests().filter((r) => r.status === 401 && r.method === 'POST')) {
				const next = sbx.requests()[sbx.requests().indexOf(refused) + 1];
				expect(next).toMatchObject({ method: 'GET', path: '/auth/details', status: 401 });
			}
		},
	);

	it('across those lifetimes, writes were among the calls that met an expired token', async () => {
		let refusedWrites = 0;
		for (const uses of [8, 9, 10, 11, 12, 13, 14, 15]) {
			sbx.reset();
			sbx.clearRequests();
			await oauthAdmin(sbx, { tokenMaxUses: uses });
			const result = await runWith(saStore(sbx), domainChain());
			expect(result.status).toBe('success');
			refusedWrites += apiPosts(sbx).filter((r) => r.status === 401).length;
		}
		expect(refusedWrites).toBeGreaterThan(0);
	});
});

describe('a wrong client secret', () => {
	const wrong = { clientId: SANDBOX_SERVICE_ACCOUNTS.full.clientId, clientSecret: 'not-the-secret' };

	it('the credential test (preAuthentication, run on every test) says the client ID or secret was refused', async () => {
		const credential = new OvhOAuth2Api();
		const data = saCredentialData(sbx, wrong) as ICredentialDataDecryptedObject;
		await expect(credential.preAuthentication.call(fetchHelper(), data)).rejects.toThrow(
			/refused the service account's Client ID or Client Secret: the token endpoint answered HTTP 401 \(invalid_client/,
		);
		const good = await credential.preAuthentication.call(fetchHelper(), saCredentialData(sbx) as ICredentialDataDecryptedObject);
		expect(good.accessToken).toEqual(expect.stringMatching(/^sbx-at-/));
	});

	it('the node fails with the same words, sends nothing to the API and leaks no secret', async () => {
		const result = await runWith(saStore(sbx, wrong), [
			viaServiceAccount(getServiceInfoNode({ lookup: 'byName', product: 'domain', serviceName: 'example-shop.ovh' })),
		]);
		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toContain("OVH refused the service account's Client ID or Client Secret");
		expect(description).toContain('could not obtain a token');
		expect(sbx.requests().filter((r) => r.basePath !== null)).toEqual([]);
		// Not mistaken for an expired API token: the token endpoint is asked once.
		expect(tokenRequests(sbx)).toHaveLength(1);
		expect(deepText({ error: result.error ?? null, thrown: result.thrownError ?? null })).not.toContain('not-the-secret');
	});

	it('Create Renew Order reports a refusal, not an unknown outcome, and orders nothing', async () => {
		const result = await runWith(saStore(sbx, wrong), [
			viaServiceAccount(createOrderNode({ serviceId: byIdLocator(12345), duration: 'P1Y', services: '', verifyStrategy: false, options: { checkPermissionToPay: false } })),
		]);
		expect(result.status).toBe('error');
		expect(failure(result).description).not.toMatch(/may or may not|unknown/i);
		expect(newOrders(sbx)).toEqual([]);
	});
});

describe('IAM refusals', () => {
	it('a 403 "User not granted for this request" names the IAM action of the route and the policy to add', async () => {
		const result = await runWith(saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.readOnly), [
			viaServiceAccount(createOrderNode({ serviceId: byIdLocator(12345), duration: 'P1Y', services: '', verifyStrategy: false, options: { checkPermissionToPay: false } })),
		]);
		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('OVH: User not granted for this request');
		expect(description).toContain('POST /service/*/renew');
		expect(description).toContain('it needs the action account:apiovh:service/renew/create');
		expect(description).toContain('IAM policy of the service account');
		expect(newOrders(sbx)).toEqual([]);
	});
});

describe('both credential types in one workflow', () => {
	it('application keys for the reads, the service account for ordering and paying', async () => {
		const [info, list, order, pay] = domainChain();
		const keys = (n: typeof info) => ({ ...n, parameters: { ...n.parameters, authentication: 'applicationKey' } });
		const result = await runWith(saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.renewAndPay, true), [keys(info), keys(list), order, pay]);

		expect(result.status).toBe('success');
		expect(result.json('Pay Order')).toEqual([expect.objectContaining({ paid: true })]);
		const api = sbx.requests().filter((r) => r.basePath === '/1.0');
		const line = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
		const signed = api.filter((r) => r.signed).map(line);
		const bearer = api.filter((r) => !r.signed && !r.hasConsumerKey && r.path !== '/auth/time').map(line);
		expect(signed).toEqual(expect.arrayContaining(['GET /domain/example-shop.ovh/serviceInfos', 'GET /service/12345/renew']));
		expect(signed.filter((l) => l.startsWith('POST'))).toEqual([]);
		expect(bearer).toEqual(
			expect.arrayContaining(['POST /service/12345/renew', 'POST /me/order/240000101/payWithRegisteredPaymentMean']),
		);
		expect(bearer).not.toContain('GET /domain/example-shop.ovh/serviceInfos');
	});
});

describe('dropdowns with a service account', () => {
	it('the service list and the renew periods load with the Bearer token', async () => {
		const opts = { credentialTypes: [OvhApi, OvhOAuth2Api], credentials: saStore(sbx) };
		const services = await runListSearch(OvhCreateRenewOrder, 'searchServices', {
			...opts,
			parameters: { authentication: 'serviceAccount' },
		});
		expect(services.results.length).toBeGreaterThan(0);
		const periods = await runLoadOptions(OvhCreateRenewOrder, 'getRenewPeriods', {
			...opts,
			parameters: { authentication: 'serviceAccount', serviceId: byIdLocator(12345) },
		});
		expect(periods.map((p) => p.value)).toContain('P1Y');
		expect(sbx.requests().filter((r) => r.signed)).toEqual([]);
		expect(tokenRequests(sbx)).toHaveLength(1); // the token stored by the first call serves the second
	});
});

describe('the Service Expiring Trigger with a service account', () => {
	it('polls with the Bearer token and emits the due services', async () => {
		const result = await runPoll(OvhServiceExpiringTrigger, {
			credentialTypes: [OvhApi, OvhOAuth2Api],
			credentials: saStore(sbx, SANDBOX_SERVICE_ACCOUNTS.readOnly),
			parameters: { authentication: 'serviceAccount' },
			staticData: {},
			mode: 'trigger',
		});
		expect((result.items?.[0] ?? []).map((i) => i.json.serviceId)).toEqual([12345, 67890, 112233, 112234, 778899]);
		expect(sbx.requests().filter((r) => r.signed)).toEqual([]);
		expect(tokenRequests(sbx)).toHaveLength(1);
	});
});
