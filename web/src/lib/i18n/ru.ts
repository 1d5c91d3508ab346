/**
 * Every text of the interface, in Russian. Components import `t` and never
 * hold a phrase of their own; counts go through `plural`, dates through `formatDateTime`.
 */
import { AckCode, type Role } from '@opora/shared';
import type { SyncErrorKind } from '$lib/db/database';
import { plural } from './plural';

const dateTime = new Intl.DateTimeFormat('ru', { dateStyle: 'long', timeStyle: 'short' });

/** «25 ноября 2026 г., 19:30». */
export function formatDateTime(epochMs: number): string {
  return dateTime.format(new Date(epochMs));
}

const count = new Intl.NumberFormat('ru');

const changes = { one: 'изменение', few: 'изменения', many: 'изменений', other: 'изменения' };
const docs = { one: 'документ', few: 'документа', many: 'документов', other: 'документа' };
const fields = { one: 'поле', few: 'поля', many: 'полей', other: 'поля' };
const schools = { one: 'школа', few: 'школы', many: 'школ', other: 'школы' };

const waits = (n: number) =>
  plural(n, { one: 'ожидает', few: 'ожидают', many: 'ожидают', other: 'ожидают' });

/** The catalogue. */
export const t = {
  /** The buttons that move an item of an ordered list (roadmap, tutoring plan). */
  move: {
    up: (what: string) => `Выше: ${what}`,
    down: (what: string) => `Ниже: ${what}`,
    upShort: '↑ Выше',
    downShort: '↓ Ниже',
  },
  app: {
    name: 'Опора',
    skipToContent: 'Перейти к содержанию',
    navLabel: 'Основное меню',
    loading: 'Загрузка…',
    back: 'Назад',
  },
  nav: { home: 'Главная', sync: 'Синхронизация', settings: 'Настройки' },
  /** A person the device cannot name (not in its directory): never their raw id. */
  people: { unknown: 'участник' },
  signIn: {
    title: 'Вход в «Опору»',
    intro: 'Войдите один раз при подключении к интернету — дальше приложение работает и без сети.',
    login: 'Логин',
    password: 'Пароль',
    submit: 'Войти',
    submitting: 'Входим…',
    errors: {
      invalid_credentials: 'Неверный логин или пароль.',
      rate_limited: 'Слишком много попыток входа. Подождите минуту и попробуйте снова.',
      offline:
        'Нет связи с сервером. Для входа нужен интернет; после входа приложение работает без сети.',
      server: 'Сервер не смог выполнить вход. Попробуйте позже.',
    },
  },
  roles: {
    teacher: 'учитель',
    school_coordinator: 'координатор школы',
    curator: 'куратор',
    leader_tutor: 'педагог-тьютор школы-лидера',
    municipal_coordinator: 'муниципальный координатор',
    regional_coordinator: 'региональный координатор',
  } satisfies Record<Role, string>,
  home: {
    title: 'Главная',
    greeting: (name: string) => `Здравствуйте, ${name}`,
    mySchool: 'Моя школа',
    mySchools: 'Мои школы',
    municipality: (name: string) => `Школы муниципалитета: ${name}`,
    region: (name: string) => `Регион: ${name}`,
    schoolsCount: (n: number) => `${n} ${plural(n, schools)}`,
    noDirectory:
      'Список школ ещё не загружен. Он появится после первой синхронизации при подключении к сети.',
    openSchool: 'Открыть документы школы',
    revoked:
      'Вход на этом устройстве больше не действителен. Ваши данные остались на устройстве: сохраните копию в настройках и войдите снова.',
    signInAgain: 'Войти снова',
  },
  school: {
    title: (name: string) => name,
    unknown: 'Школа не найдена в справочнике на этом устройстве.',
    documents: 'Документы',
    flags: { lowResults: 'ШНОР', unfavourableConditions: 'ШНСУ', leader: 'Школа-лидер' },
    plans: {
      title: 'Программы и планы',
      roadmap: (year: number) => `Дорожная карта на ${year} год`,
      partnership: (leader: string, school: string, year: number) =>
        `Тьюторское сопровождение ${year}: ${leader} → ${school}`,
    },
  },
  docState: {
    notStarted: 'не начат',
    filled: (n: number) => `заполнено: ${n} ${plural(n, fields)}`,
    pending: (n: number) => `${n} ${plural(n, changes)} не отправлено`,
    synced: 'отправлен',
    refused: 'сервер отклонил изменения',
    readOnly: 'только чтение',
  },
  // Keyed by string: shared/ adds kinds over time, and an unknown one falls back to its id.
  docKinds: {
    questionnaire: 'Анкета',
    roadmap: 'Дорожная карта',
    visit: 'Посещение куратора',
    tutoring: 'Программа тьюторского сопровождения',
    calendar: 'Календарь',
    plan: 'План-график',
    exams: 'Результаты экзаменов',
    waves: 'Мониторинги анкет: волны и сроки',
  } as Record<string, string>,
  docTitle: {
    roadmap: (year: number) => `Дорожная карта на ${year} год`,
    tutoring: (year: number) => `Программа тьюторского сопровождения на ${year} год`,
    calendar: (year: number) => `Календарь ближайших дел на ${year} год`,
    plan: (year: number) => `План-график на ${year} год`,
    visit: (day: string) => `Посещение куратора ${day}`,
  },
  editor: {
    readOnly: 'Только чтение: у вас нет права менять этот документ.',
    savedLocally: 'Изменения сохраняются на устройстве сразу и отправляются при связи.',
    section: (name: string) => EDITOR_SECTIONS[name] ?? name,
    notFound: 'Такого документа нет.',
    emptyList: 'Нет записей.',
    conflict: 'Другой участник изменил это поле одновременно с вами; показано последнее значение.',
  },
  refusal: {
    title: 'Сервер не принял изменения этого документа',
    reason: (code: AckCode): string => REFUSAL_REASONS[code] ?? 'Причина неизвестна.',
    whatToDo:
      'Изменения остались на этом устройстве. Сохраните копию (Настройки → «Сохранить копию») и обратитесь к координатору. Если права уже выданы — повторите отправку.',
    retry: 'Повторить отправку',
    dismiss: 'Больше не отправлять',
    dismissConfirm:
      'Изменения останутся только на этом устройстве и не попадут на сервер. Продолжить?',
    count: (n: number) => `${n} ${plural(n, changes)}`,
  },
  sync: {
    title: 'Синхронизация',
    online: 'В сети',
    offline: 'Нет сети',
    pending: (n: number) =>
      n === 0 ? 'Все изменения отправлены' : `${n} ${plural(n, changes)} ${waits(n)} отправки`,
    lastSuccess: (when: string) => `Последняя успешная синхронизация: ${when}`,
    never: 'Синхронизаций ещё не было',
    now: 'Синхронизировать',
    running: 'Синхронизация…',
    /** A long sync (a first one): documents received, and the relay's estimate of the total. */
    progress: (received: number, total: number | null) =>
      total === null
        ? `Загрузка данных с сервера. Получено документов: ${count.format(received)}`
        : `Загрузка данных с сервера. Получено документов: ${count.format(received)} из ~${count.format(total)}`,
    nextRetry: (seconds: number) => `Следующая попытка через ${seconds} с`,
    refusedTitle: 'Отклонённые изменения',
    refusedNone: 'Отклонённых изменений нет.',
    openDoc: 'Открыть документ',
    errors: {
      offline:
        'Сервер недоступен. Изменения сохранены на устройстве и уйдут, как только появится связь.',
      unauthorized:
        'Вход больше не действителен (устройство отключено или пароль сменён). Изменения остались на устройстве: сохраните копию в настройках и войдите снова.',
      rate_limited: 'Сервер просит подождать. Повторим автоматически.',
      server: 'Сервер ответил ошибкой. Повторим попытку автоматически.',
      protocol: 'Сервер ответил непонятно. Обновите приложение, когда будет предложено.',
      storage: 'Не удалось записать данные на устройство. Проверьте свободное место.',
    } satisfies Record<SyncErrorKind, string>,
  },
  settings: {
    title: 'Настройки',
    account: 'Учётная запись',
    signedInAs: (name: string, login: string) => `Вы вошли как ${name} (${login})`,
    backupTitle: 'Резервная копия',
    backupHint:
      'Копия содержит все документы на устройстве и неотправленные изменения. Её можно загрузить на другом устройстве или передать куратору.',
    export: 'Сохранить копию',
    exported: (n: number) => `Копия сохранена: ${n} ${plural(n, docs)}.`,
    import: 'Загрузить копию из файла',
    imported: (n: number) => `Загружено из копии: ${n} ${plural(n, docs)} с новыми данными.`,
    importError: 'Этот файл не является копией «Опоры» или повреждён.',
    storageTitle: 'Хранилище на устройстве',
    persistGranted: 'Хранилище постоянное: браузер не удалит данные сам.',
    persistDenied:
      'Браузер не разрешил постоянное хранилище: при нехватке места он может удалить данные. Чаще синхронизируйтесь и сохраняйте копию.',
    persistUnsupported: 'Браузер не сообщает, постоянное ли хранилище. Чаще сохраняйте копию.',
    persistAsk: 'Запросить постоянное хранилище',
    usage: (mb: string) => `Занято на устройстве: ${mb} МБ`,
    signOut: 'Выйти',
    signOutConfirm: (n: number) =>
      `На устройстве ${n} ${plural(n, changes)} не отправлено. После выхода они будут удалены с устройства. Сначала сохраните копию. Всё равно выйти?`,
    signOutHint: 'При выходе все данные удаляются с этого устройства.',
  },
  update: {
    available: 'Доступна новая версия — обновить',
    apply: 'Обновить',
    later: 'Позже',
    offlineReady: 'Приложение готово к работе без сети.',
    close: 'Закрыть',
  },
  storage: {
    denied:
      'Браузер не разрешил постоянное хранилище. Данные на устройстве могут быть удалены при нехватке места.',
    more: 'Подробнее',
  },
};

const REFUSAL_REASONS: Partial<Record<AckCode, string>> = {
  [AckCode.badDocumentId]: 'Документ с таким адресом не может существовать.',
  [AckCode.forbidden]: 'У вас нет права менять этот документ.',
  [AckCode.malformedUpdate]: 'Изменение повреждено.',
  [AckCode.missingDependencies]:
    'Серверу не хватает более ранних изменений этого документа. Повторите отправку после синхронизации.',
  [AckCode.invalidShape]:
    'Изменение нарушает структуру документа или содержит ответ, который не подходит к вопросу анкеты.',
  [AckCode.tooLarge]: 'Изменение слишком большое.',
  [AckCode.unknownDocument]: 'Школа или партнёрство этого документа не найдены на сервере.',
  [AckCode.duplicateDocument]: 'Документ пришёл дважды в одном запросе.',
};

/** Map roots the generic editor shows (kinds without their own editor: calendar, plan). */
const EDITOR_SECTIONS: Record<string, string> = {
  examAverages: 'Средние баллы по региону',
};
