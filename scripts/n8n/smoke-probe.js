// @ts-check
// The throwaway community package of the smoke check (scripts/n8n/smoke.js): one plain-JS node + one credential +
// SVG icons, and the workflows the check runs with it.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const PKG = 'n8n-nodes-smoke-probe';

/** @param {string} color */
function svg(color) {
	return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><circle cx="32" cy="32" r="28" fill="${color}"/><path d="M20 33l8 8 16-18" stroke="#fff" stroke-width="6" fill="none"/></svg>\n`;
}

/**
 * A minimal n8n community package, plain JS in dist/, as `npm run build` would leave it.
 * @param {string} dir
 */
function writeProbePackage(dir) {
	const nodeDir = path.join(dir, 'dist', 'nodes', 'SmokeProbe');
	const credDir = path.join(dir, 'dist', 'credentials');
	fs.mkdirSync(nodeDir, { recursive: true });
	fs.mkdirSync(credDir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: PKG,
				version: '0.0.1',
				description: 'Throwaway package for scripts/n8n/smoke.js',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					strict: true,
					credentials: ['dist/credentials/SmokeProbeApi.credentials.js'],
					nodes: ['dist/nodes/SmokeProbe/SmokeProbe.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(nodeDir, 'smokeProbe.svg'), svg('#1a7f37'));
	fs.writeFileSync(path.join(nodeDir, 'smokeProbe.dark.svg'), svg('#57d97a'));
	fs.writeFileSync(path.join(credDir, 'smokeProbe.svg'), svg('#1a7f37'));
	fs.writeFileSync(
		path.join(nodeDir, 'SmokeProbe.node.json'),
		JSON.stringify({ node: `${PKG}.smokeProbe`, nodeVersion: '1.0', codexVersion: '1.0', categories: ['Utility'] }),
	);
	fs.writeFileSync(
		path.join(nodeDir, 'SmokeProbe.node.js'),
		`"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SmokeProbe = void 0;
const n8n_workflow_1 = require("n8n-workflow");
class SmokeProbe {
  constructor() {
    this.description = {
      displayName: 'Smoke Probe',
      name: 'smokeProbe',
      icon: { light: 'file:smokeProbe.svg', dark: 'file:smokeProbe.dark.svg' },
      group: ['transform'],
      version: 1,
      subtitle: '={{$parameter["greeting"]}}',
      description: 'Echoes a greeting and calls the instance health check with its credential',
      defaults: { name: 'Smoke Probe' },
      usableAsTool: true,
      inputs: [n8n_workflow_1.NodeConnectionTypes.Main],
      outputs: [n8n_workflow_1.NodeConnectionTypes.Main],
      credentials: [{ name: 'smokeProbeApi', required: false }],
      properties: [
        { displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hello', placeholder: 'e.g. hello' },
        { displayName: 'Call Health Check', name: 'callHealth', type: 'boolean', default: false, description: 'Whether to call /healthz with the credential' },
      ],
    };
  }
  async execute() {
    const items = this.getInputData();
    const out = [];
    for (let i = 0; i < items.length; i++) {
      try {
        const json = {
          greeting: this.getNodeParameter('greeting', i),
          workflowModule: require.resolve('n8n-workflow'),
          nodeOperationErrorIsN8nsOwn: typeof n8n_workflow_1.NodeOperationError === 'function',
        };
        if (this.getNodeParameter('callHealth', i)) {
          const credentials = await this.getCredentials('smokeProbeApi');
          json.health = await this.helpers.httpRequestWithAuthentication.call(this, 'smokeProbeApi', { method: 'GET', url: credentials.baseUrl + '/healthz', json: true });
        }
        out.push({ json, pairedItem: { item: i } });
      } catch (error) {
        if (this.continueOnFail()) { out.push({ json: { error: error.message }, pairedItem: { item: i } }); continue; }
        throw new n8n_workflow_1.NodeOperationError(this.getNode(), error, { itemIndex: i });
      }
    }
    return [out];
  }
}
exports.SmokeProbe = SmokeProbe;
`,
	);
	fs.writeFileSync(
		path.join(credDir, 'SmokeProbeApi.credentials.js'),
		`"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SmokeProbeApi = void 0;
class SmokeProbeApi {
  constructor() {
    this.name = 'smokeProbeApi';
    this.displayName = 'Smoke Probe API';
    this.icon = 'file:smokeProbe.svg';
    this.documentationUrl = 'https://example.com';
    this.properties = [
      { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
      { displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
    ];
    this.authenticate = { type: 'generic', properties: { headers: { 'X-Smoke-Token': '={{$credentials.token}}' } } };
    this.test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/healthz' } };
  }
}
exports.SmokeProbeApi = SmokeProbeApi;
`,
	);
}

/**
 * A manual trigger, then the probe node calling /healthz with its credential.
 * @param {string} id
 * @param {string} credentialId
 */
function manualWorkflow(id, credentialId) {
	return {
		id,
		name: 'Smoke manual',
		nodes: [
			{
				id: 'a1',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a2',
				name: 'Smoke Probe',
				type: `${PKG}.smokeProbe`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { greeting: '={{ "hello from " + $workflow.name }}', callHealth: true },
				credentials: { smokeProbeApi: { id: credentialId, name: 'Smoke cred' } },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Smoke Probe', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * GET /webhook/smoke-probe answered by the probe node.
 * @param {string} id
 */
function webhookWorkflow(id) {
	return {
		id,
		name: 'Smoke webhook',
		nodes: [
			{
				id: 'b1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff',
				parameters: { path: 'smoke-probe', httpMethod: 'GET', responseMode: 'lastNode', options: {} },
			},
			{
				id: 'b2',
				name: 'Smoke Probe',
				type: `${PKG}.smokeProbe`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { greeting: 'hello from a webhook' },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Smoke Probe', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * A manual trigger, then n8n's Send Email through an SMTP credential.
 * @param {string} smtpCredentialId
 */
function mailWorkflow(smtpCredentialId) {
	return {
		name: 'Smoke mail',
		nodes: [
			{
				id: 'c1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c2',
				name: 'Send Email',
				type: 'n8n-nodes-base.emailSend',
				typeVersion: 2.1,
				position: [220, 0],
				webhookId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
				parameters: {
					fromEmail: 'n8n@example.com',
					toEmail: 'ops@example.com',
					subject: 'Smoke mail',
					emailFormat: 'text',
					text: 'hello from n8n',
					options: {},
				},
				credentials: { smtp: { id: smtpCredentialId, name: 'maildev' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Send Email', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { PKG, writeProbePackage, manualWorkflow, webhookWorkflow, mailWorkflow };
