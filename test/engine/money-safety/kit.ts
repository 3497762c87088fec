/**
 * Helpers of the money-safety proofs (concurrency and chaos): a seeded PRNG, a sandbox state with one consumer key
 * per concurrent execution (the request log's `credentialId` then tells which execution sent which request), the
 * renewal chain as a user wires it, and readers that check the money invariants on the sandbox's own state and log.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_STATE } from '../../../sandbox';
import type { LoggedRequest, RunningSandbox, SandboxOrder, SandboxStateInput } from '../../../sandbox';
import { FIRST_SERVICE_ID, generateState, priceFor } from '../../fixtures/generated-state';
import type { RunResult } from '../../harness';
import {
	MAP_SERVICE_ID,
	byIdLocator,
	createOrderNode,
	failure,
	getServiceInfoNode,
	listStrategiesNode,
	newOrders,
	ovhCredentialStore,
	payOrderNode,
	runNodes,
} from '../helpers';

/** mulberry32: a small, fast, seeded PRNG; the same seed always draws the same sequence. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Dice {
	chance: (p: number) => boolean;
	int: (min: number, max: number) => number;
	pick: <T>(list: readonly T[]) => T;
}

export function dice(seed: number): Dice {
	const next = seededRandom(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return { chance: (p) => next() < p, int, pick: (list) => list[int(0, list.length - 1)] };
}

/** First credentialId of the per-execution consumer keys (the default state's are 2000xx). */
const FIRST_KEY_ID = 300001;

/** The consumer key of execution slot `slot` (sandbox-only value). */
export const slotConsumerKey = (slot: number): string => `sbxMoneySafetySlotKey${String(slot).padStart(8, '0')}`;
export const slotCredentialId = (slot: number): number => FIRST_KEY_ID + slot;

/** `services` generated services (P1Y single-service offers, due in 10 days) and `slots` validated consumer keys. */
export function moneySafetyState(services: number, slots: number): SandboxStateInput {
	const defaults = DEFAULT_STATE.credentials ?? [];
	const demo = defaults[0];
	const keys = Array.from({ length: slots }, (_, slot) => ({
		...demo,
		credentialId: slotCredentialId(slot),
		consumerKey: slotConsumerKey(slot),
	}));
	return { ...generateState({ services, expiresInDays: () => 10 }), credentials: [...defaults, ...keys] };
}

export const serviceIdOf = (i: number): number => FIRST_SERVICE_ID + i;
/** The P1Y price with the default 20 % tax, as the sandbox rounds it. */
export const priceWithTaxOf = (i: number): number => Math.round(priceFor(i) * 1.2 * 100) / 100;

/**
 * The whole chain for the input items' `serviceId`: Get Service Info (by ID) → List Renew Strategies (P1Y, this
 * service only) → Create Renew Order → Pay Order capped at `cap` (tax included, the required top-level Max Amount),
 * paid with PayPal #1234 (the helpers' default way to pay).
 */
export function renewalChain(cap: number | string): INode[] {
	return [
		getServiceInfoNode({ lookup: 'byId', serviceId: MAP_SERVICE_ID }),
		listStrategiesNode({ filters: { renewPeriod: 'P1Y', onlyThisService: true } }),
		createOrderNode(),
		payOrderNode({ maxAmount: String(cap) }),
	];
}

export { byIdLocator };

/** Runs the chain as the execution of slot `slot` (its own consumer key, clock already in sync). */
export async function runAsSlot(sbx: RunningSandbox, slot: number, nodes: INode[], inputItems: INodeExecutionData[]): Promise<RunResult> {
	const store = ovhCredentialStore(sbx, { consumerKey: slotConsumerKey(slot), timeDelta: '0' });
	return await runNodes(sbx, nodes, { store, inputItems });
}

export const PAYMENT_PATH = '/me/order/*/pay*';
const PAYMENT_RE = /^\/me\/order\/(\d+)\/(pay|payWithRegisteredPaymentMean)$/;
const RENEW_RE = /^\/service\/(\d+)\/renew$/;

/** Pay Order's calls about one order (the order, its status, payment, payment methods, the payment POST). */
export function aboutOrder(orderId: number): (r: LoggedRequest) => boolean {
	return (r) => r.path === `/me/order/${orderId}` || r.path.startsWith(`/me/order/${orderId}/`) || r.path.startsWith('/me/payment');
}

