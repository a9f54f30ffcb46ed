import { completeness, SEIZURE_ELEMENTS, SeizureFacts } from './completeness';

const firearm = { serialNumber: 'KZ44719', make: 'FN', model: 'Five-seveN', importer: 'FNH USA', caliber: '5.7x28', action: 'semi-automatic' };
const full: SeizureFacts = {
  seizedAt: '2026-11-01T10:00:00Z', location: { latitude: 31.3, longitude: -110.9 }, circumstances: 'vehicle search at the port',
  finder: 'Officer A', seizingOfficial: 'Officer B', forensicProcessor: 'Lab C', firearms: [firearm],
  arrestees: [{ fullName: 'X', photoRef: 'photo://1', criminalHistoryRef: 'NCIC-1' }],
  pointsOfContact: [{ name: 'Agent D', agency: 'CBP', phone: '+15205550100' }],
};

describe('completeness (the ten elements)', () => {
  it('finds all ten in a full record', () => expect(completeness(full)).toEqual({ present: [...SEIZURE_ELEMENTS], missing: [] }));

  it.each([
    ['no firearm at all', { firearms: [] }, ['SERIAL_NUMBER', 'MAKE_MODEL', 'IMPORTER', 'CALIBER_ACTION']],
    ['obliterated serial without notes', { firearms: [{ ...firearm, serialObliterated: true }] }, ['SERIAL_NUMBER']],
    ['obliterated serial with notes', { firearms: [{ ...firearm, serialObliterated: true, obliterationNotes: 'ground off, 4 digits restored' }] }, []],
    ['second firearm lacks make', { firearms: [firearm, { ...firearm, make: '' }] }, ['MAKE_MODEL']],
    ['no importer', { firearms: [{ ...firearm, importer: null }] }, ['IMPORTER']],
    ['no date', { seizedAt: null }, ['SEIZURE_DATE']],
    ['location without coordinates', { location: { latitude: 31 } }, ['LOCATION']],
    ['blank circumstances', { circumstances: '  ' }, ['CIRCUMSTANCES']],
    ['no forensic processor', { forensicProcessor: undefined }, ['PERSONNEL']],
    ['no action', { firearms: [{ ...firearm, action: undefined }] }, ['CALIBER_ACTION']],
    ['arrestee without photo', { arrestees: [{ fullName: 'X', criminalHistoryRef: 'NCIC-1' }] }, ['ARRESTEES']],
    ['nobody recorded, no statement', { arrestees: [] }, ['ARRESTEES']],
    ['nobody arrested, stated', { arrestees: [], noArrests: true }, []],
    ['contact without phone', { pointsOfContact: [{ name: 'D', agency: 'CBP' }] }, ['POINTS_OF_CONTACT']],
  ] as const)('%s', (_label, change, missing) => {
    expect(completeness({ ...full, ...(change as Partial<SeizureFacts>) }).missing).toEqual(missing);
  });
});
