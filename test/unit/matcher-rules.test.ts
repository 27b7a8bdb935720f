/**
 * The rules of issue 18: a registered name flags on its own unless it is ambiguous, persons never flag,
 * acronyms only in capitals, inner capitals, optional group words, and whole e-mail addresses.
 */
import { describe, expect, it } from 'vitest';
import { compileMatcher, createMatcher, loadMatcher } from '../../core/matcher/index.ts';
import { ambiguousNames, nameMatchRule } from '../../core/matcher/name-rules.ts';
import type { WatchEntry } from '../../core/types.ts';
import { foundBy } from '../support/matched.ts';

const WATCHLIST: WatchEntry[] = [
  { id: 'stedin', names: ['Stedin Netbeheer B.V.', 'Stedin'] },
  { id: 'smits', names: ['Smits B.V.'] },
  { id: 'smits-installatie', names: ['Smits Installatietechniek'] },
  { id: 'zon', names: ['De Zon B.V.', 'De Zon Energie'] },
  { id: 'van-wijnen', names: ['Van Wijnen Groep N.V.', 'Van Wijnen'] },
  { id: 'bakker', names: ['Bakker Dakwerken', 'Bakker'] },
  { id: 'bam', names: ['Koninklijke BAM Groep N.V.', 'BAM'] },
  { id: 'volkerwessels', names: ['VolkerWessels'] },
  { id: 'dura', names: ['Dura Vermeer Groep N.V.'] },
  { id: 'woudenberg', names: ['Koninklijke Woudenberg B.V.'] },
  { id: 'kon-sanders', names: ['Kon. Sanders Staal B.V.'] },
  { id: 'gebr-lee', names: ['Gebroeders Van der Lee B.V.'] },
  { id: 'gebr-hoekstra', names: ['Gebr. Hoekstra Bouw'] },
  { id: 'zn-bakker', names: ['Bakker & Zn. Installatietechniek B.V.'] },
  { id: 'zonen-post', names: ['Post en Zonen Dakwerken'] },
  { id: 'eesteren', names: ['J.P. van Eesteren B.V.'] },
  { id: 'de-wit', names: ['A. de Wit Installaties B.V.'] },
  { id: 'de-groot', names: ['Aannemersbedrijf G.J. de Groot en Zonen B.V.'] },
  { id: 'vd-heijden', names: ['Van der Heijden Bouw B.V.'] },
  { id: 'vd-berg', names: ['Installatiebedrijf v.d. Berg'] },
  { id: 'alphen', names: ['Schildersbedrijf Alphen aan den Rijn B.V.'] },
  { id: 'capelle', names: ['Capelle aan den IJssel'] },
  { id: 'vd-wal', names: ['Schilders vd Wal Rotterdam'] },
  { id: 'ad-rijn', names: ['Hoveniers Alphen a/d Rijn'] },
  { id: 'krimpen', names: ['Krimpen a/d IJssel'] },
  { id: 'sint-maarten', names: ['Bouwbedrijf Sint Maarten'] },
  { id: 'woonstede', names: ['Stichting Woonstede'] },
  { id: 'koopmans', names: ['Fa. Koopmans'] },
  { id: 'cv-service', names: ['CV Service Nederland B.V.'] },
  { id: 'tt', names: ['T&T B.V.'] },
  { id: '3d', names: ['3D Meetbureau B.V.'] },
  { id: 'brinkman-visser', names: ['Brinkman Visser Bouw'] },
  { id: 'bij', names: ['De Bij V.O.F.'] },
  { id: 'mvt', names: ['M.V.T. B.V.'] },
  { id: 'sorensen', names: ['Sørensen Groep'] },
  { id: 'henk', names: ["Henk's Klusbedrijf"] },
  { id: 'piets', names: ['Piets Tegelwerken'] },
  { id: 'werkspot', names: ['Werkspot.nl B.V.'] },
  { id: 'bol', names: ['Bol.com B.V.'] },
  { id: 'kuijpers', names: ['Kuijpers Installaties B.V.'], domains: ['kuijpers.nl'] },
  { id: 'meyer', names: ['Meyer Bouw B.V.'] },
  { id: 'byd', names: ['BYD'] },
  { id: 'zzp', names: ['Klusbedrijf Jan de Groot'], emails: ['jan.degroot@gmail.com'] },
];
const matcher = createMatcher(WATCHLIST);
const found = foundBy(matcher, { kinds: true });

