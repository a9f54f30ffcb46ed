import { answerOf, compareAnswers } from './kept-answers';
import type { CheckMatch } from './measure';

const match = (caseNumber: string): CheckMatch => ({
  matchType: 'PERSON', matchedValue: 'Juan Pérez', counterpart: { agency: 'DEA', caseNumber, agentName: null, agentPhone: null },
});
const query = (name: string) => ({ subjects: [{ fullName: name }] });

describe('kept answers', () => {
  it('compares answers whatever order their matches and their keys came in', () => {
    const reordered = { counterpart: { agentPhone: null, agentName: null, caseNumber: 'A-1', agency: 'DEA' }, matchedValue: 'Juan Pérez', matchType: 'PERSON' };
    expect(answerOf(query('a'), [match('A-1'), match('B-2')], false))
      .toEqual(answerOf(query('a'), [match('B-2'), reordered as CheckMatch], false));
  });

  it('counts, per kind and position, the same query answered alike, differently, another query, or a failed call', () => {
    const before = {
      person: [
        answerOf(query('a'), [match('A-1')], false), answerOf(query('b'), [], false), answerOf(query('c'), [match('C-3')], false),
        answerOf(query('d'), [], false),
      ],
    };
    const now = {
      person: [
        answerOf(query('a'), [match('A-1')], false), answerOf(query('b'), [match('B-2')], false), answerOf(query('x'), [match('C-3')], false),
        answerOf(query('d'), [], true), answerOf(query('e'), [], false),
      ],
      event: [answerOf(query('a'), [], false)],
    };
    expect(compareAnswers(before, now)).toEqual([
      { kind: 'person', same: 1, different: 1, otherQuery: 2, failed: 1 },
      { kind: 'event', same: 0, different: 0, otherQuery: 1, failed: 0 },
    ]);
  });

  it('never counts a failed call as an empty answer', () => {
    expect(answerOf(query('a'), [], true).answer).toBeNull();
    expect(answerOf(query('a'), [], false).answer).toEqual([]);
  });
});
