/**
 * The `ovhApi` credential: its test request definition (the editor's "Test" button is exercised end to end
 * elsewhere) and its preAuthentication against the sandbox clock, directly and through the engine.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { OvhApi } from '../../../credentials/OvhApi.credentials';
import { OvhGetServiceInfo } from '../../../nodes/OvhGetServiceInfo/OvhGetServiceInfo.node';
import { CREDENTIAL_ID, ovhCredentialData, ovhCredentialStore, requestLines, runNode, useSandbox } from '../helpers';

const sandbox = useSandbox();

/** A minimal `httpRequest` helper over fetch, recording what preAuthentication asked for. */
function fetchHelper(calls: IHttpRequestOptions[]): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				const response = await fetch(options.url, { method: options.method ?? 'GET' });
				return (await response.json()) as unknown;
			},
		},
	} as IHttpRequestHelper;
}

describe('credential test definition', () => {
	const credential = new OvhApi();

	it('is a signed GET /auth/currentCredential request (not /auth/time, which proves nothing)', () => {
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/auth/currentCredential' });
		expect(credential.authenticate).toEqual(expect.any(Function));
	});

	it('has a responseCode rule with a specific message for 400, 401, 403 and 404', () => {
		const rules = credential.test.rules ?? [];
		const byCode = new Map(
			rules.map((rule) => {
				expect(rule.type).toBe('responseCode');
				const { value, message } = rule.properties as { value: number; message: string };
				return [value, message];
			}),
		);
		expect([...byCode.keys()].sort()).toEqual([400, 401, 403, 404]);
		expect(byCode.get(400)).toContain('Application Secret');
		expect(byCode.get(400)).toContain('clock');
		expect(byCode.get(401)).toContain('Consumer Key');
		expect(byCode.get(403)).toContain('Endpoint');
		expect(byCode.get(403)).toContain('pending validation');
		expect(byCode.get(404)).toContain('/1.0');
	});

	it('the expirable hidden timeDelta field is what makes n8n run preAuthentication', () => {
		const field = credential.properties.find((p) => p.name === 'timeDelta');
		expect(field).toMatchObject({ type: 'hidden', typeOptions: { expirable: true }, default: '' });
	});
});

describe('preAuthentication against the sandbox', () => {
	it.each([0, 3600, -600, 86_400])('returns a string timeDelta matching a clock offset of %i s within 2 s', async (offset) => {
		const sbx = sandbox();
		sbx.setClockOffset(offset);
		const calls: IHttpRequestOptions[] = [];
		const credential = new OvhApi();
		const result = await credential.preAuthentication.call(fetchHelper(calls), ovhCredentialData(sbx) as ICredentialDataDecryptedObject);

		expect(Object.keys(result)).toEqual(['timeDelta']);
		expect(typeof result.timeDelta).toBe('string');
		expect(result.timeDelta).toMatch(/^-?\d+$/);
		expect(Math.abs(Number(result.timeDelta) - offset)).toBeLessThanOrEqual(2);
		expect(calls).toEqual([expect.objectContaining({ method: 'GET', url: `${sbx.baseUrl}/auth/time` })]);
		expect(requestLines(sbx)).toEqual(['GET /auth/time 200']);
		expect(sbx.requests()[0]).toMatchObject({ signed: false, hasConsumerKey: false });
	});

	it('through the engine: the first call stores the sandbox offset in the credential (n8n-core httpRequest)', async () => {
		const sbx = sandbox();
		sbx.setClockOffset(-7200);
		const store = ovhCredentialStore(sbx);
		const result = await runNode(sbx, OvhGetServiceInfo, { lookup: 'byName', product: 'vps', serviceName: 'vps112233.ovh.net' }, { store });

		expect(result.status).toBe('success');
		const stored = store.data(CREDENTIAL_ID).timeDelta;
		expect(typeof stored).toBe('string');
		expect(Math.abs(Number(stored) - -7200)).toBeLessThanOrEqual(2);
		// the signed call used it: the sandbox accepted the timestamp
		const signed = sbx.requests()[1];
		expect(signed.status).toBe(200);
		expect(Math.abs(Number(signed.headers['X-Ovh-Timestamp']) - sbx.serverTime())).toBeLessThanOrEqual(5);
	});

	it('a custom URL that is not an OVH API: a clear message', async () => {
		const sbx = sandbox();
		const calls: IHttpRequestOptions[] = [];
		const notOvh: IHttpRequestHelper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					calls.push(options);
					return { hello: 'world' };
				},
			},
		} as IHttpRequestHelper;
		await expect(new OvhApi().preAuthentication.call(notOvh, ovhCredentialData(sbx) as ICredentialDataDecryptedObject)).rejects.toThrow(
			'OVH did not return its time from /auth/time: check the endpoint or custom URL of the credential',
		);
	});

	it('an insecure custom URL is refused before anything is sent', async () => {
		const sbx = sandbox();
		const result = await runNode(sbx, OvhGetServiceInfo, { lookup: 'byName', product: 'vps', serviceName: 'x' }, {
			credential: { customUrl: 'http://example.com/1.0' },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('must use https://');
		expect(sbx.requests()).toEqual([]);
	});
});
