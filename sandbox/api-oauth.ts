/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only OVH sandbox server, never shipped */
/**
 * The OAuth2 token endpoint of the sandbox (`POST /auth/oauth2/token`, OVH's `https://www.ovh.com/auth/oauth2/token`):
 * client credentials grant, client ID and secret in HTTP Basic or form fields, answers in RFC 6749 shapes. Plus the
 * admin route `/__sandbox/oauth` that sets the token lifetime (seconds, or a number of calls) and edits policies.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { header } from './api-common';
import type { SandboxCore } from './core';
import { oauthState, issueToken } from './service-accounts';
import type { IamPolicy } from './service-accounts';

export const GRANT_ENDPOINT = '/auth/oauth2/token';

interface Answer {
	status: number;
	body: unknown;
}

const oauthError = (status: number, error: string, description: string): Answer => ({
	status,
	body: { error, error_description: description },
});

function basicAuth(headers: IncomingHttpHeaders): { id: string; secret: string } | undefined {
	const match = /^Basic\s+(\S+)$/i.exec(header(headers, 'authorization') ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** `POST /auth/oauth2/token` (form-encoded `grant_type=client_credentials&scope=all`). */
export function handleToken(core: SandboxCore, method: string, headers: IncomingHttpHeaders, bodyText: string): Answer {
	if (method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST');
	const form = new URLSearchParams(bodyText);
	if (form.get('grant_type') !== 'client_credentials') {
		return oauthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported');
	}
	const scope = form.get('scope') ?? 'all';
	if (scope !== 'all') return oauthError(400, 'invalid_scope', `Unknown scope '${scope}'`);
	const basic = basicAuth(headers);
	const id = basic?.id ?? form.get('client_id') ?? '';
	const secret = basic?.secret ?? form.get('client_secret') ?? '';
	if (!id) return oauthError(401, 'invalid_client', 'Client authentication failed: no client credentials');
	const issued = issueToken(core, id, secret);
	if (!issued) return oauthError(401, 'invalid_client', 'Client authentication failed');
	return { status: 200, body: { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope: 'all' } };
}

/**
 * `GET /__sandbox/oauth`: settings, accounts (without secrets) and live token count.
 * `POST /__sandbox/oauth {tokenLifetimeSeconds?, tokenMaxUses?, expireTokens?, policies?: {clientId: IamPolicy[]}}`.
 */
export function handleOAuthAdmin(core: SandboxCore, method: string, bodyText: string): Answer {
	const state = oauthState(core);
	if (method === 'POST') {
		let body: Record<string, unknown>;
		try {
			body = bodyText ? (JSON.parse(bodyText) as Record<string, unknown>) : {};
		} catch {
			return { status: 400, body: { message: 'Body must be JSON' } };
		}
		if (body.tokenLifetimeSeconds !== undefined) state.tokenLifetimeSeconds = Number(body.tokenLifetimeSeconds);
		if (body.tokenMaxUses !== undefined) state.tokenMaxUses = body.tokenMaxUses === null ? null : Number(body.tokenMaxUses);
		if (body.expireTokens === true) state.tokens.clear();
		const policies = (body.policies ?? {}) as Record<string, IamPolicy[]>;
		for (const [clientId, list] of Object.entries(policies)) {
			const account = state.accounts.find((a) => a.clientId === clientId);
			if (!account) return { status: 404, body: { message: `No service account ${clientId}` } };
			account.policies = list;
		}
	} else if (method !== 'GET') {
		return { status: 405, body: { message: 'GET or POST' } };
	}
	return {
		status: 200,
		body: {
			tokenLifetimeSeconds: state.tokenLifetimeSeconds,
			tokenMaxUses: state.tokenMaxUses,
			liveTokens: state.tokens.size,
			accounts: state.accounts.map((a) => ({ clientId: a.clientId, identity: a.identity, policies: a.policies })),
		},
	};
}
