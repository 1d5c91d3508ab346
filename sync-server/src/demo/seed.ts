/**
 * The demo region: a fictional «Северная область» with three municipalities,
 * thirty schools (ШНОР, ШНСУ, leader schools, tracks 1–3, 500+ cohorts 2021 and
 * 2022, clusters, rural flags), partnerships of leader and participant schools,
 * and a user of every role with a simple password. Seeded on first start when
 * the database is empty, and by `npm run admin -- seed-demo`.
 */
import type {
  DirectorySnapshot,
  Membership,
  Municipality,
  Partnership,
  Role,
  School,
  Track,
} from '@opora/shared';
import type { OpenDb } from '../db/open.ts';
import { DirectoryRepo } from '../repo/directory-repo.ts';
import { UserRepo } from '../repo/user-repo.ts';
import { DEFAULT_SCRYPT, hashPasswordSync, type ScryptParams } from '../services/password.ts';

/** Id of the demo region. */
export const DEMO_REGION_ID = 'north';

/** Year of the demo partnerships and documents. */
export const DEMO_YEAR = 2026;

const MUNICIPALITIES: Municipality[] = [
  { id: 'zarechny', regionId: DEMO_REGION_ID, name: 'Зареченский муниципальный район' },
  { id: 'ozerny', regionId: DEMO_REGION_ID, name: 'Озёрный муниципальный округ' },
  { id: 'severograd', regionId: DEMO_REGION_ID, name: 'Городской округ Североград' },
];

const CITY = 'Городские школы';
const CENTRE = 'Школы районных центров';
const SMALL = 'Малокомплектные сельские школы';
const REMOTE = 'Удалённые сельские школы';

type Flags = 'low' | 'unfav' | 'both' | 'leader' | 'none';

function school(
  id: string,
  municipalityId: string,
  name: string,
  flags: Flags,
  cohortYear: number | null,
  cluster: string,
  rural: boolean,
): School {
  const lowResults = flags === 'low' || flags === 'both';
  const unfavourableConditions = flags === 'unfav' || flags === 'both';
  // Seed 004: track 1 for ШНОР, track 2 for ШНСУ, track 3 for all schools of tracks 1 and 2.
  const tracks: Track[] = [];
  if (lowResults) tracks.push(1);
  if (unfavourableConditions) tracks.push(2);
  if (tracks.length > 0) tracks.push(3);
  return {
    id,
    municipalityId,
    name,
    lowResults,
    unfavourableConditions,
    leader: flags === 'leader',
    cohortYear,
    tracks,
    cluster,
    rural,
  };
}