describe('a registered name on its own', () => {
  it.each([
    ['a brand, as an alias', 'Stedin heeft de meter gewisseld', 'stedin:name[Stedin]'],
    ['a brand in lower case', 'storing bij stedin gemeld', 'stedin:name[stedin]'],
    ['an ambiguous name next to a legal form', 'Factuur van Smits B.V. ontvangen', 'smits:name[Smits B.V.]'],
    [
      'an ambiguous name as part of a longer registered name',
      'Smits Installatietechniek komt dinsdag',
      'smits-installatie:name[Smits Installatietechniek]',
    ],
    ['article and word, as part of a longer name', 'Offerte De Zon Energie', 'zon:name[De Zon Energie]'],
    ['a name of several words with a trade', 'Bakker Dakwerken belt terug', 'bakker:name[Bakker Dakwerken]'],
  ])('flags %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['a surname', 'Overleg met Smits over de planning'],
    ['a common word with its article', 'De zon schijnt op het dak'],
    ['a preposition and a common word', 'Een glas van wijnen uit Frankrijk'],
    ['a surname that is also a trade', 'De bakker levert brood'],
    ['a place, without Koninklijke', 'De woningen in Woudenberg'],
    ['a surname left when Groep is left out', 'Onderwerp: Sørensen'],
  ])('does not flag %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('persons', () => {
  it.each([
    ['a title', 'Gesprek met dhr. Smits B.V.'],
    ['a form of address', 'Geachte mevrouw Smits B.V.'],
    ['initials', 'Getekend J.P. Bakker B.V.'],
    ['one initial', 'J. Bakker'],
    ['a first name', 'Anne Bakker B.V.'],
    ['a first name of an older colleague', 'Petra Smits B.V.'],
    ['de heer and a particle', 'de heer Van Wijnen'],
    ['a first name before an article', 'Anne de Zon B.V.'],
  ])('never flag after %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it.each([
    ['initials', 'Van: Stedin, J.P. <jp@example.nl>'],
    ['one initial', 'Stedin, J.'],
    ['a first name', 'Aanwezig: Stedin, Anne en Smits, Petra'],
  ])('never flag before a comma and %s (the surname first)', (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it('a comma before a word that is no first name, or one in lower case, shows no person', () => {
    expect(found('Stedin, Vitens en Eneco')).toEqual(['stedin:name[Stedin]']);
    expect(found('Stedin, anne')).toEqual(['stedin:name[Stedin]']);
    expect(found('Stedin, J ')).toEqual(['stedin:name[Stedin]']);
  });

  it('flags a legal form in brackets with both brackets', () => {
    expect(found('Zij wil Bakker (B.V.) vragen')).toEqual(['bakker:name[Bakker (B.V.)]']);
  });

  it('a lower-case word that is also a first name shows no person, nor does a particle', () => {
    expect(found('Zij wil Bakker B.V. vragen')).toEqual(['bakker:name[Bakker B.V.]']);
    expect(found('Van Stedin ontvingen wij de planning')).toEqual(['stedin:name[Stedin]']);
  });
});

describe('acronyms', () => {
  it.each([
    ['alone', 'Opdracht aan BAM verleend', 'bam:name[BAM]'],
    ['followed by a word', 'BAM Wonen start de bouw', 'bam:name[BAM]'],
  ])('flag in capitals, %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([['bam'], ['Bam!'], ['En toen: bam, weg']])('never in other case: %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('inner capitals, optional words and short forms', () => {
  it.each([
    ['VolkerWessels', 'volkerwessels:name[VolkerWessels]'],
    ['Volker Wessels', 'volkerwessels:name[Volker Wessels]'],
    ['Volkerwessels', 'volkerwessels:name[Volkerwessels]'],
    ['VOLKERWESSELS', 'volkerwessels:name[VOLKERWESSELS]'],
    ['Dura Vermeer', 'dura:name[Dura Vermeer]'],
    ['Dura Vermeer Bouw Midden West', 'dura:name[Dura Vermeer]'],
    ['Dura Vermeer Groep N.V.', 'dura:name[Dura Vermeer Groep N.V.]'],
    ['Kon. Woudenberg', 'woudenberg:name[Kon. Woudenberg]'],
    ['Koninklijke Woudenberg', 'woudenberg:name[Koninklijke Woudenberg]'],
    ['Koninklijke BAM Groep', 'bam:name[Koninklijke BAM Groep]'],
    ['Koninklijke Sanders Staal', 'kon-sanders:name[Koninklijke Sanders Staal]'],
    ['Gebr. Van der Lee', 'gebr-lee:name[Gebr. Van der Lee]'],
    ['Gebroeders Hoekstra Bouw', 'gebr-hoekstra:name[Gebroeders Hoekstra Bouw]'],
    ['Gebr Hoekstra Bouw', 'gebr-hoekstra:name[Gebr Hoekstra Bouw]'],
    ['Bakker en Zonen Installatietechniek', 'zn-bakker:name[Bakker en Zonen Installatietechniek]'],
    ['Bakker & Zonen Installatietechniek', 'zn-bakker:name[Bakker & Zonen Installatietechniek]'],
    ['Post & Zn. Dakwerken', 'zonen-post:name[Post & Zn. Dakwerken]'],
    ['J.P. van Eesteren', 'eesteren:name[J.P. van Eesteren]'],
    ['JP van Eesteren', 'eesteren:name[JP van Eesteren]'],
    ['J. P. van Eesteren', 'eesteren:name[J. P. van Eesteren]'],
    ['De Wit Installaties', 'de-wit:name[De Wit Installaties]'],
    ['Aannemersbedrijf De Groot', 'de-groot:name[Aannemersbedrijf De Groot]'],
    ['Sørensen Groep', 'sorensen:name[Sørensen Groep]'],
    ['v.d. Heijden Bouw', 'vd-heijden:name[v.d. Heijden Bouw]'],
    ['V/D Heijden Bouw', 'vd-heijden:name[V/D Heijden Bouw]'],
    ['vd Heijden Bouw', 'vd-heijden:name[vd Heijden Bouw]'],
    ['Installatiebedrijf Van den Berg', 'vd-berg:name[Installatiebedrijf Van den Berg]'],
    ['Installatiebedrijf van der Berg', 'vd-berg:name[Installatiebedrijf van der Berg]'],
    ['Schildersbedrijf Alphen a/d Rijn', 'alphen:name[Schildersbedrijf Alphen a/d Rijn]'],
    ['Capelle a/d IJssel B.V.', 'capelle:name[Capelle a/d IJssel B.V.]'],
    ['Schilders v.d. Wal Rotterdam', 'vd-wal:name[Schilders v.d. Wal Rotterdam]'],
    ['Schilders van der Wal Rotterdam', 'vd-wal:name[Schilders van der Wal Rotterdam]'],
    ['Hoveniers Alphen ad Rijn', 'ad-rijn:name[Hoveniers Alphen ad Rijn]'],
    ['Hoveniers Alphen aan de Rijn', 'ad-rijn:name[Hoveniers Alphen aan de Rijn]'],
    ['Bouwbedrijf St. Maarten', 'sint-maarten:name[Bouwbedrijf St. Maarten]'],
    ['Stg. Woonstede', 'woonstede:name[Stg. Woonstede]'],
    ['Firma Koopmans', 'koopmans:name[Firma Koopmans]'],
    ['Henks Klusbedrijf', 'henk:name[Henks Klusbedrijf]'],
    ['Henk’s Klusbedrijf', 'henk:name[Henk’s Klusbedrijf]'],
    ["Piet's Tegelwerken", "piets:name[Piet's Tegelwerken]"],
    ['PIET’S TEGELWERKEN', 'piets:name[PIET’S TEGELWERKEN]'],
    ['Werkspot', 'werkspot:name[Werkspot]'],
    ['bol.com', 'bol:name[bol.com]'],
  ])('%s', (text, expected) => {
    expect(found(`Zie ${text} hieronder`)).toEqual([expected]);
  });

  it('leaves out a web address ending only where the brand alone is no word', () => {
    expect(found('Besteld bij bol, betaald met de bol van de kerstboom')).toEqual([]);
  });

  it('reads y as ij, the old spelling that surnames keep, either way round; not in an address', () => {
    expect(found('Kuypers Installaties, Meijer Bouw')).toEqual([
      'kuijpers:name[Kuypers Installaties]',
      'meyer:name[Meijer Bouw]',
    ]);
    expect(found('info@kuypers.nl en www.kuypers.nl, mevrouw Kuypers')).toEqual([]);
    // An acronym's letters spell nothing.
    expect(found('BYD, bijd en BIJD')).toEqual(['byd:name[BYD]']);
  });

  it('leaves initials out only where two distinctive words remain: `Van Eesteren` alone is a person', () => {
    expect(found('Van Eesteren B.V. belde, en mevrouw Van Eesteren')).toEqual([]);
  });

  it('writes no `van der` short where one distinctive word would remain: that is a person', () => {
    expect(found('dhr. v.d. Heijden en mevrouw Van den Berg')).toEqual([]);
  });

  it('keeps an ambiguous name ambiguous in its other spellings: a place written short is still the place, and back', () => {
    expect(found('Verhuisd naar Capelle a/d IJssel, toen naar Krimpen a/d IJssel')).toEqual([]);
    expect(found('Krimpen aan den IJssel B.V.')).toEqual(['krimpen:name[Krimpen aan den IJssel B.V.]']);
  });

  it('keeps a one-word legal form where no name has it: CV before a name is central heating', () => {
    expect(found('Storing gemeld bij CV Service Nederland')).toEqual(['cv-service:name[CV Service Nederland]']);
    expect(found('Service Nederland')).toEqual([]);
  });

  it('finds a name joined to an abbreviation by a hyphen, as Dutch spelling joins them, but not a double surname', () => {
    expect(found('de cv-service nederland en het 3D-Meetbureau')).toEqual([
      'cv-service:name[cv-service nederland]',
      '3d:name[3D-Meetbureau]',
    ]);
    expect(found('mevrouw Brinkman-Visser Bouw')).toEqual([]);
  });

  it('finds initials joined by & as an acronym, and a name of particles by its last word', () => {
    expect(found('T&T B.V. en T&T, niet t&t')).toEqual(['tt:name[T&T B.V.]', 'tt:name[T&T]']);
    expect(found('De Bij V.O.F. en de bij')).toEqual(['bij:name[De Bij V.O.F.]']);
  });

  it('says a name of a legal form alone is never found', () => {
    expect(nameMatchRule('Holding B.V.')).toEqual({ rule: 'never' });
  });

  it('finds a name of dotted initials alone as an acronym: in capitals, with its dots or without', () => {
    expect(found('M.V.T. B.V., MVT en mvt')).toEqual(['mvt:name[M.V.T. B.V.]', 'mvt:name[MVT]']);
    expect(nameMatchRule('M.V.T. B.V.')).toEqual({ rule: 'capitals' });
  });

  it('leaves out no optional word where an ambiguous name would remain', () => {
    expect(found('Van Wijnen bouwt')).toEqual([]);
    expect(found('Van Wijnen Groep bouwt')).toEqual(['van-wijnen:name[Van Wijnen Groep]']);
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['whole', 'Mail van jan.degroot@gmail.com vandaag', 'zzp:email[jan.degroot@gmail.com]'],
    ['in capitals', 'JAN.DEGROOT@GMAIL.COM', 'zzp:email[JAN.DEGROOT@GMAIL.COM]'],
    ['at the end of a sentence', 'Stuur het naar jan.degroot@gmail.com.', 'zzp:email[jan.degroot@gmail.com]'],
    ['in angle brackets', 'Van: Jan <jan.degroot@gmail.com>', 'zzp:email[jan.degroot@gmail.com]'],
  ])('match %s', (_, text, expected) => {
    expect(found(text)).toEqual([expected]);
  });

  it.each([
    ['another Gmail sender', 'piet@gmail.com'],
    ['inside a longer address', 'xjan.degroot@gmail.com'],
    ['after an underscore, part of the address', '_jan.degroot@gmail.com'],
    ['followed by more labels', 'jan.degroot@gmail.com.example.net'],
    ['the domain alone', 'zie gmail.com'],
  ])('no match %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('the rule shown and the rule applied', () => {
  it.each([
    ['Stedin', { rule: 'alone' }],
    ['Smits B.V.', { rule: 'context', ambiguousAs: ['surname'] }],
    ['BAM', { rule: 'capitals' }],
    ['Dura Vermeer Groep N.V.', { rule: 'alone' }],
  ])('%s', (name, rule) => {
    expect(nameMatchRule(name)).toEqual(rule);
  });

  it('says a place and a common word by their lists', () => {
    expect(nameMatchRule('Gouda').ambiguousAs).toContain('place');
    expect(nameMatchRule('Krimpen a/d IJssel').ambiguousAs).toContain('place');
    expect(nameMatchRule('De Zon').ambiguousAs).toContain('word');
  });

  it('compiles without word lists the same matcher from classified entries', () => {
    const classified = WATCHLIST.map((entry) => ({ ...entry, ambiguous: ambiguousNames(entry.names) }));
    expect(classified.find((entry) => entry.id === 'van-wijnen')?.ambiguous).toEqual(['van wijnen']);
    const loaded = loadMatcher(JSON.parse(JSON.stringify(compileMatcher(classified))));
    for (const text of [
      'Stedin en Smits',
      'Smits B.V.',
      'dhr. Smits B.V.',
      'BAM en bam',
      'Volker Wessels',
      'jan.degroot@gmail.com',
    ]) {
      expect(loaded.scan(text).map((m) => WATCHLIST[m.supplier].id)).toEqual(matcher.scan(text).map((m) => m.id));
    }
  });
});
