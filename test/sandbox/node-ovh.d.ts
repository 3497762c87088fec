/** Minimal typing of the official client (devDependency, used only for cross-checks against the sandbox). */
declare module '@ovhcloud/node-ovh' {
	interface OvhClientParams {
		appKey?: string;
		appSecret?: string;
		consumerKey?: string;
		host?: string;
		port?: number;
		basePath?: string;
		apiTimeDiff?: number | null;
		endpoint?: string;
	}
	interface OvhClient {
		signRequest(httpMethod: string, url: string, body: string | null, timestamp: number | string): string;
		requestPromised(httpMethod: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
		apiTimeDiff: number | null;
	}
	function ovh(params: OvhClientParams): OvhClient;
	export = ovh;
}
