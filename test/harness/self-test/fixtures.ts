/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped */
/**
 * Fixtures of the harness self-test: a throwaway signing API (FakeApi) and test-only credential and node classes that
 * exercise preAuthentication, re-auth retries, listSearch/loadOptions and poll.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
	credentialRef,
	manualTriggerNode,
	node,
} from '../index';
import type { HarnessCredential, RunOptions } from '../index';

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

export class FakeApi {
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

export const api = new FakeApi();

// ---------------------------------------------------------------------------------------------
// Throwaway credential + nodes
// ---------------------------------------------------------------------------------------------

let nonceCounter = 0;
/** copies of what `authenticate` received, in order */
export const authenticateInputs: IHttpRequestOptions[] = [];

export class TestApi implements ICredentialType {
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

export class TestFetch implements INodeType {
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

export class TestPoll implements INodeType {
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

export function credential(data: IDataObject = {}): HarnessCredential {
	return { type: 'testApi', name: 'Test account', data: { baseUrl: api.baseUrl, secret: SECRET, ...data } };
}

export function fetchWorkflow(parameters: INodeParameters = {}, extra: Partial<INode> = {}): RunOptions['workflow'] {
	const trigger = manualTriggerNode();
	const fetch = node('testFetch', 'Fetch', parameters, { credentials: credentialRef('testApi', 'cred-1'), ...extra });
	return { nodes: [trigger, fetch], connections: chain(trigger, fetch) };
}

export const base = { nodeTypes: [TestFetch], credentialTypes: [TestApi] };

/** Starts the fake API for the test file, and resets it (and the recorded authenticate inputs) before each test. */
export function useFakeApi(): void {
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
}
