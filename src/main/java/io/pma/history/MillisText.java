package io.pma.history;

import java.time.LocalDate;

/**
 * Epoch milliseconds as RFC 3339 UTC text with milliseconds ({@code 2026-03-02T10:00:00.000Z}),
 * exactly as {@code Json.formatInstant} writes them, without a formatter per call: a history
 * response writes two per item, hundreds of thousands of times. Keeps the last day's date text;
 * one instance per response, on one thread.
 */
final class MillisText {
  private static final long DAY_MS = 86_400_000L;
  private long day = Long.MIN_VALUE;
  private String datePart;

  String format(long epochMs) {
    long thisDay = Math.floorDiv(epochMs, DAY_MS);
    if (thisDay != day) {
      day = thisDay;
      datePart = LocalDate.ofEpochDay(thisDay).toString();
    }
    int ms = (int) Math.floorMod(epochMs, DAY_MS);
    char[] text = new char[datePart.length() + 14];
    datePart.getChars(0, datePart.length(), text, 0);
    int i = datePart.length();
    text[i++] = 'T';
    i = two(text, i, ms / 3_600_000);
    text[i++] = ':';
    i = two(text, i, ms / 60_000 % 60);
    text[i++] = ':';
    i = two(text, i, ms / 1000 % 60);
    text[i++] = '.';
    int milli = ms % 1000;
    text[i++] = (char) ('0' + milli / 100);
    text[i++] = (char) ('0' + milli / 10 % 10);
    text[i++] = (char) ('0' + milli % 10);
    text[i] = 'Z';
    return new String(text);
  }

  private static int two(char[] text, int at, int value) {
    text[at] = (char) ('0' + value / 10);
    text[at + 1] = (char) ('0' + value % 10);
    return at + 2;
  }
}
