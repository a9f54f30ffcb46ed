import { hugePagesFor, settingBytes } from './huge-pages';

describe('settingBytes', () => {
  it.each([
    ['6GB', 6 * 1024 ** 3],
    ['512MB', 512 * 1024 ** 2],
    ['64kB', 64 * 1024],
    [' 1TB ', 1024 ** 4],
  ])('reads %s', (value, bytes) => {
    expect(settingBytes(value)).toBe(bytes);
  });

  it.each(['6 GB', '6gb', '786432', '1.5GB', ''])('refuses %p, which it cannot size', (value) => {
    expect(settingBytes(value)).toBeNull();
  });
});

describe('hugePagesFor', () => {
  it('covers what PostgreSQL asked for 6GB of buffers under the bench settings (SHOW shared_memory_size_in_huge_pages: 3,176)', () => {
    expect(hugePagesFor(6 * 1024 ** 3)).toBeGreaterThanOrEqual(3176);
    expect(hugePagesFor(6 * 1024 ** 3)).toBe(3290);
  });

  it('keeps its margin for small buffers', () => {
    expect(hugePagesFor(512 * 1024 ** 2)).toBe(269 + 64);
  });
});
