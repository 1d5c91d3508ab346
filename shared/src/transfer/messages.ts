/**
 * Russian texts of the offline transfer, for people: one place, so the screens
 * («Передать без интернета», «Принять файл») show them as they are.
 */

/** Why a whole file was refused; nothing on the device changed. */
export const TRANSFER_FILE_ERRORS = {
  tooLarge: 'Файл слишком большой: принимаются файлы до 100 МБ.',
  empty: 'Файл пустой.',
  unreadable: 'Файл не удалось прочитать. Попробуйте выбрать его ещё раз.',
  notTransferFile: 'Это не файл передачи «Опоры».',
  unsupportedVersion:
    'Файл создан другой версией «Опоры». Обновите приложение на обоих устройствах и передайте файл заново.',
  truncated: 'Файл передан не полностью (оборван). Передайте его ещё раз.',
  corrupted: 'Файл повреждён: контрольная сумма не совпадает. Передайте его ещё раз.',
  malformed: 'Файл повреждён или подделан: его содержимое не совпадает с описанием.',
} as const;

/** Why one document of a file was not taken; the other documents were. */
export const TRANSFER_DOC_REFUSALS = {
  badDocumentId: 'Неизвестный документ: такого документа в «Опоре» быть не может.',
  forbidden: 'У вас нет доступа к этому документу, он не принят.',
  malformedUpdate: 'Изменения документа повреждены, документ не принят.',
  missingDependencies:
    'Файл подготовлен для более полной копии документа, чем на этом устройстве. Попросите передать полный файл.',
  invalidShape: 'Изменения нарушают устройство документа, документ не принят.',
} as const;

/** How each received document is described in the import summary. */
export const TRANSFER_DOC_STATUS = {
  new: 'новый',
  updated: 'обновлён',
  unchanged: 'без изменений',
  refused: 'не принят',
} as const;

/** Notes on whether received changes will go on to the server. */
export const TRANSFER_FORWARD_NOTES = {
  queued: 'Будет отправлено на сервер при следующей синхронизации.',
  relayDecides:
    'Будет отправлено на сервер, но у вас нет права менять этот документ: сервер, скорее всего, не примет изменения. Они останутся на этом устройстве, а автор отправит их сам, когда появится связь.',
  readOnly:
    'Сохранено на устройстве. Отправить на сервер вы не можете: это сделает автор изменений.',
  none: '',
} as const;