export function isPaymentPost(r: LoggedRequest): boolean {
	return r.method === 'POST' && PAYMENT_RE.test(r.path);
}

export function isRenewPost(r: LoggedRequest): boolean {
	return r.method === 'POST' && RENEW_RE.test(r.path) && (r.body as { dryRun?: boolean } | null)?.dryRun !== true;
}

/** A write whose answer did not prove it unexecuted: dropped, 408 or 5xx. */
export function unknownOutcome(r: LoggedRequest): boolean {
	return r.status === 0 || r.status === 408 || r.status >= 500;
}

export const isPaid = (o: SandboxOrder): boolean => o.paidAt !== null;
export const renewalKey = (o: SandboxOrder): string => `${[...o.services].sort((a, b) => a - b).join(',')}/${o.duration}`;

/** Paid orders by renewal (services + period), from the sandbox state. */
export function paidByRenewal(sbx: RunningSandbox): Map<string, SandboxOrder[]> {
	const byKey = new Map<string, SandboxOrder[]>();
	for (const order of newOrders(sbx).filter(isPaid)) byKey.set(renewalKey(order), [...(byKey.get(renewalKey(order)) ?? []), order]);
	return byKey;
}

/**
 * Writes sent twice by one execution (one credentialId): the same order's payment, or a second renew order for the
 * same service. Each execution renews each service once, so any repeat is a re-send. Returns readable lines.
 */
export function resentWrites(requests: LoggedRequest[]): string[] {
	const seen = new Map<string, LoggedRequest>();
	const lines: string[] = [];
	for (const r of requests) {
		if (!isPaymentPost(r) && !isRenewPost(r)) continue;
		const key = `${r.credentialId} ${r.method} ${r.path}`;
		const first = seen.get(key);
		if (first) {
			lines.push(`credential ${r.credentialId}: ${r.method} ${r.path} sent again (#${r.id}, status ${r.status}) after #${first.id} (status ${first.status}${unknownOutcome(first) ? ', outcome unknown' : ''})`);
		} else seen.set(key, r);
	}
	return lines;
}

/**
 * The OVH answer that made an execution fail: the last error answer (HTTP ≥ 400) of its credential that no later
 * identical call answered successfully. A 404 on `…/payment` ("not paid") is an expected read, not a failure.
 * Undefined when the failure was not an OVH answer (a dropped connection, or a check of the node itself).
 * `scope` keeps only the failing node's calls (e.g. Pay Order's: those about its order).
 */
export function failingAnswer(requests: LoggedRequest[], credentialId: number, scope?: (r: LoggedRequest) => boolean): LoggedRequest | undefined {
	const own = requests.filter((r) => r.credentialId === credentialId && (!scope || scope(r)));
	for (let k = own.length - 1; k >= 0; k--) {
		const r = own[k];
		if (r.status === 0) return undefined;
		if (r.status < 400 || (r.status === 404 && r.path.endsWith('/payment'))) continue;
		const recovered = own.slice(k + 1).some((later) => later.method === r.method && later.path === r.path && later.status < 400 && later.status > 0);
		if (!recovered) return r;
	}
	return undefined;
}

/** A node's output items, or none when the node did not run (the execution failed before it). */
export function outputOf(result: RunResult, nodeName: string): IDataObject[] {
	return result.runData[nodeName] ? result.json(nodeName) : [];
}

/** The failed execution's message and description, the text a user reads. */
export function failureText(result: RunResult): string {
	const { message, description } = failure(result);
	return `${message}\n${description}`;
}

/** A short label of a failure for the summary: the failing node and its message, numbers and ids masked. */
export function failureKind(result: RunResult): string {
	const node = result.executionOrder.at(-1) ?? '?';
	const message = failure(result).message.replace(/\d[\d.,]*/g, 'N').replace(/\s+/g, ' ');
	return `${node}: ${message.slice(0, 70)}`;
}

/** Prints a table (console.table) under a title; the money-safety tests print what they proved. */
export function printTable(title: string, rows: Record<string, unknown>[] | Record<string, Record<string, unknown>>): void {
	// eslint-disable-next-line no-console
	console.log(title);
	// eslint-disable-next-line no-console
	console.table(rows);
}

export function count<T>(list: T[], predicate: (x: T) => boolean): number {
	return list.filter(predicate).length;
}
