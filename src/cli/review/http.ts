/** The REST calls of the review's platforms (GitHub, GitLab): JSON in and out, errors with what the server said. */
import type { Messages } from '../../language/i18n/i18n.js';

export class ApiError extends Error {
    constructor(readonly status: number, message: string) {
        super(message);
    }
}

export interface ApiResponse<T> {
    status: number;
    headers: Headers;
    body: T;
}

export class RestClient {
    constructor(private readonly base: string, private readonly headers: Record<string, string>, private readonly name: string, private readonly m: Messages) {}

    async request<T>(method: string, path: string, body?: unknown, extra?: { form?: FormData; accept?: number[] }): Promise<ApiResponse<T>> {
        const url = `${this.base.replace(/\/$/, '')}${path}`;
        const headers: Record<string, string> = { ...this.headers };
        let payload: string | FormData | undefined;
        if (extra?.form) payload = extra.form;
        else if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
            payload = JSON.stringify(body);
        }
        let response: Response;
        try {
            response = await fetch(url, { method, headers, body: payload });
        } catch (error) {
            throw new ApiError(0, this.m.t('review.api.unreachable', { platform: this.name, url, error: String((error as Error).cause ?? (error as Error).message) }));
        }
        const text = await response.text();
        if (!response.ok && !extra?.accept?.includes(response.status)) {
            const said = text.length > 300 ? `${text.slice(0, 300)}…` : text;
            throw new ApiError(response.status, this.m.t('review.api.refused', { platform: this.name, status: response.status, request: `${method} ${path}`, answer: said }));
        }
        let parsed: unknown = undefined;
        if (text) {
            try {
                parsed = JSON.parse(text);
            } catch {
                throw new ApiError(response.status, this.m.t('review.api.notJson', { platform: this.name, request: `${method} ${path}` }));
            }
        }
        return { status: response.status, headers: response.headers, body: parsed as T };
    }
}
