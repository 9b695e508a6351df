import { canonicalTimeZone, timeZoneCacheSize } from './time-zone';
import { guessTimeZone, normalizePlaceName, readTimeZone, zoneAt, zoneChoices } from './zone-choice';

const zone = (name: string) => canonicalTimeZone(name);

describe('the zones offered as buttons', () => {
  it('lists Russia from Kaliningrad to Kamchatka by its cities, then the capitals near it, in Russian', () => {
    expect(zoneChoices('ru').map((choice) => choice.label)).toEqual([
      'Калининград',
      'Москва',
      'Самара',
      'Екатеринбург',
      'Омск',
      'Новосибирск',
      'Красноярск',
      'Иркутск',
      'Якутск',
      'Владивосток',
      'Магадан',
      'Камчатка',
      'Минск',
      'Киев',
      'Алматы',
      'Ташкент',
      'Тбилиси',
      'Ереван',
      'Баку',
    ]);
    expect(zoneChoices('ru')[11]).toEqual({ label: 'Камчатка', timeZone: 'Asia/Kamchatka' });
  });

  it('lists a dozen of the most used zones in English', () => {
    const choices = zoneChoices('en');
    expect(choices.length).toBeGreaterThanOrEqual(12);
    expect(choices).toContainEqual({ label: 'New York', timeZone: 'America/New_York' });
    expect(choices).toContainEqual({ label: 'UTC', timeZone: 'UTC' });
  });

  it('offers only zones this runtime knows, spelled as it spells them', () => {
    for (const choice of [...zoneChoices('ru'), ...zoneChoices('en')]) {
      expect(canonicalTimeZone(choice.timeZone)).toBe(choice.timeZone);
    }
  });
});

