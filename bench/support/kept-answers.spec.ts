import { answerOf, sameAnswers } from './kept-answers';
import type { CheckMatch } from './measure';

const match = (caseNumber: string): CheckMatch => ({
  matchType: 'PERSON', matchedValue: 'Juan Pérez', counterpart: { agency: 'DEA', caseNumber, agentName: null, agentPhone: null },
});

describe('kept answers', () => {
  it('compares answers whatever order their matches came in', () => {
    expect(answerOf([match('A-1'), match('B-2')])).toEqual(answerOf([match('B-2'), match('A-1')]));
  });

  it('counts per kind the checks answered alike, position by position', () => {
    const before = { person: [answerOf([match('A-1')]), answerOf([]), answerOf([match('C-3')])] };
    const now = { person: [answerOf([match('A-1')]), answerOf([match('B-2')]), answerOf([match('C-3')])], event: [answerOf([])] };
    expect(sameAnswers(before, now)).toEqual([{ kind: 'person', same: 2, of: 3 }, { kind: 'event', same: 0, of: 1 }]);
  });
});