const SCHOOLS: School[] = [
  school('zar-sosh-1', 'zarechny', 'МБОУ СОШ № 1 пгт Заречный', 'leader', null, CENTRE, false),
  school('zar-sosh-2', 'zarechny', 'МБОУ СОШ № 2 пгт Заречный', 'none', null, CENTRE, false),
  school('zar-sosh-3', 'zarechny', 'МБОУ СОШ № 3 с. Заречье', 'low', 2021, SMALL, true),
  school(
    'zar-oosh-krivaya-luka',
    'zarechny',
    'МБОУ ООШ д. Кривая Лука',
    'both',
    2022,
    REMOTE,
    true,
  ),
  school(
    'zar-sosh-bereznyaki',
    'zarechny',
    'МБОУ «Березняковская СОШ»',
    'unfav',
    null,
    SMALL,
    true,
  ),
  school('zar-sosh-pokrovskoe', 'zarechny', 'МБОУ СОШ с. Покровское', 'low', 2022, SMALL, true),
  school('zar-oosh-ust-vya', 'zarechny', 'МБОУ ООШ с. Усть-Выя', 'unfav', null, REMOTE, true),
  school('zar-nosh-lesnoy', 'zarechny', 'МБОУ НОШ п. Лесной', 'low', 2021, REMOTE, true),
  school('zar-sosh-mikhaylovka', 'zarechny', 'МБОУ СОШ с. Михайловка', 'unfav', null, SMALL, true),
  school('zar-sosh-gorki', 'zarechny', 'МБОУ «Горкинская СОШ»', 'none', null, SMALL, true),
  school('oz-gimn-1', 'ozerny', 'МАОУ «Гимназия № 1» г. Озёрск', 'leader', null, CENTRE, false),
  school('oz-sosh-2', 'ozerny', 'МБОУ СОШ № 2 г. Озёрск', 'unfav', null, CENTRE, false),
  school('oz-sosh-3', 'ozerny', 'МБОУ СОШ № 3 г. Озёрск', 'none', null, CENTRE, false),
  school('oz-sosh-5', 'ozerny', 'МБОУ СОШ № 5 г. Озёрск', 'low', 2021, CENTRE, false),
  school('oz-sosh-ryabinovka', 'ozerny', 'МБОУ СОШ с. Рябиновка', 'low', 2022, SMALL, true),
  school('oz-oosh-kamenka', 'ozerny', 'МБОУ ООШ д. Каменка', 'both', 2021, REMOTE, true),
  school('oz-sosh-svetloe', 'ozerny', 'МБОУ СОШ с. Светлое', 'unfav', null, SMALL, true),
  school('oz-sosh-bor', 'ozerny', 'МБОУ «Борская СОШ»', 'low', 2022, REMOTE, true),
  school('oz-oosh-zaozerye', 'ozerny', 'МБОУ ООШ с. Заозерье', 'unfav', null, REMOTE, true),
  school('oz-sosh-lugovoe', 'ozerny', 'МБОУ СОШ п. Луговое', 'leader', null, SMALL, true),
  school(
    'sev-lyceum-1',
    'severograd',
    'МАОУ «Лицей № 1» г. Североград',
    'leader',
    null,
    CITY,
    false,
  ),
  school(
    'sev-gimn-2',
    'severograd',
    'МАОУ «Гимназия № 2» г. Североград',
    'leader',
    null,
    CITY,
    false,
  ),
  school('sev-sosh-7', 'severograd', 'МБОУ СОШ № 7 г. Североград', 'low', 2021, CITY, false),
  school('sev-sosh-9', 'severograd', 'МБОУ СОШ № 9 мкр. Северный', 'low', 2022, CITY, false),
  school('sev-sosh-12', 'severograd', 'МБОУ СОШ № 12 г. Североград', 'unfav', null, CITY, false),
  school('sev-sosh-14', 'severograd', 'МБОУ СОШ № 14 г. Североград', 'low', 2022, CITY, false),
  school('sev-sosh-18', 'severograd', 'МБОУ СОШ № 18 г. Североград', 'none', null, CITY, false),
  school('sev-sosh-21', 'severograd', 'МБОУ СОШ № 21 г. Североград', 'unfav', null, CITY, false),
  school(
    'sev-vsosh-1',
    'severograd',
    'МБОУ «Вечерняя (сменная) школа № 1»',
    'both',
    2021,
    CITY,
    false,
  ),
  school(
    'sev-sosh-25',
    'severograd',
    'МБОУ «СОШ № 25 с углублённым изучением отдельных предметов»',
    'none',
    null,
    CITY,
    false,
  ),
];

const PARTNERSHIPS: Partnership[] = [
  ['zar-sosh-1', 'zar-sosh-3'],
  ['zar-sosh-1', 'zar-oosh-krivaya-luka'],
  ['oz-gimn-1', 'oz-sosh-5'],
  ['oz-sosh-lugovoe', 'oz-oosh-kamenka'],
  ['sev-lyceum-1', 'sev-sosh-7'],
  ['sev-gimn-2', 'sev-sosh-14'],
  // Across municipalities: the city lyceum tutors a village school.
  ['sev-lyceum-1', 'zar-sosh-pokrovskoe'],
].map(([leaderSchoolId, schoolId]) => ({
  leaderSchoolId: leaderSchoolId as string,
  schoolId: schoolId as string,
  year: DEMO_YEAR,
}));

/** The demo directory, complete. */
export const DEMO_DIRECTORY: DirectorySnapshot = {
  regions: [{ id: DEMO_REGION_ID, name: 'Северная область' }],
  municipalities: MUNICIPALITIES,
  schools: SCHOOLS,
  partnerships: PARTNERSHIPS,
};

