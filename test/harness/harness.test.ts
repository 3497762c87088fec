/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';

import {
	chain,
	createCredentialStore,
	credentialRef,
	manualTriggerNode,
	node,
	PACKAGE_NAME,
	runListSearch,
	runLoadOptions,
	runPoll,
	runWorkflow,
} from './index';
import type { HarnessCredential, RunOptions } from './index';

// ---------------------------------------------------------------------------------------------
// A throwaway signing API: GET /auth/token hands out the current token; every other call must
// carry x-token (current token), x-nonce and x-signature = HMAC(secret, `${token}:${nonce}`).
// ---------------------------------------------------------------------------------------------

const SECRET = 's3cret';

interface SeenRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	status: number;
}

class FakeApi {
	server: Server = createServer((req, res) => this.handle(req, res));
	token = 'tok-1';
	tokenHits = 0;
	/** status answered to a stale token (real OVH: 400 QUERY_TIME_OUT) */
	staleStatus = 400;
	seen: SeenRequest[] = [];
	baseUrl = '';
	polledItems: Array<{ id: number; bad?: boolean }> = [];

	async start() {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop() {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	reset() {
		this.token = 'tok-1';
		this.tokenHits = 0;
		this.staleStatus = 400;
		this.seen = [];
		this.polledItems = [];
	}

	/** the server's clock moves: the stored token goes stale */
	rotate() {
		this.token = `tok-${Number(this.token.slice(4)) + 1}`;
	}

	apiCalls() {
		return this.seen.filter((r) => !r.path.startsWith('/auth/'));
	}

	private send(
		req: IncomingMessage,
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {},
	) {
		this.seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, status });
		res.writeHead(status, { 'content-type': 'application/json', 'x-query-id': `q-${this.seen.length}`, ...headers });
		res.end(JSON.stringify(body));
	}

	private handle(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/auth/token') {
			this.tokenHits++;
			return this.send(req, res, 200, { token: this.token });
		}
		if (url.pathname === '/echo') {
			return this.send(req, res, 200, { apiKey: req.headers['x-api-key'] ?? null });
		}
		const token = req.headers['x-token'];
		const nonce = req.headers['x-nonce'];
		const signature = createHmac('sha256', SECRET).update(`${token}:${nonce}`).digest('hex');
		if (signature !== req.headers['x-signature']) {
			return this.send(req, res, 403, { message: 'Invalid signature', errorCode: 'INVALID_SIGNATURE' });
		}
		if (token !== this.token) {
			return this.send(req, res, this.staleStatus, {
				message: 'Query out of time',
				errorCode: 'QUERY_TIME_OUT',
			});
		}
		if (url.pathname === '/items') {
			const filter = url.searchParams.get('filter') ?? '';
			const all = ['alpha', 'beta', 'gamma'].filter((n) => n.includes(filter));
			return this.send(req, res, 200, all);
		}
		if (url.pathname === '/poll') {
			const after = Number(url.searchParams.get('after') ?? 0);
			return this.send(req, res, 200, this.polledItems.filter((i) => i.id > after));
		}
		if (url.pathname.startsWith('/items/missing')) {
			return this.send(req, res, 404, { message: 'This service does not exist', class: 'Client::NotFound' });
		}
		if (url.pathname.startsWith('/items/')) {
			return this.send(req, res, 200, { id: url.pathname.slice('/items/'.length), nonce });
		}
		return this.send(req, res, 404, { message: 'no route' });
	}
}

const api = new FakeApi();

// ---------------------------------------------------------------------------------------------
// Throwaway credential + nodes
// ---------------------------------------------------------------------------------------------

let nonceCounter = 0;
/** copies of what `authenticate` received, in order */
const authenticateInputs: IHttpRequestOptions[] = [];

