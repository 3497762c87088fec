/**
 * OVHcloud service accounts in the sandbox: OAuth2 clients (client credentials), the Bearer tokens issued to them,
 * and their IAM policies (actions × resources, `*` spanning anything). Kept beside the main state, per state
 * object, so `reset()` and `PUT /__sandbox/state` also restore the demo accounts and forget issued tokens.
 */
import type { SandboxCore } from './core';
import { globToRegExp } from './core';

export interface IamPolicy {
	name: string;
	/** Action patterns, e.g. `account:apiovh:me/order/*` or `*`. */
	actions: string[];
	/** Resource URN patterns, e.g. `urn:v1:eu:resource:account:*`. */
	resources: string[];
}

export interface SandboxServiceAccount {
	clientId: string;
	clientSecret: string;
	/** The IAM identity of the account, e.g. `urn:v1:eu:identity:credential:xx12345-ovh/oauth2-…`. */
	identity: string;
	description: string;
	policies: IamPolicy[];
}

interface IssuedToken {
	clientId: string;
	/** Sandbox-clock ms after which the token is refused. */
	expiresAt: number;
	/** Authenticated calls left before the token is refused (null = no limit): makes expiry deterministic in tests. */
	usesLeft: number | null;
}

export interface OAuthState {
	accounts: SandboxServiceAccount[];
	tokens: Map<string, IssuedToken>;
	/** `expires_in` of new tokens (OVH: 3599 s). */
	tokenLifetimeSeconds: number;
	/** Authenticated calls a new token allows before it is refused as expired (null = unlimited). */
	tokenMaxUses: number | null;
}

const READ_ACTIONS = [
	'account:apiovh:service/get',
	'account:apiovh:services/get',
	'account:apiovh:service/renew/get',
	'account:apiovh:me/order/get',
	'account:apiovh:me/order/*/get',
	'account:apiovh:me/payment/method/get',
	'*:apiovh:serviceInfos/get',
];

const ACCOUNT_RESOURCES = ['urn:v1:*:resource:*'];

const account = (id: string, description: string, actions: string[]): SandboxServiceAccount => ({
	clientId: `sbxSa${id}Client`,
	clientSecret: `sbxSa${id}SecretNotForProd`,
	identity: `urn:v1:eu:identity:credential:xx12345-ovh/oauth2-sbxSa${id}Client`,
	description,
	policies: [{ name: `sandbox-${id.toLowerCase()}`, actions, resources: ACCOUNT_RESOURCES }],
});

/** The demo service accounts every sandbox starts with (not OVH credentials: they work nowhere else). */
export const SANDBOX_SERVICE_ACCOUNTS = {
	/** every action on every resource of the account */
	full: account('Full', 'renew-and-pay automation', ['*']),
	/** the minimal renew-and-pay policy of the README */
	renewAndPay: account('Renew', 'minimal renew-and-pay policy', [
		...READ_ACTIONS,
		'account:apiovh:service/renew/create',
		'account:apiovh:me/order/pay',
		'account:apiovh:me/order/payWithRegisteredPaymentMean',
	]),
	/** may read and create renewal orders, but not pay them */
	noPay: account('NoPay', 'orders but cannot pay', [...READ_ACTIONS, 'account:apiovh:service/renew/create']),
	/** the read-only policy of the README */
	readOnly: account('ReadOnly', 'read-only policy', READ_ACTIONS),
} as const;

const states = new WeakMap<object, OAuthState>();

/** The OAuth state of the sandbox's current state object (fresh demo accounts after a reset). */
export function oauthState(core: SandboxCore): OAuthState {
	let state = states.get(core.state);
	if (!state) {
		state = {
			accounts: Object.values(SANDBOX_SERVICE_ACCOUNTS).map((a) => ({ ...a, policies: a.policies.map((p) => ({ ...p })) })),
			tokens: new Map(),
			tokenLifetimeSeconds: 3599,
			tokenMaxUses: null,
		};
		states.set(core.state, state);
	}
	return state;
}

/** Issues a Bearer token to a client; `undefined` when the client ID or secret is wrong. */
export function issueToken(core: SandboxCore, clientId: string, clientSecret: string): { token: string; expiresIn: number } | undefined {
	const state = oauthState(core);
	const client = state.accounts.find((a) => a.clientId === clientId);
	if (!client || client.clientSecret !== clientSecret) return undefined;
	const token = `sbx-at-${core.randomToken(32)}`;
	state.tokens.set(token, {
		clientId,
		expiresAt: core.now() + state.tokenLifetimeSeconds * 1000,
		usesLeft: state.tokenMaxUses,
	});
	return { token, expiresIn: state.tokenLifetimeSeconds };
}

/** The account a valid token belongs to (one use spent), or why it is refused. */
export function useToken(core: SandboxCore, token: string): SandboxServiceAccount | 'expired' | 'unknown' {
	const state = oauthState(core);
	const issued = state.tokens.get(token);
	if (!issued) return 'unknown';
	if (core.now() >= issued.expiresAt || issued.usesLeft === 0) return 'expired';
	if (issued.usesLeft !== null) issued.usesLeft--;
	return state.accounts.find((a) => a.clientId === issued.clientId) ?? 'unknown';
}

/** Whether one of the account's policies allows the action on the resource. */
export function iamAllows(account: SandboxServiceAccount, action: string, resourceUrn: string): boolean {
	return account.policies.some(
		(p) =>
			p.actions.some((a) => globToRegExp(a).test(action)) &&
			p.resources.some((r) => globToRegExp(r).test(resourceUrn)),
	);
}
