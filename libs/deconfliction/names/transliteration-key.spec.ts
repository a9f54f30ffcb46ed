import { foldText } from '../normalize';
import { consonantSkeleton, tokenTransliterationKeys, transliterationKey } from './transliteration-key';

const key = (written: string) => transliterationKey(foldText(written));

describe('transliterationKey: a family of Latin spellings reaches one key', () => {
  it.each([
    ['Yusuf', ['Youssef', 'Yousef', 'Yousif', 'Yusef', 'Jusuf', 'Yussuf', 'Youssouf']],
    ['Mohammed', ['Muhammad', 'Mohamed', 'Mohamad', 'Muhamed', 'Mohammad', 'Muhammed', 'Mouhamed']],
    ['Hussein', ['Husain', 'Hussain', 'Husayn', 'Hosein', 'Husein', 'Hossein']],
    ['Hassan', ['Hasan', 'Hassen', 'Hasen']],
    ['Abdelrahman', ['Abdulrahman', 'Abdalrahman', 'Abdurrahman', 'Abdolrahman', 'Abdelrahmane']],
    ['Abdullah', ['Abdallah', 'Abdulla', 'Abdalla', 'Abdellah']],
    ['Abdelkader', ['Abdulqadir', 'Abdelkadir', 'Abdulkadir', 'Abdelqader']],
    ['Alhassan', ['Elhassan', 'Alhasan', 'Ulhassan']],
    ['Khalid', ['Khaled', 'Khalead']],
    ['Karim', ['Kareem', 'Karem']],
    ['Mustafa', ['Moustafa', 'Mostafa', 'Mustapha', 'Moustapha']],
    ['Ahmed', ['Ahmad', 'Ahmed']],
    ['Omar', ['Umar', 'Omer']],
    ['Osama', ['Usama', 'Oussama']],
    ['Othman', ['Uthman', 'Othmane']],
    ['Qasim', ['Kasim', 'Kassem', 'Qassem', 'Qasem']],
    ['Sharif', ['Shareef', 'Cherif', 'Chérif', 'Sherif']],
    ['Jamal', ['Djamel', 'Jamel', 'Djamal']],
    ['Walid', ['Oualid', 'Waleed']],
    ['Dawud', ['Daoud', 'Dawood', 'Dawoud']],
    ['Ayoub', ['Ayub', 'Ayyub', 'Ayoob']],
    ['Said', ['Saeed', 'Saied', 'Saïd']],
    ['Sayed', ['Sayyid', 'Sayyed', 'Saiyed']],
    ['Yahya', ['Yehia', 'Yahia', 'Yehya']],
    ['Ilyas', ['Elias', 'Ilias', 'Elyas']],
    ['Amin', ['Amine', 'Ameen']],
    ['Yassin', ['Yassine', 'Yasin', 'Yaseen']],
    ['Ibrahim', ['Ebrahim', 'Ibraheem']],
    ['Fatima', ['Fatimah', 'Fatema', 'Fatimeh']],
    ['Zia', ['Dhia']],
    ['Yasser', ['Yasir', 'Yaser']],
    ['Maryam', ['Mariam', 'Meryem']],
  ])('%s and its spellings', (name, spellings) => {
    for (const spelling of spellings) expect([spelling, key(spelling)]).toEqual([spelling, key(name)]);
  });
});

describe('transliterationKey: distinct names stay apart', () => {
  it.each([
    ['Hassan', 'Hussein'], // Hasan and Husayn: the first vowel differs
    ['Omar', 'Amir'], // Umar and Amir: the first vowel differs
    ['Said', 'Sayed'], // Sa'id and Sayyid: y between vowels is a consonant
    ['Mario', 'Maria'], ['Francisco', 'Francisca'], ['Juan', 'Juana'], // a final vowel keeps its class
    ['Jose', 'Josue'],
    ['Alhassan', 'Alhussein'], // the article does not hide the name's first vowel
    ['Alhassan', 'Hassan'], // a dropped article is another form (see the notes)
    ['Alan', 'Lan'], ['Elena', 'Lena'], ['Allen', 'Len'], // "al"/"el" before a vowel or an l is not the article
    ['Mendoza', 'Mendez'], ['Lopez', 'Lopes'], ['Perez', 'Paris'], ['Rosa', 'Ruiz'], ['Garcia', 'Garza'],
    ['Hernandez', 'Fernandez'], ['Othman', 'Osman'], ['Jamal', 'Gamal'],
  ])('%s / %s', (a, b) => expect(key(a)).not.toBe(key(b)));

  // Decided: Samir (Samīr) and Samer (Sāmir) are two Arabic names, but Latin letters do not carry the vowel length that
  // tells them apart, and the rule that joins Khaled and Khalid (e/i in the middle) joins them too. Karim and Karam
  // likewise. Date of birth and the other tokens decide; the key only says "may be one name".
  it.each([['Samir', 'Samer'], ['Samir', 'Sameer'], ['Karim', 'Karam']])('%s / %s share a key (accepted)', (a, b) => {
    expect(key(a)).toBe(key(b));
  });
});

describe('consonantSkeleton (what Latin spellings share with Arabic script)', () => {
  it.each([
    ['yusuf', 'ysf'], ['youssef', 'ysf'], ['ywsf', 'ysf'],
    ['mohammed', 'mhmd'], ['mhmd', 'mhmd'],
    ['hussein', 'hsn'], ['hsyn', 'hsn'], ['hassan', 'hsn'],
    ['alhassan', 'lhsn'], ['lhsn', 'lhsn'],
    ['abdulrahman', 'bdlrhmn'], ['abdurrahman', 'bdlrhmn'], ['aabdlrhmn', 'bdlrhmn'],
    ['abdullah', 'bdlh'], ['aabdllh', 'bdlh'],
    ['khalid', 'Xld'], ['khld', 'Xld'],
    ['marwan', 'mrn'], ['mrwn', 'mrn'],
    ['omar', 'mr'], ['aamr', 'mr'],
  ])('%s -> %s', (token, skeleton) => expect(consonantSkeleton(token)).toBe(skeleton));
});

describe('tokenTransliterationKeys (what one matching token is compared on)', () => {
  it.each([
    ['youssef', ['yosef']],
    ['alhassan', ['al-hasen', 'hasen']],
    ['elhassan', ['al-hasen', 'hasen']],
    ['abdulrahman', ['abdal-rahmen', 'rahmen']],
    ['alan', ['alen']],
  ])('%s -> %j', (token, keys) => expect(tokenTransliterationKeys(token)).toEqual(keys));

  it.each([['alhassan', 'hassan'], ['elhasan', 'hassan'], ['abdurrahman', 'rahman']])(
    '%s meets %s written apart', (joined, apart) => {
      expect(tokenTransliterationKeys(joined)).toEqual(expect.arrayContaining(tokenTransliterationKeys(apart)));
    });
});
