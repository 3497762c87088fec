/**
 * Sandbox engine: state, sandbox clock, lazy order lifecycle, faults, request log. No HTTP here.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { RateLimiter } from './batch-rate';
import { cloneState, writeStateFile } from './state';
import { addDurationToDate, formatDateTime, parseIsoDuration } from './time';
import type {
	ActiveFault,
	ErrorShape,
	FaultSpec,
	LoggedRequest,
	SandboxOrder,
	SandboxService,
	SandboxState,
} from './types';

export interface CoreOptions {
	state: SandboxState;
	clockOffsetSeconds: number;
	timeToleranceSeconds: number;
	errorShape: ErrorShape;
	deliveryDelayMs: number;
	persistPath: string | null;
	logger: ((line: string) => void) | null;
}

const MAX_LOG = 2000;
const FAULT_TYPES = ['latency', 'status', 'html', 'drop'] as const;

/** Glob where `*` matches any run of characters, including `/`. */
export function globToRegExp(glob: string): RegExp {
	const escaped = glob
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${escaped}$`);
}

/** Validates a FaultSpec (throws Error with a readable message). */
export function validateFault(spec: unknown): FaultSpec {
	if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new Error('fault must be an object');
	const f = spec as Record<string, unknown>;
	if (typeof f.type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(f.type)) {
		throw new Error(`fault.type must be one of ${FAULT_TYPES.join(', ')}`);
	}
	const out: FaultSpec = { type: f.type as FaultSpec['type'] };
	if (f.method !== undefined) {
		if (typeof f.method !== 'string') throw new Error('fault.method must be a string');
		out.method = f.method.toUpperCase();
	}
	if (f.path !== undefined) {
		if (typeof f.path !== 'string' || !f.path.startsWith('/')) throw new Error('fault.path must be a glob starting with "/"');
		out.path = f.path;
	}
	if (f.times !== undefined) {
		if (typeof f.times !== 'number' || !Number.isInteger(f.times) || (f.times < 1 && f.times !== -1)) {
			throw new Error('fault.times must be a positive integer (or -1 for unlimited)');
		}
		out.times = f.times;
	}
	if (f.status !== undefined) {
		if (typeof f.status !== 'number' || !Number.isInteger(f.status) || f.status < 200 || f.status > 599) {
			throw new Error('fault.status must be an HTTP status code');
		}
		out.status = f.status;
	}
	if (out.type === 'status' && out.status === undefined) throw new Error('fault.status is required for type "status"');
	if (f.retryAfter !== undefined) {
		if (typeof f.retryAfter !== 'number' || f.retryAfter < 0) throw new Error('fault.retryAfter must be seconds (>= 0)');
		out.retryAfter = f.retryAfter;
	}
	if (f.delayMs !== undefined) {
		if (typeof f.delayMs !== 'number' || f.delayMs < 0) throw new Error('fault.delayMs must be milliseconds (>= 0)');
		out.delayMs = f.delayMs;
	}
	if (out.type === 'latency' && out.delayMs === undefined) throw new Error('fault.delayMs is required for type "latency"');
	if (f.body !== undefined) out.body = f.body;
	if (f.when !== undefined) {
		if (f.when !== 'before' && f.when !== 'after') throw new Error('fault.when must be "before" or "after"');
		out.when = f.when;
	}
	return out;
}

export class SandboxCore {
	state: SandboxState;
	private initialState: SandboxState;
	clockOffsetSeconds: number;
	private readonly initialClockOffset: number;
	readonly timeToleranceSeconds: number;
	errorShape: ErrorShape;
	private readonly initialErrorShape: ErrorShape;
	readonly deliveryDelayMs: number;
	private readonly persistPath: string | null;
	private readonly logger: ((line: string) => void) | null;
	private lastPersisted = '';
	faults: ActiveFault[] = [];
	readonly rateLimiter = new RateLimiter();
	private faultSeq = 0;
	log: LoggedRequest[] = [];
	private logSeq = 0;
	private querySeq = 0;
	private readonly queryPrefix = `EU.ext-3.${Math.floor(Date.now() / 1000).toString(16)}`;

	constructor(opts: CoreOptions) {
		this.initialState = cloneState(opts.state);
		this.state = cloneState(opts.state);
		this.clockOffsetSeconds = opts.clockOffsetSeconds;
		this.initialClockOffset = opts.clockOffsetSeconds;
		this.timeToleranceSeconds = opts.timeToleranceSeconds;
		this.errorShape = opts.errorShape;
		this.initialErrorShape = opts.errorShape;
		this.deliveryDelayMs = opts.deliveryDelayMs;
		this.persistPath = opts.persistPath;
		this.logger = opts.logger;
	}

	/** Sandbox clock, ms (real time + clock offset). */
	now(): number {
		return Date.now() + this.clockOffsetSeconds * 1000;
	}

	/** What GET /auth/time answers (integer seconds). */
	serverTime(): number {
		return Math.floor(this.now() / 1000);
	}

	nextQueryId(): string {
		this.querySeq += 1;
		return `${this.queryPrefix}.${this.querySeq}.${randomUUID()}`;
	}

	randomToken(length: number): string {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
		const bytes = randomBytes(length);
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
		return out;
	}

	/** Restores the initial (loaded) state, faults, clock offset and error shape. The request log is kept. */
	reset(): void {
		this.state = cloneState(this.initialState);
		this.faults = [];
		this.clockOffsetSeconds = this.initialClockOffset;
		this.errorShape = this.initialErrorShape;
	}

	/** Replaces the current state (PUT /__sandbox/state); with `asInitial` it also becomes what reset() restores. */
	replaceState(state: SandboxState, asInitial = false): void {
		this.state = cloneState(state);
		if (asInitial) this.initialState = cloneState(state);
	}

	findService(id: number): SandboxService | undefined {
		return this.state.services.find((s) => s.serviceId === id);
	}

	findOrder(id: number): SandboxOrder | undefined {
		return this.state.orders.find((o) => o.orderId === id);
	}

	/**
	 * Lazy order lifecycle (no timers): a `checking` order becomes `delivered` once deliveryDelayMs have passed
	 * on the sandbox clock since payment; a delivered order extends each of its services' expiration by the paid
	 * duration, exactly once (extensionApplied).
	 */
	refreshOrders(): void {
		const now = this.now();
		for (const order of this.state.orders) {
			if (order.status === 'checking' && order.paidAt !== null && order.statusLagReads === 0) {
				const lagEnd = order.statusLagUntil === null ? 0 : Date.parse(order.statusLagUntil);
				const due = Math.max(Date.parse(order.paidAt) + this.deliveryDelayMs, lagEnd);
				if (now >= due) {
					order.status = 'delivered';
					order.deliveredAt = new Date(due).toISOString();
				}
			}
			if (order.status === 'delivered' && !order.extensionApplied) {
				const duration = parseIsoDuration(order.duration);
				if (duration) {
					for (const id of order.services) {
						const svc = this.findService(id);
						if (!svc) continue;
						svc.expiration = addDurationToDate(svc.expiration, duration);
						if (svc.status === 'expired') svc.status = 'ok';
						if (svc.billingState === 'expired') svc.billingState = 'ok';
					}
				}
				order.extensionApplied = true;
			}
		}
	}

	/**
	 * What GET /me/order/{id}/status answers: `notPaid` while a paid order is in its status lag (time not over, or
	 * lagging reads left; each such read uses one), else the order's status.
	 */
	readStatus(order: SandboxOrder): string {
		if (order.paidAt === null) return order.status;
		const timeLag = order.statusLagUntil !== null && this.now() < Date.parse(order.statusLagUntil);
		if (!timeLag && order.statusLagReads === 0) return order.status;
		if (order.statusLagReads > 0) order.statusLagReads -= 1;
		return 'notPaid';
	}

	/** Ends an order's status lag (admin deliver). */
	endStatusLag(order: SandboxOrder): void {
		order.statusLagUntil = null;
		order.statusLagReads = 0;
	}

	isOrderExpired(order: SandboxOrder): boolean {
		return this.now() > Date.parse(order.expirationDate);
	}

	addFault(spec: FaultSpec): ActiveFault {
		const valid = validateFault(spec);
		this.faultSeq += 1;
		const fault: ActiveFault = { ...valid, id: this.faultSeq, remaining: valid.times ?? 1 };
		this.faults.push(fault);
		return fault;
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Consumes and returns the first fault matching this OVH request, if any. */
	takeFault(method: string, path: string): ActiveFault | null {
		for (const fault of this.faults) {
			if (fault.method && fault.method !== method.toUpperCase()) continue;
			if (fault.path && !globToRegExp(fault.path).test(path)) continue;
			if (fault.remaining > 0) fault.remaining -= 1;
			if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
			return fault;
		}
		return null;
	}

	appendLog(entry: Omit<LoggedRequest, 'id'>): LoggedRequest {
		this.logSeq += 1;
		const full: LoggedRequest = { id: this.logSeq, ...entry };
		this.log.push(full);
		if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
		if (this.logger) {
			const extra = [full.error, full.fault ? `fault: ${full.fault}` : null].filter(Boolean).join(' ');
			this.logger(
				`${full.time} ${full.method} ${full.rawUrl} -> ${full.status}${extra ? ` ${extra}` : ''} (${full.durationMs} ms)`,
			);
		}
		return full;
	}

	clearLog(): void {
		this.log = [];
	}

	/** Writes the state to persistPath when it changed since the last write. */
	persist(): void {
		if (!this.persistPath) return;
		const json = JSON.stringify(this.state, null, 2) + '\n';
		if (json === this.lastPersisted) return;
		writeStateFile(this.persistPath, json);
		this.lastPersisted = json;
	}

	/** Formats sandbox-clock time as an OVH datetime. */
	nowDateTime(): string {
		return formatDateTime(this.now());
	}
}
