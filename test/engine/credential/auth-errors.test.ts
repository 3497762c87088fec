/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- deliberately wrong sandbox-only keys, never real credentials */
/**
 * What a user sees for each authentication failure, through a real Get Service Info run (and Create Renew Order for
 * a POST rule): OVH's message, its code or class, the X-Ovh-QueryID, a hint on how to fix it, and never a secret.
 */
import type { INodeParameters } from 'n8n-workflow';

import { OvhCreateRenewOrder } from '../../../nodes/OvhCreateRenewOrder/OvhCreateRenewOrder.node';
import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { DEMO_KEYS, OTHER_APP_KEYS, SANDBOX_CONSUMER_KEYS } from '../../../sandbox';
import type { RunningSandbox } from '../../../sandbox';
import type { RunResult } from '../../harness';
import type { OvhCredentialData } from '../helpers';
import { byIdLocator, deepText, failure, requestLines, runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

const BY_NAME = { lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' };
const SERVICE_INFOS = 'GET /vps/vps112233.ovh.net/serviceInfos';

async function getServiceInfo(sbx: RunningSandbox, credential: Partial<OvhCredentialData>, parameters: INodeParameters = BY_NAME) {
	return await runNode(sbx, OvhGetServiceInfo, parameters, { credential: { timeDelta: '0', ...credential } });
}

/**
 * The run (output, run data, recorded and thrown errors with their cause chain) and the sandbox log hold neither the
 * application secret nor the consumer key of the credential used, nor any of the `extra` secrets.
 */
function expectNoSecrets(sbx: RunningSandbox, result: RunResult, extra: string[] = []) {
	const stored = [...result.credentialStore.values()][0];
	const used = [String(stored.applicationSecret), String(stored.consumerKey)];
	// the scanner finds them where they legitimately are
	for (const secret of used) expect(deepText(result.credentialStore)).toContain(secret);
	const secrets = [...used, ...extra];
	const texts = {
		run: deepText(result.run),
		error: deepText(result.error),
		thrown: deepText(result.thrownError),
		thrownErrors: deepText(result.thrownErrors),
		output: deepText(result.runData),
		log: JSON.stringify(sbx.requests()),
	};
	for (const secret of secrets) {
		for (const [where, text] of Object.entries(texts)) {
			expect({ where, leaks: text.includes(secret) }).toEqual({ where, leaks: false });
		}
	}
}

/** The query ID of the last logged request appears in the description. */
function expectLastQueryId(sbx: RunningSandbox, description: string) {
	const last = sbx.requests().at(-1);
	expect(last?.queryId).toMatch(/^EU\.ext-3\./);
	expect(description).toContain(`X-Ovh-QueryID ${last?.queryId}`);
}

describe('authentication failures in Get Service Info', () => {
	it('wrong application secret: INVALID_SIGNATURE, hint on the Application Secret', async () => {
		const sbx = sandbox();
		const wrongSecret = 'sbxWrongSecretValue0000000000042';
		const result = await getServiceInfo(sbx, { applicationSecret: wrongSecret });

		expect(result.status).toBe('error');
		const { message, description } = failure(result);
		expect(message).toBe('OVH: Invalid signature');
		expect(description).toContain('GET /vps/*/serviceInfos: Client::BadRequest · HTTP 400');
		expect(description).toContain('the Application Secret does not belong to this Application Key');
		expectLastQueryId(sbx, description);
		expect(result.error).toMatchObject({ httpCode: '400' });
		// only QUERY_TIME_OUT re-reads the clock: a signature refusal is answered once, with no clock read and no re-send
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 400`]);
		expect(sbx.requests().map((r) => r.error)).toEqual(['INVALID_SIGNATURE']);
		expectNoSecrets(sbx, result, [DEMO_KEYS.applicationSecret]);
	});

	it('unknown application key: INVALID_KEY, hint on the endpoint/platform', async () => {
		const sbx = sandbox();
		const result = await getServiceInfo(sbx, { applicationKey: 'unknownAppKey0001' });

		const { message, description } = failure(result);
		expect(message).toBe('OVH: This application key is invalid');
		expect(description).toContain('Client::Forbidden · HTTP 403');
		expect(description).toContain('Keys only work on the platform where they were created');
		expect(description).toContain('check Endpoint in the credential');
		expectLastQueryId(sbx, description);
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 403`]);
		expectNoSecrets(sbx, result);
	});

	it.each([
		['pending validation', SANDBOX_CONSUMER_KEYS.pending],
		['expired', SANDBOX_CONSUMER_KEYS.expired],
		['validated but past its expiration date', SANDBOX_CONSUMER_KEYS.dateExpired],
		['refused', SANDBOX_CONSUMER_KEYS.refused],
		['of another application', OTHER_APP_KEYS.consumerKey],
	])('consumer key %s: INVALID_CREDENTIAL, hint to create and validate a new consumer key', async (_label, consumerKey) => {
		const sbx = sandbox();
		const result = await getServiceInfo(sbx, { consumerKey });

		const { message, description } = failure(result);
		expect(message).toBe('OVH: This credential is not valid');
		expect(description).toContain('Client::Forbidden · HTTP 403');
		expect(description).toContain('The Consumer Key is invalid, expired, not validated yet');
		expect(description).toContain('Create and validate a new consumer key');
		expectLastQueryId(sbx, description);
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 403`]);
		expect(sbx.requests()[0].error).toBe('INVALID_CREDENTIAL');
		expectNoSecrets(sbx, result);
	});

	it('narrow consumer key lacking GET /vps/*/serviceInfos: NOT_GRANTED_CALL names the method and rule', async () => {
		const sbx = sandbox();
		const result = await getServiceInfo(sbx, { consumerKey: SANDBOX_CONSUMER_KEYS.narrow });

		const { message, description } = failure(result);
		expect(message).toBe('OVH: This call has not been granted');
		expect(description).toContain('The consumer key lacks the access rule GET /vps/*/serviceInfos');
		expect(description).toContain('createToken');
		expectLastQueryId(sbx, description);
		expect(requestLines(sbx)).toEqual([`${SERVICE_INFOS} 403`]);
		expectNoSecrets(sbx, result);
	});

	it('narrow consumer key, by ID: GET /service/{id} is granted, the serviceInfos rule is named as missing', async () => {
		const sbx = sandbox();
		const result = await getServiceInfo(sbx, { consumerKey: SANDBOX_CONSUMER_KEYS.narrow }, {
			lookup: 'byId',
			serviceId: byIdLocator(778899),
		});

		const { description } = failure(result);
		expect(description).toContain('The consumer key lacks the access rule GET /ip/*/serviceInfos');
		expect(requestLines(sbx)).toEqual(['GET /service/778899 200', 'GET /ip/141.94.185.0%2F28/serviceInfos 403']);
	});

	it('narrow consumer key in Create Renew Order: names GET /me/order, then POST /service/*/renew', async () => {
		const sbx = sandbox();
		const credential = { timeDelta: '0', consumerKey: SANDBOX_CONSUMER_KEYS.narrow };
		// The permission check before ordering would stop this key first (test/engine/service-account/preflight.test.ts).
		const params = { serviceId: byIdLocator(12345), duration: 'P1Y', verifyStrategy: false, options: { checkPermissionToPay: false } };

		const withReuse = await runNode(sbx, OvhCreateRenewOrder, params, { credential });
		expect(failure(withReuse).message).toBe('OVH: This call has not been granted');
		expect(failure(withReuse).description).toContain('lacks the access rule GET /me/order.');
		expect(requestLines(sbx).at(-1)).toMatch(/^GET \/me\/order 403$/);

		sbx.clearRequests();
		const withoutReuse = await runNode(sbx, OvhCreateRenewOrder, { ...params, options: { reuseRecentOrder: false, checkPermissionToPay: false } }, { credential });
		expect(failure(withoutReuse).description).toContain('lacks the access rule POST /service/*/renew.');
		expect(requestLines(sbx)).toEqual(['POST /service/12345/renew 403']);
		expectNoSecrets(sbx, withoutReuse);
	});

	describe('legacy error shape', () => {
		it.each([
			['INVALID_SIGNATURE', { applicationSecret: 'sbxWrongSecretValue0000000000042' }, 'HTTP 400', 'Application Secret'],
			['INVALID_KEY', { applicationKey: 'unknownAppKey0001' }, 'HTTP 403', 'check Endpoint'],
			['INVALID_CREDENTIAL', { consumerKey: SANDBOX_CONSUMER_KEYS.expired }, 'HTTP 403', 'Create and validate a new consumer key'],
			['NOT_GRANTED_CALL', { consumerKey: SANDBOX_CONSUMER_KEYS.narrow }, 'HTTP 403', 'lacks the access rule GET /vps/*/serviceInfos'],
		])('%s: code, status, query ID and hint in the description', async (code, credential, status, hint) => {
			const sbx = sandbox();
			sbx.setErrorShape('legacy');
			const result = await getServiceInfo(sbx, credential);

			const { description } = failure(result);
			expect(description).toContain(`GET /vps/*/serviceInfos: ${code} · ${status}`);
			expect(description).toContain(hint);
			expectLastQueryId(sbx, description);
			const thrown = result.thrownError as { context?: { ovh?: { errorCode?: string } } } | undefined;
			expect(thrown?.context?.ovh?.errorCode).toBe(code);
			expectNoSecrets(sbx, result);
		});
	});

	it('with Continue On Fail, the error item carries the code and query ID but no secret', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, OvhGetServiceInfo, BY_NAME, {
			credential: { timeDelta: '0', consumerKey: SANDBOX_CONSUMER_KEYS.pending },
			extra: { onError: 'continueRegularOutput' },
		});

		expect(result.status).toBe('success');
		const [item] = result.json('Node');
		expect(item).toMatchObject({
			error: 'OVH: This credential is not valid',
			httpCode: '403',
			ovhErrorCode: 'Client::Forbidden',
			ovhQueryId: sbx.requests()[0].queryId,
		});
		expect(String(item.description)).toContain('Create and validate a new consumer key');
		expectNoSecrets(sbx, result);
	});
});
