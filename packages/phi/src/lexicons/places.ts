// Place lexicons: the world's cities from `city-timezones` (~7,300 cities with their
// provinces, from Natural Earth's populated places) and country names from `countries-list`
// (English and native). A city is a geographic subdivision smaller than a state (Safe Harbor 2);
// a province, state or country is not, so those end a street line's city part. Loaded on
// first use and kept as Sets of strings only.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CityRow {
  city: string;
  city_ascii: string;
  province: string;
  country: string;
}

let cities: Set<string> | undefined;
let regions: Set<string> | undefined;

function load(): void {
  const rows = require('city-timezones/data/cityMap.json') as CityRow[];
  const { countries } = require('countries-list') as { countries: Record<string, { name: string; native: string }> };
  cities = new Set();
  regions = new Set();
  for (const r of rows) {
    cities.add(r.city);
    cities.add(r.city_ascii);
  }
  // A city that is also its province's name ("New York", "Zürich") stays a city; a city that is
  // also a country ("Singapore", "Monaco") is the country, as an address's last part.
  for (const r of rows) if (r.province && !cities.has(r.province)) regions.add(r.province);
  for (const r of rows) regions.add(r.country);
  for (const c of Object.values(countries)) {
    regions.add(c.name);
    regions.add(c.native);
  }
}

/** A city of the lexicon, as written ("Umeå", "Kuala Lumpur") or in ASCII. */
export function isCity(name: string): boolean {
  if (!cities) load();
  return (cities as Set<string>).has(name);
}

/** A province, state or country name (not also a city's). */
export function isRegion(name: string): boolean {
  if (!regions) load();
  return (regions as Set<string>).has(name);
}
