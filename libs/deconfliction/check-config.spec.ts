import { loadCheckConfig } from './check-config';

describe('loadCheckConfig', () => {
  it('defaults to 60 values an hour, 300 a day, and an alert at 5 checks of one item in 24 hours', () => {
    expect(loadCheckConfig({})).toEqual({ budgetPerHour: 60, budgetPerDay: 300, patternThreshold: 5, patternWindowMs: 86_400_000 });
  });

  it('reads the environment', () => {
    expect(loadCheckConfig({
      CHECK_BUDGET_PER_HOUR: '4', CHECK_BUDGET_PER_DAY: '6', CHECK_PATTERN_THRESHOLD: '3', CHECK_PATTERN_WINDOW: '90m',
    })).toEqual({ budgetPerHour: 4, budgetPerDay: 6, patternThreshold: 3, patternWindowMs: 5_400_000 });
  });

  it.each([
    ['CHECK_BUDGET_PER_HOUR', '0', /CHECK_BUDGET_PER_HOUR must be a positive integer/],
    ['CHECK_BUDGET_PER_DAY', '-5', /CHECK_BUDGET_PER_DAY must be a positive integer/],
    ['CHECK_BUDGET_PER_HOUR', '1.5', /CHECK_BUDGET_PER_HOUR must be a positive integer/],
    ['CHECK_PATTERN_THRESHOLD', 'many', /CHECK_PATTERN_THRESHOLD must be a positive integer/],
    ['CHECK_PATTERN_WINDOW', 'soon', /invalid duration/],
    ['CHECK_PATTERN_WINDOW', '0s', /CHECK_PATTERN_WINDOW must be a positive duration/],
  ])('refuses %s=%s (no "off": an unbudgeted check is the oracle)', (name, value, message) => {
    expect(() => loadCheckConfig({ [name]: value })).toThrow(message);
  });

  it('raises a pattern alert at two checks at the least: one check of an item is no pattern', () => {
    expect(loadCheckConfig({ CHECK_PATTERN_THRESHOLD: '1' }).patternThreshold).toBe(2);
  });
});
