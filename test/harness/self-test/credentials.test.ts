/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped */
// Harness self-test: credentials in runWorkflow behave as in n8n's CLI (preAuthentication and its persistence, the
// re-auth retry, declarative authenticate).
import type { IncomingMessage, ServerResponse } from 'node:http';

import type {
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	createCredentialStore,
	runWorkflow,
} from '../index';

import {
	api,
	authenticateInputs,
	base,
	credential,
	fetchWorkflow,
	TestApi,
	TestFetch,
	useFakeApi,
} from './fixtures';

useFakeApi();

describe('runWorkflow: credentials', () => {
	it('runs preAuthentication once and persists its result across executions', async () => {
		const store = createCredentialStore({ 'cred-1': credential() });
		expect(store.data('cred-1').token).toBeUndefined();

		const first = await runWorkflow({
			...base,
			credentials: store,
			workflow: fetchWorkflow(),
			inputItems: [{ json: {} }, { json: {} }],
		});
		expect(first.status).toBe('success');
		expect(api.tokenHits).toBe(1);
		expect(first.credentialStore.get('cred-1')).toEqual({ ...credential().data, token: 'tok-1' });
		expect(store.updates).toHaveLength(1);
		expect(
			first.credentialEvents.filter((e) => e.kind === 'preAuthentication' && e.ran),
		).toHaveLength(1);

		const second = await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow() });
		expect(second.status).toBe('success');
		expect(api.tokenHits).toBe(1);
		expect(store.updates).toHaveLength(1);
		expect(api.apiCalls()).toHaveLength(3);
	});

	it('re-runs preAuthentication and retries once (re-signing) when the token is rejected with 400', async () => {
		const store = createCredentialStore({ 'cred-1': credential() });
		await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow() });
		expect(store.data('cred-1').token).toBe('tok-1');

		api.rotate();
		api.seen = [];
		authenticateInputs.length = 0;
		const result = await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow() });

		expect(result.status).toBe('success');
		expect(api.tokenHits).toBe(2);
		expect(store.data('cred-1').token).toBe('tok-2');
		const [stale, retried] = api.apiCalls();
		expect(stale).toMatchObject({ status: 400, headers: { 'x-token': 'tok-1' } });
		expect(retried).toMatchObject({ status: 200, headers: { 'x-token': 'tok-2' } });
		// authenticate ran again for the retry: new nonce, new signature
		expect(retried.headers['x-nonce']).not.toBe(stale.headers['x-nonce']);
		expect(retried.headers['x-signature']).not.toBe(stale.headers['x-signature']);
		expect(result.json('Fetch')).toEqual([{ id: '1', nonce: retried.headers['x-nonce'] }]);
		// the retry hands `authenticate` its own previous output (already signed), not the
		// node's original options: a signing authenticate must be idempotent on its output
		expect(authenticateInputs).toHaveLength(2);
		expect(authenticateInputs[0].headers).toBeUndefined();
		expect(authenticateInputs[1].headers).toMatchObject({ 'x-token': 'tok-1', 'x-nonce': stale.headers['x-nonce'] });
		expect(
			result.credentialEvents
				.filter((e) => e.kind === 'preAuthentication')
				.map((e) => e.kind === 'preAuthentication' && [e.credentialsExpired, e.ran]),
		).toEqual([
			[false, false],
			[true, true],
		]);
	});

	it('does not retry a status outside preAuthenticationRetryStatusCode (default: 401 only)', async () => {
		const store = createCredentialStore({ 'cred-1': { ...credential(), data: { ...credential().data, token: 'old' } } });

		const noRetry = await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow({ retryOn: '' }) });
		expect(noRetry.status).toBe('error');
		expect(noRetry.error).toMatchObject({ httpCode: '400' });
		expect(api.tokenHits).toBe(0);

		api.staleStatus = 401;
		const retried = await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow({ retryOn: '' }) });
		expect(retried.status).toBe('success');
		expect(api.tokenHits).toBe(1);
	});

	it('re-signs and re-sends a 401 once even when the credential type has nothing to refresh', async () => {
		class NoRefreshApi extends TestApi {
			properties = new TestApi().properties.filter((p) => p.name !== 'token');
		}
		api.staleStatus = 401;
		const result = await runWorkflow({
			nodeTypes: [TestFetch],
			credentialTypes: [NoRefreshApi],
			credentials: { 'cred-1': { ...credential(), data: { ...credential().data, token: 'old' } } },
			workflow: fetchWorkflow({ retryOn: '' }),
		});
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ httpCode: '401' });
		expect(api.tokenHits).toBe(0);
		const calls = api.apiCalls();
		expect(calls.map((r) => r.status)).toEqual([401, 401]);
		expect(calls[1].headers['x-nonce']).not.toBe(calls[0].headers['x-nonce']);
	});

	it('retries only once: a second rejection surfaces as the error', async () => {
		const store = createCredentialStore({ 'cred-1': { ...credential(), data: { ...credential().data, token: 'old' } } });
		// the token endpoint keeps handing out a token the API rejects
		const original = api.token;
		api.token = 'never-valid';
		const handle = (api.server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void);
		api.server.removeAllListeners('request');
		api.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			if (req.url === '/auth/token') {
				api.tokenHits++;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ token: 'rejected-too' }));
				return;
			}
			handle(req, res);
		});
		try {
			const result = await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow() });
			expect(result.status).toBe('error');
			expect(api.tokenHits).toBe(1);
			expect(api.apiCalls().map((r) => [r.headers['x-token'], r.status])).toEqual([
				['old', 400],
				['rejected-too', 400],
			]);
			expect(result.error).toMatchObject({ httpCode: '400' });
		} finally {
			api.server.removeAllListeners('request');
			api.server.on('request', handle);
			api.token = original;
		}
	});

	it('applies a declarative (generic) authenticate object like the CLI', async () => {
		class GenericApi implements ICredentialType {
			name = 'testApi';
			displayName = 'Test API (generic)';
			properties: INodeProperties[] = [
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
				{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
			];
			authenticate = {
				type: 'generic' as const,
				properties: { headers: { 'x-api-key': '={{ "key-" + $credentials.apiKey }}' } },
			};
		}
		const result = await runWorkflow({
			nodeTypes: [TestFetch],
			credentialTypes: [GenericApi],
			credentials: { 'cred-1': { type: 'testApi', data: { baseUrl: api.baseUrl, apiKey: 'abc' } } },
			workflow: fetchWorkflow({ path: '/echo' }),
		});
		expect(result.status).toBe('success');
		expect(result.json('Fetch')).toEqual([{ apiKey: 'key-abc' }]);
	});
});
