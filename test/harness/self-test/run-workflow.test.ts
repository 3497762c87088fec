/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped */
// Harness self-test: runWorkflow runs workflows through n8n-core's real engine (outputs, errors, workflow JSON,
// start node, static data, overhead).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import {
	createCredentialStore,
	node,
	PACKAGE_NAME,
	runWorkflow,
} from '../index';

import {
	api,
	base,
	credential,
	fetchWorkflow,
	useFakeApi,
} from './fixtures';

useFakeApi();

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
