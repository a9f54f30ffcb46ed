/** One call of a stub activity: its name, its arguments as the workflow sent them, and when it arrived. */
export interface StubCall { name: string; args: unknown[]; at: number }

type AsyncFn = (...args: never[]) => Promise<unknown>;

/**
 * Records every call the workflow makes to its stub activities, so a spec asserts on which steps ran, with what, and
 * when (relative to the clock it configured).
 */
export class ActivityRecorder {
  readonly calls: StubCall[] = [];

  /** The same functions, each recording its call before it runs. */
  wrap<T extends { [K in keyof T]: AsyncFn }>(implementations: T): T {
    const wrapped: Record<string, AsyncFn> = {};
    for (const [name, implementation] of Object.entries<AsyncFn>(implementations)) {
      wrapped[name] = async (...args: never[]) => {
        this.calls.push({ name, args, at: Date.now() });
        return implementation(...args);
      };
    }
    return wrapped as unknown as T;
  }

  named(name: string): StubCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  names(): string[] {
    return this.calls.map((call) => call.name);
  }
}
