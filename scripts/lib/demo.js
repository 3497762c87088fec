// @ts-check
// What `npm start` puts into n8n: the owner account, the three credentials (OVH sandbox, maildev, the header that
// unlocks the example webhooks) and the example workflows (examples/*.json) with the chat webhook URL of this stack
// filled in.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../util');

/**
 * @typedef {object} ExampleSpec
 * @property {'renewVps' | 'review' | 'renewWebhook'} key
 * @property {string} file examples/<name>.json
 * @property {string} id the id it is imported with
 * @property {boolean} publish published on first import
 * @property {string} [webhookPath]
 */
/** @typedef {{ id: string, name: string, type: string }} CredentialSpec */
/** @typedef {{ email: string, password: string, firstName: string, lastName: string }} Owner */

/** The owner account created in n8n (printed by `npm start`; local use only). */
const OWNER = Object.freeze(/** @type {Owner} */ ({ email: 'owner@example.com', password: 'Renew-OVH-demo1', firstName: 'Demo', lastName: 'Owner' }));

/** The credentials imported, with the ids the example workflows reference. */
const CREDENTIALS = Object.freeze({
	ovh: /** @type {CredentialSpec & { type: 'ovhApi' }} */ ({ id: 'OvhSandboxCred01', name: 'OVH sandbox', type: 'ovhApi' }),
	smtp: /** @type {CredentialSpec & { type: 'smtp' }} */ ({ id: 'LocalMailSmtp001', name: 'Local mail (maildev)', type: 'smtp' }),
	webhook: /** @type {CredentialSpec & { type: 'httpHeaderAuth' }} */ ({ id: 'OvhWebhookAuth01', name: 'Webhook key (npm start)', type: 'httpHeaderAuth' }),
});

/** The header a caller of the example webhooks must send (n8n's Webhook node, Authentication: Header Auth). */
const WEBHOOK_HEADER = 'X-Renewal-Key';

/**
 * The example workflows, in the order a newcomer should open them (example 1 first), the ids they get and whether
 * they are published on first import.
 * @type {readonly ExampleSpec[]}
 */
const EXAMPLES = Object.freeze([
	{ key: 'renewVps', file: 'examples/renew-a-vps.json', id: 'OvhExRenewVps001', publish: false },
	{ key: 'review', file: 'examples/monthly-renewal-review.json', id: 'OvhExMonthlyRev1', publish: true, webhookPath: 'ovh-renewal-review' },
	{ key: 'renewWebhook', file: 'examples/renew-on-demand-webhook.json', id: 'OvhExRenewHook01', publish: true, webhookPath: 'ovh-renew' },
]);

/** The chat channel the examples post to. */
const CHAT_CHANNEL = 'ovh-renewals';

/**
 * The OVH credential's data: the sandbox as Custom endpoint, with its demo keys.
 * @param {string} sandboxBaseUrl
 * @param {{ applicationKey: string, applicationSecret: string, consumerKey: string }} keys
 */
function ovhCredentialData(sandboxBaseUrl, keys) {
	return {
		endpoint: 'custom',
		customUrl: sandboxBaseUrl,
		applicationKey: keys.applicationKey,
		applicationSecret: keys.applicationSecret,
		consumerKey: keys.consumerKey,
	};
}

/**
 * The SMTP credential's data: maildev on loopback, no auth, no TLS.
 * @param {number} smtpPort
 */
function smtpCredentialData(smtpPort) {
	return { user: '', password: '', host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true };
}

/**
 * The header that unlocks the example webhooks: its value is generated once (random, 32 bytes) and kept in `file`
 * (in the data folder), so that it survives restarts and the credential imported on the first start keeps matching.
 * @param {string} file
 * @returns {{ name: string, value: string, created: boolean }}
 */
function webhookAuth(file) {
	/** @type {{ value?: unknown } | null} */
	let kept = null;
	try {
		kept = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		kept = null; // first start, or an unreadable file: a new value
	}
	if (kept && typeof kept.value === 'string' && kept.value.length >= 16) return { name: WEBHOOK_HEADER, value: kept.value, created: false };
	const value = crypto.randomBytes(32).toString('base64url');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify({ name: WEBHOOK_HEADER, value }, null, 2)}\n`, { mode: 0o600 });
	return { name: WEBHOOK_HEADER, value, created: true };
}

/**
 * Sets the chat webhook URL of the workflow's Settings node (only where it is `from`, when given); returns whether
 * it changed anything.
 * @param {{ nodes?: Array<Record<string, any>> }} workflow
 * @param {string} to
 * @param {string} [from]
 * @returns {boolean}
 */
function setChatWebhookUrl(workflow, to, from) {
	let touched = false;
	for (const node of workflow.nodes || []) {
		if (node.name !== 'Settings' || node.type !== 'n8n-nodes-base.set') continue;
		for (const assignment of (node.parameters.assignments || {}).assignments || []) {
			if (assignment.name !== 'chatWebhookUrl' || (from !== undefined && assignment.value !== from)) continue;
			assignment.value = to;
			touched = true;
		}
	}
	return touched;
}

/**
 * An example workflow as imported: fixed id, the chat webhook URL of this stack filled in its Settings node.
 * @param {ExampleSpec} example
 * @param {{ root?: string, chatWebhookUrl: string }} options
 * @returns {any}
 */
function exampleWorkflow(example, { root = ROOT, chatWebhookUrl }) {
	const workflow = JSON.parse(fs.readFileSync(path.join(root, example.file), 'utf8'));
	setChatWebhookUrl(workflow, chatWebhookUrl);
	return { ...workflow, id: example.id, active: false };
}

/**
 * Reads the example workflows as they are in examples/ (for tests and tools).
 * @param {string} [root]
 * @returns {Array<ExampleSpec & { workflow: any }>}
 */
function readExamples(root = ROOT) {
	return EXAMPLES.map((example) => ({ ...example, workflow: JSON.parse(fs.readFileSync(path.join(root, example.file), 'utf8')) }));
}

module.exports = { OWNER, CREDENTIALS, EXAMPLES, CHAT_CHANNEL, WEBHOOK_HEADER, webhookAuth, ovhCredentialData, smtpCredentialData, setChatWebhookUrl, exampleWorkflow, readExamples };
