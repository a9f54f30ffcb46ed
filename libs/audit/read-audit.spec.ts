import type { AuditInput, AuditStore } from './audit-store';
import { auditCrossAgencyRead, foreignRecords, ReadRecord } from './read-audit';

const recorder = () => {
  const entries: AuditInput[] = [];
  return { entries, audit: { append: async (input: AuditInput) => { entries.push(input); } } as unknown as AuditStore };
};
const reader = { username: 'spp.team', agency: 'ICE' };

describe('foreignRecords', () => {
  it.each<[string, ReadRecord[], ReadRecord[]]>([
    ['nothing read', [], []],
    ['only own records', [{ id: '1', agencies: ['ICE'] }], []],
    ['one of another agency', [{ id: '1', agencies: ['ICE'] }, { id: '2', agencies: ['ATF'] }], [{ id: '2', agencies: ['ATF'] }]],
    ['a hit between the reader and another agency', [{ id: '3', agencies: ['ICE', 'DEA'] }], [{ id: '3', agencies: ['DEA'] }]],
    ['a hit between two other agencies, repeated', [{ id: '4', agencies: ['FBI', 'ATF', 'FBI'] }], [{ id: '4', agencies: ['ATF', 'FBI'] }]],
  ])('%s', (_name, records, expected) => {
    expect(foreignRecords('ICE', records)).toEqual(expected);
  });
});

describe('auditCrossAgencyRead', () => {
  it('writes nothing when every record is the reader agency\'s', async () => {
    const { entries, audit } = recorder();
    await auditCrossAgencyRead(audit, reader, { entityType: 'meeting', ground: 'other_agency', list: true }, [{ id: '1', agencies: ['ICE'] }]);
    expect(entries).toEqual([]);
  });

  it('writes one entry per list naming only the other agencies\' records', async () => {
    const { entries, audit } = recorder();
    await auditCrossAgencyRead(audit, reader, { entityType: 'meeting', ground: 'other_agency', list: true },
      [{ id: '1', agencies: ['ICE'] }, { id: '2', agencies: ['ATF'] }, { id: '3', agencies: ['PGR'] }]);
    expect(entries).toEqual([{
      actor: 'spp.team', agency: 'ICE', action: 'meeting.read_other_agency', entityType: 'meeting', entityId: null,
      details: { records: [{ id: '2', agencies: ['ATF'] }, { id: '3', agencies: ['PGR'] }], returned: 3 },
    }]);
  });

  it('names the record of a single read', async () => {
    const { entries, audit } = recorder();
    await auditCrossAgencyRead(audit, reader, { entityType: 'seizure', ground: 'shared' }, [{ id: '9', agencies: ['ATF'] }]);
    expect(entries).toEqual([{
      actor: 'spp.team', agency: 'ICE', action: 'seizure.read_shared', entityType: 'seizure', entityId: '9',
      details: { records: [{ id: '9', agencies: ['ATF'] }] },
    }]);
  });
});
