/**
 * Builders for the service-account engine tests: the real `ovhOAuth2Api` credential pointed at the sandbox's token
 * endpoint and API, a store holding it (optionally beside the `ovhApi` credential), and a runner that registers both
 * credential types.
 */
import type { INode } from 'n8n-workflow';

import { OvhApi } from '../../../credentials/OvhApi.credentials';
import { OvhOAuth2Api } from '../../../credentials/OvhOAuth2Api.credentials';
import { SANDBOX_SERVICE_ACCOUNTS, GRANT_ENDPOINT } from '../../../sandbox';
import type { LoggedRequest, RunningSandbox, SandboxServiceAccount } from '../../../sandbox';
import { chain, createCredentialStore, manualTriggerNode, runWorkflow } from '../../harness';
import type { CredentialStore, HarnessCredential, RunResult } from '../../harness';
import { NODE_TYPES, ovhCredential } from '../helpers';

export const SA_CREDENTIAL_ID = 'sa';

export function saCredentialData(sbx: RunningSandbox, account: Pick<SandboxServiceAccount, 'clientId' | 'clientSecret'> = SANDBOX_SERVICE_ACCOUNTS.full) {
	return {
		endpoint: 'custom',
		customUrl: sbx.baseUrl,
		customTokenUrl: `${sbx.origin}${GRANT_ENDPOINT}`,
		clientId: account.clientId,
		clientSecret: account.clientSecret,
		accessToken: '',
	};
}

export function saCredential(sbx: RunningSandbox, account?: Pick<SandboxServiceAccount, 'clientId' | 'clientSecret'>): HarnessCredential {
	return { type: 'ovhOAuth2Api', name: 'OVH service account', data: saCredentialData(sbx, account) };
}

/** A store with the service account (id `sa`) and, with `withKeys`, the application-key credential (id `ovh`). */
export function saStore(sbx: RunningSandbox, account?: Pick<SandboxServiceAccount, 'clientId' | 'clientSecret'>, withKeys = false): CredentialStore {
	return createCredentialStore({
		[SA_CREDENTIAL_ID]: saCredential(sbx, account),
		...(withKeys ? { ovh: ovhCredential(sbx, { timeDelta: '0' }) } : {}),
	});
}

/** A node switched to the service account. */
export function viaServiceAccount(target: INode): INode {
	return { ...target, parameters: { authentication: 'serviceAccount', ...target.parameters } };
}

/** Runs the nodes in a line behind a Manual Trigger, both credential types registered. */
export async function runWith(store: CredentialStore, nodes: INode[], items = 1): Promise<RunResult> {
	const all = [manualTriggerNode('Manual Trigger'), ...nodes];
	return await runWorkflow({
		nodeTypes: NODE_TYPES,
		credentialTypes: [OvhApi, OvhOAuth2Api],
		credentials: store,
		workflow: { nodes: all, connections: chain(...all) },
		inputItems: Array.from({ length: items }, () => ({ json: {} })),
	});
}

/** Token requests the sandbox received. */
export function tokenRequests(sbx: RunningSandbox): LoggedRequest[] {
	return sbx.requests().filter((r) => r.path === GRANT_ENDPOINT);
}

/** POSTs to the /1.0 API (orders, payments): what a preflight refusal must leave at zero. */
export function apiPosts(sbx: RunningSandbox): LoggedRequest[] {
	return sbx.requests().filter((r) => r.method === 'POST' && (r.basePath === '/1.0' || r.basePath === '/v1'));
}

/** Sets the sandbox's token lifetime (seconds or a number of authenticated calls) or expires every token. */
export async function oauthAdmin(sbx: RunningSandbox, body: Record<string, unknown>): Promise<void> {
	const res = await fetch(`${sbx.origin}/__sandbox/oauth`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`oauth admin: ${res.status} ${await res.text()}`);
}
