import { countryOf, INTERNATIONAL } from './jurisdictions.js';

/*
 * Which states take part in each regional system of the `regions` vocabulary (docs/contract.md §1), as ISO
 * 3166-1 alpha-2 codes. No maintained package publishes these memberships (checked: the npm
 * registry has EU-only helpers), so they are kept here, as of late 2026: the EU's 27 member states;
 * the Council of Europe's 46 (Russia expelled 2022); the OSCE's 57 participating states; the 35
 * states of the OAS Charter (including those that withdrew or do not take part, whose courts may
 * still rely on the inter-American instruments); the African Union's 55 (EH is the Sahrawi
 * Republic); ECOWAS's 12 after Burkina Faso, Mali and Niger left in 2025; ASEAN's 11 with
 * Timor-Leste (2025); SADC's 16; the GCC's 6. A pack for a state takes the notes of its systems.
 */
const MEMBERS: Readonly<Record<string, readonly string[]>> = {
  EU: 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
  COE: 'AL AD AM AT AZ BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT LV LI LT LU MT MD MC ME NL MK NO PL PT RO SM RS SK SI ES SE CH TR UA GB'.split(' '),
  OSCE: 'AL AD AM AT AZ BY BE BA BG CA HR CY CZ DK EE FI FR GE DE GR VA HU IS IE IT KZ KG LV LI LT LU MT MD MC MN ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TJ TR TM UA GB US UZ'.split(
    ' ',
  ),
  OAS: 'AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT US UY VE'.split(' '),
  AU: 'DZ AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW EH ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW'.split(
    ' ',
  ),
  ECOWAS: 'BJ CV CI GM GH GN GW LR NG SN SL TG'.split(' '),
  ASEAN: 'BN KH ID LA MY MM PH SG TH VN TL'.split(' '),
  SADC: 'AO BW KM CD SZ LS MG MW MU MZ NA SC ZA TZ ZM ZW'.split(' '),
  GCC: 'BH KW OM QA SA AE'.split(' '),
};

/** The regional systems (EU, COE, AU, …) that a jurisdiction's state takes part in; none for INT. */
export function regionalSystemsOf(code: string): string[] {
  if (code === INTERNATIONAL) return [];
  const country = countryOf(code);
  if (!country) return [];
  return Object.entries(MEMBERS)
    .filter(([, members]) => members.includes(country))
    .map(([region]) => region);
}

/** Every regional system with its member states, for tests and documentation. */
export function listRegionalSystems(): Readonly<Record<string, readonly string[]>> {
  return MEMBERS;
}
