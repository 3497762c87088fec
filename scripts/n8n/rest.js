// @ts-check
// n8n's HTTP APIs as the editor and scripts use them, checked against n8n 2.41.1's source: the editor's REST API
// (/rest, the n8n-auth cookie) and the public API (/api/v1, an API key). Global fetch (Node >= 18).
'use strict';

const { sleep, waitFor } = require('../util');

/**
 * An execution as the public API returns it.
 * @typedef {object} Execution
 * @property {string} id
 * @property {'new' | 'running' | 'success' | 'error' | 'crashed' | 'canceled' | 'waiting' | string} status
 * @property {string} mode
 * @property {boolean} finished
 * @property {string} workflowId
 * @property {string} startedAt
 * @property {string | null} stoppedAt
 * @property {string | null} waitTill
 * @property {any} [data] with includeData: data.resultData.runData['<node>'][0].data.main[0] = items, data.resultData.error
 */
/**
 * @typedef {object} OwnerCredentials
 * @property {string} email
 * @property {string} password 8–64 characters with a digit and an uppercase letter
 * @property {string} [firstName]
 * @property {string} [lastName]
 */
/**
 * @typedef {object} RequestOptions
 * @property {string} [method]
 * @property {unknown} [body]
 * @property {string | null} [cookie]
 * @property {string} [apiKey]
 * @property {Record<string, string>} [headers]
 * @property {number[] | null} [expect] accepted statuses (default [200]); null accepts any
 */
/** @typedef {{ status: number, json: any, text: string, headers: Headers }} Response */
/** @typedef {{ status: 'OK' | 'Error', message: string }} CredentialTestResult */

/**
 * One JSON request; throws (with `status` and `body`) on a status outside `expect`.
 * @param {string} url
 * @param {RequestOptions} [options]
 * @returns {Promise<Response>}
 */