/** One demo user, as printed at start and used by tests. */
export interface DemoLogin {
  userId: string;
  login: string;
  password: string;
  name: string;
  role: Role;
  /** Russian description of the user's scope. */
  scope: string;
  memberships: Membership[];
}

const atSchools = (role: Role, ...ids: string[]): Membership[] =>
  ids.map((schoolId) => ({ role, schoolId, municipalityId: null, regionId: null }));

/** Every demo user. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    userId: 'u-region',
    login: 'region',
    password: 'region1',
    name: 'Соколова Ирина Петровна',
    role: 'regional_coordinator',
    scope: 'Северная область',
    memberships: [
      {
        role: 'regional_coordinator',
        regionId: DEMO_REGION_ID,
        schoolId: null,
        municipalityId: null,
      },
    ],
  },
  ...MUNICIPALITIES.map((m, i): DemoLogin => ({
    userId: `u-mo-${m.id}`,
    login: `mo-${m.id}`,
    password: `${m.id}1`,
    name: ['Кузнецов Андрей Викторович', 'Лебедева Ольга Сергеевна', 'Орлов Дмитрий Игоревич'][
      i
    ] as string,
    role: 'municipal_coordinator',
    scope: m.name,
    memberships: [
      { role: 'municipal_coordinator', municipalityId: m.id, schoolId: null, regionId: null },
    ],
  })),
  {
    userId: 'u-curator',
    login: 'curator',
    password: 'curator1',
    name: 'Морозова Татьяна Николаевна',
    role: 'curator',
    scope: '3 школы Зареченского района',
    memberships: atSchools('curator', 'zar-sosh-3', 'zar-oosh-krivaya-luka', 'zar-sosh-pokrovskoe'),
  },
  {
    userId: 'u-curator-oz',
    login: 'curator-oz',
    password: 'curator2',
    name: 'Волков Сергей Александрович',
    role: 'curator',
    scope: '2 школы Озёрного округа',
    memberships: atSchools('curator', 'oz-sosh-5', 'oz-oosh-kamenka'),
  },
  {
    userId: 'u-director',
    login: 'director',
    password: 'director1',
    name: 'Смирнова Елена Викторовна',
    role: 'school_coordinator',
    scope: 'МБОУ СОШ № 3 с. Заречье',
    memberships: atSchools('school_coordinator', 'zar-sosh-3'),
  },
  {
    userId: 'u-director-sev',
    login: 'director-sev',
    password: 'director2',
    name: 'Павлов Игорь Николаевич',
    role: 'school_coordinator',
    scope: 'МБОУ СОШ № 7 г. Североград',
    memberships: atSchools('school_coordinator', 'sev-sosh-7'),
  },
  {
    userId: 'u-teacher',
    login: 'teacher',
    password: 'teacher1',
    name: 'Иванова Мария Алексеевна',
    role: 'teacher',
    scope: 'МБОУ СОШ № 3 с. Заречье',
    memberships: atSchools('teacher', 'zar-sosh-3'),
  },
  {
    userId: 'u-teacher-oz',
    login: 'teacher-oz',
    password: 'teacher2',
    name: 'Козлова Анна Дмитриевна',
    role: 'teacher',
    scope: 'МБОУ СОШ № 5 г. Озёрск',
    memberships: atSchools('teacher', 'oz-sosh-5'),
  },
  {
    userId: 'u-tutor',
    login: 'tutor',
    password: 'tutor1',
    name: 'Новикова Светлана Юрьевна',
    role: 'leader_tutor',
    scope: 'МБОУ СОШ № 1 пгт Заречный (школа-лидер)',
    memberships: atSchools('leader_tutor', 'zar-sosh-1'),
  },
  {
    userId: 'u-tutor-sev',
    login: 'tutor-sev',
    password: 'tutor2',
    name: 'Фёдоров Алексей Павлович',
    role: 'leader_tutor',
    scope: 'МАОУ «Лицей № 1» г. Североград (школа-лидер)',
    memberships: atSchools('leader_tutor', 'sev-lyceum-1'),
  },
];

/**
 * The director of a participant school that has no demo login: a real user row
 * so the school's demo documents name a person, but one nobody can sign in as.
 */