class TestApi implements ICredentialType {
	name = 'testApi';
	displayName = 'Test API';
	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url: `${credentials.baseUrl as string}/auth/token`,
			json: true,
		})) as { token: string };
		return { token: response.token };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		authenticateInputs.push(JSON.parse(JSON.stringify(requestOptions)) as IHttpRequestOptions);
		const nonce = String(++nonceCounter);
		const token = credentials.token as string;
		const signature = createHmac('sha256', credentials.secret as string)
			.update(`${token}:${nonce}`)
			.digest('hex');
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'x-token': token, 'x-nonce': nonce, 'x-signature': signature },
		};
	}
}

class TestFetch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Fetch',
		name: 'testFetch',
		group: ['transform'],
		version: 1,
		description: 'GET a path with the test API credential',
		defaults: { name: 'Test Fetch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testApi', required: true }],
		properties: [
			{ displayName: 'Path', name: 'path', type: 'string', default: '/items/1' },
			{ displayName: 'Retry On', name: 'retryOn', type: 'string', default: '400,401' },
			{ displayName: 'Full Response', name: 'fullResponse', type: 'boolean', default: false },
			{ displayName: 'Ignore HTTP Status', name: 'ignoreStatus', type: 'boolean', default: false },
			{ displayName: 'Rewrap Message', name: 'rewrapMessage', type: 'string', default: '' },
		],
	};

	methods = {
		listSearch: {
			async searchItems(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('testApi');
				const names = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'testApi',
					{ method: 'GET', url: `${baseUrl}/items`, qs: { filter: filter ?? '' }, json: true },
					{ preAuthenticationRetryStatusCode: [400, 401] },
				)) as string[];
				return { results: names.map((name) => ({ name, value: name })) };
			},
		},
		loadOptions: {
			async getItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('testApi');
				const prefix = this.getCurrentNodeParameter('path') as string;
				const names = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'GET',
					url: `${baseUrl}/items`,
					json: true,
				})) as string[];
				return names.map((name) => ({ name: `${prefix}${name}`, value: name }));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('testApi');
		for (let i = 0; i < items.length; i++) {
			try {
				const path = this.getNodeParameter('path', i) as string;
				const retryOn = this.getNodeParameter('retryOn', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'testApi',
					{
						method: 'GET',
						url: `${baseUrl}${path}`,
						json: true,
						returnFullResponse: this.getNodeParameter('fullResponse', i) as boolean,
						ignoreHttpStatusErrors: this.getNodeParameter('ignoreStatus', i) as boolean,
					},
					retryOn
						? { preAuthenticationRetryStatusCode: retryOn.split(',').map(Number) }
						: undefined,
				)) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				const message = this.getNodeParameter('rewrapMessage', i) as string;
				throw new NodeApiError(this.getNode(), error as JsonObject, {
					itemIndex: i,
					...(message ? { message } : {}),
				});
			}
		}
		return [out];
	}
}

class TestPoll implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Poll',
		name: 'testPoll',
		group: ['trigger'],
		version: 1,
		description: 'Polls the test API',
		defaults: { name: 'Test Poll' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testApi', required: true }],
		properties: [],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('testApi');
		const after = (state.lastId as number | undefined) ?? 0;
		const fresh = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			'testApi',
			{ method: 'GET', url: `${baseUrl}/poll`, qs: { after }, json: true },
			{ preAuthenticationRetryStatusCode: [400, 401] },
		)) as Array<{ id: number; bad?: boolean }>;
		state.lastPollMode = this.getMode();
		if (fresh.length === 0) return null;
		state.lastId = Math.max(...fresh.map((i) => i.id));
		if (fresh.some((i) => i.bad)) throw new Error('bad item');
		return [this.helpers.returnJsonArray(fresh)];
	}
}

// ---------------------------------------------------------------------------------------------

function credential(data: IDataObject = {}): HarnessCredential {
	return { type: 'testApi', name: 'Test account', data: { baseUrl: api.baseUrl, secret: SECRET, ...data } };
}

function fetchWorkflow(parameters: INodeParameters = {}, extra: Partial<INode> = {}): RunOptions['workflow'] {
	const trigger = manualTriggerNode();
	const fetch = node('testFetch', 'Fetch', parameters, { credentials: credentialRef('testApi', 'cred-1'), ...extra });
	return { nodes: [trigger, fetch], connections: chain(trigger, fetch) };
}

