import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/**
 * The per-credential request governor: every node using the same OVH keys in this n8n process shares one governor
 * (module-level map keyed by a SHA-256 of endpoint + application key + consumer key: never a key in clear).
 *
 * - Pacing: with a Max Requests Per Second R above 0, requests start at least 1/R s apart (plus 5 %, so that network
 *   jitter never lands R + 1 requests inside one second of a limit of exactly R), whichever node sends them.
 * - 429: OVH's Retry-After (or a backoff) pauses every caller of that credential, not only the one that was refused.
 * Waits use n8n's `sleep`.
 */

/** The credential field (credentials/OvhApi.credentials.ts); 0 means no pacing. */
export const RATE_FIELD = 'maxRequestsPerSecond';

/** The credential setting (both credential types): the governor's rate. */
export const RATE_FIELD_PROPERTY: INodeProperties = {
	displayName: 'Max Requests Per Second',
	name: RATE_FIELD,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
	default: 0,
	description:
		'Paces every node using this credential in this n8n process to at most this many OVH requests per second (0 = no pacing; OVH then answers 429 when too fast, and reads wait for its Retry-After). 1 is the ~60 requests/minute an OVH maintainer calls safe.',
};

/** Above this, a setting is taken as this: pacing finer than 10 ms is meaningless at OVH's latencies. */
export const MAX_RATE_PER_SECOND = 100;

/**
 * How long one read may wait in total for 429 answers (Retry-After or backoff) before failing its item: beyond this the
 * limit is not a burst but a block, and the user should see it.
 */
export const MAX_RATE_LIMIT_WAIT_MS = 120_000;

/** Requests start 5 % further apart than the setting asks. */
const PACING_MARGIN = 1.05;

export class Governor {
	private perSecond = 0;

	private intervalMs = 0;

	private nextSlot = 0;

	private pausedUntil = 0;

	/** Requests per second; 0 (or anything not a positive number) turns pacing off. */
	setRate(perSecond: number): void {
		const rate = Number.isFinite(perSecond) && perSecond > 0 ? Math.min(perSecond, MAX_RATE_PER_SECOND) : 0;
		this.perSecond = rate;
		this.intervalMs = rate > 0 ? (1000 / rate) * PACING_MARGIN : 0;
	}

	/** The setting in effect (requests per second, 0 = no pacing). */
	get rate(): number {
		return this.perSecond;
	}

	/** Waits for this request's slot (after any 429 pause), and books it. */
	async acquire(): Promise<void> {
		const now = Date.now();
		const start = Math.max(now, this.nextSlot, this.pausedUntil);
		this.nextSlot = start + this.intervalMs;
		if (start > now) await sleep(start - now);
	}

	/** OVH answered 429: nobody using this credential sends anything for `ms`. */
	pause(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + Math.max(0, ms));
	}
}

const governors = new Map<string, Governor>();

/** A non-reversible key for a credential: which account and key pair, never a secret in clear. */
export function governorKey(credentials: ICredentialDataDecryptedObject | undefined): string {
	if (!credentials) return 'no-credential';
	const parts = ['endpoint', 'customUrl', 'applicationKey', 'consumerKey', 'clientId'].map((f) => String(credentials[f] ?? ''));
	return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 32);
}

/** The process-wide governor of a credential, with the credential's current rate setting. */
export function governorFor(credentials: ICredentialDataDecryptedObject | undefined): Governor {
	const key = governorKey(credentials);
	let governor = governors.get(key);
	if (!governor) {
		governor = new Governor();
		governors.set(key, governor);
	}
	governor.setRate(Number(credentials?.[RATE_FIELD] ?? 0));
	return governor;
}