export interface DemoDirector {
  userId: string;
  login: string;
  name: string;
  schoolId: string;
}

// Names for the generated directors: picked by the school's position, so the demo is the same every time.
const SURNAMES: readonly (readonly [string, string])[] = [
  ['Васильев', 'Васильева'],
  ['Петров', 'Петрова'],
  ['Зайцев', 'Зайцева'],
  ['Егоров', 'Егорова'],
  ['Белов', 'Белова'],
  ['Тихонов', 'Тихонова'],
  ['Комаров', 'Комарова'],
  ['Громов', 'Громова'],
  ['Никитин', 'Никитина'],
  ['Сорокин', 'Сорокина'],
  ['Медведев', 'Медведева'],
  ['Киселёв', 'Киселёва'],
];
const MALE_NAMES = ['Александр', 'Михаил', 'Владимир', 'Николай', 'Павел', 'Юрий', 'Олег'];
const FEMALE_NAMES = ['Наталья', 'Галина', 'Людмила', 'Ольга', 'Татьяна', 'Марина', 'Вера'];
const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Иванович', 'Ивановна'],
  ['Петрович', 'Петровна'],
  ['Сергеевич', 'Сергеевна'],
  ['Викторович', 'Викторовна'],
  ['Алексеевич', 'Алексеевна'],
  ['Геннадьевич', 'Геннадьевна'],
];

/** A stored password hash that no password verifies (see `verifyPassword`). */
export const UNUSABLE_PASSWORD_HASH = '!demo-no-sign-in';

/** Directors of the participant schools without a demo school coordinator; not in the logins table. */
export const DEMO_DIRECTORS: readonly DemoDirector[] = DEMO_DIRECTORY.schools
  .filter((s) => s.lowResults || s.unfavourableConditions)
  .filter(
    (s) =>
      !DEMO_LOGINS.some(
        (u) => u.role === 'school_coordinator' && u.memberships.some((m) => m.schoolId === s.id),
      ),
  )
  .map((s, i): DemoDirector => {
    const female = i % 3 !== 1;
    const g = female ? 1 : 0;
    const surname = (SURNAMES[i % SURNAMES.length] as readonly [string, string])[g];
    const first = (female ? FEMALE_NAMES : MALE_NAMES)[(i * 5) % 7] as string;
    const patronymic = (PATRONYMICS[(i * 7) % PATRONYMICS.length] as readonly [string, string])[g];
    return {
      userId: `u-dir-${s.id}`,
      login: `dir-${s.id}`,
      name: `${surname} ${first} ${patronymic}`,
      schoolId: s.id,
    };
  });

/** True when the database has neither a directory nor users (a first start). */
export function isDatabaseEmpty(odb: OpenDb): boolean {
  return new DirectoryRepo(odb).isEmpty() && new UserRepo(odb).isEmpty();
}

/**
 * Writes the demo region and users. Throws when any of its ids already exist;
 * call on an empty database. `params` lowers the hash cost in tests.
 */
export function seedDemo(odb: OpenDb, now = Date.now(), params: ScryptParams = DEFAULT_SCRYPT) {
  const users = new UserRepo(odb);
  const hashes = DEMO_LOGINS.map((u) => hashPasswordSync(u.password, params));
  odb.sqlite
    .transaction(() => {
      new DirectoryRepo(odb).createMany(DEMO_DIRECTORY);
      DEMO_LOGINS.forEach((u, i) => {
        users.createUser({
          id: u.userId,
          login: u.login,
          name: u.name,
          passwordHash: hashes[i] as string,
          createdAt: now,
        });
        for (const m of u.memberships) users.grant(u.userId, m);
      });
      for (const d of DEMO_DIRECTORS) {
        users.createUser({
          id: d.userId,
          login: d.login,
          name: d.name,
          passwordHash: UNUSABLE_PASSWORD_HASH,
          createdAt: now,
        });
        for (const m of atSchools('school_coordinator', d.schoolId)) users.grant(d.userId, m);
      }
    })
    .immediate();
  return DEMO_LOGINS;
}
