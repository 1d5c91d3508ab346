/**
 * Texts of the coordinator's workspace (dashboards, school card, calendar,
 * plan-schedule, exports). Table headers of exports come from the shared
 * dashboard labels (shared/src/dashboard/*), so a screen and its spreadsheet
 * say the same thing.
 */
import { plural } from './plural';

export { tdHome } from './dashboard-home';

const schools = { one: 'школа', few: 'школы', many: 'школ', other: 'школы' };
const days = { one: 'день', few: 'дня', many: 'дней', other: 'дня' };
const docs = { one: 'документ', few: 'документа', many: 'документов', other: 'документа' };
const items = { one: 'мероприятие', few: 'мероприятия', many: 'мероприятий', other: 'мероприятия' };

const date = /* @__PURE__ */ new Intl.DateTimeFormat('ru', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dateTime = /* @__PURE__ */ new Intl.DateTimeFormat('ru', {
  dateStyle: 'long',
  timeStyle: 'short',
});
const percent = /* @__PURE__ */ new Intl.NumberFormat('ru', { maximumFractionDigits: 1 });

/** «25 ноября 2026 г.» from YYYY-MM-DD or an ISO instant; '' for null. */
export function formatDay(isoDay: string | null): string {
  if (!isoDay) return '';
  const d = new Date(isoDay.length === 10 ? `${isoDay}T12:00:00` : isoDay);
  return Number.isNaN(d.getTime()) ? isoDay : date.format(d);
}

/** «25 ноября 2026 г., 19:30». */
export function formatMoment(ms: number): string {
  return dateTime.format(new Date(ms));
}

/** A share 0–1 as «77,8 %». */
export function formatShare(share: number): string {
  return `${percent.format(share * 100)} %`;
}

/** A number with a decimal comma. */
export function formatNumber(n: number | null): string {
  return n === null ? '—' : percent.format(n);
}

/** The catalogue of the dashboards. */
export const td = {
  title: 'Панель координатора',
  nav: {
    label: 'Разделы панели',
    schools: 'Школы',
    completion: 'Анкеты',
    risks: 'Факторы риска',
    roadmaps: 'Дорожные карты',
    exams: 'Экзамены',
    calendar: 'Календарь',
    plan: 'План-график',
    curators: 'Кураторы',
    report: 'Отчёт',
  },
  scope: {
    region: (name: string) => `Регион: ${name}`,
    municipality: (name: string) => `Муниципалитет: ${name}`,
    schools: (n: number) => `${n} ${plural(n, schools)}`,
    shown: (shown: number, total: number) =>
      shown === total ? `Показано: все ${total}` : `Показано: ${shown} из ${total}`,
    notCoordinator:
      'Панель доступна муниципальным и региональным координаторам. Календарь ближайших дел вашей школы — ниже.',
    empty:
      'В вашей зоне ответственности нет школ на этом устройстве. Синхронизируйтесь при подключении к сети.',
  },
  freshness: {
    synced: (when: string) =>
      `Данные на устройстве по состоянию на ${when} (последняя успешная синхронизация).`,
    never: 'Синхронизаций ещё не было: данные могут быть неполными.',
    stale: (n: number) =>
      `Прошло ${n} ${plural(n, days)} с последней синхронизации — данные могут устареть.`,
    offline: 'Нет сети: показаны данные, сохранённые на устройстве.',
    unreachable: 'Нет связи с сервером: показаны данные, сохранённые на устройстве.',
    computing: (n: number) => `Подсчитываются сводки ещё ${n} ${plural(n, docs)}…`,
    loading: 'Загрузка сводок…',
  },
  filters: {
    legend: 'Фильтры',
    all: 'Все',
    search: 'Поиск по названию',
    searchHint: 'Например: «сош 3 заречье»',
    track: (n: number) => `Трек ${n}`,
    reset: 'Сбросить фильтры',
    year: 'Год',
    wave: 'Волна мониторинга',
    allWaves: 'Последняя по каждой школе',
    cohortYear: (y: number) => `500+ ${y}`,
  },
  schoolsPage: {
    title: 'Школы',
    columns: {
      name: 'Школа',
      municipality: 'Муниципалитет',
      flags: 'Статус',
      track: 'Трек',
      done: 'Анкеты',
      risk: 'Риск',
      activity: 'Активность',
    },
    none: 'Нет школ, подходящих под фильтры.',
    more: (n: number) => `Показать ещё ${n}`,
    open: (name: string) => `Карточка школы: ${name}`,
  },
  tiles: {
    shareDone: 'Анкет заполнено',
    late: 'Просрочено анкет',
    nonEngaged: (d: number) => `Без активности ${d} ${plural(d, days)} и дольше`,
    roadmapLate: 'Школ с просроченными мероприятиями',
    highRisk: 'Школ с 3+ факторами высокого риска',
  },
  completion: {
    title: 'Заполнение анкет',
    intro:
      'Школы × анкеты × волна мониторинга. Просроченные отмечены, в конце строки — доля заполненных.',
    legend: 'Обозначения',
    short: {
      done: '✓',
      done_late: '✓!',
      in_progress: '…',
      not_started: '·',
      overdue: '!',
      not_applicable: '',
    } as Record<string, string>,
    byColumn: 'Доля заполненных по анкетам',
    total: 'Итого',
    deadline: (d: string) => `срок: ${d}`,
  },
  risks: {
    title: 'Факторы риска',
    intro:
      'Школы × десять факторов риска по последней диагностике. Нажмите на заголовок, чтобы отсортировать.',
    sortBy: (label: string) => `Сортировать по: ${label}`,
    countsTitle: 'Сколько школ на каждом уровне риска',
    noProfile: 'нет диагностики',
    sortName: 'Школа',
    sortScore: 'Суммарный риск',
  },
  roadmaps: {
    title: 'Дорожные карты',
    intro: 'Мероприятия выполнены, просрочены, запланированы; показатели в норме.',
    totals: (done: number, late: number, planned: number) =>
      `Всего мероприятий: выполнено ${done}, просрочено ${late}, запланировано ${planned}`,
    noRoadmap: (n: number) => `Без дорожной карты: ${n} ${plural(n, schools)}`,
    nonEngagedTitle: 'Невовлечённые школы',
    nonEngagedIntro:
      'Нет активности (анкеты, дорожная карта, посещения, экзамены) столько дней или дольше:',
    days: 'Дней без активности',
    never: 'активности не было',
    daysAgo: (n: number) => `${n} ${plural(n, days)} назад`,
    none: 'Таких школ нет.',
  },
  exams: {
    title: 'Результаты ОГЭ и ЕГЭ',
    intro:
      'Средние баллы школ по годам. Динамика — рост к предыдущему году; таблица по когортам повторяет отчёт (доля школ с ростом по 1–4 показателям и достигших среднего по региону).',
    year: 'Отчётный год',
    cohortTitle: 'Динамика по когортам 500+',
    schoolsTitle: 'Средние баллы школ',
    entryTitle: 'Ввести результаты школы',
    school: 'Школа',
    findSchool: 'Найти школу',
    findHint: 'название, муниципалитет или код',
    choicesShown: (shown: number, total: number) =>
      `В списке первые ${shown} из ${total}: уточните поиск.`,
    save: 'Сохранить результаты',
    saved: 'Результаты сохранены на устройстве и будут отправлены при связи.',
    invalid: 'Средний балл — число от 0 до 100 (десятичная запятая допускается).',
    readOnly: 'Результаты вводит школа или региональный координатор; у вас — только просмотр.',
    regionalTitle: 'Средние баллы по региону',
    regionalHint: 'Хранятся в плане-графике региона за этот год.',
    saveRegional: 'Сохранить средние по региону',
    importTitle: 'Загрузить из CSV',
    importHint:
      'Столбцы: «Код школы» или «Школа», «Год», «ЕГЭ русский язык», «ЕГЭ математика», «ОГЭ русский язык», «ОГЭ математика» (ВПР — по желанию). Разделитель «;» или «,», десятичная запятая. Строка «Регион» задаёт средние по региону.',
    importFile: 'Файл CSV',
    importMode: 'Если в файле есть ошибки',
    modeAll: 'ничего не загружать',
    modePartial: 'загрузить правильные строки',
    importCheck: 'Проверить файл',
    importApply: (n: number) =>
      `Загрузить ${n} ${plural(n, { one: 'строку', few: 'строки', many: 'строк', other: 'строки' })}`,
    importDone: (n: number) =>
      `Загружено: ${n} ${plural(n, { one: 'строка', few: 'строки', many: 'строк', other: 'строки' })}.`,
    importErrors: 'Ошибки в файле',
    importWarnings: 'Замечания',
    importRead: 'Не удалось прочитать файл.',
    noRegion: 'Средние по региону можно сохранить только при доступе к плану-графику региона.',
    chart: 'Доля школ с положительной динамикой по показателям',
    delta: 'Изменение',
  },
  calendar: {
    title: 'Календарь ближайших дел',
    intro: 'Сроки, запрос на содействие и целевое участие. Отметьте, кто принял участие.',
    municipality: 'Муниципалитет',
    allMunicipalities: 'Все муниципалитеты (новое мероприятие — в календарь каждого)',
    empty: 'В календаре пока нет мероприятий.',
    near: (n: number) => `Ближайшие 30 дней: ${n} ${plural(n, items)}`,
    add: 'Добавить мероприятие',
    itemTitle: 'Мероприятие',
    period: 'Сроки (как в плане: «до 19 сентября», «октябрь», «4 квартал»)',
    periodParsed: (start: string, end: string) => `Период: ${start || '…'} — ${end || '…'}`,
    periodUnknown: 'Даты не распознаны — укажите их ниже.',
    start: 'Начало',
    end: 'Окончание (срок)',
    request: 'Запрос на содействие',
    requestHint: 'Например: «Обеспечить участие 100% школ и кураторов», «Не менее 25% ШНОР/ШНСУ»',
    targets: (text: string) => `Цель: ${text}`,
    noTargets: 'Целевой показатель не указан',
    create: 'Добавить в календарь',
    created: 'Мероприятие добавлено.',
    titleRequired: 'Укажите название мероприятия.',
    remove: 'Удалить',
    removeConfirm: (title: string) =>
      `Удалить мероприятие «${title}» из календаря? Отметки участия тоже будут удалены.`,
    participation: 'Отметить участие',
    participated: 'Приняла участие',
    daysLeft: (n: number) =>
      n === 0
        ? 'срок сегодня'
        : n > 0
          ? `осталось ${n} ${plural(n, days)}`
          : `срок прошёл ${-n} ${plural(-n, days)} назад`,
    attained: 'Цель достигнута',
    notAttained: 'Цель не достигнута',
    overdue: 'Срок прошёл, цель не достигнута',
    yourSchool: (name: string) => `Мероприятия для школы: ${name}`,
    youTookPart: 'Школа отмечена как участник',
    youDidNot: 'Участие не отмечено',
    readOnly: 'Календарь ведут координаторы; здесь — только просмотр.',
    schoolsLabel: 'Школы',
  },
  plan: {
    title: 'План-график региона',
    intro: 'Мероприятия с плановыми цифрами и фактическим выполнением. Отклонения выделены.',
    empty: 'В плане-графике пока нет мероприятий.',
    noRegion: 'План-график ведёт региональный координатор.',
    add: 'Добавить мероприятие',
    number: '№',
    titleField: 'Наименование мероприятия',
    period: 'Период (как в плане)',
    planned: 'Прогнозируемый результат (например, «10» или «100%»)',
    metric: 'Фактический результат считать автоматически',
    metricNone: 'нет, вводится вручную',
    create: 'Добавить в план-график',
    actual: 'Фактический результат',
    saveActual: 'Сохранить',
    remove: 'Удалить',
    removeConfirm: (title: string) => `Удалить мероприятие «${title}» из плана-графика?`,
    computed: (v: string) => `рассчитано: ${v}`,
    computedFrom: (what: string) => `Факт считается: ${what}`,
    computedScope: '(по школам вашего муниципалитета)',
    form: 'Анкета',
    wave: 'Этап мониторинга',
    questionnaireRequired: 'Выберите анкету и этап мониторинга.',
    readOnly: 'Изменять план-график может региональный координатор.',
    invalidNumber: 'Введите число.',
    titleRequired: 'Укажите наименование мероприятия.',
  },
  curators: {
    title: 'Деятельность кураторов',
    intro: 'Посещения и собеседования по каждому куратору и школе, последний контакт.',
    stale: 'Дней без контакта, после которых школа отмечается',
    none: 'Посещений кураторов на устройстве нет.',
    assignmentNote:
      'Закрепление школ за кураторами — из справочника; школа, которую куратор посетил без закрепления, отмечена отдельно.',
    notAssigned: 'не закреплена',
    staleSchools: (n: number) => `Школ без контакта: ${n}`,
  },
  report: {
    title: 'Сводный отчёт по муниципалитету',
    municipality: 'Муниципалитет',
    print: 'Печать',
    generated: (when: string) => `Сформирован ${when}`,
    summary: 'Основные показатели',
    curators: (n: number, visits: number, stale: number, d: number) =>
      `Кураторов: ${n}; проведено посещений: ${visits}; закреплённых школ без контакта ${d} ${plural(d, days)} и дольше: ${stale}`,
  },
  card: {
    back: 'К списку школ',
    unknown: 'Этой школы нет в вашей зоне ответственности.',
    docs: 'Документы школы',
    questionnaires: 'Анкеты',
    risk: 'Рисковый профиль',
    roadmap: 'Дорожная карта',
    visits: 'Посещения кураторов',
    exams: 'Результаты экзаменов',
    tutoring: 'Тьюторское сопровождение',
    calendar: 'Календарь',
    lastActivity: 'Последняя активность',
    noData: 'Нет данных.',
    partnerWith: (name: string) => `Партнёр: ${name}`,
    agreement: (status: string) => `Соглашение: ${status}`,
    events: (done: number, total: number) => `Мероприятий проведено: ${done} из ${total}`,
    measures: (done: number, late: number, total: number) =>
      `Мероприятий: ${total}, выполнено ${done}, просрочено ${late}`,
    indicators: (onTrack: number, total: number) => `Показатели в норме: ${onTrack} из ${total}`,
    visit: (date: string, status: string) => `${date} — ${status}`,
    cohort: (y: number) => `Когорта 500+ ${y} года`,
    track: (tracks: string) => `Треки: ${tracks}`,
    rural: 'сельская',
    urban: 'городская',
    cluster: (c: string) => `Кластер: ${c}`,
  },
  agreementStatus: {
    draft: 'проект',
    signed: 'подписано',
    active: 'действует',
    completed: 'исполнено',
    terminated: 'расторгнуто',
  } as Record<string, string>,
  export: {
    label: (title: string) => `Скачать таблицу «${title}»`,
    csv: 'CSV',
    xlsx: 'XLSX',
    working: 'Готовим файл…',
    failed: 'Не удалось сформировать файл. Попробуйте ещё раз.',
  },
  chart: {
    label: (title: string) => `Диаграмма: ${title}`,
  },
  waveKinds: {
    entry: 'Входной мониторинг',
    mid: 'Промежуточный мониторинг',
    final: 'Итоговый мониторинг',
  },
  error: 'Не удалось открыть документ. Обновите страницу; если не поможет — синхронизируйтесь.',
};
