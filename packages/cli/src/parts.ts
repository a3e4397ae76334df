import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

import { type JsonValue, type Part } from '@baton/protocol';

import { UsageError } from './errors.js';

const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  xml: 'application/xml',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  js: 'text/javascript',
  ts: 'text/plain',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The media type of a file name by its extension; `application/octet-stream` when unknown. */
export function mediaTypeOf(filename: string): string {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (extension && MEDIA_TYPES[extension]) || 'application/octet-stream';
}

/**
 * A file as a message part: its raw bytes in base64, its name, and a media type guessed from the
 * extension. @throws UsageError when the file cannot be read
 */
export async function filePart(path: string, cwd: string): Promise<Part> {
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(cwd, path));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot read --file ${path} (${reason})`);
  }
  const filename = basename(path);
  return { raw: bytes.toString('base64'), filename, mediaType: mediaTypeOf(filename) };
}

/**
 * `--data` as a message part: inline JSON, or `@path` to read JSON from a file.
 * @throws UsageError when it is not JSON
 */
export async function dataPart(raw: string, cwd: string): Promise<Part> {
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = await readFile(resolve(cwd, raw.slice(1)), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`cannot read --data ${raw} (${reason})`);
    }
  }
  let data: JsonValue;
  try {
    data = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new UsageError(
      `--data is not JSON: ${(error as Error).message}`,
      `quote it for the shell: --data '{"city":"Paris"}', or read a file: --data @payload.json`,
    );
  }
  return { data };
}
