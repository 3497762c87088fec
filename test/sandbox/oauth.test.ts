/**
 * The sandbox's service accounts: the OAuth2 token endpoint (client credentials, HTTP Basic or form fields), Bearer
 * validation and IAM policies on /1.0 (OVH's 403 "User not granted for this request"), GET /auth/details, the v2
 * authorization checks, token lifetimes (seconds or calls), and no secret in the request log.
 */
import { SANDBOX_SERVICE_ACCOUNTS, GRANT_ENDPOINT, startSandbox } from '../../sandbox';
import type { RunningSandbox } from '../../sandbox';
import { raw } from './helpers';

let sbx: RunningSandbox;
beforeAll(async () => {
	sbx = await startSandbox({ port: 0, quiet: true });
});
beforeEach(() => {
	sbx.reset();
	sbx.clearRequests();
});
afterAll(async () => {
	await sbx.close();
});

const FULL = SANDBOX_SERVICE_ACCOUNTS.full;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function token(account: { clientId: string; clientSecret: string } = FULL): Promise<string> {
	const reply = await raw(sbx, 'POST', GRANT_ENDPOINT, {
		headers: { ...FORM, Authorization: basic(account.clientId, account.clientSecret) },
		body: 'grant_type=client_credentials&scope=all',
	});
	expect(reply.status).toBe(200);
	return (reply.json as { access_token: string }).access_token;
}

const bearer = (t: string, extra: Record<string, string> = {}) => ({ headers: { Authorization: `Bearer ${t}`, ...extra } });

describe('token endpoint', () => {
	it('issues a Bearer token for HTTP Basic client credentials, OVH lifetime 3599 s', async () => {
		const reply = await raw(sbx, 'POST', GRANT_ENDPOINT, {
			headers: { ...FORM, Authorization: basic(FULL.clientId, FULL.clientSecret) },
			body: 'grant_type=client_credentials&scope=all',
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3599, scope: 'all' });
	});

	it('accepts the client ID and secret as form fields too', async () => {
		const body = `grant_type=client_credentials&scope=all&client_id=${FULL.clientId}&client_secret=${FULL.clientSecret}`;
		expect((await raw(sbx, 'POST', GRANT_ENDPOINT, { headers: FORM, body })).status).toBe(200);
	});

	it.each([
		['a wrong secret', basic(FULL.clientId, 'wrong'), 'grant_type=client_credentials&scope=all', 401, 'invalid_client'],
		['an unknown client', basic('nobody', 'x'), 'grant_type=client_credentials&scope=all', 401, 'invalid_client'],
		['no credentials', '', 'grant_type=client_credentials', 401, 'invalid_client'],
		['another grant', basic(FULL.clientId, FULL.clientSecret), 'grant_type=password', 400, 'unsupported_grant_type'],
	])('refuses %s with RFC 6749 errors', async (_, authorization, body, status, error) => {
		const reply = await raw(sbx, 'POST', GRANT_ENDPOINT, { headers: authorization ? { ...FORM, Authorization: authorization } : FORM, body });
		expect(reply.status).toBe(status);
		expect(reply.json).toMatchObject({ error });
	});

	it('never logs the form (it may hold the client secret)', async () => {
		const body = `grant_type=client_credentials&client_id=${FULL.clientId}&client_secret=${FULL.clientSecret}`;
		await raw(sbx, 'POST', GRANT_ENDPOINT, { headers: FORM, body });
		expect(JSON.stringify(sbx.requests())).not.toContain(FULL.clientSecret);
	});
});

describe('Bearer calls on /1.0', () => {
	it('a valid token reads the API without any X-Ovh header; /auth/details names the account', async () => {
		const t = await token();
		expect((await raw(sbx, 'GET', '/1.0/service', bearer(t))).status).toBe(200);
		const details = await raw(sbx, 'GET', '/1.0/auth/details', bearer(t));
		expect(details.json).toMatchObject({ account: 'xx12345-ovh', identities: [FULL.identity] });
	});

	it('an unknown token is 401', async () => {
		expect((await raw(sbx, 'GET', '/1.0/service', bearer('nope'))).status).toBe(401);
	});

	it('a token expires after its lifetime in seconds (sandbox clock) or its number of calls', async () => {
		const t = await token();
		sbx.setClockOffset(3600);
		const expired = await raw(sbx, 'GET', '/1.0/service', bearer(t));
		expect(expired.status).toBe(401);
		expect(expired.json).toMatchObject({ class: 'Client::Unauthorized' });

		sbx.reset();
		await raw(sbx, 'POST', '/__sandbox/oauth', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tokenMaxUses: 2 }) });
		const short = await token();
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await raw(sbx, 'GET', '/1.0/service', bearer(short))).status);
		expect(statuses).toEqual([200, 200, 401]);
	});

	it("IAM refuses an action outside the policies with OVH's 403, before executing it", async () => {
		const t = await token(SANDBOX_SERVICE_ACCOUNTS.readOnly);
		const ordersBefore = sbx.state().orders.length;
		const reply = await raw(sbx, 'POST', '/1.0/service/12345/renew', {
			...bearer(t, { 'Content-Type': 'application/json' }),
			body: JSON.stringify({ dryRun: false, duration: 'P1Y', services: [12345] }),
		});
		expect(reply.status).toBe(403);
		expect(reply.json).toEqual({ class: 'Client::Forbidden', message: 'User not granted for this request' });
		expect(sbx.state().orders).toHaveLength(ordersBefore);
		expect((await raw(sbx, 'GET', '/1.0/vps/vps112233.ovh.net/serviceInfos', bearer(t))).status).toBe(200);
	});

	it('/auth/currentCredential is for consumer keys only', async () => {
		expect((await raw(sbx, 'GET', '/1.0/auth/currentCredential', bearer(await token()))).status).toBe(403);
	});
});

describe('v2 IAM authorization checks', () => {
	const urn = 'urn:v1:eu:resource:account:xx12345-ovh';
	const actions = ['account:apiovh:service/renew/create', 'account:apiovh:me/order/pay'];

	it('POST /v2/iam/resource/{urn}/authorization/check splits authorized and unauthorized actions', async () => {
		const t = await token(SANDBOX_SERVICE_ACCOUNTS.noPay);
		const reply = await raw(sbx, 'POST', `/v2/iam/resource/${encodeURIComponent(urn)}/authorization/check`, {
			...bearer(t, { 'Content-Type': 'application/json' }),
			body: JSON.stringify({ actions }),
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ authorizedActions: [actions[0]], unauthorizedActions: [actions[1]] });
	});

	it('the batch form answers one entry per resource', async () => {
		const t = await token();
		const reply = await raw(sbx, 'POST', '/v2/iam/authorization/check', {
			...bearer(t, { 'Content-Type': 'application/json' }),
			body: JSON.stringify({ actions, resourceURNs: [urn] }),
		});
		expect(reply.json).toEqual([{ resourceURN: urn, authorizedActions: actions, unauthorizedActions: [] }]);
	});

	it('needs a Bearer token', async () => {
		const reply = await raw(sbx, 'POST', `/v2/iam/resource/${encodeURIComponent(urn)}/authorization/check`, {
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ actions }),
		});
		expect(reply.status).toBe(401);
	});
});
