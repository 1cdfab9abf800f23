import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_IDS } from '../../server/content/note-schema.js';

/*
 * A deterministic synthetic knowledge base for the benchmark: note i depends only on (seed, i), so
 * a smaller corpus is a prefix of a larger one. Facets follow skewed (Zipf-like) distributions, as
 * real tagging does; bodies are 600–1,200 words of trafficking-prosecution vocabulary in English,
 * French or Spanish (80 / 12 / 8 %). The text is nonsense, but it has the shape of a real note.
 */

const JURISDICTIONS = [
  'GB-EAW',
  'US',
  'INT',
  'NG',
  'PH',
  'IN',
  'FR',
  'ES',
  'MX',
  'KE',
  'GR',
  'RO',
  'NL',
  'DE',
  'IT',
  'BE',
  'AR',
  'CO',
  'BR',
  'AU',
  'GB-SCT',
  'GB-NIR',
  'US-TX',
  'US-CA',
  'ZA',
  'GH',
  'UG',
  'SN',
  'CI',
  'TH',
  'VN',
  'KH',
  'ID',
  'MY',
  'NP',
  'BD',
  'PK',
  'AE',
  'CA',
  'NZ',
];
const REGIONS = ['COE', 'EU', 'ECOWAS', 'AU', 'ASEAN', 'OAS', 'OSCE', 'SADC', 'GCC'];
const LEGAL = new Set(['binding-law', 'persuasive-authority', 'official-guidance']);

const WORDS: Record<string, string[]> = {
  en: (
    'victim witness testimony evidence corroboration phone extraction messages financial records bank transfers debt bondage forced labour ' +
    'exploitation trafficker recruitment transport harbouring control coercion threats deception vulnerability consent passport documents ' +
    'hotel bookings tickets wages deductions accommodation inspection prosecutor investigator court trial hearing cross-examination ' +
    'special measures intermediary interpreter support advocate referral identification protection safety anonymity compensation ' +
    'confiscation proceeds assets sentencing appeal charge offence defence statutory guidance convention directive protocol article section ' +
    'case law judgment expert trauma memory delay disclosure inconsistency account interview recorded video early planning strategy ' +
    'surveillance interception communications data subscriber cell-site location online adverts social media platform cooperation abroad ' +
    'mutual legal assistance joint investigation team extradition organiser network exploiter street brothel farm factory construction ' +
    'fishing domestic servitude begging criminality cannabis cultivation child adult survivor navigator shelter residence permit reflection ' +
    'period non-punishment immunity schedule abuse process review conviction acquittal jury direction judge magistrate evidence-led'
  ).split(' '),
  fr: (
    'victime témoin témoignage preuve corroboration téléphone exploitation messages relevés bancaires virements servitude dettes travail forcé ' +
    'traite recrutement transport hébergement contrainte menaces tromperie vulnérabilité consentement passeport documents hôtel billets salaires ' +
    'inspection procureur enquêteur juridiction audience audition confrontation interprète accompagnement orientation identification protection ' +
    'anonymat indemnisation confiscation avoirs peine appel infraction directive convention protocole article jurisprudence expert traumatisme ' +
    'mémoire révélation incohérence récit enregistré stratégie surveillance interception données réseau coopération entraide équipe commune'
  ).split(' '),
  es: (
    'víctima testigo testimonio prueba corroboración teléfono explotación mensajes registros bancarios transferencias servidumbre deudas trabajo ' +
    'forzoso trata captación traslado acogida coacción amenazas engaño vulnerabilidad consentimiento pasaporte documentos hotel billetes salarios ' +
    'inspección fiscal investigador tribunal juicio declaración preconstituida intérprete acompañamiento derivación identificación protección ' +
    'anonimato reparación decomiso bienes condena apelación delito directiva convenio protocolo artículo jurisprudencia perito trauma memoria ' +
    'relato grabado estrategia vigilancia interceptación datos red cooperación asistencia judicial equipo conjunto'
  ).split(' '),
};
const HEADINGS: Record<string, string[]> = {
  en: ['What to do', 'Why it matters', 'When it applies', 'How to do it', 'Legal basis and evidence', 'Case examples'],
  fr: ['Que faire', "Pourquoi c'est important", "Quand cela s'applique", 'Comment procéder', 'Fondement juridique', 'Exemples'],
  es: ['Qué hacer', 'Por qué importa', 'Cuándo se aplica', 'Cómo hacerlo', 'Fundamento jurídico', 'Ejemplos'],
};
const SURNAMES = ['Kalan', 'Osei', 'Moreau', 'Santos', 'Ivanova', 'Okafor', 'Reyes', 'Nguyen', 'Haddad', 'Brennan', 'Petrov', 'Mensah'];

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same corpus on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cumulativeWeights = new Map<string, Float64Array>();

