import { request as httpRequest } from 'node:http';

/** A response read by {@link rawRequest}. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of {@link rawRequest}: exact control over headers and how the body is sent. */
export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  /** Body pieces, written one by one (chunked unless a Content-Length header is set). */
  chunks?: (string | Uint8Array)[];
  /** End the request after the chunks. @default true */
  end?: boolean;
}

/**
 * One HTTP request with node:http, for what fetch cannot do: lie about or omit Content-Length,
 * stall mid-body. Resolves with the response even when the server answers before the body is
 * fully sent (write errors after the answer are ignored).
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: options.method ?? 'POST',
      headers: options.headers,
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        request.destroy();
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A server that answers before reading the whole body may reset the upload: the answer
      // still arrives, so give it a moment before failing.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        setTimeout(() => reject(error), 2000).unref();
      } else {
        reject(error);
      }
    });
    for (const chunk of options.chunks ?? []) request.write(chunk);
    if (options.end !== false) request.end();
    else request.flushHeaders();
  });
}
