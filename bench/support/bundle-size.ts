import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of the console's build: its size as served and gzipped (zlib's default level, as Vite's report). */
export interface BuiltFile { file: string; how: string; kind: 'js' | 'css'; bytes: number; gzipBytes: number }
export interface BundleSizes { initial: BuiltFile[]; all: BuiltFile[] }

const sized = (root: string, file: string, how: string): BuiltFile => {
  const content = readFileSync(path.join(root, file));
  return { file, how, kind: file.endsWith('.css') ? 'css' : 'js', bytes: content.length, gzipBytes: gzipSync(content).length };
};

const attributes = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)")?/g)].slice(1).map((m) => [m[1].toLowerCase(), m[2] ?? '']));

/**
 * What a first visit downloads before any page's own chunk: index.html's scripts, its stylesheets and the chunks it
 * names as modulepreload (Vite lists there every chunk the entry imports statically). Lazily loaded pages, maps and
 * charts are only in `all`.
 */
export function bundleSizes(webRoot: string): BundleSizes {
  const html = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const initial: BuiltFile[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const a = attributes(tag);
    const url = tag.toLowerCase().startsWith('<script') ? a.src
      : a.rel === 'modulepreload' || a.rel === 'stylesheet' ? a.href : undefined;
    if (!url || /^[a-z]+:\/\//i.test(url)) continue;
    const how = tag.toLowerCase().startsWith('<script') ? 'script' : a.rel;
    const file = url.replace(/^\//, '').split(/[?#]/)[0];
    if (!initial.some((f) => f.file === file)) initial.push(sized(webRoot, file, how));
  }
  if (!initial.some((f) => f.how === 'script')) throw new Error(`no script in ${path.join(webRoot, 'index.html')}: run npm run build`);
  const assets = path.join(webRoot, 'assets');
  const all = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f)).sort()
    .map((f) => sized(webRoot, path.posix.join('assets', f), 'chunk'));
  return { initial, all };
}

export const kB = (bytes: number): string => (bytes / 1000).toFixed(1);
export const sum = (files: BuiltFile[], kind: 'js' | 'css', key: 'bytes' | 'gzipBytes' = 'gzipBytes'): number =>
  files.filter((f) => f.kind === kind).reduce((total, f) => total + f[key], 0);