/** Picks an index with probability proportional to 1/(i+1)^skew: a few values are common, most are rare. */
function zipf(next: () => number, size: number, skew = 1): number {
  const key = `${size}:${skew}`;
  let cumulative = cumulativeWeights.get(key);
  if (!cumulative) {
    cumulative = new Float64Array(size);
    for (let i = 0, sum = 0; i < size; i++) cumulative[i] = sum += 1 / (i + 1) ** skew;
    cumulativeWeights.set(key, cumulative);
  }
  const target = next() * cumulative[size - 1]!;
  let low = 0;
  let high = size - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

function pickSome<T>(next: () => number, values: readonly T[], min: number, max: number, skew = 1): T[] {
  const count = min + Math.floor(next() * (max - min + 1));
  const chosen = new Set<T>();
  for (let tries = 0; chosen.size < count && tries < count * 10; tries++) chosen.add(values[zipf(next, values.length, skew)]!);
  return [...chosen];
}

function sentence(next: () => number, words: readonly string[], length: number): string {
  const picked = Array.from({ length }, () => words[zipf(next, words.length, 0.6)]!);
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const yamlList = (values: readonly string[]) => `[${values.join(', ')}]`;
const quote = (text: string) => JSON.stringify(text);

// A recommendation must rest on a published note: the first generated note always is one.
function contentTypeLines(contentType: string, index: number): string[] {
  if (contentType !== 'policy-recommendation') return [`content_type: ${contentType}`];
  if (index === 1) return ['content_type: practice-note'];
  return [`content_type: ${contentType}`, 'audience: [prosecution-service]', 'rests_on: [bench-note-000001]'];
}

/** The Markdown of synthetic note `index` (1-based). */
export function generateNote(index: number, seed = 42): { slug: string; text: string } {
  const next = random(seed * 1_000_003 + index);
  const roll = next();
  const language = roll < 0.8 ? 'en' : roll < 0.92 ? 'fr' : 'es';
  const words = WORDS[language]!;
  const slug = `bench-note-${String(index).padStart(6, '0')}`;
  const evidenceTypes = pickSome(next, CONTRACT_IDS.evidence_types, 1, 4);
  const techniques = pickSome(next, CONTRACT_IDS.victim_centred_techniques, 0, 3);
  const basis = CONTRACT_IDS.evidence_basis[zipf(next, CONTRACT_IDS.evidence_basis.length, 0.7)]!;
  const surname = SURNAMES[Math.floor(next() * SURNAMES.length)]!;
  const year = 2005 + Math.floor(next() * 20);
  const caseName = `R v ${surname} [${year}] EWCA Crim ${100 + Math.floor(next() * 2900)}`;
  const reviewed = new Date(Date.UTC(2018, 0, 1) + Math.floor(next() * 3_200) * 86_400_000).toISOString().slice(0, 10);

  const frontMatter = [
    `title: ${quote(`${sentence(next, words, 5).slice(0, -1)} (${index})`)}`,
    `summary: ${quote(sentence(next, words, 22))}`,
    `language: ${language}`,
    `jurisdictions: ${yamlList(pickSome(next, JURISDICTIONS, 1, 3, 1.1))}`,
    `regions: ${yamlList(pickSome(next, REGIONS, 0, 2))}`,
    `evidence_types: ${yamlList(evidenceTypes)}`,
    `victim_centred_techniques: ${yamlList(techniques)}`,
    `stages: ${yamlList(pickSome(next, CONTRACT_IDS.stages, 1, 3, 0.8))}`,
    `exploitation_types: ${yamlList(pickSome(next, CONTRACT_IDS.exploitation_types, 0, 2))}`,
    `victim_profile: ${yamlList(pickSome(next, CONTRACT_IDS.victim_profile, 0, 2))}`,
    `cross_border: ${next() < 0.2}`,
    `tech_facilitated: ${next() < 0.25}`,
    ...contentTypeLines(CONTRACT_IDS.content_type[zipf(next, CONTRACT_IDS.content_type.length, 1.2)]!, index),
    `evidence_basis: ${basis}`,
    `evidence_note: ${quote(sentence(next, words, 14))}`,
    ...(LEGAL.has(basis) ? ['sources:', `  - title: ${quote(caseName)}`, `    citation: ${quote(`[${year}] para. ${1 + Math.floor(next() * 90)}`)}`] : []),
    `last_reviewed: ${reviewed}`,
  ];

  const targetWords = 600 + Math.floor(next() * 600);
  const body: string[] = [];
  let count = 0;
  for (let section = 0; count < targetWords; section++) {
    body.push(`## ${HEADINGS[language]![section % 6]}${section >= 6 ? ` ${Math.floor(section / 6) + 1}` : ''}`, '');
    for (let paragraph = 0; paragraph < 2 && count < targetWords; paragraph++) {
      const sentences = Array.from({ length: 3 + Math.floor(next() * 3) }, () => sentence(next, words, 8 + Math.floor(next() * 12)));
      if (next() < 0.2) sentences.push(`See ${caseName}.`);
      const text = sentences.join(' ');
      count += text.split(' ').length;
      body.push(text, '');
    }
    if (next() < 0.3) {
      body.push(...Array.from({ length: 3 }, () => `- ${sentence(next, words, 6)}`), '');
      count += 21;
    }
  }
  return { slug, text: `---\n${frontMatter.join('\n')}\n---\n${body.join('\n')}` };
}

/** Writes `count` notes, taxonomy.yml and synonyms.yml into `<dir>/knowledge`, and returns that directory. */
export function generateKnowledge(dir: string, count: number, sourceKnowledgeDir: string, seed = 42): string {
  const knowledge = path.join(dir, 'knowledge');
  mkdirSync(path.join(knowledge, 'notes'), { recursive: true });
  for (const file of ['taxonomy.yml', 'synonyms.yml']) copyFileSync(path.join(sourceKnowledgeDir, file), path.join(knowledge, file));
  for (let index = 1; index <= count; index++) {
    const { slug, text } = generateNote(index, seed);
    writeFileSync(path.join(knowledge, 'notes', `${slug}.md`), text);
  }
  return knowledge;
}
