/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only OVH sandbox server (no n8n node context), never shipped */
/**
 * Admin API under /__sandbox/ (unsigned, never under OVH paths): lets tests in another process (an n8n e2e)
 * drive the sandbox: request log, reset, state, clock, credentials, faults, orders, services, error shape.
 */
import type { SandboxCore } from './core';
import { DEMO_KEYS } from './default-state';
import { OvhError, badRequest, notFound } from './errors';
import { parseJsonObject } from './json-body';
import { SANDBOX_ROUTES } from './routes';
import { StateError, normalizeState } from './state';
import { asIdListOrNull, asRateLimit, asStatusLag } from './state-validate';
import { formatDateTime, resolveDate } from './time';
import type { SandboxCredential } from './types';

export interface AdminRequest {
	method: string;
	/** Path after /__sandbox (e.g. "/requests"), raw. */
	path: string;
	query: URLSearchParams;
	bodyText: string;
	origin: string;
}

export interface AdminResult {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

function jsonBody(req: AdminRequest): Record<string, unknown> {
	return parseJsonObject(req.bodyText, (reason) => badRequest(`admin: ${reason}`));
}

function findCredential(core: SandboxCore, consumerKey: string): SandboxCredential {
	const cred = core.state.credentials.find((c) => c.consumerKey === consumerKey);
	if (!cred) throw notFound(`admin: unknown consumer key`);
	return cred;
}

/** Runs a state-file validator on an admin body field; its StateError becomes an admin 400. */
function validated<T>(fn: () => T): T {
	try {
		return fn();
	} catch (err) {
		if (err instanceof StateError) throw badRequest(`admin: ${err.message}`);
		throw err;
	}
}

const ok = (body: unknown = { ok: true }): AdminResult => ({ status: 200, body });

export function handleAdmin(core: SandboxCore, req: AdminRequest): AdminResult {
	const { method } = req;
	let segs: string[];
	try {
		segs = req.path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
	} catch {
		throw badRequest('admin: malformed percent-encoding in path');
	}
	const route = `${method} /${segs.map((s, i) => (i > 0 && /^(credentials|orders|services)$/.test(segs[i - 1]) ? ':id' : s)).join('/')}`;

	switch (route) {
		case 'GET /':
			return ok({
				baseUrl: `${req.origin}/1.0`,
				aliasBaseUrl: `${req.origin}/v1`,
				serverTime: core.serverTime(),
				clockOffsetSeconds: core.clockOffsetSeconds,
				errorShape: core.errorShape,
				demoKeys: DEMO_KEYS,
				routes: SANDBOX_ROUTES,
				admin: [
					'GET /__sandbox/requests',
					'DELETE /__sandbox/requests',
					'POST /__sandbox/reset',
					'GET /__sandbox/state',
					'PUT /__sandbox/state',
					'GET /__sandbox/clock',
					'POST /__sandbox/clock {offsetSeconds}',
					'GET /__sandbox/validate?credentialToken=…[&validity=seconds]',
					'POST /__sandbox/credentials/{consumerKey}/validate|revoke|expire',
					'GET /__sandbox/faults',
					'POST /__sandbox/faults {FaultSpec}',
					'DELETE /__sandbox/faults',
					'GET /__sandbox/orders/{orderId}',
					'POST /__sandbox/orders/{orderId}/expire|cancel|deliver',
					'POST /__sandbox/orders/{orderId}/payment-methods {paymentMethods: [id…] | null}',
					'GET|POST /__sandbox/order-status-lag {delayMs, reads}',
					'GET|POST /__sandbox/order-payment-methods {paymentMethods: [id…] | null}',
					'POST /__sandbox/batch {enabled: boolean}',
					'POST /__sandbox/rate-limit {perSecond: number | null}',
					'POST /__sandbox/services/{serviceId}/expiration {expiration[, status]}',
					'POST /__sandbox/error-shape {shape: "current"|"legacy"}',
				],
			});
		case 'GET /requests':
			return ok(core.log);
		case 'DELETE /requests':
			core.clearLog();
			return ok();
		case 'POST /reset':
			core.reset();
			return ok();
		case 'GET /state':
			return ok(core.state);
		case 'PUT /state': {
			try {
				core.replaceState(normalizeState(jsonBody(req), core.now(), req.origin), req.query.get('asInitial') === 'true');
			} catch (err) {
				if (err instanceof StateError) throw badRequest(err.message);
				throw err;
			}
			return ok();
		}
		case 'GET /clock':
			return ok({ offsetSeconds: core.clockOffsetSeconds, serverTime: core.serverTime() });
		case 'POST /clock': {
			const body = jsonBody(req);
			const offset = body.offsetSeconds;
			if (typeof offset !== 'number' || !Number.isFinite(offset)) throw badRequest('admin: offsetSeconds must be a number');
			core.clockOffsetSeconds = offset;
			return ok({ offsetSeconds: core.clockOffsetSeconds, serverTime: core.serverTime() });
		}
		case 'GET /validate': {
			const token = req.query.get('credentialToken');
			const cred = core.state.credentials.find((c) => token && c.credentialToken === token);
			if (!cred) throw notFound('admin: unknown credentialToken');
			if (cred.status !== 'pendingValidation') throw badRequest(`admin: credential is ${cred.status}, not pendingValidation`);
			cred.status = 'validated';
			const validity = req.query.get('validity');
			if (validity !== null && validity !== '' && validity !== '0') {
				if (!/^\d+$/.test(validity)) throw badRequest('admin: validity must be a number of seconds');
				cred.expiration = formatDateTime(core.now() + Number(validity) * 1000);
			}
			return ok({ state: cred.status, credentialId: cred.credentialId, expiration: cred.expiration, redirection: cred.redirection });
		}
		case 'POST /credentials/:id/validate': {
			const cred = findCredential(core, segs[1]);
			cred.status = 'validated';
			cred.expiration = null;
			return ok({ state: cred.status, credentialId: cred.credentialId });
		}
		case 'POST /credentials/:id/revoke': {
			const cred = findCredential(core, segs[1]);
			cred.status = 'refused';
			return ok({ state: cred.status, credentialId: cred.credentialId });
		}
		case 'POST /credentials/:id/expire': {
			const cred = findCredential(core, segs[1]);
			cred.status = 'expired';
			cred.expiration = core.nowDateTime();
			return ok({ state: cred.status, credentialId: cred.credentialId });
		}
		case 'GET /faults':
			return ok(core.faults);
		case 'POST /faults': {
			try {
				return ok(core.addFault(jsonBody(req) as never));
			} catch (err) {
				if (err instanceof OvhError) throw err;
				throw badRequest(`admin: ${(err as Error).message}`);
			}
		}
		case 'DELETE /faults':
			core.clearFaults();
			return ok();
		case 'GET /orders/:id': {
			const order = core.findOrder(Number(segs[1]));
			if (!order) throw notFound('admin: unknown order');
			return ok(order);
		}
		case 'POST /orders/:id/expire':
		case 'POST /orders/:id/cancel':
		case 'POST /orders/:id/deliver': {
			const order = core.findOrder(Number(segs[1]));
			if (!order) throw notFound('admin: unknown order');
			if (segs[2] === 'expire') order.expirationDate = formatDateTime(core.now() - 1000);
			else if (segs[2] === 'cancel') order.status = 'cancelled';
			else {
				if (order.status !== 'checking') throw badRequest(`admin: order is ${order.status}, not checking`);
				order.paidAt = new Date(core.now() - core.deliveryDelayMs).toISOString();
				core.endStatusLag(order);
				core.refreshOrders();
			}
			return ok(order);
		}
		case 'POST /orders/:id/payment-methods': {
			const order = core.findOrder(Number(segs[1]));
			if (!order) throw notFound('admin: unknown order');
			const body = jsonBody(req);
			order.paymentMethods = validated(() => asIdListOrNull(body.paymentMethods, 'paymentMethods'));
			return ok(order);
		}
		case 'GET /order-status-lag':
			return ok(core.state.orderStatusLag);
		case 'POST /order-status-lag': {
			const body = jsonBody(req);
			core.state.orderStatusLag = validated(() => asStatusLag(body, 'orderStatusLag'));
			return ok(core.state.orderStatusLag);
		}
		case 'GET /order-payment-methods':
			return ok({ paymentMethods: core.state.orderPaymentMethods });
		case 'POST /order-payment-methods': {
			const body = jsonBody(req);
			core.state.orderPaymentMethods = validated(() => asIdListOrNull(body.paymentMethods, 'paymentMethods'));
			return ok({ paymentMethods: core.state.orderPaymentMethods });
		}
		case 'POST /batch': {
			const enabled = jsonBody(req).enabled;
			if (typeof enabled !== 'boolean') throw badRequest('admin: enabled must be true or false');
			core.state.batchEnabled = enabled;
			return ok({ enabled });
		}
		case 'POST /rate-limit': {
			const body = jsonBody(req);
			core.state.rateLimitPerSecond = validated(() => asRateLimit(body.perSecond, 'perSecond'));
			return ok({ perSecond: core.state.rateLimitPerSecond });
		}
		case 'POST /services/:id/expiration': {
			const svc = core.findService(Number(segs[1]));
			if (!svc) throw notFound('admin: unknown service');
			const body = jsonBody(req);
			if (typeof body.expiration !== 'string') throw badRequest('admin: expiration must be YYYY-MM-DD or relative (+20d)');
			try {
				svc.expiration = resolveDate(body.expiration, core.now(), 'expiration');
			} catch (err) {
				throw badRequest(`admin: ${(err as Error).message}`);
			}
			if (typeof body.status === 'string') svc.status = body.status as typeof svc.status;
			return ok(svc);
		}
		case 'POST /error-shape': {
			const shape = jsonBody(req).shape;
			if (shape !== 'current' && shape !== 'legacy') throw badRequest('admin: shape must be "current" or "legacy"');
			core.errorShape = shape;
			return ok({ errorShape: shape });
		}
		default:
			throw notFound(`admin: no route ${method} /__sandbox${req.path}`);
	}
}
