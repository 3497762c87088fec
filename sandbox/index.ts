/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only OVH sandbox server (no n8n node context), never shipped */
/**
 * OVH API sandbox: a real HTTP server that behaves like the OVH API (signature, time window, credentials,
 * access rules, renew/order/payment routes, both error shapes) for what n8n-nodes-ovh-renewal touches.
 *
 *   const sbx = await startSandbox({ port: 0, quiet: true });
 *   // sbx.baseUrl === 'http://127.0.0.1:PORT/1.0'; sign with DEMO_KEYS
 *   await sbx.close();
 *
 * Dev/test only: never shipped (not under nodes/ or credentials/). See sandbox/README.md.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SandboxCore, validateFault } from './core';
import { DEFAULT_STATE, DEMO_KEYS } from './default-state';
import { createRequestHandler } from './server';
import { loadStateFile, normalizeState } from './state';
import type { ErrorShape, FaultSpec, LoggedRequest, SandboxState, SandboxStateInput } from './types';

export interface SandboxOptions {
	/** Port to listen on; 0 (default) = a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** State object (full or partial) or path to a JSON state file. Default: the built-in demo state. */
	state?: SandboxState | SandboxStateInput | string;
	/** Sandbox clock = real clock + this offset (seconds). Affects /auth/time, the time window and orders. */
	clockOffsetSeconds?: number;
	/** Accepted |X-Ovh-Timestamp - server time| in seconds (default 180). */
	timeToleranceSeconds?: number;
	/** Error body shape (default 'current'). */
	errorShape?: ErrorShape;
	/** checking → delivered after this many ms on the sandbox clock (default 300). */
	deliveryDelayMs?: number;
	/** Write the state (pretty JSON) to this file after each change. */
	persistPath?: string;
	/** No per-request log lines (default false). */
	quiet?: boolean;
	/** Where per-request log lines go when not quiet (default: none unless provided; the CLI passes console.log). */
	logger?: (line: string) => void;
}

export interface RunningSandbox {
	/** http://HOST:PORT */
	origin: string;
	/** origin + '/1.0' */
	baseUrl: string;
	port: number;
	close(): Promise<void>;
	/** Logged OVH requests (admin calls excluded; no signature or consumer key values). */
	requests(): LoggedRequest[];
	clearRequests(): void;
	/** Restores the initial state, faults, clock offset and error shape (the request log is kept). */
	reset(): void;
	/** Live view of the state (mutations affect the sandbox). */
	state(): SandboxState;
	setClockOffset(seconds: number): void;
	/** Current sandbox server time (what GET /auth/time answers). */
	serverTime(): number;
	setErrorShape(shape: ErrorShape): void;
	addFault(fault: FaultSpec): void;
	clearFaults(): void;
}

export { DEMO_KEYS };
export type { DemoKeys } from './default-state';
export {
	DEFAULT_STATE,
	OTHER_APP_KEYS,
	PENDING_CREDENTIAL_TOKEN,
	SANDBOX_CONSUMER_KEYS,
	TEST_VECTOR_KEYS,
} from './default-state';
export { computeSignature, signaturePayload, signaturesEqual, signedHeaders } from './signature';
export type { SignatureInput, SigningKeys } from './signature';
export { normalizeState, loadStateFile, StateError } from './state';
export { SANDBOX_ROUTES } from './routes';
export { SANDBOX_V2_ROUTES } from './api-iam';
export { GRANT_ENDPOINT } from './api-oauth';
export { SANDBOX_SERVICE_ACCOUNTS } from './service-accounts';
export type { IamPolicy, SandboxServiceAccount } from './service-accounts';
export type * from './types';

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
	const host = opts.host ?? '127.0.0.1';
	const tolerance = opts.timeToleranceSeconds ?? 180;
	const deliveryDelayMs = opts.deliveryDelayMs ?? 300;
	const clockOffsetSeconds = opts.clockOffsetSeconds ?? 0;
	if (!(tolerance >= 0)) throw new Error('timeToleranceSeconds must be >= 0');
	if (!(deliveryDelayMs >= 0)) throw new Error('deliveryDelayMs must be >= 0');
	const errorShape = opts.errorShape ?? 'current';
	if (errorShape !== 'current' && errorShape !== 'legacy') throw new Error('errorShape must be "current" or "legacy"');

	let core: SandboxCore | null = null;
	let handler: ReturnType<typeof createRequestHandler> | null = null;
	const server = createServer((req, res) => {
		if (handler) handler(req, res);
		else {
			res.statusCode = 503;
			res.end();
		}
	});
	server.keepAliveTimeout = 5000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	try {
		const now = Date.now() + clockOffsetSeconds * 1000;
		const state =
			typeof opts.state === 'string'
				? loadStateFile(opts.state, now, origin)
				: normalizeState(opts.state ?? DEFAULT_STATE, now, origin);
		core = new SandboxCore({
			state,
			clockOffsetSeconds,
			timeToleranceSeconds: tolerance,
			errorShape,
			deliveryDelayMs,
			persistPath: opts.persistPath ?? null,
			logger: opts.quiet ? null : (opts.logger ?? null),
		});
		core.persist();
		handler = createRequestHandler(core);
	} catch (err) {
		await new Promise<void>((resolve) => server.close(() => resolve()));
		throw err;
	}
	const c = core;

	return {
		origin,
		baseUrl: `${origin}/1.0`,
		port,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				server.closeAllConnections();
			}),
		requests: () => [...c.log],
		clearRequests: () => c.clearLog(),
		reset: () => c.reset(),
		state: () => {
			c.refreshOrders();
			return c.state;
		},
		setClockOffset: (seconds: number) => {
			c.clockOffsetSeconds = seconds;
		},
		serverTime: () => c.serverTime(),
		setErrorShape: (shape: ErrorShape) => {
			c.errorShape = shape;
		},
		addFault: (fault: FaultSpec) => {
			c.addFault(validateFault(fault));
		},
		clearFaults: () => c.clearFaults(),
	};
}
