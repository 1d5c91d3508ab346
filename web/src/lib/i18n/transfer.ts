/**
 * Texts of the offline transfer screens («Передать без интернета», «Принять
 * файл»), in Russian. The file's and documents' refusal texts come from
 * shared/src/transfer/messages.ts, so the app says what the library says.
 */
import { TRANSFER_DOC_STATUS, TRANSFER_FORWARD_NOTES } from '@opora/shared/transfer/messages';
import { plural } from './plural';

const docs = { one: 'документ', few: 'документа', many: 'документов', other: 'документа' };
const docCount = (n: number) => `${n} ${plural(n, docs)}`;

/** «12 КБ», «1,4 МБ». */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} Б`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} КБ`;
  return `${(n / 1024 / 1024).toLocaleString('ru', { maximumFractionDigits: 1 })} МБ`;
}

/** The catalogue of the transfer screens. */
export const tt = {
  title: 'Передача без интернета',
  navLink: 'Передать файлом',
  intro:
    'Если связи нет ни у кого, передайте изменения файлом: через USB, Bluetooth или флешку. Получатель примет файл, а при появлении связи его устройство отправит изменения на сервер.',
  export: {
    title: 'Передать без интернета',
    choose: 'Какие документы передать',
    all: (n: number) => `Всё на этом устройстве (${docCount(n)})`,
    school: (name: string, n: number) => `${name} (${docCount(n)})`,
    receiver: 'Для кого',
    anyDevice: 'Для любого устройства: всё целиком',
    onlyNew: (name: string, date: string) =>
      `Только новое для ${name || 'неизвестного отправителя'} (по его файлу от ${date})`,
    receiverHint:
      'Если получатель уже присылал вам файл, можно передать только то, чего у него нет: файл будет меньше.',
    note: 'Записка для получателя (необязательно)',
    noteHint: 'Например: «Школа № 3, посещение 12 марта».',
    prepare: 'Подготовить файл',
    preparing: 'Готовим файл…',
    ready: (n: number, size: string) => `Файл готов: ${docCount(n)}, ${size}.`,
    download: 'Скачать файл',
    share: 'Отправить через…',
    shareHint: 'Откроется меню отправки телефона: Bluetooth, USB, мессенджеры.',
    shared: 'Файл отправлен.',
    noDocs: 'На устройстве пока нет документов: передавать нечего.',
    skipped: (n: number) => `${docCount(n)} нет на устройстве, они не вошли в файл.`,
    failed: 'Не удалось подготовить файл. Проверьте свободное место и попробуйте ещё раз.',
  },
  import: {
    title: 'Принять файл',
    hint: 'Файлы «Опоры» оканчиваются на .opora. Сначала будет показано, что в файле; ничего не изменится, пока вы не нажмёте «Принять».',
    drop: 'Перетащите файл сюда',
    or: 'или',
    choose: 'Выбрать файл',
    reading: 'Проверяем файл…',
    previewTitle: 'Что в файле',
    from: (name: string) => `От кого: ${name || 'неизвестный отправитель'}`,
    when: (date: string) => `Создан: ${date}`,
    note: (text: string) => `Записка: ${text}`,
    docs: (n: number, size: string) => `${docCount(n)}, ${size}`,
    accept: 'Принять',
    cancel: 'Отмена',
    applying: 'Принимаем…',
    resultTitle: 'Что пришло',
    another: 'Принять другой файл',
    fileName: (name: string) => `Файл: ${name}`,
    sharedFile: 'файл из меню «Поделиться»',
    shareLost:
      'Файл из меню «Поделиться» не дошёл до «Опоры». Поделитесь им ещё раз или выберите его здесь.',
    toSync: 'Изменения будут отправлены на сервер при следующей синхронизации.',
    openSync: 'Открыть синхронизацию',
  },
  result: {
    counts: (c: Record<keyof typeof TRANSFER_DOC_STATUS, number>): string => {
      const parts: string[] = [];
      if (c.new > 0) parts.push(`новых: ${c.new}`);
      if (c.updated > 0) parts.push(`обновлено: ${c.updated}`);
      if (c.unchanged > 0) parts.push(`без изменений: ${c.unchanged}`);
      if (c.refused > 0) parts.push(`не принято: ${c.refused}`);
      return parts.length > 0
        ? `Принято из файла — ${parts.join(', ')}.`
        : 'В файле нет документов.';
    },
    status: TRANSFER_DOC_STATUS,
    forward: TRANSFER_FORWARD_NOTES,
  },
  unexpected: (detail: string) => `Не удалось принять файл. Ничего не изменено. (${detail})`,
};
