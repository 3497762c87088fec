// Harness self-test: listSearch / loadOptions and poll outside a workflow run.
import type { IDataObject } from 'n8n-workflow';

import {
	chain,
	createCredentialStore,
	node,
	runListSearch,
	runLoadOptions,
	runPoll,
	runWorkflow,
} from '../index';

import {
	api,
	base,
	credential,
	TestApi,
	TestFetch,
	TestPoll,
	useFakeApi,
} from './fixtures';

useFakeApi();

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
