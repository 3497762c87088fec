// @ts-check
// Keeping what `npm start` imported pointed at this start's local servers: when a port changed between two starts,
// the credentials and the Settings node that still target the old address are updated through n8n's REST API.
'use strict';

const n8n = require('../n8n/instance');
const { CREDENTIALS, EXAMPLES, setChatWebhookUrl } = require('./demo');

/** @typedef {{ sandboxBaseUrl?: string, smtpPort?: number, chatWebhookUrl?: string }} Endpoints */

/**
 * When a port changed since the last start, points what still targets the old local address at the new one: the
 * OVH credential's Custom URL, the SMTP credential's port, the Settings node's chat URL (the workflow is published
 * again if it was). Anything the user changed to another target is left alone.
 * @param {{ baseUrl: string, cookie: string, previous: Endpoints, current: Required<Endpoints>, log: import('../util').Log }} options
 */
async function syncLocalEndpoints({ baseUrl, cookie, previous, current, log }) {
	/** @type {string[]} */
	const changes = [];
	/**
	 * @param {string} id
	 * @param {(data: Record<string, any>) => Record<string, any> | null} patch
	 */
	const credentialUpdate = async (id, patch) => {
		const res = await n8n.request(`${baseUrl}/rest/credentials/${id}?includeData=true`, { cookie, expect: null });
		if (res.status !== 200) return;
		const stored = n8n.unwrap(res.json);
		const data = patch(stored.data || {});
		if (!data) return;
		await n8n.request(`${baseUrl}/rest/credentials/${id}`, { method: 'PATCH', cookie, body: { name: stored.name, type: stored.type, data } });
		changes.push(`credential "${stored.name}"`);
	};
	const { sandboxBaseUrl, smtpPort, chatWebhookUrl } = previous;
	if (sandboxBaseUrl && sandboxBaseUrl !== current.sandboxBaseUrl) {
		await credentialUpdate(CREDENTIALS.ovh.id, (data) =>
			data.endpoint === 'custom' && data.customUrl === sandboxBaseUrl ? { ...data, customUrl: current.sandboxBaseUrl } : null,
		);
	}
	if (smtpPort && smtpPort !== current.smtpPort) {
		await credentialUpdate(CREDENTIALS.smtp.id, (data) =>
			data.host === '127.0.0.1' && Number(data.port) === smtpPort ? { ...data, port: current.smtpPort } : null,
		);
	}
	if (chatWebhookUrl && chatWebhookUrl !== current.chatWebhookUrl) {
		for (const example of EXAMPLES) {
			const res = await n8n.request(`${baseUrl}/rest/workflows/${example.id}`, { cookie, expect: null });
			if (res.status !== 200) continue;
			const workflow = n8n.unwrap(res.json);
			if (!setChatWebhookUrl(workflow, current.chatWebhookUrl, chatWebhookUrl)) continue;
			const wasActive = Boolean(workflow.activeVersionId || workflow.active);
			const body = { versionId: workflow.versionId, nodes: workflow.nodes, connections: workflow.connections };
			const saved = n8n.unwrap((await n8n.request(`${baseUrl}/rest/workflows/${example.id}`, { method: 'PATCH', cookie, body })).json);
			if (wasActive) await n8n.activateWorkflow(baseUrl, cookie, example.id, { versionId: saved.versionId });
			changes.push(`workflow "${workflow.name}"`);
		}
	}
	if (changes.length) log(`ports changed since the last start: updated ${changes.join(', ')}`);
}

/**
 * n8n lists workflows by last update, newest first, and an import gives them all about the same time. Saving each
 * (its name only: no new version) from the last to the first puts them in the order of `ids` on the Overview page.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string[]} ids first to show first
 */
async function orderWorkflowList(baseUrl, cookie, ids) {
	for (const id of [...ids].reverse()) {
		const workflow = await n8n.getWorkflow(baseUrl, cookie, id);
		await n8n.request(`${baseUrl}/rest/workflows/${id}`, { method: 'PATCH', cookie, body: { versionId: workflow.versionId, name: workflow.name } });
	}
}

module.exports = { syncLocalEndpoints, orderWorkflowList };
