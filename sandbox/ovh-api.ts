/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only OVH sandbox server, never shipped */
/**
 * Entry point of the OVH API: routes a request through the route table (routes.ts), authenticates it when the
 * route needs it (api-auth.ts) and runs the route family's handler.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { OvhRequest, OvhResult } from './api-common';
import { header } from './api-common';
import { authenticate } from './api-auth';
import { authenticateBearer, authorizeRoute, bearerToken } from './api-iam';
import { batchSeparator, runBatch } from './batch-rate';
import type { SandboxCore } from './core';
import { INVALID_URL_MESSAGE, notFound } from './errors';
import { matchRoute } from './routes';

export type { OvhRequest, OvhResult } from './api-common';
export { price } from './api-common';
export { ruleAllows } from './api-auth';

/** Routes and runs one OVH API request (throws OvhError for API errors). */
export function handleOvh(core: SandboxCore, req: OvhRequest): OvhResult {
	const matched = matchRoute(core, req.method, req.relPath);
	if (!matched) throw notFound(INVALID_URL_MESSAGE);
	if (matched.route.auth) core.rateLimiter.check(core, header(req.headers, 'x-ovh-consumer'));
	// A service account (Bearer token) instead of signed application keys: token, then its IAM policies.
	const token = matched.route.auth ? bearerToken(req) : undefined;
	const serviceAccount = token === undefined ? undefined : authenticateBearer(core, token);
	if (serviceAccount) authorizeRoute(core, serviceAccount, matched.route, matched.params);
	const credential = matched.route.auth && !serviceAccount ? authenticate(core, req) : null;
	const ctx = { core, req, params: matched.params, credential, serviceAccount };
	const separator = batchSeparator(ctx);
	const body = separator === null ? matched.route.handler(ctx) : runBatch(matched.route, ctx, separator);
	return { status: 200, body: body === undefined ? null : body, credentialId: credential?.credentialId ?? null };
}

/** Credential id for the log even when authentication failed later (never the key itself). */
export function credentialIdFor(core: SandboxCore, headers: IncomingHttpHeaders): number | null {
	const ck = header(headers, 'x-ovh-consumer');
	if (!ck) return null;
	return core.state.credentials.find((c) => c.consumerKey === ck)?.credentialId ?? null;
}
