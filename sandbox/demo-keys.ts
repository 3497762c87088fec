/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- sandbox-only demo keys and OVH's public test vector, never real credentials */
/**
 * The sandbox's demo keys (not OVH credentials: they work nowhere else) and OVH's public signing test vector keys.
 */

/** Application key + secret + consumer key, as a client needs them to sign. */
export type DemoKeys = Readonly<{ applicationKey: string; applicationSecret: string; consumerKey: string }>;

/** Sandbox-only demo credential (validated, rules GET/POST/PUT/DELETE /*). Not a real OVH key. */
export const DEMO_KEYS: DemoKeys = {
	applicationKey: 'sbxDemoAppKey001',
	applicationSecret: 'sbxDemoAppSecretNotForProd000001',
	consumerKey: 'sbxDemoConsumerKeyNotForProd0001',
};

/** Other consumer keys of the demo application, for tests. */
export const SANDBOX_CONSUMER_KEYS = {
	/** validated; GET /service, GET /service/*, GET /auth/currentCredential only */
	narrow: 'sbxNarrowConsumerKeyReadOnly0001',
	/** pendingValidation (validate it with GET /__sandbox/validate?credentialToken=sbxPendingToken0001) */
	pending: 'sbxPendingConsumerKey00000000001',
	/** status expired */
	expired: 'sbxExpiredConsumerKey00000000001',
	/** status validated but its expiration date is in the past */
	dateExpired: 'sbxDateExpiredConsumerKey0000001',
	/** status refused */
	refused: 'sbxRefusedConsumerKey00000000001',
	/** validated, but belongs to the other application (OTHER_APP_KEYS) */
	otherApp: 'sbxOtherAppConsumerKey0000000001',
} as const;

export const PENDING_CREDENTIAL_TOKEN = 'sbxPendingToken0001';

/** A second application, whose consumer key is refused when used with the demo application key. */
export const OTHER_APP_KEYS: DemoKeys = {
	applicationKey: 'sbxOtherAppKey002',
	applicationSecret: 'sbxOtherAppSecretNotForProd00002',
	consumerKey: SANDBOX_CONSUMER_KEYS.otherApp,
};

/** OVH's official signing test vector keys (python/go/php test suites), accepted by the sandbox. */
export const TEST_VECTOR_KEYS: DemoKeys = {
	applicationKey: 'TDPKJdwZwAQPwKX2',
	applicationSecret: '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk',
	consumerKey: '5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY',
};