describe('reading a zone a person types', () => {
  it.each([
    ['Новосибирск', 'Asia/Novosibirsk', 'Новосибирск'],
    ['новосибирск', 'Asia/Novosibirsk', 'Новосибирск'],
    ['санкт-петербург', 'Europe/Moscow', 'Санкт-Петербург'],
    ['Санкт Петербург', 'Europe/Moscow', 'Санкт-Петербург'],
    ['Берлин', 'Europe/Berlin', 'Берлин'],
    ['ростов на дону', 'Europe/Moscow', 'Ростов-на-Дону'],
    ['Нижний Новгород', 'Europe/Moscow', 'Нижний Новгород'],
    ['Кишинёв', 'Europe/Chisinau', 'Кишинев'],
    ['КИШИНЕВ', 'Europe/Chisinau', 'Кишинев'],
    ['Berlin', 'Europe/Berlin', 'Berlin'],
    ['  berlin ', 'Europe/Berlin', 'Berlin'],
    ['Berlin, Germany', 'Europe/Berlin', 'Berlin'],
    ['New York', 'America/New_York', 'New York'],
    ['new-york', 'America/New_York', 'New York'],
    ['St. Petersburg', 'Europe/Moscow', 'St. Petersburg'],
    ['Saint Petersburg', 'Europe/Moscow', 'Saint Petersburg'],
    ['Moscow', 'Europe/Moscow', 'Moscow'],
    ['Sao Paulo', 'America/Sao_Paulo', 'São Paulo'],
    ['São Paulo', 'America/Sao_Paulo', 'São Paulo'],
    ['Kyiv', 'Europe/Kyiv', 'Kyiv'],
    ['Europe/Lisbon', 'Europe/Lisbon', 'Europe/Lisbon'],
    ['america/los angeles', 'America/Los_Angeles', 'America/Los_Angeles'],
    ['UTC+3', 'Etc/GMT-3', 'UTC+3'],
    ['utc +3', 'Etc/GMT-3', 'UTC+3'],
    ['+3', 'Etc/GMT-3', 'UTC+3'],
    ['UTC+03:00', 'Etc/GMT-3', 'UTC+3'],
    ['GMT-4', 'Etc/GMT+4', 'UTC−4'],
    ['utc−3', 'Etc/GMT+3', 'UTC−3'],
    ['UTC+14', 'Etc/GMT-14', 'UTC+14'],
    ['+5:30', 'Asia/Kolkata', 'UTC+5:30'],
    ['+0545', 'Asia/Kathmandu', 'UTC+5:45'],
    ['UTC', 'UTC', 'UTC'],
    ['GMT+0', 'UTC', 'UTC'],
  ])('%s -> %s', (text, expected, label) => {
    expect(readTimeZone(text)).toEqual({ ok: true, timeZone: zone(expected), label });
  });

  it.each(['', 'Atlantis', 'UTC+15', 'GMT-13', '+5:17', 'Mars/Olympus', 'x'.repeat(500), 'tomorrow 9:00'])(
    'says clearly when nothing matches: %s',
    (text) => {
      expect(readTimeZone(text)).toEqual({ ok: false, error: 'not_found' });
    },
  );

  it('reads an offset zone in the hours it says', () => {
    const moment = new Date('2026-12-05T12:00:00Z');
    const reading = readTimeZone('UTC+3');
    if (!reading.ok) throw new Error('not read');
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: reading.timeZone, hour: 'numeric' }).format(moment),
    ).toBe('15');
  });

  it('knows every capital and the largest cities of the world', () => {
    const places = [
      'Tokyo',
      'Delhi',
      'Shanghai',
      'Dhaka',
      'Cairo',
      'Beijing',
      'Mumbai',
      'Osaka',
      'Karachi',
      'Chongqing',
      'Istanbul',
      'Buenos Aires',
      'Kolkata',
      'Lagos',
      'Kinshasa',
      'Manila',
      'Rio de Janeiro',
      'Guangzhou',
      'Lahore',
      'Shenzhen',
      'Bangalore',
      'Paris',
      'Bogota',
      'Jakarta',
      'Chennai',
      'Lima',
      'Bangkok',
      'Seoul',
      'Nagoya',
      'Hyderabad',
      'London',
      'Tehran',
      'Chicago',
      'Ho Chi Minh City',
      'Luanda',
      'Kuala Lumpur',
      'Riyadh',
      'Baghdad',
      'Santiago',
      'Madrid',
      'Toronto',
      'Khartoum',
      'Johannesburg',
      'Nairobi',
      'Canberra',
      'Wellington',
      'Ottawa',
      'Brasilia',
      'Reykjavik',
      'Ulaanbaatar',
      'Addis Ababa',
      'Abuja',
      'Hanoi',
      'Kathmandu',
      'Kabul',
      'Washington',
      'Mexico City',
      'Havana',
      'Astana',
      'Bishkek',
      'Dushanbe',
    ];
    const missing = places.filter((place) => !readTimeZone(place).ok);
    expect(missing).toEqual([]);
  });

  it('keeps no memory of what people type', () => {
    readTimeZone('Berlin');
    const before = timeZoneCacheSize();
    for (let k = 0; k < 200; k += 1) readTimeZone(`Nowhere ${k}`);
    expect(timeZoneCacheSize()).toEqual(before);
  });

  it('compares names without case, accents and dashes', () => {
    expect(normalizePlaceName('Ростов-на-Дону')).toBe(normalizePlaceName('ростов на дону'));
    expect(normalizePlaceName('Орёл')).toBe(normalizePlaceName('орел'));
  });
});

describe('the zone at a shared location', () => {
  it.each([
    ['Moscow', 55.7558, 37.6173, 'Europe/Moscow'],
    ['Novosibirsk', 55.0084, 82.9357, 'Asia/Novosibirsk'],
    ['Kaliningrad', 54.7104, 20.4522, 'Europe/Kaliningrad'],
    ['New York', 40.7128, -74.006, 'America/New_York'],
    ['Petropavlovsk-Kamchatsky', 53.0452, 158.6483, 'Asia/Kamchatka'],
    ['the mid-Atlantic', 0, -30, 'Etc/GMT+2'],
  ])('%s', (_place, latitude, longitude, expected) => {
    expect(zoneAt(latitude, longitude)).toBe(zone(expected));
  });

  it('is undefined for coordinates not on Earth', () => {
    expect(zoneAt(91, 0)).toBeUndefined();
    expect(zoneAt(0, 181)).toBeUndefined();
    expect(zoneAt(Number.NaN, 0)).toBeUndefined();
  });
});

describe('the zone guessed from the Telegram language', () => {
  it.each([
    ['ru', 'Europe/Moscow'],
    ['ru-RU', 'Europe/Moscow'],
    ['uk', 'Europe/Kyiv'],
    ['be', 'Europe/Minsk'],
    ['kk', 'Asia/Almaty'],
    ['uz', 'Asia/Tashkent'],
    ['en', 'UTC'],
    ['pt-br', 'UTC'],
    [undefined, 'UTC'],
    [null, 'UTC'],
    ['', 'UTC'],
  ])('%s -> %s', (code, expected) => {
    expect(guessTimeZone(code)).toBe(zone(expected));
  });
});
