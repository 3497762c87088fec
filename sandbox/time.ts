/**
 * Dates and ISO-8601 durations for the OVH sandbox (all UTC).
 */

export interface IsoDuration {
	years: number;
	months: number;
	weeks: number;
	days: number;
	hours: number;
	minutes: number;
	seconds: number;
}

const ISO_DURATION =
	/^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO-8601 duration such as P1Y, P3M, P1Y2M10D, PT12H. Returns null when malformed. */
export function parseIsoDuration(value: string): IsoDuration | null {
	const m = ISO_DURATION.exec(value);
	if (!m) return null;
	const n = (s: string | undefined): number => (s === undefined ? 0 : Number(s));
	return {
		years: n(m[1]),
		months: n(m[2]),
		weeks: n(m[3]),
		days: n(m[4]),
		hours: n(m[5]),
		minutes: n(m[6]),
		seconds: n(m[7]),
	};
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateOnly(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = DATE_ONLY.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return formatDate(d.getTime()) === value;
}

function daysInMonth(year: number, monthIndex: number): number {
	return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Calendar addition on a date: years and months first (day clamped to the month's length, so
 * 2024-01-31 + P1M = 2024-02-29), then weeks and days. Time components are ignored (expirations are dates).
 */
export function addDurationToDate(date: string, duration: IsoDuration, sign: 1 | -1 = 1): string {
	const m = DATE_ONLY.exec(date);
	if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
	const totalMonths = Number(m[1]) * 12 + (Number(m[2]) - 1) + sign * (duration.years * 12 + duration.months);
	const year = Math.floor(totalMonths / 12);
	const monthIndex = totalMonths - year * 12;
	const day = Math.min(Number(m[3]), daysInMonth(year, monthIndex));
	const ms = Date.UTC(year, monthIndex, day) + sign * (duration.weeks * 7 + duration.days) * 86_400_000;
	return formatDate(ms);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** YYYY-MM-DD (UTC) */
export function formatDate(ms: number): string {
	const d = new Date(ms);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** OVH-style datetime without milliseconds, e.g. 2018-05-15T13:49:06+00:00 (the sandbox always answers in UTC). */
export function formatDateTime(ms: number): string {
	const d = new Date(ms);
	return (
		`${formatDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`
	);
}

/** Parses an ISO datetime or date; NaN when invalid. */
export function parseDateTime(value: string): number {
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return NaN;
	return Date.parse(value.replace(' ', 'T'));
}

const RELATIVE = /^(?:today|now)?\s*([+-]\d+)\s*([dwmy])$/i;

/**
 * Resolves a state-file date: `YYYY-MM-DD`, or relative to the sandbox start: `today`, `+20d`, `-3m`,
 * `+1y`, `+2w` (also `today+20d`). Returns YYYY-MM-DD.
 */
export function resolveDate(value: string, nowMs: number, field: string): string {
	const v = value.trim();
	if (isDateOnly(v)) return v;
	if (/^(today|now)$/i.test(v)) return formatDate(nowMs);
	const rel = RELATIVE.exec(v);
	if (rel) return shiftDate(formatDate(nowMs), Number(rel[1]), rel[2].toLowerCase());
	const ms = parseDateTime(v);
	if (!Number.isNaN(ms)) return formatDate(ms);
	throw new Error(`${field}: invalid date "${value}" (use YYYY-MM-DD or a relative value such as "+20d")`);
}

/** Like resolveDate but returns an ISO datetime (relative values keep the current time of day). */
export function resolveDateTime(value: string, nowMs: number, field: string): string {
	const v = value.trim();
	if (/^(today|now)$/i.test(v)) return formatDateTime(nowMs);
	const rel = RELATIVE.exec(v);
	if (rel) {
		const amount = Number(rel[1]);
		const unit = rel[2].toLowerCase();
		if (unit === 'd' || unit === 'w') return formatDateTime(nowMs + amount * (unit === 'w' ? 7 : 1) * 86_400_000);
		const day = shiftDate(formatDate(nowMs), amount, unit);
		return formatDateTime(Date.parse(`${day}T00:00:00Z`) + (nowMs % 86_400_000));
	}
	const ms = parseDateTime(v);
	if (!Number.isNaN(ms)) return formatDateTime(ms);
	throw new Error(`${field}: invalid datetime "${value}" (use ISO-8601 or a relative value such as "-2d")`);
}

function shiftDate(date: string, amount: number, unit: string): string {
	const zero: IsoDuration = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
	const d: IsoDuration = { ...zero };
	const abs = Math.abs(amount);
	if (unit === 'd') d.days = abs;
	else if (unit === 'w') d.weeks = abs;
	else if (unit === 'm') d.months = abs;
	else d.years = abs;
	return addDurationToDate(date, d, amount < 0 ? -1 : 1);
}

/** Months of a duration when it is a whole number of months/years (P1M → 1, P1Y → 12), else null. */
export function durationMonths(value: string): number | null {
	const d = parseIsoDuration(value);
	if (!d || d.weeks || d.days || d.hours || d.minutes || d.seconds) return null;
	return d.years * 12 + d.months;
}

/** service.renew.Interval for a number of months (1 → P1M, 12 → P1Y), null when none fits. */
export function monthsToInterval(months: number | null): string | null {
	switch (months) {
		case 1:
			return 'P1M';
		case 3:
			return 'P3M';
		case 6:
			return 'P6M';
		case 12:
			return 'P1Y';
		case 24:
			return 'P2Y';
		case 36:
			return 'P3Y';
		default:
			return null;
	}
}
