/**
 * The transfer file's name, type and size limit, apart from the format code so
 * the service worker (which receives shared files) can use them without Yjs.
 */

/** Largest file accepted, checked against the file's size before it is read. */
export const MAX_TRANSFER_FILE_BYTES = 100 * 1024 * 1024;

/** MIME type and extension of a transfer file. */
export const TRANSFER_MIME_TYPE = 'application/vnd.opora.transfer';
export const TRANSFER_FILE_EXTENSION = '.opora';