async function request(url, { method = 'GET', body, cookie, apiKey, headers = {}, expect = [200] } = {}) {
	/** @type {Record<string, string>} */
	const sent = { accept: 'application/json', ...headers };
	if (cookie) sent.cookie = cookie;
	if (apiKey) sent['x-n8n-api-key'] = apiKey;
	/** @type {RequestInit} */
	const init = { method, headers: sent };
	if (body !== undefined) {
		sent['content-type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (expect && !expect.includes(res.status)) {
		throw Object.assign(new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 500)}`), { status: res.status, body: json ?? text });
	}
	return { status: res.status, json, text, headers: res.headers };
}

/**
 * The editor's REST API wraps its answers in { data }.
 * @param {any} json
 * @returns {any}
 */
const unwrap = (json) => (json && typeof json === 'object' && 'data' in json ? json.data : json);

/**
 * @param {Headers} headers
 * @returns {string | null}
 */
function authCookieFrom(headers) {
	const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie')];
	for (const cookie of cookies) {
		const match = /(?:^|\s|,)n8n-auth=([^;]+)/.exec(cookie || '');
		if (match) return `n8n-auth=${match[1]}`;
	}
	return null;
}

/**
 * POST /rest/owner/setup {email, firstName, lastName, password} (no auth); when the owner exists already, logs in
 * instead.
 * @param {string} baseUrl
 * @param {OwnerCredentials} owner
 * @returns {Promise<{ cookie: string | null, user: any, alreadySetUp: boolean }>}
 */
async function setupOwner(baseUrl, { email, password, firstName = 'Test', lastName = 'Owner' }) {
	const res = await request(`${baseUrl}/rest/owner/setup`, { method: 'POST', body: { email, password, firstName, lastName }, expect: null });
	if (res.status === 200) return { cookie: authCookieFrom(res.headers), user: unwrap(res.json), alreadySetUp: false };
	if (res.status === 400 && /already set ?up|instance owner already/i.test(res.text)) {
		return { cookie: await login(baseUrl, { email, password }), user: null, alreadySetUp: true };
	}
	throw new Error(`POST /rest/owner/setup → ${res.status}: ${res.text.slice(0, 500)}`);
}

/**
 * POST /rest/login {emailOrLdapLoginId, password} → "n8n-auth=…" (for the Cookie header).
 * n8n rate-limits this route to 5 calls a minute per email: on 429 it waits and retries once.
 * @param {string} baseUrl
 * @param {{ email: string, password: string }} creds
 * @returns {Promise<string>}
 */
async function login(baseUrl, { email, password }) {
	for (let attempt = 0; ; attempt++) {
		const res = await request(`${baseUrl}/rest/login`, { method: 'POST', body: { emailOrLdapLoginId: email, password }, expect: null });
		if (res.status === 200) {
			const cookie = authCookieFrom(res.headers);
			if (!cookie) throw new Error('POST /rest/login answered 200 without an n8n-auth cookie');
			return cookie;
		}
		if (res.status === 429 && attempt === 0) {
			const wait = Number(res.headers.get('retry-after')) || 61;
			await sleep(wait * 1000);
			continue;
		}
		throw new Error(`POST /rest/login → ${res.status}: ${res.text.slice(0, 300)}`);
	}
}

/**
 * POST /rest/api-keys {label, expiresAt: null, scopes} → rawApiKey (for the X-N8N-API-KEY header of /api/v1).
 * Default scopes: every scope the owner may grant (GET /rest/api-keys/scopes).
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {{ label?: string, scopes?: string[] }} [options]
 * @returns {Promise<string>}
 */
async function createApiKey(baseUrl, cookie, { label = `e2e-${Date.now()}`, scopes } = {}) {
	if (!scopes) scopes = unwrap((await request(`${baseUrl}/rest/api-keys/scopes`, { cookie })).json);
	const res = await request(`${baseUrl}/rest/api-keys`, { method: 'POST', cookie, body: { label, expiresAt: null, scopes } });
	const data = unwrap(res.json);
	if (!data || !data.rawApiKey) throw new Error(`POST /rest/api-keys: no rawApiKey in ${res.text.slice(0, 300)}`);
	return data.rawApiKey;
}

/**
 * GET /rest/workflows/:id (editor API) → the workflow incl. versionId / activeVersionId.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} id
 * @returns {Promise<any>}
 */
async function getWorkflow(baseUrl, cookie, id) {
	return unwrap((await request(`${baseUrl}/rest/workflows/${id}`, { cookie })).json);
}

/**
 * Publishes (activates) a workflow: POST /rest/workflows/:id/activate {versionId} with the workflow's current
 * versionId (read first unless given). Returns the updated workflow (activeVersionId set, active true).
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} id
 * @param {{ versionId?: string }} [options]
 * @returns {Promise<any>}
 */
async function activateWorkflow(baseUrl, cookie, id, { versionId } = {}) {
	if (!versionId) versionId = (await getWorkflow(baseUrl, cookie, id)).versionId;
	return unwrap((await request(`${baseUrl}/rest/workflows/${id}/activate`, { method: 'POST', cookie, body: { versionId } })).json);
}

/**
 * Unpublishes: POST /rest/workflows/:id/deactivate {}.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} id
 * @returns {Promise<any>}
 */
async function deactivateWorkflow(baseUrl, cookie, id) {
	return unwrap((await request(`${baseUrl}/rest/workflows/${id}/deactivate`, { method: 'POST', cookie, body: {} })).json);
}

/**
 * Runs a saved workflow like the editor's "Execute workflow" button: POST /rest/workflows/:id/run
 * {triggerToStartFrom: {name}} → executionId. The trigger name defaults to the workflow's first manual trigger.
 * With { wait: apiKey } waits until the execution is finished and returns it (includeData).
 * @overload
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} id
 * @param {{ triggerName?: string, wait?: undefined, timeoutMs?: number }} [options]
 * @returns {Promise<string>}
 */
/**
 * @overload
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} id
 * @param {{ triggerName?: string, wait: string, timeoutMs?: number }} options
 * @returns {Promise<Execution>}
 */
/**
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} id
 * @param {{ triggerName?: string, wait?: string, timeoutMs?: number }} [options]
 * @returns {Promise<string | Execution>}
 */
async function executeWorkflow(baseUrl, cookie, id, { triggerName, wait, timeoutMs = 60000 } = {}) {
	if (!triggerName) {
		const wf = await getWorkflow(baseUrl, cookie, id);
		/** @type {Array<{ name: string, type: string }>} */
		const nodes = wf.nodes;
		const trigger = nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') || nodes.find((n) => /trigger/i.test(n.type));
		if (!trigger) throw new Error(`workflow ${id} has no trigger node to start from`);
		triggerName = trigger.name;
	}
	const res = await request(`${baseUrl}/rest/workflows/${id}/run`, { method: 'POST', cookie, body: { triggerToStartFrom: { name: triggerName } } });
	const data = unwrap(res.json);
	if (!data || !data.executionId) throw new Error(`POST /rest/workflows/${id}/run: no executionId in ${res.text.slice(0, 300)}`);
	if (!wait) return data.executionId;
	return waitForExecution(baseUrl, wait, data.executionId, { timeoutMs });
}

/**
 * GET /api/v1/executions/:id?includeData=true (public API, X-N8N-API-KEY).
 * @param {string} baseUrl
 * @param {string} apiKey
 * @param {string | number} id
 * @param {{ includeData?: boolean }} [options]
 * @returns {Promise<Execution>}
 */
async function getExecution(baseUrl, apiKey, id, { includeData = true } = {}) {
	return (await request(`${baseUrl}/api/v1/executions/${id}?includeData=${includeData}`, { apiKey })).json;
}

/**
 * GET /api/v1/executions?workflowId&status&limit&includeData.
 * @param {string} baseUrl
 * @param {string} apiKey
 * @param {{ workflowId?: string, status?: string, limit?: number, includeData?: boolean }} [options]
 * @returns {Promise<{ data: Execution[], nextCursor: string | null }>}
 */
async function listExecutions(baseUrl, apiKey, { workflowId, status, limit = 100, includeData = false } = {}) {
	const qs = new URLSearchParams({ limit: String(limit), includeData: String(includeData) });
	if (workflowId) qs.set('workflowId', workflowId);
	if (status) qs.set('status', status);
	return (await request(`${baseUrl}/api/v1/executions?${qs}`, { apiKey })).json;
}

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/**
 * Polls the execution until it has finished (or is `waiting`, if untilStatus includes it).
 * @param {string} baseUrl
 * @param {string} apiKey
 * @param {string | number} id
 * @param {{ timeoutMs?: number, untilStatus?: string[] }} [options]
 * @returns {Promise<Execution>}
 */
async function waitForExecution(baseUrl, apiKey, id, { timeoutMs = 60000, untilStatus = FINISHED } = {}) {
	return waitFor(
		async () => {
			const res = await request(`${baseUrl}/api/v1/executions/${id}?includeData=true`, { apiKey, expect: null });
			if (res.status !== 200) return null;
			return untilStatus.includes(res.json.status) ? /** @type {Execution} */ (res.json) : null;
		},
		{ timeoutMs, intervalMs: 300, what: `execution ${id}` },
	);
}

/**
 * The editor's credential "Test" button: POST /rest/credentials/test {credentials: {id, name, type, data}}.
 * n8n looks the credential up by id, then tests the data sent (redacted secrets are filled back from the stored
 * ones); without data it would test an empty credential, so when `data` is not given it is read first with
 * GET /rest/credentials/:id?includeData=true, like the editor does.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {{ id: string, name?: string, type?: string, data?: Record<string, unknown> }} credential
 * @returns {Promise<CredentialTestResult>}
 */
async function testCredential(baseUrl, cookie, credential) {
	let { id, name, type, data } = credential;
	if (!data || !name || !type) {
		const stored = unwrap((await request(`${baseUrl}/rest/credentials/${id}?includeData=true`, { cookie })).json);
		name = name || stored.name;
		type = type || stored.type;
		data = data || stored.data;
	}
	const body = { credentials: { id, name, type, data } };
	return unwrap((await request(`${baseUrl}/rest/credentials/test`, { method: 'POST', cookie, body })).json);
}

/**
 * Public-API variant: POST /api/v1/credentials/:id/test (stored data as is).
 * @param {string} baseUrl
 * @param {string} apiKey
 * @param {string} id
 * @returns {Promise<CredentialTestResult>}
 */
async function testCredentialById(baseUrl, apiKey, id) {
	return (await request(`${baseUrl}/api/v1/credentials/${id}/test`, { method: 'POST', apiKey })).json;
}

/**
 * POST /rest/credentials {name, type, data} (editor API) → the created credential (with id).
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {import('./cli').CredentialInput} credential
 * @returns {Promise<any>}
 */
async function createCredential(baseUrl, cookie, { name, type, data }) {
	return unwrap((await request(`${baseUrl}/rest/credentials`, { method: 'POST', cookie, body: { name, type, data } })).json);
}

/**
 * POST /api/v1/workflows {name, nodes, connections, settings} (public API) → the created workflow (with id and
 * versionId). The public API accepts only those four fields.
 * @param {string} baseUrl
 * @param {string} apiKey
 * @param {import('./cli').WorkflowInput} workflow
 * @returns {Promise<any>}
 */
async function createWorkflow(baseUrl, apiKey, { name, nodes, connections = {}, settings = {} }) {
	return (await request(`${baseUrl}/api/v1/workflows`, { method: 'POST', apiKey, body: { name, nodes, connections, settings } })).json;
}

/**
 * GET /types/nodes.json (needs the auth cookie): every node description the editor knows.
 * @param {string} baseUrl
 * @param {string} cookie
 * @returns {Promise<Array<Record<string, any>>>}
 */
async function getNodeTypes(baseUrl, cookie) {
	return (await request(`${baseUrl}/types/nodes.json`, { cookie })).json;
}

/**
 * GET /types/credentials.json (needs the auth cookie).
 * @param {string} baseUrl
 * @param {string} cookie
 * @returns {Promise<Array<Record<string, any>>>}
 */
async function getCredentialTypes(baseUrl, cookie) {
	return (await request(`${baseUrl}/types/credentials.json`, { cookie })).json;
}

/**
 * POST /rest/node-types {nodeInfos: [{name, version}]} → full descriptions (what the editor loads per node).
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {Array<{ name: string, version: number }>} nodeInfos
 * @returns {Promise<Array<Record<string, any>>>}
 */
async function getNodeTypeDescriptions(baseUrl, cookie, nodeInfos) {
	return unwrap((await request(`${baseUrl}/rest/node-types`, { method: 'POST', cookie, body: { nodeInfos } })).json);
}

module.exports = {
	request,
	unwrap,
	setupOwner,
	login,
	createApiKey,
	getWorkflow,
	activateWorkflow,
	deactivateWorkflow,
	executeWorkflow,
	getExecution,
	listExecutions,
	waitForExecution,
	testCredential,
	testCredentialById,
	createCredential,
	createWorkflow,
	getNodeTypes,
	getCredentialTypes,
	getNodeTypeDescriptions,
};
