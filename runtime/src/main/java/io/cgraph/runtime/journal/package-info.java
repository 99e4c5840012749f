/**
 * The journal on Chronicle Queue: {@code JournalReader}, {@code JournalEntry} and the
 * {@code JournalInspector} command line are API; {@code JournalWriter}, {@code JournalFormat} and
 * {@code ValueText} are internal.
 */
package io.cgraph.runtime.journal;
