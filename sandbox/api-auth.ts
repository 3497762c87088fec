/**
 * Authentication (headers, application key, time window, consumer key, signature, access rules) and the
 * /auth routes.
 */
import type { RouteCtx, RouteDef, OvhRequest } from './api-common';
import { header, parseBody, rejectUndescribed, requireProp } from './api-common';
import type { SandboxCore } from './core';
import { globToRegExp } from './core';
import { OvhError, badRequest, invalidInput } from './errors';
import { computeSignature, signaturesEqual } from './signature';
import { formatDateTime } from './time';
import type { AccessRule, HttpMethod, SandboxApplication, SandboxCredential } from './types';

/** `*` spans segments; `/service/*` covers `/service/1/renew` but not `/service`. */
export function ruleAllows(rules: AccessRule[], method: string, path: string): boolean {
	return rules.some((r) => r.method === method && globToRegExp(r.path).test(path));
}

const mustLogin = (): OvhError => new OvhError(401, 'You must login first', 'NOT_CREDENTIAL');

function application(core: SandboxCore, ak: string): SandboxApplication {
	const app = core.state.applications.find((a) => a.applicationKey === ak);
	if (!app) throw new OvhError(403, 'This application key is invalid', 'INVALID_KEY');
	return app;
}

/** Auth checks in OVH's order: headers present, application key, time window, credential, signature, rules. */
export function authenticate(core: SandboxCore, req: OvhRequest): SandboxCredential {
	const ak = header(req.headers, 'x-ovh-application');
	const ck = header(req.headers, 'x-ovh-consumer');
	const ts = header(req.headers, 'x-ovh-timestamp');
	const sig = header(req.headers, 'x-ovh-signature');
	if (!ak || !ck || !ts || !sig) throw mustLogin();
	const app = application(core, ak);
	if (!/^\d{1,12}$/.test(ts) || Math.abs(Number(ts) - core.serverTime()) > core.timeToleranceSeconds) {
		throw new OvhError(400, 'Query out of time', 'QUERY_TIME_OUT');
	}
	const cred = core.state.credentials.find((c) => c.consumerKey === ck);
	const now = core.now();
	if (cred && cred.status === 'validated' && cred.expiration !== null && Date.parse(cred.expiration) <= now) {
		cred.status = 'expired';
	}
	if (!cred) throw new OvhError(403, 'This credential does not exist', 'NOT_CREDENTIAL');
	if (cred.applicationKey !== ak || cred.status !== 'validated') {
		throw new OvhError(403, 'This credential is not valid', 'INVALID_CREDENTIAL');
	}
	const expected = computeSignature({
		applicationSecret: app.applicationSecret,
		consumerKey: ck,
		method: req.method,
		url: req.origin + req.rawUrl,
		body: req.bodyText,
		timestamp: ts,
	});
	if (!signaturesEqual(expected, sig)) throw new OvhError(400, 'Invalid signature', 'INVALID_SIGNATURE');
	if (req.decodedPath === null || !ruleAllows(cred.rules, req.method, req.decodedPath)) {
		throw new OvhError(403, 'This call has not been granted', 'NOT_GRANTED_CALL');
	}
	cred.lastUse = formatDateTime(now);
	return cred;
}

function credentialView(core: SandboxCore, c: SandboxCredential): Record<string, unknown> {
	const app = core.state.applications.find((a) => a.applicationKey === c.applicationKey);
	return {
		allowedIPs: c.allowedIPs,
		applicationId: app?.applicationId ?? 0,
		creation: c.creation,
		credentialId: c.credentialId,
		expiration: c.expiration,
		lastUse: c.lastUse,
		ovhSupport: false,
		rules: c.rules,
		status: c.status,
	};
}

const RULE_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

function isRule(r: unknown): boolean {
	if (typeof r !== 'object' || r === null) return false;
	const rec = r as Record<string, unknown>;
	return RULE_METHODS.includes(String(rec.method)) && typeof rec.path === 'string' && rec.path.startsWith('/');
}

function postCredential(ctx: RouteCtx): unknown {
	const { core, req } = ctx;
	const ak = header(req.headers, 'x-ovh-application');
	if (!ak) throw mustLogin();
	application(core, ak);
	const body = parseBody(req);
	rejectUndescribed(body, ['accessRules', 'redirection', 'allowedIPs']);
	const rules = requireProp(body, 'accessRules');
	if (!Array.isArray(rules) || rules.length === 0 || !rules.every(isRule)) {
		throw badRequest("Body parameter accessRules isn't formated correctly");
	}
	const redirection = body.redirection;
	if (redirection !== undefined && redirection !== null && typeof redirection !== 'string') {
		throw invalidInput(`'redirection' must be a string`);
	}
	const consumerKey = core.randomToken(32);
	const credentialToken = core.randomToken(24);
	const credentialId = core.state.credentials.reduce((m, c) => Math.max(m, c.credentialId), 200000) + 1;
	core.state.credentials.push({
		credentialId,
		applicationKey: ak,
		consumerKey,
		status: 'pendingValidation',
		rules: (rules as Array<Record<string, unknown>>).map((r) => ({
			method: r.method as HttpMethod,
			path: String(r.path),
		})),
		creation: core.nowDateTime(),
		expiration: null,
		lastUse: null,
		credentialToken,
		redirection: typeof redirection === 'string' ? redirection : null,
		allowedIPs: Array.isArray(body.allowedIPs) ? body.allowedIPs.map(String) : null,
	});
	return {
		consumerKey,
		state: 'pendingValidation',
		validationUrl: `${req.origin}/__sandbox/validate?credentialToken=${credentialToken}`,
	};
}

export const AUTH_ROUTES: RouteDef[] = [
	{ method: 'GET', path: '/auth/time', auth: false, handler: (c) => c.core.serverTime() },
	{ method: 'POST', path: '/auth/credential', auth: false, handler: postCredential },
	{
		method: 'GET',
		path: '/auth/currentCredential',
		auth: true,
		handler: (c) => {
			// Consumer keys only (wording unverified): a service account's access is its IAM policies.
			if (!c.credential) throw new OvhError(403, 'This call is only available to API consumer keys');
			return credentialView(c.core, c.credential);
		},
	},
];
