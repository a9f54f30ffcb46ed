import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const WEB = path.join(__dirname, '..', '..', 'apps', 'web', 'src');
type Strings = { [key: string]: string | Strings };

const keysOf = (strings: Strings, prefix = ''): string[] => Object.entries(strings)
  .flatMap(([key, value]) => (typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]));

const read = (folder: string, language: string): Strings => JSON.parse(readFileSync(path.join(folder, `${language}.json`), 'utf8')) as Strings;

/** The shared strings and each feature's: a string added in one language only shows its key to a user of the other. */
const folders = [path.join(WEB, 'locales'), ...readdirSync(path.join(WEB, 'features'))
  .map((feature) => path.join(WEB, 'features', feature, 'locales')).filter((folder) => existsSync(folder))];

describe('the console says everything in English and in Spanish', () => {
  it.each(folders.map((folder) => [path.relative(WEB, folder), folder]))('%s', (_name, folder) => {
    const [en, es] = [keysOf(read(folder, 'en')), keysOf(read(folder, 'es'))];
    expect(en.length).toBeGreaterThan(0);
    expect(es.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !es.includes(key))).toEqual([]);
  });
});
