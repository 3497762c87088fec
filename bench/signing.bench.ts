/**
 * 1. Signing throughput: `computeSignature` (the `$1$` SHA-1) and `signRequest` (URL + query building,
 * normalisation, body serialisation, headers, signature) from nodes/shared/signing.ts, for a GET with a query and a
 * POST with a JSON body. Pure CPU, no I/O: fixed iteration counts, median of several batches.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { computeSignature, signRequest } from '../nodes/shared/signing';
import { DEMO_KEYS } from '../sandbox';
import { fmt, fmtInt, median, now, printTable } from './lib/stats';

const WARMUP = 20_000;
const BATCHES = 5;
const PER_BATCH = 50_000;

const NOW_MS = 1_780_000_000_000;

const keys = {
	applicationKey: DEMO_KEYS.applicationKey,
	applicationSecret: DEMO_KEYS.applicationSecret,
	consumerKey: DEMO_KEYS.consumerKey,
	timeDelta: '-3',
};
const ovhEu: ICredentialDataDecryptedObject = { endpoint: 'ovh-eu', ...keys };
const custom: ICredentialDataDecryptedObject = { endpoint: 'custom', customUrl: 'http://127.0.0.1:8787/1.0', ...keys };

const getWithQuery = (): IHttpRequestOptions => ({
	method: 'GET',
	url: '/me/order',
	qs: { 'date.from': '2026-05-01T00:00:00.000Z', 'date.to': '2026-05-31T23:59:59.000Z' },
	json: true,
	headers: { Accept: 'application/json' },
});

const postWithBody = (): IHttpRequestOptions => ({
	method: 'POST',
	url: '/service/12345/renew',
	body: { dryRun: false, duration: 'P1Y', services: [67890, 12345] },
	json: true,
	headers: { Accept: 'application/json' },
});

const GET_URL = 'https://eu.api.ovh.com/1.0/me/order?date.from=2026-05-01T00%3A00%3A00.000Z&date.to=2026-05-31T23%3A59%3A59.000Z';
const POST_URL = 'https://eu.api.ovh.com/1.0/service/12345/renew';
const POST_BODY = JSON.stringify({ dryRun: false, duration: 'P1Y', services: [67890, 12345] });

interface Case {
	name: string;
	/** One operation; returns something derived from the result so it cannot be optimised away. */
	op: (i: number) => number;
}

const cases: Case[] = [
	{
		name: 'computeSignature GET + query',
		op: (i) =>
			computeSignature({ applicationSecret: keys.applicationSecret, consumerKey: keys.consumerKey, method: 'GET', url: GET_URL, body: '', timestamp: 1_780_000_000 + i }).length,
	},
	{
		name: 'computeSignature POST + body',
		op: (i) =>
			computeSignature({ applicationSecret: keys.applicationSecret, consumerKey: keys.consumerKey, method: 'POST', url: POST_URL, body: POST_BODY, timestamp: 1_780_000_000 + i }).length,
	},
	{
		name: 'signRequest GET + query (ovh-eu)',
		op: (i) => String(signRequest(ovhEu, getWithQuery(), NOW_MS + i).url).length,
	},
	{
		name: 'signRequest POST + body (ovh-eu)',
		op: (i) => String(signRequest(ovhEu, postWithBody(), NOW_MS + i).body).length,
	},
	{
		name: 'signRequest GET + query (custom URL)',
		op: (i) => String(signRequest(custom, getWithQuery(), NOW_MS + i).url).length,
	},
	{
		name: 'signRequest POST + body (custom URL)',
		op: (i) => String(signRequest(custom, postWithBody(), NOW_MS + i).body).length,
	},
	{
		name: 're-sign signed POST (n8n 401 retry)',
		op: (() => {
			const signed = signRequest(ovhEu, postWithBody(), NOW_MS);
			return (i: number) => String(signRequest(ovhEu, signed, NOW_MS + i).headers?.['X-Ovh-Signature']).length;
		})(),
	},
];

function measure(c: Case): { opsPerSec: number; usPerOp: number; min: number; max: number } {
	let sink = 0;
	for (let i = 0; i < WARMUP; i++) sink += c.op(i);
	const rates: number[] = [];
	for (let b = 0; b < BATCHES; b++) {
		const start = now();
		for (let i = 0; i < PER_BATCH; i++) sink += c.op(i);
		rates.push(PER_BATCH / ((now() - start) / 1000));
	}
	if (sink === 0) throw new Error('unreachable: every operation returns a non-empty string');
	const opsPerSec = median(rates);
	return { opsPerSec, usPerOp: 1e6 / opsPerSec, min: Math.min(...rates), max: Math.max(...rates) };
}

export async function run(): Promise<void> {
	const rows: string[][] = [];
	for (const c of cases) {
		const r = measure(c);
		rows.push([c.name, fmtInt(r.opsPerSec), fmt(r.usPerOp, 2), `${fmtInt(r.min)} … ${fmtInt(r.max)}`]);
	}
	printTable('1. Signing (nodes/shared/signing.ts), single thread', ['operation', 'ops/s (median)', 'µs/op', 'ops/s range of batches'], rows, [
		`${BATCHES} batches × ${fmtInt(PER_BATCH)} operations after ${fmtInt(WARMUP)} warm-up; signRequest builds fresh options each call.`,
	]);
}
