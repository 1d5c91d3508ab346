/**
 * Texts of the questionnaire screens (the renderer, the school's list of
 * questionnaires, the risk profile). Wording of the forms themselves, the
 * engine's issue messages and the status/level/wave labels come from
 * `@opora/shared` (questionnaires/messages.ts and the form definitions).
 */
import {
  CONFLICT_TITLE,
  RISK_LEVEL_LABELS,
  STATUS_ACTION_LABELS,
  STATUS_LABELS,
  YES_NO_LABELS,
} from '@opora/shared';
import { plural } from './plural';

const questions = { one: 'вопрос', few: 'вопроса', many: 'вопросов', other: 'вопроса' };
const answers = { one: 'ответ', few: 'ответа', many: 'ответов', other: 'ответа' };
const conflicts = {
  one: 'вопрос с двумя ответами',
  few: 'вопроса с двумя ответами',
  many: 'вопросов с двумя ответами',
  other: 'вопроса с двумя ответами',
};
const rows = { one: 'строка', few: 'строки', many: 'строк', other: 'строки' };
const formsWord = { one: 'анкета', few: 'анкеты', many: 'анкет', other: 'анкеты' };
/** `2035-03-15` → «15 марта 2035 г.» */
function dateRu(iso: string): string {
  const d = new Date(`${iso}T00:00:00`);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

const day = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', year: 'numeric' });
const dayTime = new Intl.DateTimeFormat('ru', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/** «5 марта 2026 г.» from `YYYY-MM-DD`. */
export function formatDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00`);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

/** «5 марта, 14:30» from epoch ms. */
export function formatWhen(epochMs: number): string {
  return dayTime.format(new Date(epochMs));
}

/** The catalogue of the questionnaire screens. */
export const tq = {
  form: {
    label: 'Анкета',
    savedLocally: 'Ответы сохраняются на устройстве сразу и отправляются при связи.',
    readOnly: 'Только чтение: у вас нет права заполнять эту анкету.',
    required: 'обязательный вопрос',
    requiredMark: '*',
    requiredLegend: 'Звёздочкой (*) отмечены обязательные вопросы.',
    clear: 'Очистить ответ',
    clearConfirm: 'Удалить ответ на этот вопрос?',
    notANumber: 'Введите число, например 12 или 3,5',
    unit: (unit: string) => `единица: ${unit}`,
    range: (min: number | undefined, max: number | undefined) =>
      min !== undefined && max !== undefined
        ? `от ${min} до ${max}`
        : min !== undefined
          ? `не меньше ${min}`
          : max !== undefined
            ? `не больше ${max}`
            : '',
    maxLength: (n: number) => `не более ${n} символов`,
    typed: (n: number, max: number) => `${n} из ${max} символов`,
    longTextHint: 'Несколько человек могут писать здесь одновременно: тексты объединяются.',
    yesNo: YES_NO_LABELS,
    scaleEnds: (min: string, max: string) => `${min} — ${max}`,
    notFound:
      'Анкета не найдена: такой формы или волны мониторинга нет в этой версии приложения. Документ открыт только для чтения; обновите приложение или выберите анкету в списке школы.',
    unknownForm:
      'Эта анкета не описана в текущей версии приложения. Обновите приложение, когда будет предложено.',
    invalidEntries: (n: number) =>
      `${n} ${plural(n, answers)} не подходят к этой анкете (от старой или чужой версии приложения). Они сохранены, но не учитываются.`,
    invalidAnswer: (shown: string) =>
      `Ответ не подходит к вопросу: ${shown} (записан старой или чужой версией приложения). Он сохранён, но не учитывается — ответьте заново.`,
    newerEntries: (n: number) =>
      `${n} ${plural(n, answers)} записаны более новой версией анкеты. Обновите приложение, чтобы их увидеть.`,
    computedTitle: 'Расчётные показатели',
    computedEmpty: 'нет данных',
  },
  sections: {
    nav: 'Разделы анкеты',
    choose: 'Раздел',
    position: (i: number, n: number) => `Раздел ${i} из ${n}`,
    prev: '← Предыдущий раздел',
    next: 'Следующий раздел →',
    done: (answered: number, total: number) => `${answered} из ${total}`,
  },
  progress: {
    label: 'Заполнено',
    percent: (p: number) => `${p} %`,
    answered: (a: number, total: number) => `Отвечено ${a} из ${total} ${plural(total, questions)}`,
    requiredLeft: (n: number) =>
      n === 0
        ? 'Все обязательные вопросы отвечены'
        : `Без ответа ${n} ${plural(n, { one: 'обязательный вопрос', few: 'обязательных вопроса', many: 'обязательных вопросов', other: 'обязательного вопроса' })}`,
    jump: 'К следующему вопросу без ответа',
    jumpDone: 'Все обязательные вопросы отвечены.',
    conflicts: (n: number) => `${n} ${plural(n, conflicts)}`,
    toConflict: 'Показать',
  },
  conflict: {
    title: CONFLICT_TITLE,
    intro: 'Двое ответили на этот вопрос по-разному. Выберите ответ, который нужно оставить.',
    by: (who: string, when: string) => `${who}, ${when}`,
    pick: 'Оставить этот ответ',
    pickLabel: (value: string) => `Оставить ответ «${value}»`,
    empty: '(пусто)',
  },
  table: {
    add: 'Добавить строку',
    remove: 'Удалить строку',
    removeConfirm: 'Удалить эту строку со всеми её ответами?',
    row: (n: number) => `Строка ${n}`,
    rows: (n: number) => `${n} ${plural(n, rows)}`,
    empty: 'Строк пока нет.',
  },
  status: {
    title: 'Статус анкеты',
    labels: STATUS_LABELS,
    actions: STATUS_ACTION_LABELS,
    setBy: (status: string, who: string, when: string) => `${status} · ${who}, ${when}`,
    submitMissing: (n: number) =>
      `Без ответа ${n} ${plural(n, { one: 'обязательный вопрос', few: 'обязательных вопроса', many: 'обязательных вопросов', other: 'обязательного вопроса' })}. Всё равно отправить на проверку?`,
    returnComment: 'Что нужно исправить',
    returnCommentHint: 'Комментарий увидят все, кто заполняет анкету.',
    returnNeedsComment: 'Напишите, что нужно исправить.',
    returnConfirm: 'Вернуть',
    cancel: 'Отмена',
    history: 'История проверки',
    historyEmpty: 'Анкету ещё не отправляли на проверку.',
    historyItem: (status: string, who: string, when: string) => `${status} — ${who}, ${when}`,
    done: (status: string) => `Статус изменён: ${status}.`,
  },
  school: {
    title: 'Анкеты мониторинга',
    intro: (year: number) => `Анкеты ${year} года по волнам мониторинга.`,
    wave: 'Волна',
    open: 'Открыть',
    start: 'Начать',
    view: 'Посмотреть',
    openLabel: (form: string, wave: string) => `${form}, ${wave}`,
    notStarted: 'не начата',
    started: (n: number, total: number) => `начато ${n} из ${total}`,
    percent: (p: number) => `заполнено ${p} %`,
    conflicts: (n: number) => `${n} ${plural(n, conflicts)}`,
    riskLink: 'Рисковый профиль школы',
    period: (from: string, to: string) => `Срок: с ${dateRu(from)} по ${dateRu(to)}`,
    phase: { upcoming: 'ещё не началась', open: 'идёт', closed: 'завершена' } as Record<
      'upcoming' | 'open' | 'closed',
      string
    >,
  },
  waves: {
    link: 'Волны мониторинга: открыть волну, сроки',
    intro:
      'Волна мониторинга — период, в который школы заполняют анкеты (входной, промежуточный, итоговый мониторинг). Школы видят открытую волну и её срок в списке анкет.',
    listTitle: 'Волны',
    none: 'Волны ещё не открывались.',
    newTitle: 'Открыть волну',
    editTitle: (label: string) => `Изменить: ${label}`,
    year: 'Год',
    kind: 'Волна',
    opensOn: 'Начало',
    closesOn: 'Срок (последний день)',
    forms: 'Анкеты волны',
    open: 'Открыть волну',
    save: 'Сохранить изменения',
    cancel: 'Отмена',
    edit: 'Изменить период',
    closeToday: 'Завершить сегодня',
    closeConfirm: (label: string) =>
      `Завершить «${label}» сегодня? Школы увидят, что срок истёк; ответы, данные позже, сохранятся и будут отмечены как поздние.`,
    closeYes: 'Да, завершить',
    saved: 'Сохранено. Школы получат изменения при синхронизации.',
    readOnly: 'Волны открывает региональный координатор; здесь их можно только посмотреть.',
    conflict: (others: string) =>
      `Два разных периода, заданных одновременно: также ${others}. Сохраните нужный — он заменит оба.`,
    formsCount: (n: number) => `${n} ${plural(n, formsWord)}`,
    errors: {
      year: 'Укажите год четырьмя цифрами (например, 2026).',
      dates: 'Укажите даты начала и окончания волны.',
      order: 'Волна не может закончиться раньше, чем начнётся.',
      forms: 'Выберите хотя бы одну анкету.',
      notStarted: 'Волна ещё не началась: измените её период.',
    },
  },
  risk: {
    title: 'Рисковый профиль школы',
    intro:
      'Уровень каждого фактора риска рассчитан по ответам анкеты «Диагностика факторов риска». Под фактором — ответы, которые определили уровень.',
    wave: 'Волна мониторинга',
    noDoc: 'Анкета «Диагностика факторов риска» этой волны ещё не заполнялась на этом устройстве.',
    fill: 'Заполнить анкету',
    openForm: 'Открыть анкету',
    levels: RISK_LEVEL_LABELS,
    level: (label: string) => `Уровень риска: ${label}`,
    notApplies: 'Фактор не относится к школе (нет обучающихся с ОВЗ).',
    drivers: 'Ответы, определившие уровень',
    noDrivers: 'Ни один ответ не указывает на риск.',
    points: (p: number, max: number) => `${p} из ${max} баллов риска`,
    coverage: (p: number) => `Отвечено ${p} % вопросов фактора`,
    select: 'Программа работает с этим фактором',
    selected: 'Программа работает с этим фактором',
    selectedBy: (who: string, when: string) => `Отметил(а) ${who}, ${when}`,
    selectedCount: (n: number, total: number) => `Программа работает с ${n} из ${total} факторов.`,
    unknownSchool: 'Школа не найдена в справочнике на этом устройстве.',
  },
};

/** Русская метка ответа «да/нет». */
export function yesNoLabel(v: boolean): string {
  return v ? YES_NO_LABELS.yes : YES_NO_LABELS.no;
}