const base = { nodeTypes: [TestFetch], credentialTypes: [TestApi] };

beforeAll(async () => {
	await api.start();
});

afterAll(async () => {
	await api.stop();
});

beforeEach(() => {
	api.reset();
	authenticateInputs.length = 0;
});

describe('runWorkflow', () => {
	it('runs a workflow through the real engine and returns each node output', async () => {
		const result = await runWorkflow({
			...base,
			credentials: { 'cred-1': credential() },
			workflow: fetchWorkflow({ path: '={{ "/items/" + $json.n }}' }),
			inputItems: [{ json: { n: 1 } }, { json: { n: 2 } }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.executionOrder).toEqual(['When clicking ‘Execute workflow’', 'Fetch']);
		expect(result.json('Fetch')).toEqual([
			{ id: '1', nonce: expect.any(String) },
			{ id: '2', nonce: expect.any(String) },
		]);
		expect(result.output('Fetch').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// signed headers really went over the wire
		expect(api.apiCalls().map((r) => r.headers['x-token'])).toEqual(['tok-1', 'tok-1']);
	});

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

	it('turns a failing item into an error item when continueOnFail is set', async () => {
		const result = await runWorkflow({
			...base,
			credentials: { 'cred-1': credential() },
			workflow: fetchWorkflow({ path: '={{ $json.path }}' }, { continueOnFail: true }),
			inputItems: [{ json: { path: '/items/a' } }, { json: { path: '/items/missing' } }, { json: { path: '/items/c' } }],
		});

		expect(result.status).toBe('success');
		const output = result.output('Fetch');
		expect(output.map((i) => i.json)).toEqual([
			{ id: 'a', nonce: expect.any(String) },
			{ error: 'The resource you are requesting could not be found' },
			{ id: 'c', nonce: expect.any(String) },
		]);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('surfaces a thrown NodeApiError as the execution error', async () => {
		const result = await runWorkflow({
			...base,
			credentials: { 'cred-1': credential() },
			workflow: fetchWorkflow({ path: '/items/missing' }),
		});

		expect(result.status).toBe('error');
		// what n8n-core stores: a plain copy of the error's own enumerable fields
		expect(result.error).not.toBeInstanceOf(NodeApiError);
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '404',
			message: 'The resource you are requesting could not be found',
			description: 'This service does not exist',
			context: { data: { message: 'This service does not exist', class: 'Client::NotFound' } },
			node: { name: 'Fetch' },
		});
		expect(result.nodeError('Fetch')).toMatchObject({ httpCode: '404' });

		// the instance the node threw
		const error = result.thrownError as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(result.thrownErrors).toEqual([{ nodeName: 'Fetch', error }]);
		expect(error.httpCode).toBe('404');
		// the AxiosError is kept as `cause`: status, headers and body of the response
		const cause = error.cause as unknown as {
			name: string;
			response: { status: number; headers: Record<string, string>; data: unknown };
		};
		expect(cause.name).toBe('AxiosError');
		expect(cause.response.status).toBe(404);
		expect(cause.response.headers['x-query-id']).toMatch(/^q-\d+$/);
		expect(cause.response.data).toEqual({ message: 'This service does not exist', class: 'Client::NotFound' });
		expect(() => result.output('Nope')).toThrow(/did not run/);
	});

	it('wrapping an error that is already a NodeApiError hands back the original (options ignored)', async () => {
		const result = await runWorkflow({
			...base,
			credentials: { 'cred-1': credential() },
			workflow: fetchWorkflow({ path: '/items/missing', rewrapMessage: 'Custom message' }),
		});
		const error = result.thrownError as NodeApiError;
		expect(error.message).toBe('The resource you are requesting could not be found');
		expect(error.context.itemIndex).toBeUndefined();
	});

	it('supports returnFullResponse and ignoreHttpStatusErrors (which disables the re-auth retry)', async () => {
		const store = createCredentialStore({ 'cred-1': credential() });
		const full = await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow({ fullResponse: true }) });
		expect(full.json('Fetch')[0]).toMatchObject({
			statusCode: 200,
			statusMessage: 'OK',
			headers: expect.objectContaining({ 'x-query-id': expect.any(String) }),
			body: { id: '1' },
		});

		const missing = await runWorkflow({
			...base,
			credentials: store,
			workflow: fetchWorkflow({ path: '/items/missing', fullResponse: true, ignoreStatus: true }),
		});
		expect(missing.status).toBe('success');
		expect(missing.json('Fetch')[0]).toMatchObject({ statusCode: 404, body: { message: 'This service does not exist' } });

		api.rotate();
		const hits = api.tokenHits;
		const stale = await runWorkflow({
			...base,
			credentials: store,
			workflow: fetchWorkflow({ ignoreStatus: true }),
		});
		expect(stale.status).toBe('success');
		expect(stale.json('Fetch')).toEqual([{ message: 'Query out of time', errorCode: 'QUERY_TIME_OUT' }]);
		expect(api.tokenHits).toBe(hits);
	});

	it('loads an exported workflow JSON and maps package/base node types', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'harness-'));
		try {
			const file = join(dir, 'workflow.json');
			writeFileSync(
				file,
				JSON.stringify({
					name: 'Exported',
					nodes: [
						{ parameters: {}, id: 'a', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
						{
							parameters: { path: '/items/json' },
							id: 'b',
							name: 'Fetch From File',
							type: `${PACKAGE_NAME}.testFetch`,
							typeVersion: 1,
							position: [200, 0],
							credentials: { testApi: { id: 'cred-1', name: 'Test account' } },
						},
					],
					connections: { Manual: { main: [[{ node: 'Fetch From File', type: 'main', index: 0 }]] } },
					settings: { executionOrder: 'v1' },
					pinData: {},
				}),
			);
			const result = await runWorkflow({ ...base, credentials: { 'cred-1': credential() }, workflow: file });
			expect(result.status).toBe('success');
			expect(result.json('Fetch From File')).toEqual([{ id: 'json', nonce: expect.any(String) }]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('adds a start node and assigns the stored credential when the workflow has neither', async () => {
		const result = await runWorkflow({
			...base,
			credentials: { 'cred-1': credential() },
			workflow: { nodes: [node('testFetch', 'Lonely', { path: '/items/x' })], connections: {} },
		});
		expect(result.status).toBe('success');
		expect(result.json('Lonely')).toEqual([{ id: 'x', nonce: expect.any(String) }]);
	});

	it('returns static data, and writes it back like n8n only for non-manual modes', async () => {
		class Counter implements INodeType {
			description: INodeTypeDescription = {
				displayName: 'Counter',
				name: 'counter',
				group: ['transform'],
				version: 1,
				description: 'Counts executions in static data',
				defaults: { name: 'Counter' },
				usableAsTool: true,
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				properties: [],
			};

			async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				const data = this.getWorkflowStaticData('global');
				data.count = ((data.count as number | undefined) ?? 0) + 1;
				return [[{ json: { count: data.count }, pairedItem: { item: 0 } }]];
			}
		}
		const staticData: IDataObject = { global: { count: 41 } };
		const workflow = { nodes: [node('counter', 'Count')], connections: {} };

		const manual = await runWorkflow({ nodeTypes: [Counter], workflow, staticData });
		expect(manual.json('Count')).toEqual([{ count: 42 }]);
		expect(manual.staticData).toEqual({ global: { count: 42 } });
		expect(staticData).toEqual({ global: { count: 41 } });

		const production = await runWorkflow({ nodeTypes: [Counter], workflow, staticData, mode: 'trigger' });
		expect(production.json('Count')).toEqual([{ count: 42 }]);
		expect(staticData).toEqual({ global: { count: 42 } });
		await runWorkflow({ nodeTypes: [Counter], workflow, staticData, mode: 'trigger' });
		expect(staticData).toEqual({ global: { count: 43 } });
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

	it('keeps per-run overhead small', async () => {
		const store = createCredentialStore({ 'cred-1': credential() });
		await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow() });
		const started = performance.now();
		for (let i = 0; i < 10; i++) {
			await runWorkflow({ ...base, credentials: store, workflow: fetchWorkflow() });
		}
		expect((performance.now() - started) / 10).toBeLessThan(200);
	});
});

describe('runListSearch / runLoadOptions', () => {
	it('runs listSearch with the credentials helper (preAuthentication + persistence)', async () => {
		const store = createCredentialStore({ 'cred-1': credential() });
		const result = await runListSearch(TestFetch, 'searchItems', {
			...base,
			credentials: store,
			filter: 'a',
		});
		expect(result.results.map((r) => r.value)).toEqual(['alpha', 'beta', 'gamma']);
		expect(api.tokenHits).toBe(1);
		expect(store.data('cred-1').token).toBe('tok-1');

		const filtered = await runListSearch(TestFetch, 'searchItems', { ...base, credentials: store, filter: 'mm' });
		expect(filtered.results).toEqual([{ name: 'gamma', value: 'gamma' }]);
		expect(api.tokenHits).toBe(1);
	});

	it('runs loadOptions with the current node parameters', async () => {
		const options = await runLoadOptions(TestFetch, 'getItems', {
			...base,
			credentials: { 'cred-1': credential() },
			parameters: { path: 'item: ' },
		});
		expect(options).toEqual([
			{ name: 'item: alpha', value: 'alpha' },
			{ name: 'item: beta', value: 'beta' },
			{ name: 'item: gamma', value: 'gamma' },
		]);
	});
});

describe('runPoll', () => {
	const pollBase = { credentialTypes: [TestApi] };

	it('polls with PollContext and commits static data only when poll() returns', async () => {
		const store = createCredentialStore({ 'cred-1': credential() });
		const staticData: IDataObject = {};

		const empty = await runPoll(TestPoll, { ...pollBase, credentials: store, staticData });
		expect(empty.items).toBeNull();
		expect(staticData).toEqual({ lastPollMode: 'trigger' });

		api.polledItems = [{ id: 1 }, { id: 2 }];
		const first = await runPoll(TestPoll, { ...pollBase, credentials: store, staticData });
		expect(first.items?.[0].map((i) => i.json)).toEqual([{ id: 1 }, { id: 2 }]);
		expect(staticData).toEqual({ lastPollMode: 'trigger', lastId: 2 });

		const again = await runPoll(TestPoll, { ...pollBase, credentials: store, staticData });
		expect(again.items).toBeNull();

		api.polledItems.push({ id: 3, bad: true });
		await expect(runPoll(TestPoll, { ...pollBase, credentials: store, staticData })).rejects.toThrow(
			'bad item',
		);
		expect(staticData).toEqual({ lastPollMode: 'trigger', lastId: 2 });
		expect(api.tokenHits).toBe(1);
	});

	it('supports manual mode (the editor\'s "Fetch Test Event")', async () => {
		api.polledItems = [{ id: 7 }];
		const result = await runPoll(TestPoll, {
			...pollBase,
			credentials: { 'cred-1': credential() },
			mode: 'manual',
		});
		expect(result.items?.[0].map((i) => i.json)).toEqual([{ id: 7 }]);
		expect(result.staticData).toEqual({ lastPollMode: 'manual', lastId: 7 });
	});

	it('runs a poll node as the start of a manual workflow run', async () => {
		api.polledItems = [{ id: 4 }];
		const poll = node('testPoll', 'Poll', {});
		const fetch = node('testFetch', 'Fetch', { path: '={{ "/items/" + $json.id }}' });
		const result = await runWorkflow({
			nodeTypes: [TestPoll, TestFetch],
			credentialTypes: [TestApi],
			credentials: { 'cred-1': credential() },
			workflow: { nodes: [poll, fetch], connections: chain(poll, fetch) },
		});
		expect(result.status).toBe('success');
		expect(result.json('Poll')).toEqual([{ id: 4 }]);
		expect(result.json('Fetch')).toEqual([{ id: '4', nonce: expect.any(String) }]);
	});
});
