/**
 * Deterministic Dutch procurement prose for the matcher benchmark: mails, tender texts and minutes, with
 * addresses, amounts, phone numbers, e-mail addresses, and now and then a supplier from the watchlist under one
 * of the ways people write it. Surnames, places and trade words of the watchlist also appear alone, so the scan
 * keeps opening name paths that lead nowhere, as it does on real pages.
 */
import type { WatchEntry } from '../../core/types.ts';

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'de het een en van in op voor met aan is zijn wordt worden heeft hebben we wij u uw ons onze dat die dit deze ' +
  'niet ook nog al om te bij naar over uit door als maar of dan zo er hier graag kunnen zullen moet mogen ' +
  'offerte aanbesteding perceel inschrijving gunning opdracht leverancier huurder huurders woning woningen ' +
  'onderhoud renovatie dakrenovatie kozijnen schilderwerk installatie cv-ketel warmtepomp isolatie planning ' +
  'begroting factuur betaaltermijn contract raamovereenkomst bestek vergadering notulen overleg bewoners ' +
  'complex portiekflat eengezinswoningen nieuwbouw sloop asbest veiligheid kwaliteit prijs prijzen korting ' +
  'meerwerk minderwerk oplevering opname inspectie rapport advies projectleider opzichter uitvoerder ' +
  'afdeling vastgoed wijkteam corporatie verhuurder gemeente provincie subsidie duurzaamheid energielabel ' +
  'coördinatie financiële ideeën geïnteresseerd reünie café België privé één twee drie vier vijf week maand ' +
  'maandag dinsdag woensdag donderdag vrijdag ochtend middag vandaag morgen volgende vorige bijgevoegd ' +
  'bijlage zie hieronder hierboven vriendelijke groet beste geachte heer mevrouw collega team akkoord vraag'
).split(' ');
const STREETS = ['Hoflaan', 'Kerkstraat', 'Dorpsweg', 'Stationsplein', 'Molenstraat', 'Parkweg', 'Havenkade'];
const PEOPLE = ['J. Bakker', 'P. de Wit', 'M. van Dijk', 'S. Yılmaz', 'A. Jansen', 'K. de Vries', 'L. Visser'];

export function dutchText(watchlist: WatchEntry[], targetLength: number, seed = 20275): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const watchWords = [...new Set(watchlist.flatMap((entry) => entry.names.flatMap((name) => name.split(' '))))];
  const parts: string[] = [];
  let length = 0;
  while (length < targetLength) {
    const sentence = makeSentence();
    parts.push(sentence);
    length += sentence.length;
  }
  return parts.join('').slice(0, targetLength);

  function makeSentence(): string {
    const words: string[] = [];
    const count = 6 + Math.floor(random() * 14);
    for (let i = 0; i < count; i++) {
      const roll = random();
      if (roll < 0.02) words.push(pick(watchWords));
      else if (roll < 0.04) words.push(detail());
      else words.push(pick(COMMON));
      if (random() < 0.06) words[words.length - 1] += ',';
    }
    if (random() < 0.08) words.splice(Math.floor(random() * words.length), 0, mention(pick(watchlist)));
    const text = words.join(' ');
    const end = random() < 0.15 ? '\n\n' : ' ';
    return text.charAt(0).toUpperCase() + text.slice(1) + pick(['.', '.', '.', '?', ':']) + end;
  }

  function detail(): string {
    switch (Math.floor(random() * 6)) {
      case 0:
        return `${pick(STREETS)} ${1 + Math.floor(random() * 200)}`;
      case 1:
        return `€ ${Math.floor(random() * 90_000)},${String(Math.floor(random() * 100)).padStart(2, '0')}`;
      case 2:
        return `010 ${100 + Math.floor(random() * 900)} ${10 + Math.floor(random() * 90)} 67`;
      case 3:
        return `${pick(PEOPLE)
          .toLowerCase()
          .replace(/[^a-z]/g, '')}@woonstad-rotterdam.nl`;
      case 4:
        return `${1 + Math.floor(random() * 28)}-0${1 + Math.floor(random() * 9)}-2025`;
      default:
        return pick(PEOPLE);
    }
  }

  function mention(entry: WatchEntry): string {
    const name = pick(entry.names);
    switch (Math.floor(random() * 7)) {
      case 0:
        return name.toUpperCase();
      case 1:
        return name.replace(/\s+(B\.V\.|BV|N\.V\.|V\.O\.F\.|Holding B\.V\.)$/, '');
      case 2:
        return `info@${entry.domains?.[0] ?? 'example.nl'}`;
      case 3:
        return `KvK ${entry.kvk?.[0] ?? '00000000'}`;
      case 4:
        return entry.vat?.[0] ? `btw ${entry.vat[0]}` : name;
      default:
        return name;
    }
  }
}

/** Short, frequent words of everyday business Dutch: the text where a scan spends the most per character. */
const PLAIN = (
  'de het een en van in op voor met aan is zijn wordt heeft we wij u uw ons dat die dit deze niet ook nog al om ' +
  'te bij naar over uit door als maar of dan zo er hier graag kan zal moet wil tot nu wel geen meer veel goed ' +
  'tijd jaar week dag werk geld prijs plan doel deel stuk punt zaak vraag brief mail team klant huis weg stad ' +
  'zien gaan doen maken komen staan laten geven nemen weten zeggen vinden houden krijgen blijven kunnen ' +
  'nieuw oud groot klein lang kort hoog laag snel eerst later straks vandaag morgen gisteren even samen alle'
).split(' ');

/** Plain business Dutch of short common words, with one supplier name, as registered, every 400 words. */
export function plainText(watchlist: WatchEntry[], targetLength: number, seed = 400): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const parts: string[] = [];
  let length = 0;
  for (let word = 1; length < targetLength; word++) {
    let next = word % 400 === 0 ? pick(pick(watchlist).names) : pick(PLAIN);
    if (random() < 0.07) next += pick(['.', '.', ',', '?']);
    parts.push(next);
    length += next.length + 1;
  }
  return parts.join(' ').slice(0, targetLength);
}
